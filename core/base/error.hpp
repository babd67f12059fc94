// Errors raised for bad input: they name the file, the line or record, and the field at fault,
// so a user can go straight to the mistake. The CLI prints what() and exits non-zero.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>

namespace arteria {

class InputError : public std::runtime_error {
 public:
  // line 0 means the error is about the file as a whole; an empty field means no single field.
  InputError(std::string file, std::size_t line, std::string field, std::string message);

  const std::string& file() const noexcept { return file_; }
  std::size_t line() const noexcept { return line_; }
  const std::string& field() const noexcept { return field_; }
  const std::string& message() const noexcept { return message_; }

 private:
  std::string file_;
  std::size_t line_;
  std::string field_;
  std::string message_;
};

// The whole content of the file at `path`, read as bytes (through InputText, a copy of its
// mapping); an InputError(path, 0, "", `cannot_open`) when it cannot be opened. Large inputs
// keep the InputText itself.
std::string read_input_file(const std::string& path,
                            const std::string& cannot_open = "cannot open file (does it exist?)");

// Where a record of a spec came from, kept so that compiling it can name the input.
struct SourceRef {
  std::uint32_t file = 0;  // index into the owning spec's list of file names
  std::uint32_t line = 0;  // 1-based; 0 when not known
};

}  // namespace arteria
