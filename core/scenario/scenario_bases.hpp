// [scenario] base: a variant file that extends another scenario file, so that a variant is the
// few lines that differ. The file is parsed, its base (and the base's base...) parsed and the
// variant merged onto it; scenario_file.cpp then reads the merged tree as it reads any file.
//
// Merge rules (docs/USER_GUIDE.md, "Variants that extend a base"):
// - tables merge key by key, recursively; a key the variant gives overrides the base's value;
// - arrays of tables ([[events]], [[transit.changes]]) are appended to the base's, in file
//   order (base first); every other value, arrays of values included, is replaced whole;
// - [scenario] replace = ["events", "network"] drops those (dotted) keys of the base first, so
//   the variant's value replaces the base's instead of merging with or extending it;
// - the base's [scenario] name and description and its [output] file are not inherited: a
//   variant is its own scenario, and must not overwrite the base's results.
// Nodes keep the file they were parsed from, so errors name the base file and line, and
// relative paths written in a base resolve against the base file's own folder.
#pragma once

#include <string>
#include <vector>

#include "scenario/toml_reader.hpp"

namespace arteria {

struct MergedScenarioFile {
  toml::table root;                // the file merged onto its bases
  std::vector<std::string> bases;  // the files it extends, nearest first
  // Every file's text, the scenario's own first (what the fingerprint hashes: a changed base
  // changes every variant's fingerprint).
  std::string text;
};

// Parses the scenario file at `path` and merges it onto its bases. A missing or unreadable
// base, a base that is not a string and a chain that comes back to a file it passed
// ("a.toml -> b.toml -> a.toml") are InputErrors naming the file, line and scenario.base.
MergedScenarioFile read_merged_scenario_toml(const std::string& path);

}  // namespace arteria
