// The manifest of the data sets Arteria can download (scenarios/datasets.toml, installed beside
// the built-in scenarios): for each data set its public source and, per file, the URL, size
// and SHA-256 a download must match.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace arteria {

struct DatasetFile {
  std::string file;  // name under <data folder>/<kind>/<name>/
  std::string url;   // where it is published
  std::uint64_t bytes = 0;
  std::string sha256;  // 64 lowercase hex digits
};

struct Dataset {
  std::string name;  // "SiouxFalls"
  std::string kind;  // "tntp": the folder it goes in
  std::string about;
  std::string licence;
  std::string repo;    // the repository the files come from
  std::string commit;  // the commit they are taken at
  std::vector<DatasetFile> files;

  std::string key() const { return kind + "/" + name; }  // "tntp/SiouxFalls"
  std::uint64_t bytes() const;
};

struct DatasetManifest {
  std::string path;  // named in errors
  std::vector<Dataset> datasets;

  // The data set called `name` ("SiouxFalls" or "tntp/SiouxFalls"); an InputError listing the
  // known names, with a "did you mean", when there is none.
  const Dataset& find(const std::string& name) const;
};

// Reads and checks a manifest: every key known, names unique, sizes positive, hashes 64 hex
// digits, file names plain (no folders), URLs http(s). InputError naming file, line and field.
DatasetManifest read_dataset_manifest(const std::string& path);

// The installed manifest: <share>/scenarios/datasets.toml (base/install_paths.hpp).
std::string default_dataset_manifest_path();

}  // namespace arteria
