// Variant files merged onto their bases; see scenario_bases.hpp for the rules.
#include "scenario/scenario_bases.hpp"

#include <algorithm>
#include <filesystem>
#include <optional>

#include "base/error.hpp"

namespace arteria {
namespace {

toml::table parse_file(const std::string& path, std::string& text) {
  text = read_input_file(path, "cannot open the scenario file (does it exist?)");
  try {
    return toml::parse(std::string_view(text), std::string_view(path));
  } catch (const toml::parse_error& error) {
    throw InputError(path, error.source().begin.line, "", std::string(error.description()));
  }
}

[[noreturn]] void fail_at(const std::string& file, const toml::node& node, const std::string& field,
                          const std::string& message) {
  throw InputError(file, node.source().begin.line, field, message);
}

toml::table* scenario_table(toml::table& root) {
  toml::node* node = root.get("scenario");
  return node ? node->as_table() : nullptr;  // not a table: reported when the file is read
}

struct BaseLink {
  std::string path;  // resolved against the folder of the file naming it
  const toml::node* node = nullptr;
};

std::optional<BaseLink> base_link(toml::table& root, const std::string& file) {
  const toml::table* scenario = scenario_table(root);
  const toml::node* node = scenario ? scenario->get("base") : nullptr;
  if (!node) return std::nullopt;
  const auto* text = node->as_string();
  if (!text || text->get().empty()) {
    fail_at(file, *node, "scenario.base", "expected the base scenario's file name (a string)");
  }
  std::string problem;
  const auto expanded = expand_data_variable(text->get(), problem);
  if (!expanded) fail_at(file, *node, "scenario.base", problem);
  std::filesystem::path path(*expanded);
  if (!path.is_absolute()) path = std::filesystem::path(file).parent_path() / path;
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) path /= "scenario.toml";
  path = path.lexically_normal();
  if (!std::filesystem::is_regular_file(path, error)) {
    fail_at(file, *node, "scenario.base",
            "the base scenario '" + path.string() +
                "' does not exist (a relative name is taken from this file's folder)");
  }
  return BaseLink{path.string(), node};
}

// [scenario] replace: the dotted keys of the base the variant replaces whole.
std::vector<std::pair<std::string, const toml::node*>> replaced_keys(toml::table& root,
                                                                     const std::string& file,
                                                                     bool has_base) {
  const toml::table* scenario = scenario_table(root);
  const toml::node* node = scenario ? scenario->get("replace") : nullptr;
  if (!node) return {};
  if (!has_base) fail_at(file, *node, "scenario.replace", "replace needs a base (scenario.base)");
  const toml::array* list = node->as_array();
  if (!list) fail_at(file, *node, "scenario.replace", "expected a list of keys, e.g. [\"events\"]");
  std::vector<std::pair<std::string, const toml::node*>> keys;
  for (const toml::node& item : *list) {
    const auto* key = item.as_string();
    if (!key || key->get().empty()) {
      fail_at(file, item, "scenario.replace", "expected a key (a string such as \"events\")");
    }
    keys.emplace_back(key->get(), &item);
  }
  return keys;
}

// Removes the dotted `key` from `base`; false when the base has no such key.
bool drop_key(toml::table& base, const std::string& key) {
  toml::table* table = &base;
  std::size_t begin = 0;
  for (std::size_t dot = key.find('.'); dot != std::string::npos; dot = key.find('.', begin)) {
    toml::node* child = table->get(key.substr(begin, dot - begin));
    if (!child || !child->is_table()) return false;
    table = child->as_table();
    begin = dot + 1;
  }
  return table->erase(key.substr(begin)) > 0;
}

// What a variant never takes from its base: it is a scenario of its own, with its own name,
// and it must not write its results over the base's.
void drop_uninherited(toml::table& base) {
  if (toml::table* scenario = scenario_table(base)) {
    scenario->erase("name");
    scenario->erase("description");
  }
  if (toml::node* output = base.get("output"); output && output->is_table()) {
    output->as_table()->erase("file");
  }
}

bool is_table_array(const toml::node& node) {
  const toml::array* array = node.as_array();
  return array && !array->empty() && array->is_array_of_tables();
}

// Moves `variant` onto `base`: tables merge key by key, arrays of tables append, anything
// else replaces. Moving keeps each node's source (file and line).
void merge_into(toml::table& base, toml::table& variant) {
  for (auto&& [key, node] : variant) {
    toml::node* existing = base.get(key.str());
    if (existing && existing->is_table() && node.is_table()) {
      merge_into(*existing->as_table(), *node.as_table());
    } else if (existing && is_table_array(*existing) && is_table_array(node)) {
      for (toml::node& item : *node.as_array()) {
        existing->as_array()->push_back(std::move(*item.as_table()));
      }
    } else {
      node.visit([&, &key = key](auto&& value) { base.insert_or_assign(key, std::move(value)); });
    }
  }
}

struct Chain {
  std::vector<std::string> canonical;  // every file passed, to find a cycle
  std::vector<std::string> shown;      // the same, as named
};

toml::table read_with_bases(const std::string& path, Chain& chain, MergedScenarioFile& out) {
  std::string text;
  toml::table root = parse_file(path, text);
  out.text += (out.text.empty() ? "" : "\n--base\n") + text;
  const auto base = base_link(root, path);
  const auto replace = replaced_keys(root, path, base.has_value());
  if (!base) return root;
  std::error_code error;
  const std::string canonical = std::filesystem::weakly_canonical(base->path, error).string();
  if (std::find(chain.canonical.begin(), chain.canonical.end(), canonical) !=
      chain.canonical.end()) {
    std::string cycle;
    for (const std::string& file : chain.shown) cycle += file + " -> ";
    fail_at(
        path, *base->node, "scenario.base",
        "the bases form a cycle: " + cycle + base->path + " (a base cannot extend its variant)");
  }
  chain.canonical.push_back(canonical);
  chain.shown.push_back(base->path);
  out.bases.push_back(base->path);
  toml::table merged = read_with_bases(base->path, chain, out);
  drop_uninherited(merged);
  for (const auto& [key, node] : replace) {
    if (!drop_key(merged, key)) {
      fail_at(path, *node, "scenario.replace",
              "the base (" + base->path + ") has no '" + key + "' to replace");
    }
  }
  merge_into(merged, root);
  return merged;
}

}  // namespace

MergedScenarioFile read_merged_scenario_toml(const std::string& path) {
  MergedScenarioFile out;
  std::error_code error;
  Chain chain{{std::filesystem::weakly_canonical(path, error).string()}, {path}};
  out.root = read_with_bases(path, chain, out);
  return out;
}

}  // namespace arteria
