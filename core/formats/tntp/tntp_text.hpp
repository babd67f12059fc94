// The text layer of TNTP files: the <TAG> value metadata block, '~' comments, and rows of
// whitespace-separated fields ended by ';'. Shared by the _net, _node, _trips and _flow readers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/input_text.hpp"

namespace arteria {

class TntpText {
 public:
  // Reads the whole file; a missing file is an InputError naming it.
  explicit TntpText(std::string path);
  TntpText(const TntpText&) = delete;  // views point into the file's bytes
  TntpText& operator=(const TntpText&) = delete;

  const std::string& path() const { return path_; }
  bool has_metadata() const { return metadata_end_line_ != 0; }

  // The value of "<TAG> value" in the metadata block, or nullopt.
  std::optional<std::string_view> metadata(std::string_view tag) const;
  // A required numeric metadata value; missing or malformed is an InputError naming the tag.
  double metadata_number(std::string_view tag) const;

  // The '~' comment lines between the metadata block and the first data line (column headers,
  // which may state units), with their 1-based line numbers; the text after the '~'.
  std::vector<std::pair<std::uint32_t, std::string_view>> header_comments() const;

  // Moves to the next data line (after the metadata block, skipping blank and '~' lines);
  // `text` is the line without its comment, `line` its 1-based number.
  bool next(std::string_view& text, std::uint32_t& line);

 private:
  std::string path_;
  InputText file_;
  std::string_view content() const { return file_.view(); }
  std::size_t pos_ = 0;
  std::uint32_t line_ = 0;
  std::uint32_t metadata_end_line_ = 0;  // line of <END OF METADATA>; 0 when there is none
  std::size_t data_pos_ = 0;             // where the lines after the metadata start
  std::uint32_t data_line_ = 0;          // the line before them
  struct Tag {
    std::string_view name;  // with its angle brackets
    std::string_view value;
    std::uint32_t line;
  };
  std::vector<Tag> tags_;
};

// Splits a data line into fields at blanks and ';' (TNTP ends rows and OD entries with it).
void split_tntp_fields(std::string_view text, std::vector<std::string_view>& fields);

}  // namespace arteria
