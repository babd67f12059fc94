#include "toy_files.hpp"

#include <unistd.h>

#include <fstream>
#include <sstream>

namespace arteria::testing {

// The process id keeps tests run in parallel (one process each under ctest) apart; a folder
// left by an earlier process with the same id is cleared first.
TempDir::TempDir() {
  static int counter = 0;
  path = std::filesystem::temp_directory_path() /
         ("arteria_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
  std::filesystem::remove_all(path);
  std::filesystem::create_directories(path);
}

// Never throws: a folder that cannot be removed must not end the test run.
TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path, ignored);
}

std::string TempDir::write(const std::string& name, const std::string& text) const {
  write_text(file(name), text);
  return file(name);
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write_text(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

}  // namespace arteria::testing
