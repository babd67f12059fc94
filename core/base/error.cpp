#include "base/error.hpp"

#include <fstream>
#include <sstream>

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
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, 0, "", cannot_open);
  // A file of known size is read in one go into a string of that size (a large trip list
  // spent more time in a growing buffer's copies than in the read); a stream that does not tell
  // its size (a pipe), or a file that shrank meanwhile, is copied through a growing buffer.
  in.seekg(0, std::ios::end);
  const std::streamoff size = in.tellg();
  if (size >= 0 && in.seekg(0, std::ios::beg)) {
    std::string text(static_cast<std::size_t>(size), '\0');
    if (in.read(text.data(), size)) return text;
    in.seekg(0, std::ios::beg);
  }
  in.clear();
  in.seekg(0, std::ios::beg);
  std::ostringstream text;
  text << in.rdbuf();
  return std::move(text).str();
}

}  // namespace arteria
