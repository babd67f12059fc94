// The seal every HDF5 file Arteria writes carries: a reader refuses, by name and field, a file
// that is not sealed, sealed as another kind, truncated, extended or changed.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include "base/error.hpp"
#include "base/sealed_file.hpp"
#include "toy_files.hpp"

using namespace arteria;
using namespace arteria::testing;

namespace {

// A file whose first sealed_header_bytes are left free for the seal, then `body`.
std::string unsealed(const TempDir& dir, const std::string& name, const std::string& body) {
  return dir.write(name, std::string(sealed_header_bytes, '\0') + body);
}

}  // namespace

TEST_CASE("a sealed file is accepted with its magic line and refused when anything changed") {
  const TempDir dir;
  const std::string path = unsealed(dir, "a.bin", "the body of the file");
  seal_file(path, "KIND ONE");
  CHECK(check_file_seal(path, {"KIND TWO", "KIND ONE"}, "thing") == "KIND ONE");

  const InputError other_kind =
      input_error_of([&] { check_file_seal(path, {"KIND TWO"}, "thing"); });
  CHECK(other_kind.file() == path);
  CHECK(other_kind.field().empty());
  CHECK(std::string(other_kind.what()).find("not a thing (no 'KIND TWO' header)") !=
        std::string::npos);

  {
    std::fstream edit(path, std::ios::binary | std::ios::in | std::ios::out);
    edit.seekp(static_cast<std::streamoff>(sealed_header_bytes) + 4);
    edit.put('X');
  }
  CHECK(input_error_of([&] { check_file_seal(path, {"KIND ONE"}, "thing"); }).field() == "sha256");

  std::filesystem::resize_file(path, sealed_header_bytes + 3);
  const InputError cut = input_error_of([&] { check_file_seal(path, {"KIND ONE"}, "thing"); });
  CHECK(cut.field() == "length");
  CHECK(std::string(cut.what()).find("truncated") != std::string::npos);
}

TEST_CASE("an HDF5 file without a seal, and a missing file, are named as such") {
  const TempDir dir;
  const std::string hdf5 = dir.write("plain.h5", std::string("\x89HDF\r\n\x1a\n", 8) + "rest");
  CHECK(std::string(input_error_of([&] { check_file_seal(hdf5, {"KIND"}, "run file"); }).what())
            .find("an HDF5 file without Arteria's seal") != std::string::npos);
  const std::string missing = dir.file("missing.h5");
  CHECK(std::string(input_error_of([&] { check_file_seal(missing, {"KIND"}, "run file"); }).what())
            .find("cannot open the run file") != std::string::npos);
}
