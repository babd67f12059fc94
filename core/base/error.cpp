#include "base/error.hpp"

#include "base/input_text.hpp"

namespace arteria {
namespace {

std::string describe(const std::string& file, std::size_t line, const std::string& field,
                     const std::string& message) {
  std::string text = file.empty() ? std::string("<input>") : file;
  if (line > 0) text += ":" + std::to_string(line);
  text += ": ";
  if (!field.empty()) text += "field '" + field + "': ";
  return text + message;
}

}  // namespace

InputError::InputError(std::string file, std::size_t line, std::string field, std::string message)
    : std::runtime_error(describe(file, line, field, message)),
      file_(std::move(file)),
      line_(line),
      field_(std::move(field)),
      message_(std::move(message)) {}

std::string read_input_file(const std::string& path, const std::string& cannot_open) {
  const InputText text(path, cannot_open);
  return std::string(text.view());
}

}  // namespace arteria
