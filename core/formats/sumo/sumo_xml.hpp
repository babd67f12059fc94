// Internal to the SUMO importers: an XML file held with its line table, so every error names the
// line of the element at fault, and attribute readers that throw InputError naming the field.
#pragma once

#include <optional>
#include <pugixml.hpp>
#include <string>
#include <vector>

#include "base/error.hpp"
#include "base/input_text.hpp"

namespace arteria::sumo_xml {

class XmlFile {
 public:
  // Throws InputError when the file cannot be read (line 0) or is not well-formed XML (the line
  // where the parser stopped).
  explicit XmlFile(std::string path);
  XmlFile(const XmlFile&) = delete;
  XmlFile& operator=(const XmlFile&) = delete;

  const std::string& path() const { return path_; }
  pugi::xml_node root() const { return doc_.document_element(); }
  // 1-based line of the element's start tag; 0 when pugixml cannot tell.
  std::size_t line(pugi::xml_node node) const;

  [[noreturn]] void fail(pugi::xml_node node, const std::string& field,
                         const std::string& message) const;

  std::string text(pugi::xml_node node, const char* attribute) const;  // required, non-empty
  double number(pugi::xml_node node, const char* attribute) const;     // required, finite
  std::optional<double> optional_number(pugi::xml_node node, const char* attribute) const;
  double number_or(pugi::xml_node node, const char* attribute, double fallback) const {
    return optional_number(node, attribute).value_or(fallback);
  }
  // SUMO times: seconds, or H:M:S.
  double time(pugi::xml_node node, const char* attribute) const;
  std::optional<double> optional_time(pugi::xml_node node, const char* attribute) const;
  std::size_t index(pugi::xml_node node, const char* attribute) const;  // non-negative integer

 private:
  std::string path_;
  InputText buffer_;  // the file's bytes, parsed in place so node offsets index it
  std::vector<std::size_t> line_starts_;
  pugi::xml_document doc_;
};

// Splits on spaces, tabs, newlines and (for file lists) commas.
std::vector<std::string> split_list(const std::string& text, bool commas = false);

}  // namespace arteria::sumo_xml
