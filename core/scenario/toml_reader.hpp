// Strict reading of TOML tables for scenario files: typed getters whose errors name the file,
// line and dotted key; every key read is remembered so that finish() can reject the rest as
// unknown, with a "did you mean" when a known key is close.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// toml++ 3.3 asserts that a table header starts with a key, so "[ = 1" aborts a build without
// NDEBUG (Debug, the sanitizer presets, the fuzz targets), where its release code reports
// "expected bare key starting character". Every build takes the release behaviour: an
// InputError. Found by fuzz_scenario_toml; test_scenario_files.cpp keeps it. toml++ is included
// only through this header, so every file sees the same setting.
#define TOML_ASSERT(expr) static_cast<void>(0)
#include <toml++/toml.h>

#include "base/value_ranges.hpp"

namespace arteria {

// State shared by every table of one scenario file.
struct TomlDocument {
  std::string file;    // the scenario file, named in errors
  std::string folder;  // relative paths in the file are taken from here
  // Input files the scenario names, resolved, in the order read (hashed into the scenario).
  std::vector<std::string> inputs;
  // The files the scenario extends ([scenario] base, scenario_bases.hpp), nearest first. Their
  // nodes were merged into the tree; errors name them, and relative paths written in one are
  // taken from its own folder.
  std::vector<std::string> bases = {};

  // The file a node was parsed from (`file` or one of `bases`) and its line; "--set" and 0
  // for nodes given with --set.
  std::pair<std::string, std::size_t> where(const toml::source_region& source) const;
  // Index of the node's file in {file, bases...} (SourceRef::file of ScenarioSpec::files); 0
  // for nodes given with --set.
  std::uint32_t file_index(const toml::source_region& source) const;
  // The folder a relative path written at `source` is taken from: its file's folder; nullopt
  // for a path given with --set (taken from the working directory).
  std::optional<std::string> folder_of(const toml::source_region& source) const;
};

class TomlTable {
 public:
  // `path` is the dotted name of the table ("" for the root, "events[2]" for an array element).
  TomlTable(const toml::table& table, std::string path, TomlDocument& document);

  const std::string& path() const { return path_; }
  std::string key_path(std::string_view key) const;
  TomlDocument& document() const { return document_; }

  // Marks `key` as known and returns its node, or nullptr when absent.
  const toml::node* find(std::string_view key);
  bool has(std::string_view key) { return find(key) != nullptr; }
  // The line of `key`'s value as errors name it: 0 when it is absent or was given with --set.
  std::uint32_t line(std::string_view key) const;

  // Typed getters: nullopt when the key is absent, InputError when it has the wrong type.
  std::optional<std::string> string(std::string_view key);
  std::optional<double> number(std::string_view key);  // integer or float
  std::optional<std::int64_t> integer(std::string_view key);
  std::optional<bool> boolean(std::string_view key);
  // A time of day: "HH:MM[:SS]" (hours may pass 24), a TOML time, or a number of seconds;
  // within valid::time_of_day_s.
  std::optional<double> time(std::string_view key);
  std::optional<TomlTable> table(std::string_view key);
  const toml::array* array(std::string_view key);
  // A string naming an input file: ${ARTERIA_DATA} expanded, made relative to the scenario's
  // folder (to the working directory when given with --set), checked to exist and recorded.
  std::optional<std::string> input_path(std::string_view key);
  // One path or a list of paths, each an existing file or folder (every file of a folder is
  // recorded as an input); empty when the key is absent.
  std::vector<std::string> input_paths(std::string_view key);
  // A string naming an output file; resolved like input_path but not checked.
  std::optional<std::string> output_path(std::string_view key);

  // Like the getters above, but a missing key is an error.
  std::string require_string(std::string_view key);
  double require_number(std::string_view key);
  std::string require_input_path(std::string_view key);

  // Range checks with errors naming the key.
  // A number within `range` (base/value_ranges.hpp); `fallback` (unchecked: it may be a
  // sentinel such as an infinite time limit) when the key is absent.
  double number_in(std::string_view key, double fallback, const ValueRange& range);
  std::int64_t integer_in(std::string_view key, std::int64_t fallback, std::int64_t min,
                          std::int64_t max);
  // A string that must be one of `choices`; errors suggest the closest.
  std::string choice(std::string_view key, const std::vector<std::string>& choices,
                     std::string fallback);

  // Errors about a key (or, when it is absent, about the table) and about any node.
  [[noreturn]] void fail(std::string_view key, const std::string& message) const;
  [[noreturn]] void fail_node(const toml::node& node, const std::string& field,
                              const std::string& message) const;

  // Rejects every key of the table not asked for. `context` is added to the message
  // (e.g. "for source = \"grid\"").
  void finish(const std::string& context = "") const;

 private:
  std::optional<std::string> raw_path(std::string_view key);
  std::string resolve_path(std::string_view key, const std::string& text, const toml::node& node);

  const toml::table& table_;
  std::string path_;
  TomlDocument& document_;
  std::vector<std::string> known_;
};

// Seconds from a time node: "HH:MM[:SS]" string, TOML time or non-negative number; nullopt
// when the node is none of these.
std::optional<double> toml_time_seconds(const toml::node& node);

// The type of a node as a user reads it: "string", "integer", "table", ...
const char* toml_type_name(const toml::node& node);

// Expands ${ARTERIA_DATA} (base/install_paths.hpp: data_dir()). Returns nullopt and sets
// `problem` to the reason when the text names another variable or no data folder is known.
std::optional<std::string> expand_data_variable(const std::string& text, std::string& problem);

}  // namespace arteria
