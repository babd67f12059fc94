// Files for the importer tests: a temporary folder per test, whole files read and written as
// text, and the InputError an action must throw.
#pragma once

#include <catch2/catch.hpp>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "base/error.hpp"

namespace arteria::testing {

// A fresh folder under the system's temporary one, removed with everything in it at the end.
struct TempDir {
  std::filesystem::path path;
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string file(const std::string& name) const { return (path / name).string(); }
  // Writes `text` to the file `name` in the folder and returns its path.
  std::string write(const std::string& name, const std::string& text) const;
};

std::string read_text(const std::string& path);
void write_text(const std::string& path, const std::string& text);

// The InputError `action` throws; a test failure when it throws none.
template <class Action>
InputError input_error_of(Action&& action) {
  try {
    action();
  } catch (const InputError& error) {
    return error;
  }
  FAIL("expected an InputError");
  throw std::logic_error("unreachable");
}

}  // namespace arteria::testing
