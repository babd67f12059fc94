#include "base/csv.hpp"

#include <algorithm>
#include <cstring>

#include "base/error.hpp"
#include "base/text.hpp"

namespace arteria {
namespace {

bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\r';
}

// Fails on a tokenizer error; `field` names the bad field's column (none in the header).
void check_record(const std::string& path, CsvTokenizer::Status status, std::size_t line,
                  std::string_view field) {
  if (status == CsvTokenizer::Status::unclosed_quote) {
    throw InputError(path, line, "", "unclosed quote");
  }
  if (status == CsvTokenizer::Status::text_after_quote) {
    throw InputError(path, line, std::string(field),
                     "text after the closing quote of a quoted field");
  }
}

}  // namespace

CsvTokenizer::CsvTokenizer(std::span<char> text) : CsvTokenizer(text, 0, text.size(), 1) {
  if (text.size() >= 3 && std::memcmp(text.data(), "\xEF\xBB\xBF", 3) == 0) pos_ = 3;
}

CsvTokenizer::CsvTokenizer(std::span<char> text, std::size_t begin, std::size_t end,
                           std::size_t first_line)
    : text_(text.data()), end_(end), pos_(begin), line_(first_line) {}

CsvTokenizer::Status CsvTokenizer::next(std::vector<std::string_view>& fields) {
  char* s = text_;
  const std::size_t n = end_;
  while (pos_ < n) {
    record_line_ = line_;
    fields.clear();
    if (skip_comments_ && s[pos_] == '#') {
      const char* end = static_cast<const char*>(std::memchr(s + pos_, '\n', n - pos_));
      pos_ = end ? static_cast<std::size_t>(end - s) + 1 : n;
      ++line_;
      continue;
    }
    bool only_blank = true;
    while (true) {
      std::size_t p = pos_;
      while (p < n && (s[p] == ' ' || s[p] == '\t')) ++p;
      const std::size_t begin = p;
      std::size_t end = p;
      if (p < n && s[p] == '"') {
        only_blank = false;
        std::size_t write = p;
        std::size_t read = p + 1;
        bool closed = false;
        while (read < n) {
          const char c = s[read];
          if (c == '"') {
            if (read + 1 < n && s[read + 1] == '"') {
              s[write++] = '"';
              read += 2;
              continue;
            }
            closed = true;
            ++read;
            break;
          }
          if (c == '\n') ++line_;
          s[write++] = c;
          ++read;
        }
        if (!closed) return Status::unclosed_quote;
        end = write;
        while (read < n && is_blank(s[read])) ++read;
        if (read < n && s[read] != ',' && s[read] != '\n') return Status::text_after_quote;
        pos_ = read;
      } else {
        std::size_t read = p;
        while (read < n && s[read] != ',' && s[read] != '\n') ++read;
        end = read;
        while (end > begin && is_blank(s[end - 1])) --end;
        if (end > begin || (read < n && s[read] == ',')) only_blank = false;
        pos_ = read;
      }
      fields.emplace_back(s + begin, end - begin);
      if (pos_ >= n) break;
      if (s[pos_] == ',') {
        ++pos_;
        continue;
      }
      ++pos_;  // the line break ending the record
      ++line_;
      break;
    }
    if (!only_blank) return Status::record;
  }
  fields.clear();
  return Status::end;
}

CsvFile::CsvFile(std::string path, const std::vector<std::string>& required,
                 const std::vector<std::string>& optional)
    : path_(std::move(path)), text_(path_) {
  CsvTokenizer tokens(text());
  std::vector<std::string_view> names;
  const CsvTokenizer::Status status = tokens.next(names);
  header_line_ = std::max<std::size_t>(tokens.record_line(), 1);
  const std::size_t line = header_line_;  // of every error below
  if (status == CsvTokenizer::Status::end) {
    throw InputError(path_, 1, "", "file is empty: no header");
  }
  check_record(path_, status, line, "");
  for (const std::string_view name : names) header_.emplace_back(trim(name));
  for (const auto& name : header_) {
    bool known = false;
    for (const auto& r : required) known = known || r == name;
    for (const auto& o : optional) known = known || o == name;
    if (!known) {
      std::string expected;
      for (const auto& r : required) expected += (expected.empty() ? "" : ", ") + r;
      for (const auto& o : optional) expected += (expected.empty() ? "" : ", ") + o;
      throw InputError(path_, line, name, "unknown column; expected columns are: " + expected);
    }
  }
  for (const auto& r : required) {
    bool found = false;
    for (const auto& name : header_) found = found || name == r;
    if (!found) throw InputError(path_, line, r, "required column is missing from the header");
  }
  body_begin_ = tokens.position();
  body_line_ = tokens.line();
}

bool CsvFile::has_column(std::string_view column) const {
  return column_index(column) < header_.size();
}

std::size_t CsvFile::column_index(std::string_view column) const {
  for (std::size_t i = 0; i < header_.size(); ++i) {
    if (header_[i] == column) return i;
  }
  return header_.size();
}

CsvReader::CsvReader(std::string path, const std::vector<std::string>& required,
                     const std::vector<std::string>& optional)
    : owned_(std::make_unique<CsvFile>(std::move(path), required, optional)),
      file_(owned_.get()),
      tokens_(file_->text(), file_->body_begin(), file_->text().size(), file_->body_line()),
      line_(file_->header_line()) {
  tokens_.skip_comment_lines(true);
}

CsvReader::CsvReader(CsvFile& file, std::size_t begin, std::size_t end, std::size_t first_line)
    : file_(&file), tokens_(file.text(), begin, end, first_line), line_(file.header_line()) {
  tokens_.skip_comment_lines(true);
}

bool CsvReader::next() {
  const CsvTokenizer::Status status = tokens_.next(fields_);
  if (status == CsvTokenizer::Status::end) return false;
  line_ = tokens_.record_line();
  const std::vector<std::string>& header = file_->header();
  if (status != CsvTokenizer::Status::record) {
    check_record(path(), status, line_,
                 fields_.size() < header.size() ? std::string_view(header[fields_.size()]) : "");
  }
  if (fields_.size() != header.size()) {
    fail("", "has " + std::to_string(fields_.size()) + " fields but the header has " +
                 std::to_string(header.size()));
  }
  return true;
}

void CsvReader::fail(std::string_view column, const std::string& message) const {
  throw InputError(path(), line_, std::string(column), message);
}

std::string_view CsvReader::raw(std::string_view column) const {
  const std::size_t i = file_->column_index(column);
  return i < fields_.size() ? fields_[i] : std::string_view();
}

std::optional<std::string> CsvReader::optional_text(std::string_view column) const {
  const std::string_view value = optional_text_view(column);
  if (value.empty()) return std::nullopt;
  return std::string(value);
}

std::string_view CsvReader::optional_text_view(std::string_view column) const {
  return trim(raw(column));
}

std::string CsvReader::text(std::string_view column) const {
  return std::string(text_view(column));
}

std::string_view CsvReader::text_view(std::string_view column) const {
  const auto value = trim(raw(column));
  if (value.empty()) fail(column, "is empty; a value is required");
  return value;
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

double CsvReader::in_range(std::string_view column, const ValueRange& range) const {
  const double value = number(column);
  const std::string problem = range_problem(range, value);
  if (!problem.empty()) fail(column, problem);
  return value;
}

double CsvReader::time_of_day(std::string_view column) const {
  const auto value = trim(raw(column));
  if (value.empty()) fail(column, "is empty; a time (HH:MM:SS or seconds) is required");
  const auto seconds = parse_time_of_day(value);
  if (!seconds || *seconds < 0.0) {
    fail(column, "'" + std::string(value) + "' is not a time (HH:MM:SS or seconds)");
  }
  const std::string problem = time_of_day_problem(*seconds);
  if (!problem.empty()) fail(column, problem);
  return *seconds;
}

}  // namespace arteria
