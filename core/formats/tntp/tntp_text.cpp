// Splits TNTP files into metadata and data lines. The files mix tabs and spaces freely and the
// metadata layout varies by network (see the _net files of Barcelona and Sioux Falls).
#include "formats/tntp/tntp_text.hpp"

#include "base/csv.hpp"
#include "base/error.hpp"
#include "base/text.hpp"

namespace arteria {
namespace {

constexpr std::string_view end_tag = "<END OF METADATA>";

}  // namespace

TntpText::TntpText(std::string path) : path_(std::move(path)), file_(path_) {
  // The metadata block: "<TAG> value" lines up to <END OF METADATA>, which a file may not have
  // (_node and _flow files start with a column header instead).
  const std::size_t end = content().find(end_tag);
  if (end == std::string::npos) return;
  std::uint32_t line = 1;
  std::size_t pos = 0;
  while (pos <= end) {
    std::size_t eol = content().find('\n', pos);
    if (eol == std::string::npos) eol = content().size();
    const std::string_view text_line = trim(content().substr(pos, eol - pos));
    const std::size_t close = text_line.find('>');
    if (!text_line.empty() && text_line.front() == '<' && close != std::string_view::npos) {
      tags_.push_back({text_line.substr(0, close + 1), trim(text_line.substr(close + 1)), line});
    }
    if (text_line.substr(0, end_tag.size()) == end_tag) metadata_end_line_ = line;
    pos = eol + 1;
    ++line;
  }
  pos_ = data_pos_ = pos;
  line_ = data_line_ = line - 1;
}

std::vector<std::pair<std::uint32_t, std::string_view>> TntpText::header_comments() const {
  std::vector<std::pair<std::uint32_t, std::string_view>> comments;
  std::uint32_t line = data_line_;
  for (std::size_t pos = data_pos_; pos < content().size();) {
    std::size_t eol = content().find('\n', pos);
    if (eol == std::string::npos) eol = content().size();
    const std::string_view text = trim(content().substr(pos, eol - pos));
    pos = eol + 1;
    ++line;
    if (text.empty()) continue;
    if (text.front() != '~') break;  // the first data line
    comments.emplace_back(line, text.substr(1));
  }
  return comments;
}

std::optional<std::string_view> TntpText::metadata(std::string_view tag) const {
  for (const Tag& t : tags_) {
    if (t.name == tag) return t.value;
  }
  return std::nullopt;
}

double TntpText::metadata_number(std::string_view tag) const {
  for (const Tag& t : tags_) {
    if (t.name != tag) continue;
    const auto value = parse_number(t.value);
    if (!value) {
      throw InputError(path_, t.line, std::string(tag),
                       "'" + std::string(t.value) + "' is not a number");
    }
    return *value;
  }
  if (!has_metadata()) {
    throw InputError(
        path_, 0, std::string(end_tag),
        "no metadata block: expected <TAG> value lines ended by " + std::string(end_tag));
  }
  throw InputError(path_, metadata_end_line_, std::string(tag),
                   "metadata tag is missing before " + std::string(end_tag));
}

bool TntpText::next(std::string_view& text, std::uint32_t& line) {
  while (pos_ < content().size()) {
    std::size_t eol = content().find('\n', pos_);
    if (eol == std::string::npos) eol = content().size();
    std::string_view raw = content().substr(pos_, eol - pos_);
    pos_ = eol + 1;
    ++line_;
    const std::size_t comment = raw.find('~');
    if (comment != std::string_view::npos) raw = raw.substr(0, comment);
    raw = trim(raw);
    if (raw.empty()) continue;
    text = raw;
    line = line_;
    return true;
  }
  return false;
}

void split_tntp_fields(std::string_view text, std::vector<std::string_view>& fields) {
  fields.clear();
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() &&
           (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == ';')) {
      ++i;
    }
    const std::size_t begin = i;
    while (i < text.size() && text[i] != ' ' && text[i] != '\t' && text[i] != '\r' &&
           text[i] != ';') {
      ++i;
    }
    if (i > begin) fields.push_back(text.substr(begin, i - begin));
  }
}

}  // namespace arteria
