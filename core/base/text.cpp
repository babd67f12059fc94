// Numbers and times of day as text (see text.hpp).
#include "base/text.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace arteria {

std::string_view trim(std::string_view text) {
  auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!text.empty() && blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && blank(text.back())) text.remove_suffix(1);
  return text;
}

std::optional<double> parse_number(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  if (text.front() == '+') text.remove_prefix(1);
  double value = 0.0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

std::optional<double> parse_time_of_day(std::string_view text) {
  text = trim(text);
  if (text.find(':') == std::string_view::npos) return parse_number(text);
  double parts[3] = {0.0, 0.0, 0.0};
  int count = 0;
  while (count < 3) {
    const std::size_t colon = text.find(':');
    const auto part = parse_number(text.substr(0, colon));
    if (!part || *part < 0.0) return std::nullopt;
    parts[count++] = *part;
    if (colon == std::string_view::npos) break;
    text.remove_prefix(colon + 1);
    if (count == 3) return std::nullopt;  // a fourth component
  }
  if (count < 2 || parts[1] >= 60.0 || parts[2] >= 60.0) return std::nullopt;
  if (parts[0] != std::floor(parts[0]) || parts[1] != std::floor(parts[1])) return std::nullopt;
  return parts[0] * 3600.0 + parts[1] * 60.0 + parts[2];
}

std::string format_time_of_day(double seconds) {
  char text[40];
  // Beyond a million hours (or NaN) the clock is no help and lround would overflow: the raw
  // number of seconds, as given, is what the user can find in the input.
  if (!(std::fabs(seconds) < 3.6e9)) {
    std::snprintf(text, sizeof text, "%g s", seconds);
    return text;
  }
  const long total = std::lround(std::fabs(seconds));
  std::snprintf(text, sizeof text, "%s%02ld:%02ld:%02ld", seconds < 0.0 && total > 0 ? "-" : "",
                total / 3600, (total / 60) % 60, total % 60);
  return text;
}

}  // namespace arteria
