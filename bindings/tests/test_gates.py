"""bench/gates.py: the regression gate `make test` runs (the small gate scenario's instruction
counts under callgrind and its KPIs against the committed bench/baselines/gates.json), what a
moved KPI prints, and the comparison rules on made-up figures."""
import json
import pathlib
import shutil
import subprocess
import sys

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "bench"))

import gates  # noqa: E402

BASELINE = REPO / "bench" / "baselines" / "gates.json"


def run_gates(arteria_cli, tmp_path, *args):
    return subprocess.run([sys.executable, str(REPO / "bench" / "gates.py"), "--arteria",
                           str(arteria_cli), "--out", str(tmp_path / "gates.json"), *args],
                          capture_output=True, text=True, timeout=900)


def test_quick_gates_hold_against_the_committed_baseline(arteria_cli, tmp_path):
    # A failure here means the change moved a KPI or grew an instruction count: the message
    # names the command that updates bench/baselines/gates.json (commit it with the change).
    if shutil.which("valgrind") is None:
        pytest.fail("valgrind is not installed (Debian package valgrind; `make deps`)")
    proc = run_gates(arteria_cli, tmp_path, "--gates", "quick")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    report = json.loads((tmp_path / "gates.json").read_text())
    assert list(report["gates"]) == gates.GATE_SETS["quick"]
    assert report["failures"] == [] and report["failed_runs"] == []


def test_a_moved_kpi_fails_naming_old_new_and_the_update_command(arteria_cli, tmp_path):
    baseline = json.loads(BASELINE.read_text())
    kpi = baseline["gates"]["gate-small"]["kpi"]
    real = kpi["mean_delay_s"]
    kpi["mean_delay_s"] = 1.5
    doctored = tmp_path / "baseline.json"
    doctored.write_text(json.dumps(baseline))
    proc = run_gates(arteria_cli, tmp_path, "--gates", "gate-small", "--no-callgrind",
                     "--baseline", str(doctored))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert f"gate-small: /kpi mean_delay_s: 1.5 -> {real!r}" in proc.stderr
    assert "/usr/bin/python3 bench/gates.py --update --gates gate-small" in proc.stderr

    proc = run_gates(arteria_cli, tmp_path, "--gates", "gate-small", "--no-callgrind",
                     "--baseline", str(doctored), "--update")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    updated = json.loads(doctored.read_text())["gates"]["gate-small"]
    assert updated["kpi"]["mean_delay_s"] == real
    # A KPI-only update keeps the instruction counts it did not measure.
    assert updated["instructions"] == baseline["gates"]["gate-small"]["instructions"]


TOOLCHAIN = {"compiler": "g++ 12", "build_type": "Release", "cxx_flags": "-O3",
             "libraries": ["libtbb.so.12.8"], "libc": "glibc 2.36", "valgrind": "valgrind-3.19.0"}
COUNTS = {"load": 1000, "routing": 2000, "simulation": 10000, "output": 3000, "other": 500,
          "total": 16500}


def made_up(kpi=None, **counts):
    return {"kpi": kpi or {"vehicles_arrived": 10, "mean_delay_s": 3.25},
            "scenario_sha256": "abc", "instructions": dict(COUNTS, **counts),
            "toolchain": TOOLCHAIN}


def test_counts_may_grow_within_the_tolerance_but_not_beyond():
    ok = gates.compare_gate("g", made_up(simulation=10040, total=16540), made_up(), TOOLCHAIN,
                            0.005)
    assert ok["failures"] == [] and ok["notes"] == []
    bad = gates.compare_gate("g", made_up(simulation=10100, total=16600), made_up(), TOOLCHAIN,
                             0.005)
    assert bad["failures"] == [
        "g: simulation instructions 10,000 -> 10,100 (+1.00%, tolerance +0.50%)",
        "g: total instructions 16,500 -> 16,600 (+0.61%, tolerance +0.50%)"]
    statuses = {r["phase"]: r["status"] for r in bad["rows"]}
    assert statuses == {"load": "ok", "routing": "ok", "simulation": "grew", "output": "ok",
                        "total": "grew", "other": "-"}


def test_a_gain_beyond_the_tolerance_is_reported_but_passes():
    check = gates.compare_gate("g", made_up(routing=1900, total=16400), made_up(), TOOLCHAIN,
                               0.005)
    assert check["failures"] == []
    assert check["notes"] == [
        "g: routing instructions 2,000 -> 1,900 (-5.00%): a gain beyond the tolerance; update "
        "the baseline to lock it in",
        "g: total instructions 16,500 -> 16,400 (-0.61%): a gain beyond the tolerance; update "
        "the baseline to lock it in"]


def test_start_up_and_exit_are_shown_but_not_gated():
    check = gates.compare_gate("g", made_up(other=1000), made_up(), TOOLCHAIN, 0.005)
    assert check["failures"] == []
    assert [r for r in check["rows"] if r["phase"] == "other"][0]["change"] == 1.0


def test_any_kpi_move_fails_and_names_old_and_new():
    moved = made_up(kpi={"vehicles_arrived": 10, "mean_delay_s": 3.2500000000000004,
                         "reroutes": 1})
    check = gates.compare_gate("g", moved, made_up(), TOOLCHAIN, 0.005)
    assert check["failures"] == ["g: /kpi mean_delay_s: 3.25 -> 3.2500000000000004",
                                 "g: /kpi reroutes: '(absent)' -> 1"]
    assert check["notes"] == []  # same scenario fingerprint: the engine moved


def test_counts_from_another_toolchain_are_not_compared_but_kpis_are():
    other = dict(TOOLCHAIN, compiler="clang 16", libraries=["libtbb.so.12.9"])
    moved = made_up(kpi={"vehicles_arrived": 9, "mean_delay_s": 3.25}, simulation=20000)
    check = gates.compare_gate("g", moved, made_up(), other, 0.005)
    assert check["failures"] == ["g: /kpi vehicles_arrived: 10 -> 9"]
    assert check["rows"] == []
    assert check["notes"] == [
        "g: instruction counts not compared: the baseline was made with another toolchain "
        "(compiler 'g++ 12' -> 'clang 16'; libraries libtbb.so.12.8 -> libtbb.so.12.9)",
        "g: the KPIs above may differ because of the toolchain"]


def test_a_gate_without_baseline_fails():
    assert gates.compare_gate("new", made_up(), None, TOOLCHAIN, 0.005)["failures"] == [
        "new: no baseline for this gate"]


ANNOTATED = """--------------------------------------------------------------------------------
900 (100.0%)  PROGRAM TOTALS
--------------------------------------------------------------------------------
880 (97.78%)  ???:main [/x/bin/arteria]
500 (55.56%)  ???:arteria::Simulation::step() [/x/bin/arteria]
499 (55.44%)  ???:arteria::Simulation::step()::{lambda()#1}::operator()() const [/x/bin/arteria]
200 (22.22%)  ???:arteria::Simulation::Simulation(std::shared_ptr<arteria::Scenario const>, int) [/x/bin/arteria]
100 (11.11%)  ???:arteria::RunWriter::Worker::run() [/x/bin/arteria]
 50 ( 5.56%)  ???:arteria::load_scenario(std::string const&) [/x/bin/arteria]
 40 ( 4.44%)  ./elf/./elf/rtld.c:_dl_start [/usr/lib/ld-linux-x86-64.so.2]
"""


def test_phases_are_the_inclusive_counts_of_their_functions():
    counts = gates.phase_counts(ANNOTATED, pathlib.Path("/x/bin/arteria"))
    assert counts == {"load": 50, "routing": 200, "simulation": 500, "output": 100,
                      "other": 50, "total": 900}
    with pytest.raises(gates.GateError, match="output .arteria::RunWriter::Worker::run."):
        gates.phase_counts(ANNOTATED.replace("Worker::run", "Worker::loop"),
                           pathlib.Path("/x/bin/arteria"))


def test_baseline_covers_every_gate_of_the_full_set():
    baseline = json.loads(BASELINE.read_text())["gates"]
    for name in gates.GATE_SETS["full"]:
        assert name in baseline, f"{name}: no baseline; run bench/gates.py --update --gates {name}"
        assert ("instructions" in baseline[name]) == gates.GATE_BY_NAME[name].callgrind
