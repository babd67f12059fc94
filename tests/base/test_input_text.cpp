// InputText: a file's bytes mapped privately (edits stay in memory), or read when the file
// cannot be mapped (a pipe, an empty file).
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <string>
#include <thread>
#include <utility>

#include "base/input_text.hpp"
#include "toy_files.hpp"

using namespace arteria;
using namespace arteria::testing;

TEST_CASE("InputText holds a file's bytes, and edits to them never reach the file") {
  TempDir dir;
  std::string content;
  for (int i = 0; i < 5000; ++i) content += "line " + std::to_string(i) + ",\"quoted\"\n";
  const std::string path = dir.write("big.csv", content);
  InputText text(path);
  REQUIRE(text.view() == content);
  text.data()[0] = 'X';
  text.data()[text.size() - 1] = 'Y';
  CHECK(text.view().front() == 'X');
  CHECK(read_text(path) == content);
  // A moved text keeps its bytes where they were; the moved-from one is empty.
  const char* before = text.data();
  InputText moved = std::move(text);
  CHECK(moved.data() == before);
  CHECK(moved.view().substr(1) == content.substr(1, content.size() - 2) + "Y");
  CHECK(text.size() == 0);
}

TEST_CASE("InputText reads an empty file and a pipe, and names a missing file") {
  TempDir dir;
  CHECK(InputText(dir.write("empty.csv", "")).view().empty());
  const std::string fifo = dir.file("pipe.csv");
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  // More than a pipe holds, read once: the reader must not open the pipe a second time.
  std::string content = "a,b\n";
  while (content.size() < 200000) content += "1,2\n";
  std::thread writer([&] { write_text(fifo, content); });
  const InputText piped(fifo);
  writer.join();
  CHECK(piped.view() == content);
  const InputError missing =
      input_error_of([&] { const InputText text(dir.file("none.csv"), "cannot open it"); });
  CHECK(missing.file() == dir.file("none.csv"));
  CHECK(missing.message() == "cannot open it");
}
