// A small CSV reader for the engine's native tables (nodes.csv, links.csv, trips.csv, ...).
// Columns are looked up by header name; every parse error names the file, line and column.
// Quoting follows RFC 4180 for fields that hold commas; lines are 1-based as an editor shows.
#pragma once

#include <cstddef>
#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace arteria {

class CsvReader {
 public:
  // Opens `path` and reads its header. `required` columns must be present; `optional` ones may
  // be; any other column is an error (it is most often a misspelt name).
  CsvReader(std::string path, const std::vector<std::string>& required,
            const std::vector<std::string>& optional = {});

  // Moves to the next non-empty record; false at the end of the file.
  bool next();

  std::size_t line() const { return line_; }
  const std::string& path() const { return path_; }
  bool has_column(std::string_view column) const;

  std::string text(std::string_view column) const;  // must be non-empty
  std::optional<std::string> optional_text(std::string_view column) const;
  double number(std::string_view column) const;  // finite
  std::optional<double> optional_number(std::string_view column) const;
  double positive(std::string_view column) const;      // > 0
  double non_negative(std::string_view column) const;  // >= 0
  double time_of_day(std::string_view column) const;   // HH:MM[:SS] or seconds

  [[noreturn]] void fail(std::string_view column, const std::string& message) const;

 private:
  std::size_t column_index(std::string_view column) const;
  const std::string& raw(std::string_view column) const;

  std::string path_;
  std::ifstream in_;
  std::size_t line_ = 0;
  std::vector<std::string> header_;
  std::vector<std::string> fields_;
  std::vector<bool> present_;
};

}  // namespace arteria
