# The two commands a newcomer needs: `make run` and `make test`. Each installs the Debian
# packages it needs when missing, configures and builds, then runs the default city / every test.
# chromium and python3-websocket are for the test of `arteria view`'s page in a real browser.

BUILD ?= build
JOBS ?= $(shell nproc)
PYTHON ?= /usr/bin/python3
DEB_PACKAGES = cmake g++ make pkg-config libhdf5-dev libtbb-dev libeigen3-dev pybind11-dev \
  catch2 python3-dev python3-numpy python3-h5py python3-pandas python3-matplotlib \
  python3-pytest python3-pytest-xdist libcli11-dev libtomlplusplus-dev nlohmann-json3-dev libpugixml-dev \
  libexpat1-dev libosmium2-dev libprotozero-dev zlib1g-dev libbz2-dev libzip-dev libfmt-dev \
  libcurl4-openssl-dev \
  clang-format valgrind \
  chromium python3-websocket

# The fuzz targets' compiler and libFuzzer runtime (libclang_rt.fuzzer-x86_64.a is in
# libclang-rt-14-dev); not needed by `make test`.
FUZZ_DEB_PACKAGES = clang libclang-rt-14-dev
FUZZ_SECONDS ?= 1800

.PHONY: run test test-asan test-tsan test-compilers deps deps-tsan clang-deps build clean format install \
  install-python bench-peers bench-gates bench-gates-update fuzz-deps fuzz-build fuzz-smoke fuzz

run: build
	$(BUILD)/bin/arteria run --out $(BUILD)/default-city.h5

# The Python tests run JOBS at a time (pytest-xdist): most of them wait on a run of the command
# or the module, so two at a time took 2 min 38 s against 5 min 3 s one by one.
test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)
	PYTHONPATH=$(abspath $(BUILD))/python ARTERIA_CLI=$(abspath $(BUILD))/bin/arteria $(PYTHON) -m pytest -q -n $(JOBS) bindings/tests

# Every test again under the address and undefined-behaviour sanitizers (the `debug` preset,
# build-debug/: -O0, any UB report fails). Slow (build ~8 min, C++ tests ~3 min, Python tests
# ~6 min on 2 cores), so not part of `make test`. The Python tests load the sanitized module
# into an unsanitized interpreter: the ASan runtime and libstdc++ are preloaded (without the
# latter ASan cannot intercept C++ throws), leak checks are off (the interpreter's own
# allocations would be reported), and the install test is left out (debug info names the
# checkout by design).
ASAN_PRELOAD = $(shell $(CXX) -print-file-name=libasan.so) $(shell $(CXX) -print-file-name=libstdc++.so)
test-asan: deps
	cmake --preset debug -DPython_EXECUTABLE=$(PYTHON) > /dev/null
	cmake --build --preset debug -j $(JOBS)
	ctest --preset debug -j $(JOBS)
	LD_PRELOAD="$(ASAN_PRELOAD)" ASAN_OPTIONS=detect_leaks=0 \
	  PYTHONPATH=$(abspath build-debug)/python ARTERIA_CLI=$(abspath build-debug)/bin/arteria \
	  $(PYTHON) -m pytest -q bindings/tests \
	  --deselect bindings/tests/test_install.py::test_installed_files_never_name_the_checkout

# Every test again under ThreadSanitizer (the `tsan` preset, build-tsan/: -O2 -g). Debian's
# libtbb is not instrumented, so TSan would take every join between two parallel phases for a
# race: the preset links an instrumented oneTBB, built once from Debian's own source package
# into build-tsan/onetbb (tests/sanitizers/build_onetbb_tsan.sh; a second run reuses it). Any
# report fails the test (TSan's exit code 66). The Python tests run as under test-asan, with
# the TSan runtime preloaded into the interpreter, and the instrumented oneTBB on the library
# path: an installed copy of the command (test_install.py) has no RPATH to build-tsan/onetbb and
# would load Debian's uninstrumented libtbb, whose joins TSan reports as races.
TSAN_PRELOAD = $(shell $(CXX) -print-file-name=libtsan.so) $(shell $(CXX) -print-file-name=libstdc++.so)
test-tsan: deps-tsan
	JOBS=$(JOBS) tests/sanitizers/build_onetbb_tsan.sh $(abspath build-tsan)/onetbb
	cmake --preset tsan -DPython_EXECUTABLE=$(PYTHON) > /dev/null
	cmake --build --preset tsan -j $(JOBS)
	ctest --preset tsan -j $(JOBS)
	LD_PRELOAD="$(TSAN_PRELOAD)" LD_LIBRARY_PATH=$(abspath build-tsan)/onetbb/lib \
	  PYTHONPATH=$(abspath build-tsan)/python ARTERIA_CLI=$(abspath build-tsan)/bin/arteria \
	  $(PYTHON) -m pytest -q bindings/tests \
	  --deselect bindings/tests/test_install.py::test_installed_files_never_name_the_checkout

# Same results from any compiler: the GCC (build/) and Clang (build-clang/, the `clang` preset)
# release builds run the default city and Cairns at 1 and 2 threads, and every file must match
# bit for bit (tests/system/same_results_across_builds.sh). Installs clang when missing.
# Only the command and the judge are built with Clang: the comparison needs nothing else (the
# tests run with GCC in `make test`; `cmake --build --preset clang` builds them with Clang too).
# COMPARE_BUILDS adds built trees to the comparison, e.g. COMPARE_BUILDS="build-debug build-tsan".
COMPARE_BUILDS ?=
test-compilers: build clang-deps
	cmake --preset clang -DPython_EXECUTABLE=$(PYTHON) > /dev/null
	cmake --build --preset clang -j $(JOBS) --target arteria arteria_h5_compare
	tests/system/same_results_across_builds.sh $(BUILD) build-clang $(COMPARE_BUILDS)

clang-deps: deps
	$(call install_missing,clang)

# Installs the Debian packages of its argument that are missing (sudo when not root).
define install_missing
	@missing=$$(for p in $(1); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; \
	done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages: $$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi
endef

deps:
	$(call install_missing,$(DEB_PACKAGES))

# What tests/sanitizers/build_onetbb_tsan.sh needs to fetch and unpack Debian's oneTBB source.
TSAN_PACKAGES = curl ca-certificates dpkg-dev xz-utils
deps-tsan: deps
	$(call install_missing,$(TSAN_PACKAGES))

fuzz-deps: deps
	$(call install_missing,$(FUZZ_DEB_PACKAGES))

# libFuzzer targets of every input reader (tests/fuzz, the `fuzz` preset: clang, ASan + UBSan,
# build-fuzz/), their seeds made from ../shared/data and the repository (make_corpus.py), then
# each target in turn: fuzz-smoke 15 s each (fails on any finding in Arteria's code), fuzz
# FUZZ_SECONDS each, for long runs. Report: build-fuzz/fuzz-smoke.txt / fuzz-report.txt (and
# .json); findings in build-fuzz/findings/ (docs/TESTING.md, Fuzzing).
fuzz-build: fuzz-deps
	cmake --preset fuzz > /dev/null
	cmake --build --preset fuzz -j $(JOBS)
	$(PYTHON) tests/fuzz/make_corpus.py --build build-fuzz

fuzz-smoke: fuzz-build
	$(PYTHON) tests/fuzz/run_fuzz.py --build build-fuzz --seconds 15 --jobs $(JOBS) --report build-fuzz/fuzz-smoke.txt

fuzz: fuzz-build
	$(PYTHON) tests/fuzz/run_fuzz.py --build build-fuzz --seconds $(FUZZ_SECONDS) --jobs $(JOBS) \
	  --report build-fuzz/fuzz-report.txt

build: deps
	cmake --preset release -DPython_EXECUTABLE=$(PYTHON) > /dev/null
	cmake --build --preset release -j $(JOBS)

# Arteria beside SUMO micro and meso (installed from Debian when missing) on SUMO's benchmark
# grids, Bologna and Ingolstadt, timed alternately: table, JSON and PNG in bench/results/peers/.
# Options through PEERS_ARGS, e.g. make bench-peers PEERS_ARGS="--quick" (bench/README.md).
PEERS_ARGS ?=
bench-peers: build
	$(PYTHON) bench/peers.py --arteria $(BUILD)/bin/arteria $(PEERS_ARGS)

# Regression gates (bench/gates.py): instruction counts under callgrind and KPIs of the benchmark
# scenarios against bench/baselines/gates.json. `make test` runs the quick set (one small
# scenario); this runs the full set (about 3 min). When a change moves a figure on purpose,
# `make bench-gates-update` and commit the baseline with the change. Options through GATES_ARGS,
# e.g. make bench-gates GATES_ARGS="--gates all" (bench/README.md, "Regression gates").
GATES_ARGS ?=
bench-gates: build
	$(PYTHON) bench/gates.py --gates full --arteria $(BUILD)/bin/arteria $(GATES_ARGS)

bench-gates-update: build
	$(PYTHON) bench/gates.py --gates full --arteria $(BUILD)/bin/arteria --update $(GATES_ARGS)

# Installs the `arteria` command, the Python package and the built-in scenarios under PREFIX
# (bin/, lib/python3.X/dist-packages/, share/arteria/). With the default prefix, Debian's
# /usr/bin/python3 finds the package by itself; with another, put its dist-packages folder on
# PYTHONPATH. Nothing installed refers back to this checkout.
PREFIX ?= /usr/local
install: build
	cmake --install $(BUILD) --prefix $(PREFIX)

# The Python package (with the command and the scenarios it uses) where /usr/bin/python3 finds it.
install-python: install

format:
	clang-format -i $$(git ls-files '*.cpp' '*.hpp')

clean:
	rm -rf $(BUILD)
