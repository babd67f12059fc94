// AtomicTextFile: the name holds the whole file after commit() and is never touched before.
#include <catch2/catch.hpp>

#include <filesystem>
#include <stdexcept>

#include "base/atomic_text_file.hpp"
#include "toy_files.hpp"

using namespace arteria;
using arteria::testing::read_text;
using arteria::testing::TempDir;

TEST_CASE("an atomic text file appears whole on commit, and only then") {
  TempDir dir;
  const std::string path = dir.file("table.csv");
  {
    AtomicTextFile file(path);
    file.out() << "a,b\n1,2\n";
    CHECK_FALSE(std::filesystem::exists(path));  // still under NAME.tmp
    CHECK(std::filesystem::exists(path + ".tmp"));
    file.commit();
  }
  CHECK(read_text(path) == "a,b\n1,2\n");
  CHECK_FALSE(std::filesystem::exists(path + ".tmp"));

  SECTION("a writer that stops before commit leaves the old file and no temporary") {
    try {
      AtomicTextFile file(path);
      file.out() << "half a ro";
      throw std::runtime_error("the writer failed");
    } catch (const std::runtime_error&) {
    }
    CHECK(read_text(path) == "a,b\n1,2\n");
    CHECK_FALSE(std::filesystem::exists(path + ".tmp"));
  }
  SECTION("a folder that does not exist is an error naming the file") {
    const std::string nowhere = dir.file("missing/table.csv");
    CHECK_THROWS_WITH(AtomicTextFile(nowhere), Catch::Contains(nowhere));
  }
}
