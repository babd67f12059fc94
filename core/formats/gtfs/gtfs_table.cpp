// Parses a GTFS table in one pass over the file held in memory, and the field types GTFS uses.
// Quoted fields are unescaped in place, so a feed costs one copy of its text and two offsets per
// field.
#include "formats/gtfs/gtfs_table.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <limits>

#include "base/csv.hpp"
#include "base/error.hpp"
#include "base/text.hpp"
#include "formats/gtfs/gtfs.hpp"

namespace arteria {
namespace {

// Parses the whole of `text` as a non-negative integer of exactly `digits` digits (any if 0).
bool parse_digits(std::string_view text, std::size_t digits, std::int64_t& value) {
  if (text.empty() || (digits != 0 && text.size() != digits) || text.size() > 12) return false;
  value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  return true;
}

}  // namespace

std::int32_t parse_gtfs_time(std::string_view text) {
  text = trim(text);
  const std::size_t first = text.find(':');
  if (first == std::string_view::npos) return -1;
  const std::size_t second = text.find(':', first + 1);
  if (second == std::string_view::npos) return -1;
  std::int64_t hours = 0, minutes = 0, seconds = 0;
  // Hours may run past 24 for trips after midnight; three digits is already six weeks.
  if (!parse_digits(text.substr(0, first), 0, hours) || first > 3) return -1;
  if (!parse_digits(text.substr(first + 1, second - first - 1), 2, minutes)) return -1;
  if (!parse_digits(text.substr(second + 1), 2, seconds)) return -1;
  if (minutes >= 60 || seconds >= 60) return -1;
  return static_cast<std::int32_t>(hours * 3600 + minutes * 60 + seconds);
}

std::int32_t parse_gtfs_date(std::string_view text) {
  std::int64_t value = 0;
  if (!parse_digits(trim(text), 8, value)) return 0;
  const std::chrono::year_month_day ymd{
      std::chrono::year(static_cast<int>(value / 10000)),
      std::chrono::month(static_cast<unsigned>(value / 100 % 100)),
      std::chrono::day(static_cast<unsigned>(value % 100))};
  return ymd.ok() ? static_cast<std::int32_t>(value) : 0;
}

GtfsTable::GtfsTable(std::string file, std::string content)
    : file_(std::move(file)), text_(std::move(content)) {
  parse();
}

void GtfsTable::parse() {
  if (text_.size() >= std::numeric_limits<std::uint32_t>::max()) {
    throw InputError(file_, 0, "", "file is larger than 4 GiB");
  }
  const auto lines = static_cast<std::size_t>(std::count(text_.begin(), text_.end(), '\n')) + 1;
  CsvTokenizer tokens(text_);
  std::vector<std::string_view> fields;
  bool have_header = false;
  row_first_field_.assign(1, 0);
  while (true) {
    const CsvTokenizer::Status status = tokens.next(fields);
    if (status == CsvTokenizer::Status::end) break;
    const auto record_line = static_cast<std::uint32_t>(tokens.record_line());
    if (status == CsvTokenizer::Status::unclosed_quote) {
      throw InputError(file_, record_line, std::string(column_name(fields.size())),
                       "unclosed quote: the field runs to the end of the file");
    }
    if (status == CsvTokenizer::Status::text_after_quote) {
      throw InputError(file_, record_line, std::string(column_name(fields.size())),
                       "text after the closing quote of a quoted field");
    }
    if (!have_header) {
      header_.assign(fields.begin(), fields.end());
      field_begin_.reserve(lines * header_.size());
      field_size_.reserve(lines * header_.size());
      row_line_.reserve(lines);
      row_first_field_.reserve(lines + 1);
      have_header = true;
      continue;
    }
    if (fields.size() > header_.size()) {
      throw InputError(file_, record_line, "",
                       "has " + std::to_string(fields.size()) + " fields but the header has " +
                           std::to_string(header_.size()) + " (an unquoted comma?)");
    }
    for (const std::string_view field : fields) {
      field_begin_.push_back(static_cast<std::uint32_t>(field.data() - text_.data()));
      field_size_.push_back(static_cast<std::uint32_t>(field.size()));
    }
    row_line_.push_back(record_line);
    row_first_field_.push_back(static_cast<std::uint32_t>(field_begin_.size()));
  }
  if (!have_header) throw InputError(file_, 1, "", "file is empty: no header");
}

std::string_view GtfsTable::column_name(std::size_t column) const {
  return column < header_.size() ? std::string_view(header_[column]) : std::string_view();
}

std::size_t GtfsTable::column(std::string_view name) const {
  for (std::size_t i = 0; i < header_.size(); ++i) {
    if (header_[i] == name) return i;
  }
  return absent;
}

std::size_t GtfsTable::require(std::string_view name) const {
  const std::size_t index = column(name);
  if (index == absent) {
    throw InputError(file_, 1, std::string(name), "required column is missing from the header");
  }
  return index;
}

void GtfsTable::fail(std::size_t row, std::size_t column, const std::string& message) const {
  throw InputError(file_, row_line_[row], std::string(column_name(column)), message);
}

void GtfsTable::fail(std::size_t row, std::string_view field, const std::string& message) const {
  throw InputError(file_, row_line_[row], std::string(field), message);
}

std::string_view GtfsTable::text(std::size_t row, std::size_t column) const {
  const std::string_view value = get(row, column);
  if (value.empty()) fail(row, column, "is empty; a value is required");
  return value;
}

std::optional<std::int64_t> GtfsTable::optional_integer(std::size_t row, std::size_t column) const {
  std::string_view value = get(row, column);
  if (value.empty()) return std::nullopt;
  if (value.front() == '+') value.remove_prefix(1);
  std::int64_t result = 0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), result);
  if (error != std::errc() || end != value.data() + value.size()) {
    fail(row, column, "'" + std::string(get(row, column)) + "' is not an integer");
  }
  return result;
}

std::int64_t GtfsTable::integer(std::size_t row, std::size_t column) const {
  const auto value = optional_integer(row, column);
  if (!value) fail(row, column, "is empty; an integer is required");
  return *value;
}

std::int64_t GtfsTable::integer_in(std::size_t row, std::size_t column, std::int64_t min,
                                   std::int64_t max, std::int64_t fallback) const {
  const auto value = optional_integer(row, column);
  if (!value) return fallback;
  if (*value < min || *value > max) {
    fail(row, column,
         "must be between " + std::to_string(min) + " and " + std::to_string(max) + ", got " +
             std::to_string(*value));
  }
  return *value;
}

std::optional<double> GtfsTable::optional_number(std::size_t row, std::size_t column) const {
  const std::string_view value = get(row, column);
  if (value.empty()) return std::nullopt;
  const auto number = parse_number(value);
  if (!number) fail(row, column, "'" + std::string(value) + "' is not a number");
  return number;
}

double GtfsTable::number(std::size_t row, std::size_t column) const {
  const auto value = optional_number(row, column);
  if (!value) fail(row, column, "is empty; a number is required");
  return *value;
}

std::int32_t GtfsTable::time(std::size_t row, std::size_t column) const {
  const std::string_view value = get(row, column);
  if (value.empty()) return -1;
  const std::int32_t seconds = parse_gtfs_time(value);
  if (seconds < 0) {
    fail(row, column,
         "'" + std::string(value) +
             "' is not a time (H:MM:SS; hours may pass 24, minutes and "
             "seconds stay below 60)");
  }
  return seconds;
}

std::int32_t GtfsTable::date(std::size_t row, std::size_t column) const {
  const std::string_view value = text(row, column);
  const std::int32_t result = parse_gtfs_date(value);
  if (result == 0) fail(row, column, "'" + std::string(value) + "' is not a date (YYYYMMDD)");
  return result;
}

}  // namespace arteria
