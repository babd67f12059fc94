// Strict TOML table reading for scenario files; see toml_reader.hpp.

#include "scenario/toml_reader.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>

#include "base/csv.hpp"
#include "base/did_you_mean.hpp"
#include "base/error.hpp"
#include "base/install_paths.hpp"
#include "base/text.hpp"

namespace arteria {
namespace {

struct Location {
  std::string file;
  std::size_t line;
};

Location locate(const TomlDocument& document, const toml::source_region& source) {
  auto [file, line] = document.where(source);
  return {std::move(file), line};
}

std::string quoted_value(const toml::node& node) {
  if (const auto* text = node.as_string()) return " \"" + text->get() + "\"";
  if (const auto* integer = node.as_integer()) return " " + std::to_string(integer->get());
  return "";
}

// A required key that is absent is often present under a misspelt name: point at it.
std::string misspelling_hint(const toml::table& table, std::string_view key) {
  for (auto&& [name, node] : table) {
    if (name.str() != key && edit_distance(name.str(), key) <= 2) {
      return " (is '" + std::string(name.str()) + "' a misspelling of it?)";
    }
  }
  return "";
}

}  // namespace

// Nodes parsed from the scenario file or a base carry its path; nodes put in by --set do not.
std::pair<std::string, std::size_t> TomlDocument::where(const toml::source_region& source) const {
  if (source.path && source.begin.line > 0 &&
      (*source.path == file ||
       std::find(bases.begin(), bases.end(), *source.path) != bases.end())) {
    return {*source.path, source.begin.line};
  }
  return {"--set", 0};
}

std::uint32_t TomlDocument::file_index(const toml::source_region& source) const {
  if (!source.path) return 0;
  const auto base = std::find(bases.begin(), bases.end(), *source.path);
  return base == bases.end() ? 0 : static_cast<std::uint32_t>(1 + (base - bases.begin()));
}

std::optional<std::string> TomlDocument::folder_of(const toml::source_region& source) const {
  const std::string from = where(source).first;
  if (from == "--set") return std::nullopt;
  return from == file ? folder : std::filesystem::path(from).parent_path().string();
}

std::optional<double> toml_time_seconds(const toml::node& node) {
  if (const auto* text = node.as_string()) return parse_time_of_day(text->get());
  if (const auto* clock = node.as_time()) {
    const toml::time& t = clock->get();
    return t.hour * 3600.0 + t.minute * 60.0 + t.second + t.nanosecond * 1e-9;
  }
  if (node.is_number()) {
    const double seconds = node.value<double>().value_or(-1.0);
    if (seconds >= 0.0 && std::isfinite(seconds)) return seconds;
  }
  return std::nullopt;
}

const char* toml_type_name(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string: return "string";
    case toml::node_type::integer: return "integer";
    case toml::node_type::floating_point: return "float";
    case toml::node_type::boolean: return "boolean";
    case toml::node_type::table: return "table";
    case toml::node_type::array: return "array";
    case toml::node_type::date: return "date";
    case toml::node_type::time: return "time";
    case toml::node_type::date_time: return "date-time";
    case toml::node_type::none: return "nothing";
  }
  return "unknown";
}

std::optional<std::string> expand_data_variable(const std::string& text, std::string& problem) {
  std::string result;
  std::size_t pos = 0;
  while (true) {
    const std::size_t open = text.find("${", pos);
    if (open == std::string::npos) break;
    const std::size_t close = text.find('}', open);
    const std::string name =
        text.substr(open + 2, close == std::string::npos ? std::string::npos : close - open - 2);
    if (close == std::string::npos || name != "ARTERIA_DATA") {
      problem = "unknown variable '${" + name + "}'; only ${ARTERIA_DATA} is expanded";
      return std::nullopt;
    }
    const std::string data = data_dir();
    if (data.empty()) {
      problem =
          "${ARTERIA_DATA} is not set and this installation has no data folder "
          "(share/arteria/data): set ARTERIA_DATA to the folder that holds the data sets";
      return std::nullopt;
    }
    result += text.substr(pos, open - pos);
    result += data;
    pos = close + 1;
  }
  return result + text.substr(pos);
}

TomlTable::TomlTable(const toml::table& table, std::string path, TomlDocument& document)
    : table_(table), path_(std::move(path)), document_(document) {}

std::string TomlTable::key_path(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

const toml::node* TomlTable::find(std::string_view key) {
  if (std::find(known_.begin(), known_.end(), key) == known_.end()) known_.emplace_back(key);
  return table_.get(key);
}

std::uint32_t TomlTable::line(std::string_view key) const {
  const toml::node* node = table_.get(key);
  return node ? static_cast<std::uint32_t>(locate(document_, node->source()).line) : 0;
}

void TomlTable::fail(std::string_view key, const std::string& message) const {
  if (const toml::node* node = table_.get(key)) fail_node(*node, key_path(key), message);
  Location where = locate(document_, table_.source());
  if (path_.empty()) where = {document_.file, 0};  // the file as a whole
  throw InputError(where.file, where.line, key_path(key), message);
}

void TomlTable::fail_node(const toml::node& node, const std::string& field,
                          const std::string& message) const {
  const Location where = locate(document_, node.source());
  throw InputError(where.file, where.line, field, message);
}

std::optional<std::string> TomlTable::string(std::string_view key) {
  const toml::node* node = find(key);
  if (!node) return std::nullopt;
  if (!node->is_string()) {
    fail(key, std::string("expected a string, got ") + toml_type_name(*node) + quoted_value(*node));
  }
  return node->as_string()->get();
}

std::optional<double> TomlTable::number(std::string_view key) {
  const toml::node* node = find(key);
  if (!node) return std::nullopt;
  if (!node->is_number()) {
    fail(key, std::string("expected a number, got ") + toml_type_name(*node) + quoted_value(*node));
  }
  const double value = node->value<double>().value_or(0.0);
  if (!std::isfinite(value)) fail(key, "must be a finite number");
  return value;
}

std::optional<std::int64_t> TomlTable::integer(std::string_view key) {
  const toml::node* node = find(key);
  if (!node) return std::nullopt;
  if (!node->is_integer()) {
    fail(key,
         std::string("expected an integer, got ") + toml_type_name(*node) + quoted_value(*node));
  }
  return node->as_integer()->get();
}

std::optional<bool> TomlTable::boolean(std::string_view key) {
  const toml::node* node = find(key);
  if (!node) return std::nullopt;
  if (!node->is_boolean()) {
    fail(key,
         std::string("expected true or false, got ") + toml_type_name(*node) + quoted_value(*node));
  }
  return node->as_boolean()->get();
}

std::optional<double> TomlTable::time(std::string_view key) {
  const toml::node* node = find(key);
  if (!node) return std::nullopt;
  const auto seconds = toml_time_seconds(*node);
  if (seconds) {
    const std::string problem = time_of_day_problem(*seconds);
    if (!problem.empty()) fail(key, problem);
    return seconds;
  }
  if (const auto* text = node->as_string()) {
    fail(key, "'" + text->get() + "' is not a time (\"HH:MM:SS\", \"HH:MM\" or seconds)");
  }
  if (node->is_number()) fail(key, "a time must not be negative");
  fail(key, std::string("expected a time (\"HH:MM:SS\" or seconds), got ") + toml_type_name(*node));
}

std::optional<TomlTable> TomlTable::table(std::string_view key) {
  const toml::node* node = find(key);
  if (!node) return std::nullopt;
  if (!node->is_table()) {
    fail(key, std::string("expected a table, got ") + toml_type_name(*node) + quoted_value(*node));
  }
  return TomlTable(*node->as_table(), key_path(key), document_);
}

const toml::array* TomlTable::array(std::string_view key) {
  const toml::node* node = find(key);
  if (!node) return nullptr;
  if (!node->is_array()) {
    fail(key, std::string("expected an array, got ") + toml_type_name(*node) + quoted_value(*node));
  }
  return node->as_array();
}

std::optional<std::string> TomlTable::raw_path(std::string_view key) {
  const auto text = string(key);
  if (!text) return std::nullopt;
  return resolve_path(key, *text, *table_.get(key));
}

std::string TomlTable::resolve_path(std::string_view key, const std::string& text,
                                    const toml::node& node) {
  if (text.empty()) fail(key, "the path is empty");
  std::string problem;
  const auto expanded = expand_data_variable(text, problem);
  if (!expanded) fail(key, problem);
  const std::filesystem::path path(*expanded);
  const auto folder = document_.folder_of(node.source());
  if (path.is_absolute() || !folder || folder->empty()) return path.lexically_normal().string();
  return (std::filesystem::path(*folder) / path).lexically_normal().string();
}

std::vector<std::string> TomlTable::input_paths(std::string_view key) {
  const toml::node* node = find(key);
  if (!node) return {};
  std::vector<std::pair<std::string, const toml::node*>> texts;
  if (const toml::array* list = node->as_array()) {
    for (const toml::node& item : *list) {
      const auto text = item.value<std::string>();
      if (!text) fail_node(item, key_path(key), "expected a path (a string)");
      texts.emplace_back(*text, &item);
    }
  } else if (const auto text = node->value<std::string>()) {
    texts.emplace_back(*text, node);
  } else {
    fail(key, "expected a path or a list of paths");
  }
  std::vector<std::string> paths;
  for (const auto& [text, item] : texts) {
    const std::string path = resolve_path(key, text, *item);
    std::error_code error;
    if (std::filesystem::is_directory(path, error)) {
      // A folder's files are the input (sorted, so the scenario hash is stable).
      std::vector<std::string> files;
      for (const auto& entry : std::filesystem::directory_iterator(path, error)) {
        if (entry.is_regular_file()) files.push_back(entry.path().string());
      }
      std::sort(files.begin(), files.end());
      document_.inputs.insert(document_.inputs.end(), files.begin(), files.end());
    } else if (std::filesystem::is_regular_file(path, error)) {
      document_.inputs.push_back(path);
    } else {
      fail(key, "'" + path + "' is neither a file nor a folder");
    }
    paths.push_back(path);
  }
  return paths;
}

std::optional<std::string> TomlTable::input_path(std::string_view key) {
  auto path = raw_path(key);
  if (!path) return std::nullopt;
  std::error_code error;
  if (!std::filesystem::is_regular_file(*path, error)) {
    fail(key, "file '" + *path + "' does not exist" +
                  (std::filesystem::is_directory(*path, error) ? " (it is a folder)" : ""));
  }
  document_.inputs.push_back(*path);
  return path;
}

std::optional<std::string> TomlTable::output_path(std::string_view key) {
  return raw_path(key);
}

std::string TomlTable::require_string(std::string_view key) {
  auto value = string(key);
  if (!value) fail(key, "is required" + misspelling_hint(table_, key));
  return *value;
}

double TomlTable::require_number(std::string_view key) {
  const auto value = number(key);
  if (!value) fail(key, "is required" + misspelling_hint(table_, key));
  return *value;
}

std::string TomlTable::require_input_path(std::string_view key) {
  if (!table_.get(key)) fail(key, "is required" + misspelling_hint(table_, key));
  return *input_path(key);
}

double TomlTable::number_in(std::string_view key, double fallback, const ValueRange& range) {
  const auto value = number(key);
  if (!value) return fallback;
  const std::string problem = range_problem(range, *value);
  if (!problem.empty()) fail(key, problem);
  return *value;
}

std::int64_t TomlTable::integer_in(std::string_view key, std::int64_t fallback, std::int64_t min,
                                   std::int64_t max) {
  const std::int64_t value = integer(key).value_or(fallback);
  if (value < min || value > max) {
    fail(key, "must be between " + std::to_string(min) + " and " + std::to_string(max) + ", got " +
                  std::to_string(value));
  }
  return value;
}

std::string TomlTable::choice(std::string_view key, const std::vector<std::string>& choices,
                              std::string fallback) {
  const auto value = string(key);
  if (!value) return fallback;
  if (std::find(choices.begin(), choices.end(), *value) == choices.end()) {
    std::string list;
    for (const std::string& c : choices) list += (list.empty() ? "\"" : ", \"") + c + "\"";
    fail(key, "'" + *value + "' is not one of " + list + did_you_mean(*value, choices));
  }
  return *value;
}

void TomlTable::finish(const std::string& context) const {
  for (auto&& [name, node] : table_) {
    const std::string key(name.str());
    if (std::find(known_.begin(), known_.end(), key) != known_.end()) continue;
    Location where = locate(document_, name.source());
    if (where.line == 0) where = locate(document_, node.source());
    std::string known_list;
    for (const std::string& k : known_) known_list += (known_list.empty() ? "" : ", ") + k;
    const std::string what = node.is_table() ? "unknown table" : "unknown key";
    throw InputError(where.file, where.line, key_path(key),
                     what + " '" + key + "'" + (path_.empty() ? "" : " in [" + path_ + "]") +
                         context + did_you_mean(key, known_) + " (known: " + known_list + ")");
  }
}

}  // namespace arteria
