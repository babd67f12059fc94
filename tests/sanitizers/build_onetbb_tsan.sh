#!/bin/sh
# Builds Debian's own oneTBB (source package onetbb, the version libtbb-dev has in bookworm) with
# -fsanitize=thread and installs it into PREFIX, for the `tsan` preset (`make test-tsan`).
# Why: Debian's libtbb is not instrumented, so ThreadSanitizer cannot see the synchronisation
# inside TBB and reports every join between two parallel phases as a race.
#
# Nothing is installed on the machine and no apt source is added: the .dsc is fetched from the
# Debian pool and checked against the SHA-256 pinned below, its tarballs are checked against the
# .dsc's own checksums, and dpkg-source (dpkg-dev) unpacks them and applies Debian's patches.
# A second run finds PREFIX/.built-<version> and does nothing.
set -eu

prefix=${1:?usage: build_onetbb_tsan.sh PREFIX}
version=2021.8.0-2+deb12u1
dsc_sha256=f01de0ed79cb49b48beb2cdb6e1b3c5f625ca65f07d7959bebfbbd89a2e941ad
pool=${DEBIAN_POOL:-http://deb.debian.org/debian/pool/main/o/onetbb}
jobs=${JOBS:-$(nproc)}

stamp="$prefix/.built-$version"
if [ -f "$stamp" ]; then
  echo "instrumented oneTBB $version: $prefix (cached)"
  exit 0
fi
for tool in curl dpkg-source sha256sum cmake; do
  command -v $tool > /dev/null || { echo "build_onetbb_tsan.sh needs $tool" >&2; exit 1; }
done

work="$prefix-src"
rm -rf "$work" "$prefix"
mkdir -p "$work"
cd "$work"

fetch() {  # the pool URL spells '+' as %2B
  curl -fsSL --retry 3 -o "$1" "$pool/$(printf %s "$1" | sed 's/+/%2B/g')"
}
dsc="onetbb_$version.dsc"
fetch "$dsc"
echo "$dsc_sha256  $dsc" | sha256sum -c --quiet - || {
  echo "$dsc does not have the pinned SHA-256: a changed upload; check it and update the pin" >&2
  exit 1
}
# The lines under Checksums-Sha256 are " <sha256> <size> <file>".
sed -n '/^Checksums-Sha256:/,/^[^ ]/s/^ \([0-9a-f]\{64\}\) [0-9]* \(.*\)$/\1  \2/p' "$dsc" > sums
[ -s sums ] || { echo "$dsc lists no SHA-256 checksums" >&2; exit 1; }
while read -r _ file; do fetch "$file"; done < sums
sha256sum -c --quiet sums
dpkg-source --no-check -x "$dsc" src > /dev/null  # checksums verified above

# As Debian configures it (debian/rules), plus the sanitizer; no tests, no tbbmalloc (Arteria
# links only TBB::tbb), and no -Werror: the instrumented build warns where the plain one does not.
cmake -S src -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTBB_SANITIZE=thread -DTBB_TEST=OFF \
  -DTBB_STRICT=OFF -DTBBMALLOC_BUILD=OFF -DTBB4PY_BUILD=OFF -DCMAKE_INSTALL_PREFIX="$prefix" \
  -DCMAKE_INSTALL_LIBDIR=lib > /dev/null
cmake --build build -j "$jobs"
cmake --install build > /dev/null
cd / && rm -rf "$work"
touch "$stamp"
echo "instrumented oneTBB $version: $prefix"
