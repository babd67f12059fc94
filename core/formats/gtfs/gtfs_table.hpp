// One GTFS .txt table parsed in memory by base/csv's CsvTokenizer (RFC 4180 quoting with commas,
// quotes and line breaks inside quotes, a UTF-8 byte-order mark, CRLF), extra columns ignored,
// short records allowed, typed fields that name the input.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace arteria {

class GtfsTable {
 public:
  static constexpr std::size_t absent = static_cast<std::size_t>(-1);

  // Parses `content`; `file` is the name errors give (e.g. "feed.zip:stops.txt"). Throws
  // InputError on an unclosed quote or a record with more fields than the header.
  GtfsTable(std::string file, std::string content);

  const std::string& file() const { return file_; }
  std::size_t row_count() const { return row_line_.size(); }
  // The line a record starts on, 1-based as an editor shows it (the header is line 1).
  std::uint32_t line(std::size_t row) const { return row_line_[row]; }

  // The column's index, or `absent`.
  std::size_t column(std::string_view name) const;
  // The column's index; a missing column is an InputError naming the file, line 1 and it.
  std::size_t require(std::string_view name) const;

  // The field, trimmed of blanks unless it was quoted; "" for an absent column or a short record.
  std::string_view get(std::size_t row, std::size_t column) const {
    if (column == absent) return {};
    const std::size_t index = row_first_field_[row] + column;
    if (index >= row_first_field_[row + 1]) return {};
    return std::string_view(text_.data() + field_begin_[index], field_size_[index]);
  }

  std::string_view text(std::size_t row, std::size_t column) const;  // must not be blank
  std::optional<std::int64_t> optional_integer(std::size_t row, std::size_t column) const;
  std::int64_t integer(std::size_t row, std::size_t column) const;  // must not be blank
  // An optional integer that must be one of [min, max]; `fallback` when blank or absent.
  std::int64_t integer_in(std::size_t row, std::size_t column, std::int64_t min, std::int64_t max,
                          std::int64_t fallback) const;
  std::optional<double> optional_number(std::size_t row, std::size_t column) const;
  double number(std::size_t row, std::size_t column) const;  // must not be blank
  // A GTFS time in seconds; -1 when blank; a malformed time like 25:61:00 is an error.
  std::int32_t time(std::size_t row, std::size_t column) const;
  std::int32_t date(std::size_t row, std::size_t column) const;  // YYYYMMDD, must not be blank

  // Throws InputError naming this file, the row's line and the column.
  [[noreturn]] void fail(std::size_t row, std::size_t column, const std::string& message) const;
  [[noreturn]] void fail(std::size_t row, std::string_view field, const std::string& message) const;

 private:
  void parse();
  std::string_view column_name(std::size_t column) const;

  std::string file_;
  std::string text_;  // the content; quoted fields are unescaped in place
  std::vector<std::string> header_;
  std::vector<std::uint32_t> field_begin_;  // offsets into text_
  std::vector<std::uint32_t> field_size_;
  std::vector<std::uint32_t> row_first_field_;  // size row_count() + 1
  std::vector<std::uint32_t> row_line_;
};

}  // namespace arteria
