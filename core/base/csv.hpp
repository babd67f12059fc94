// CSV: the one tokenizer (CsvTokenizer, RFC 4180 over a text held in memory) and a small reader
// on it (CsvFile, CsvReader) for the engine's native tables (nodes.csv, links.csv, trips.csv,
// ...). GTFS tables (formats/gtfs/gtfs_table) use the same tokenizer. Columns are looked up by
// header name; every parse error names the file, line and column; lines are 1-based as an
// editor shows.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/input_text.hpp"
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
  explicit CsvTokenizer(std::span<char> text);
  // Reads only text[begin, end), which starts at the beginning of line `first_line`: one part
  // of a text whose records are read by several tokenizers.
  CsvTokenizer(std::span<char> text, std::size_t begin, std::size_t end, std::size_t first_line);

  // Reads the next record into `fields` (views into the text). On an error, `fields` holds the
  // fields before the bad one: fields.size() is the bad field's index.
  Status next(std::vector<std::string_view>& fields);

  // The line the last record read (or failed) starts on, 1-based.
  std::size_t record_line() const { return record_line_; }
  // Where the next record is looked for: its offset in the text and its line.
  std::size_t position() const { return pos_; }
  std::size_t line() const { return line_; }
  void skip_comment_lines(bool skip) { skip_comments_ = skip; }

 private:
  char* text_;
  std::size_t end_;
  std::size_t pos_;
  std::size_t line_;
  std::size_t record_line_ = 0;
  bool skip_comments_ = false;
};

// A CSV file read whole, its header checked. CsvReaders read its records: one reader all of
// them, or several readers one byte range each (base/csv_ranges.hpp), in parallel.
class CsvFile {
 public:
  // Reads `path` and its header. `required` columns must be present; `optional` ones may be;
  // any other column is an error (it is most often a misspelt name).
  CsvFile(std::string path, const std::vector<std::string>& required,
          const std::vector<std::string>& optional = {});
  CsvFile(const CsvFile&) = delete;  // readers point into text_
  CsvFile& operator=(const CsvFile&) = delete;

  const std::string& path() const { return path_; }
  const std::vector<std::string>& header() const { return header_; }
  std::size_t header_line() const { return header_line_; }
  bool has_column(std::string_view column) const;
  // The column's index in the header; header().size() when it has none.
  std::size_t column_index(std::string_view column) const;
  // The records follow the header: text()[body_begin(), text().size()), from line body_line().
  std::size_t body_begin() const { return body_begin_; }
  std::size_t body_line() const { return body_line_; }
  // Readers unescape quoted fields in place, each within its own range.
  std::span<char> text() { return {text_.data(), text_.size()}; }
  std::string_view text() const { return text_.view(); }

 private:
  std::string path_;
  InputText text_;  // the whole file
  std::vector<std::string> header_;
  std::size_t header_line_ = 1;
  std::size_t body_begin_ = 0;
  std::size_t body_line_ = 1;
};

class CsvReader {
 public:
  // Opens `path` and reads its header as CsvFile does, then reads all its records.
  CsvReader(std::string path, const std::vector<std::string>& required,
            const std::vector<std::string>& optional = {});
  // Reads the records of `file` in text()[begin, end), which starts at the beginning of line
  // `first_line`; `file` must outlive the reader.
  CsvReader(CsvFile& file, std::size_t begin, std::size_t end, std::size_t first_line);
  CsvReader(const CsvReader&) = delete;  // the tokenizer and fields point into the file's text
  CsvReader& operator=(const CsvReader&) = delete;

  // Moves to the next record (blank lines and lines starting with '#' are skipped; a quoted
  // field may span lines); false at the end of the file.
  bool next();

  // The line of the current record (before the first, the header's).
  std::size_t line() const { return line_; }
  const std::string& path() const { return file_->path(); }
  bool has_column(std::string_view column) const { return file_->has_column(column); }

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
  std::string_view raw(std::string_view column) const;

  std::unique_ptr<CsvFile> owned_;  // the file, when the reader opened it itself
  CsvFile* file_;
  CsvTokenizer tokens_;
  std::size_t line_ = 0;
  std::vector<std::string_view> fields_;
};

}  // namespace arteria
