// Placing a data set from the manifest where scenario files find it:
// <data folder>/<kind>/<name>/<file>, every file checked against its size and SHA-256.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>

#include "datasets/dataset_manifest.hpp"

namespace arteria {

struct FetchOptions {
  std::filesystem::path data_dir;  // the ARTERIA_DATA root
  // Empty: the published URLs. Otherwise a base URL or a local folder standing for every URL's
  // scheme and host, so "https://host/a/b/c" is read from "<mirror>/a/b/c".
  std::string mirror;
  // Told each file as it is handled ("downloaded", "present" or "replaced").
  std::function<void(const DatasetFile&, const std::string& what)> on_file;
};

struct FetchReport {
  std::filesystem::path folder;  // <data folder>/<kind>/<name>
  std::size_t downloaded = 0;    // new or replacing a file that did not match
  std::size_t present = 0;       // already there with the right size and hash
};

// Downloads the files of `dataset` that are missing or differ from the manifest, then writes a
// SOURCE.txt naming the source and licence when the folder has none. Stops at the first file
// that fails (InputError, see download_verified); the files verified before it stay.
FetchReport fetch_dataset(const Dataset& dataset, const FetchOptions& options);

// The URL a file is read from: `url` itself, or its path under `mirror` (see FetchOptions).
std::string mirrored_url(const std::string& url, const std::string& mirror);

}  // namespace arteria
