// One data set from the manifest into the data folder.
#include "datasets/fetch_dataset.hpp"

#include <cstdio>
#include <fstream>

#include "base/error.hpp"
#include "datasets/download.hpp"

namespace arteria {
namespace {

// A local folder as a file:// URL, percent-encoding what a URL path cannot hold as it is.
std::string file_url(const std::filesystem::path& folder) {
  std::string url = "file://";
  for (const unsigned char c : std::filesystem::absolute(folder).lexically_normal().string()) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '/' || c == '-' || c == '_' || c == '.' || c == '~';
    if (plain) {
      url += static_cast<char>(c);
    } else {
      char escaped[4];
      std::snprintf(escaped, sizeof escaped, "%%%02X", c);
      url += escaped;
    }
  }
  return url;
}

// The provenance note a fetched folder carries, as the data folders on the project's own
// machines do: where the files came from, and under what terms.
void write_source_note(const Dataset& dataset, const std::filesystem::path& folder) {
  const std::filesystem::path note = folder / "SOURCE.txt";
  const std::filesystem::path part = folder / "SOURCE.txt.part";
  {
    std::ofstream out(part, std::ios::binary);
    out << "repo: " << dataset.repo << "\ncommit: " << dataset.commit
        << "\nfiles (url -> local file):\n";
    for (const DatasetFile& file : dataset.files) {
      out << "  " << file.url << " -> " << file.file << " (" << file.bytes << " bytes, sha256 "
          << file.sha256 << ")\n";
    }
    out << "\nlicence: " << dataset.licence
        << "\nwritten by `arteria data fetch` from the data set manifest (datasets.toml)\n";
    if (!out.flush()) throw InputError(part.string(), 0, "", "cannot write the provenance note");
  }
  std::filesystem::rename(part, note);
}

}  // namespace

std::string mirrored_url(const std::string& url, const std::string& mirror) {
  if (mirror.empty()) return url;
  const std::size_t scheme_end = url.find("://");
  const std::size_t path_start =
      url.find('/', scheme_end == std::string::npos ? 0 : scheme_end + 3);
  const std::string path = path_start == std::string::npos ? "" : url.substr(path_start + 1);
  std::string base = mirror.find("://") == std::string::npos ? file_url(mirror) : mirror;
  if (!base.empty() && base.back() == '/') base.pop_back();
  return base + "/" + path;
}

FetchReport fetch_dataset(const Dataset& dataset, const FetchOptions& options) {
  FetchReport report;
  report.folder = options.data_dir / dataset.kind / dataset.name;
  std::error_code error;
  std::filesystem::create_directories(report.folder, error);
  if (error) {
    throw InputError(report.folder.string(), 0, "",
                     "cannot create the data set folder: " + error.message());
  }
  for (const DatasetFile& file : dataset.files) {
    const std::filesystem::path destination = report.folder / file.file;
    const ExpectedContent expected{file.bytes, file.sha256};
    if (holds_expected(destination, expected)) {
      ++report.present;
      if (options.on_file) options.on_file(file, "present");
      continue;
    }
    const bool replacing = std::filesystem::exists(destination, error);
    download_verified(mirrored_url(file.url, options.mirror), destination, expected);
    ++report.downloaded;
    if (options.on_file) options.on_file(file, replacing ? "replaced" : "downloaded");
  }
  if (!std::filesystem::exists(report.folder / "SOURCE.txt", error)) {
    write_source_note(dataset, report.folder);
  }
  return report;
}

}  // namespace arteria
