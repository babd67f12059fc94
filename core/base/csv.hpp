// CSV: the one tokenizer (CsvTokenizer, RFC 4180 over a text held in memory) and a small reader
// on it for the engine's native tables (nodes.csv, links.csv, trips.csv, ...). GTFS tables
// (formats/gtfs/gtfs_table) use the same tokenizer. Columns are looked up by header name; every
// parse error names the file, line and column; lines are 1-based as an editor shows.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/value_ranges.hpp"

namespace arteria {

// Splits a CSV text into records, one at a time. A field is quoted when its first character
// after spaces and tabs is '"': commas, line breaks and doubled quotes ("") inside are its text
// (unescaped in place in `text`), blanks after the closing quote are dropped and anything else
// there is an error. An unquoted field runs to the next comma or line break, trimmed of spaces,
// tabs and '\r' (so CRLF line ends read as LF); quotes inside it are plain text. A UTF-8
// byte-order mark at the start is skipped, and so are lines holding only blanks and, once
// skip_comment_lines(true), lines whose first character is '#'.
class CsvTokenizer {
 public:
  enum class Status {
    record,            // `fields` holds the record
    end,               // no record left
    unclosed_quote,    // a quoted field runs to the end of the text
    text_after_quote,  // a quoted field is followed by text other than blanks
  };

  // `text` must outlive the tokenizer and the views it hands out.
  explicit CsvTokenizer(std::string& text);

  // Reads the next record into `fields` (views into the text). On an error, `fields` holds the
  // fields before the bad one: fields.size() is the bad field's index.
  Status next(std::vector<std::string_view>& fields);

  // The line the last record read (or failed) starts on, 1-based.
  std::size_t record_line() const { return record_line_; }
  void skip_comment_lines(bool skip) { skip_comments_ = skip; }

 private:
  std::string& text_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
  std::size_t record_line_ = 0;
  bool skip_comments_ = false;
};

class CsvReader {
 public:
  // Opens `path` and reads its header. `required` columns must be present; `optional` ones may
  // be; any other column is an error (it is most often a misspelt name).
  CsvReader(std::string path, const std::vector<std::string>& required,
            const std::vector<std::string>& optional = {});
  CsvReader(const CsvReader&) = delete;  // the tokenizer and fields point into text_
  CsvReader& operator=(const CsvReader&) = delete;

  // Moves to the next record (blank lines and lines starting with '#' are skipped; a quoted
  // field may span lines); false at the end of the file.
  bool next();

  std::size_t line() const { return line_; }
  const std::string& path() const { return path_; }
  bool has_column(std::string_view column) const;

  std::string text(std::string_view column) const;  // must be non-empty
  // The same without a copy: a view into the file's text, valid until next().
  std::string_view text_view(std::string_view column) const;
  std::optional<std::string> optional_text(std::string_view column) const;
  // The same as a view into the file's text, valid until next(); empty when the field is.
  std::string_view optional_text_view(std::string_view column) const;
  double number(std::string_view column) const;  // finite
  std::optional<double> optional_number(std::string_view column) const;
  double positive(std::string_view column) const;      // > 0
  double non_negative(std::string_view column) const;  // >= 0
  // A number within `range` (base/value_ranges.hpp).
  double in_range(std::string_view column, const ValueRange& range) const;
  // HH:MM[:SS] or seconds, within valid::time_of_day_s.
  double time_of_day(std::string_view column) const;

  [[noreturn]] void fail(std::string_view column, const std::string& message) const;

 private:
  std::size_t column_index(std::string_view column) const;
  std::string_view raw(std::string_view column) const;
  // Fails on a tokenizer error, naming the bad field's column (none in the header).
  void check(CsvTokenizer::Status status, bool header) const;

  std::string path_;
  std::string text_;  // the whole file
  CsvTokenizer tokens_;
  std::size_t line_ = 0;
  std::vector<std::string> header_;
  std::vector<std::string_view> fields_;
};

}  // namespace arteria
