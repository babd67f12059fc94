#include "base/csv.hpp"

#include "base/error.hpp"
#include "base/text.hpp"

namespace arteria {
namespace {

// Splits one CSV line into fields, honouring double quotes; returns false on an unclosed quote.
bool split_csv_line(const std::string& line, std::vector<std::string>& fields) {
  fields.clear();
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.push_back(std::move(field));
      field.clear();
    } else if (c != '\r') {
      field += c;
    }
  }
  fields.push_back(std::move(field));
  return !quoted;
}

}  // namespace

CsvReader::CsvReader(std::string path, const std::vector<std::string>& required,
                     const std::vector<std::string>& optional)
    : path_(std::move(path)), in_(path_) {
  if (!in_) throw InputError(path_, 0, "", "cannot open file (does it exist?)");
  std::string header_line;
  if (!std::getline(in_, header_line)) throw InputError(path_, 1, "", "file is empty: no header");
  line_ = 1;
  if (header_line.size() >= 3 && header_line.compare(0, 3, "\xEF\xBB\xBF") == 0) {
    header_line.erase(0, 3);  // UTF-8 byte-order mark written by spreadsheet programs
  }
  if (!split_csv_line(header_line, header_)) throw InputError(path_, 1, "", "unclosed quote");
  for (auto& name : header_) name = std::string(trim(name));
  for (const auto& name : header_) {
    bool known = false;
    for (const auto& r : required) known = known || r == name;
    for (const auto& o : optional) known = known || o == name;
    if (!known) {
      std::string expected;
      for (const auto& r : required) expected += (expected.empty() ? "" : ", ") + r;
      for (const auto& o : optional) expected += (expected.empty() ? "" : ", ") + o;
      throw InputError(path_, 1, name, "unknown column; expected columns are: " + expected);
    }
  }
  for (const auto& r : required) {
    bool found = false;
    for (const auto& name : header_) found = found || name == r;
    if (!found) throw InputError(path_, 1, r, "required column is missing from the header");
  }
}

bool CsvReader::next() {
  std::string text;
  while (std::getline(in_, text)) {
    ++line_;
    if (trim(text).empty() || text.front() == '#') continue;
    if (!split_csv_line(text, fields_)) fail("", "unclosed quote");
    if (fields_.size() != header_.size()) {
      fail("", "has " + std::to_string(fields_.size()) + " fields but the header has " +
                   std::to_string(header_.size()));
    }
    return true;
  }
  return false;
}

bool CsvReader::has_column(std::string_view column) const {
  for (const auto& name : header_) {
    if (name == column) return true;
  }
  return false;
}

std::size_t CsvReader::column_index(std::string_view column) const {
  for (std::size_t i = 0; i < header_.size(); ++i) {
    if (header_[i] == column) return i;
  }
  return header_.size();
}

void CsvReader::fail(std::string_view column, const std::string& message) const {
  throw InputError(path_, line_, std::string(column), message);
}

const std::string& CsvReader::raw(std::string_view column) const {
  static const std::string empty;
  const std::size_t i = column_index(column);
  return i < fields_.size() ? fields_[i] : empty;
}

std::optional<std::string> CsvReader::optional_text(std::string_view column) const {
  const auto value = trim(raw(column));
  if (value.empty()) return std::nullopt;
  return std::string(value);
}

std::string CsvReader::text(std::string_view column) const {
  auto value = optional_text(column);
  if (!value) fail(column, "is empty; a value is required");
  return *value;
}

std::optional<double> CsvReader::optional_number(std::string_view column) const {
  const auto value = trim(raw(column));
  if (value.empty()) return std::nullopt;
  const auto number = parse_number(value);
  if (!number) fail(column, "'" + std::string(value) + "' is not a number");
  return number;
}

double CsvReader::number(std::string_view column) const {
  const auto value = optional_number(column);
  if (!value) fail(column, "is empty; a number is required");
  return *value;
}

double CsvReader::positive(std::string_view column) const {
  const double value = number(column);
  if (!(value > 0.0)) fail(column, "must be positive, got " + std::string(trim(raw(column))));
  return value;
}

double CsvReader::non_negative(std::string_view column) const {
  const double value = number(column);
  if (value < 0.0) fail(column, "must not be negative, got " + std::string(trim(raw(column))));
  return value;
}

double CsvReader::time_of_day(std::string_view column) const {
  const auto value = trim(raw(column));
  if (value.empty()) fail(column, "is empty; a time (HH:MM:SS or seconds) is required");
  const auto seconds = parse_time_of_day(value);
  if (!seconds || *seconds < 0.0) {
    fail(column, "'" + std::string(value) + "' is not a time (HH:MM:SS or seconds)");
  }
  return *seconds;
}

}  // namespace arteria
