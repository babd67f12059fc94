// Internal to the SUMO importers: XML loading with line numbers and attribute readers that name
// the file, line and field of bad input.
#include "formats/sumo/sumo_xml.hpp"

#include <algorithm>
#include <charconv>

#include "base/csv.hpp"
#include "base/text.hpp"

namespace arteria::sumo_xml {

XmlFile::XmlFile(std::string path) : path_(std::move(path)), buffer_(path_, "cannot open file") {
  line_starts_.push_back(0);
  const char* bytes = buffer_.data();
  for (std::size_t i = 0; i < buffer_.size(); ++i) {
    if (bytes[i] == '\n') line_starts_.push_back(i + 1);
  }
  // In-place parsing keeps node names inside buffer_, so offset_debug() indexes line_starts_.
  const pugi::xml_parse_result result =
      doc_.load_buffer_inplace(buffer_.data(), buffer_.size(), pugi::parse_default);
  if (!result) {
    const auto offset = static_cast<std::size_t>(std::max<std::ptrdiff_t>(result.offset, 0));
    const auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
    throw InputError(path_, static_cast<std::size_t>(it - line_starts_.begin()), "",
                     std::string("malformed XML: ") + result.description());
  }
  if (!doc_.document_element()) throw InputError(path_, 0, "", "XML file has no root element");
}

std::size_t XmlFile::line(pugi::xml_node node) const {
  const std::ptrdiff_t offset = node.offset_debug();
  if (offset < 0) return 0;
  const auto it =
      std::upper_bound(line_starts_.begin(), line_starts_.end(), static_cast<std::size_t>(offset));
  return static_cast<std::size_t>(it - line_starts_.begin());
}

void XmlFile::fail(pugi::xml_node node, const std::string& field,
                   const std::string& message) const {
  throw InputError(path_, line(node), field, "<" + std::string(node.name()) + ">: " + message);
}

std::string XmlFile::text(pugi::xml_node node, const char* attribute) const {
  const pugi::xml_attribute value = node.attribute(attribute);
  if (!value) fail(node, attribute, "missing attribute");
  std::string text = value.value();
  if (text.empty()) fail(node, attribute, "attribute is empty");
  return text;
}

std::optional<double> XmlFile::optional_number(pugi::xml_node node, const char* attribute) const {
  const pugi::xml_attribute value = node.attribute(attribute);
  if (!value) return std::nullopt;
  const std::optional<double> number = parse_number(value.value());
  if (!number) fail(node, attribute, "'" + std::string(value.value()) + "' is not a number");
  return number;
}

double XmlFile::number(pugi::xml_node node, const char* attribute) const {
  if (!node.attribute(attribute)) fail(node, attribute, "missing attribute");
  return *optional_number(node, attribute);
}

std::optional<double> XmlFile::optional_time(pugi::xml_node node, const char* attribute) const {
  const pugi::xml_attribute value = node.attribute(attribute);
  if (!value) return std::nullopt;
  const std::optional<double> seconds = parse_time_of_day(value.value());
  if (!seconds) {
    fail(node, attribute,
         "'" + std::string(value.value()) + "' is not a time in seconds (special values such as " +
             "'triggered' are not supported)");
  }
  return seconds;
}

double XmlFile::time(pugi::xml_node node, const char* attribute) const {
  if (!node.attribute(attribute)) fail(node, attribute, "missing attribute");
  return *optional_time(node, attribute);
}

std::size_t XmlFile::index(pugi::xml_node node, const char* attribute) const {
  const std::string value = text(node, attribute);
  std::size_t result = 0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), result);
  if (error != std::errc() || end != value.data() + value.size()) {
    fail(node, attribute, "'" + value + "' is not a non-negative integer");
  }
  return result;
}

std::vector<std::string> split_list(const std::string& text, bool commas) {
  std::vector<std::string> items;
  std::string item;
  for (const char c : text) {
    const bool separator = c == ' ' || c == '\t' || c == '\n' || c == '\r' || (commas && c == ',');
    if (!separator) {
      item += c;
    } else if (!item.empty()) {
      items.push_back(std::move(item));
      item.clear();
    }
  }
  if (!item.empty()) items.push_back(std::move(item));
  return items;
}

}  // namespace arteria::sumo_xml
