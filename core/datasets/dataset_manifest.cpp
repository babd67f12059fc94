// Reading the data set manifest with the scenario files' strict TOML reader.
#include "datasets/dataset_manifest.hpp"

#include <algorithm>
#include <filesystem>

#include "base/did_you_mean.hpp"
#include "base/error.hpp"
#include "base/install_paths.hpp"
#include "scenario/toml_reader.hpp"

namespace arteria {
namespace {

bool is_sha256_hex(const std::string& text) {
  return text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

// A name that stays one folder or file below its parent: no separators, not "." or "..".
bool is_plain_name(const std::string& name) {
  return !name.empty() && name != "." && name != ".." &&
         name.find_first_of("/\\") == std::string::npos;
}

std::string require_plain(TomlTable& table, std::string_view key) {
  std::string value = table.require_string(key);
  if (!is_plain_name(value))
    table.fail(key, "expected a plain name (no folders), got \"" + value + "\"");
  return value;
}

// Every array element must be a table; `what` names the array in errors.
std::vector<TomlTable> tables_of(TomlTable& parent, std::string_view key) {
  const toml::array* array = parent.array(key);
  if (!array || array->empty())
    parent.fail(key, "expected at least one [[" + parent.key_path(key) + "]] table");
  std::vector<TomlTable> tables;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const toml::node& node = *array->get(i);
    const std::string path = parent.key_path(key) + "[" + std::to_string(i) + "]";
    if (!node.as_table()) parent.fail_node(node, path, "expected a table");
    tables.emplace_back(*node.as_table(), path, parent.document());
  }
  return tables;
}

DatasetFile read_file_entry(TomlTable& table) {
  DatasetFile file;
  file.file = require_plain(table, "file");
  const auto bytes = table.integer("bytes");
  if (!bytes || *bytes <= 0) table.fail("bytes", "expected the file's size in bytes (> 0)");
  file.bytes = static_cast<std::uint64_t>(*bytes);
  file.sha256 = table.require_string("sha256");
  if (!is_sha256_hex(file.sha256)) table.fail("sha256", "expected 64 lowercase hex digits");
  file.url = table.require_string("url");
  if (file.url.rfind("https://", 0) != 0 && file.url.rfind("http://", 0) != 0) {
    table.fail("url", "expected an http(s) URL");
  }
  table.finish();
  return file;
}

Dataset read_dataset(TomlTable& table) {
  Dataset dataset;
  dataset.name = require_plain(table, "name");
  dataset.kind = require_plain(table, "kind");
  dataset.about = table.string("about").value_or("");
  dataset.licence = table.require_string("licence");
  dataset.repo = table.require_string("repo");
  dataset.commit = table.require_string("commit");
  std::vector<std::string> seen;
  for (TomlTable& entry : tables_of(table, "files")) {
    DatasetFile file = read_file_entry(entry);
    if (std::find(seen.begin(), seen.end(), file.file) != seen.end()) {
      entry.fail("file", "\"" + file.file + "\" is listed twice");
    }
    seen.push_back(file.file);
    dataset.files.push_back(std::move(file));
  }
  table.finish();
  return dataset;
}

}  // namespace

std::uint64_t Dataset::bytes() const {
  std::uint64_t total = 0;
  for (const DatasetFile& file : files) total += file.bytes;
  return total;
}

const Dataset& DatasetManifest::find(const std::string& name) const {
  std::vector<std::string> names;
  for (const Dataset& dataset : datasets) {
    if (name == dataset.name || name == dataset.key()) return dataset;
    names.push_back(dataset.name);
  }
  std::string known;
  for (const std::string& each : names) known += (known.empty() ? "" : ", ") + each;
  throw InputError(
      path, 0, "",
      "unknown data set '" + name + "'" + did_you_mean(name, names) + " (known: " + known + ")");
}

DatasetManifest read_dataset_manifest(const std::string& path) {
  const std::string text = read_input_file(path, "cannot open the data set manifest");
  toml::table root_table;
  try {
    root_table = toml::parse(std::string_view(text), std::string_view(path));
  } catch (const toml::parse_error& error) {
    throw InputError(path, error.source().begin.line, "", std::string(error.description()));
  }
  TomlDocument document{path, std::filesystem::path(path).parent_path().string(), {}};
  TomlTable root(root_table, "", document);
  DatasetManifest manifest{path, {}};
  for (TomlTable& table : tables_of(root, "datasets")) {
    Dataset dataset = read_dataset(table);
    for (const Dataset& other : manifest.datasets) {
      if (other.name == dataset.name)
        table.fail("name", "\"" + dataset.name + "\" is listed twice");
    }
    manifest.datasets.push_back(std::move(dataset));
  }
  root.finish();
  return manifest;
}

std::string default_dataset_manifest_path() {
  const std::filesystem::path share = share_dir();
  if (share.empty()) {
    throw InputError("datasets.toml", 0, "",
                     "cannot find the data set manifest: no share/arteria/scenarios above the "
                     "running program (is Arteria installed?)");
  }
  return (share / "scenarios" / "datasets.toml").string();
}

}  // namespace arteria
