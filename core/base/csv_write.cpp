// CSV writing helpers; see csv_write.hpp.

#include "base/csv_write.hpp"

#include <charconv>

#include "base/csv.hpp"
#include "base/text.hpp"

namespace arteria {

std::string format_double(double value) {
  char text[64];
  const auto result = std::to_chars(text, text + sizeof text, value);
  return std::string(text, result.ptr);
}

std::string format_float(float value) {
  char text[64];
  const auto result = std::to_chars(text, text + sizeof text, value);
  std::string shortest(text, result.ptr);
  // The shortest float text can, in rare halfway cases, round differently when read as a double
  // first; the double's own text is then exact.
  const auto reread = parse_number(shortest);
  if (reread && static_cast<float>(*reread) == value) return shortest;
  return format_double(static_cast<double>(value));
}

std::string csv_field(const std::string& text) {
  const bool plain =
      text.find_first_of(",\"\n\r") == std::string::npos && (text.empty() || text.front() != '#');
  if (plain) return text;
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

}  // namespace arteria
