// `arteria data list` and `arteria data fetch NAME... [--mirror URL|DIR] [--dest DIR]`: the data
// sets of the manifest (scenarios/datasets.toml), downloaded from their public sources into the
// folder ${ARTERIA_DATA} stands for, each file checked against its size and SHA-256.
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "base/error.hpp"
#include "base/install_paths.hpp"
#include "cli/commands.hpp"
#include "datasets/dataset_manifest.hpp"
#include "datasets/fetch_dataset.hpp"

namespace arteria::cli {
namespace {

struct DataArguments {
  std::string manifest;  // empty: the installed one
  std::vector<std::string> names;
  bool all = false;
  std::string mirror;
  std::string dest;
};

DatasetManifest load_manifest(const DataArguments& args) {
  return read_dataset_manifest(args.manifest.empty() ? default_dataset_manifest_path()
                                                     : args.manifest);
}

std::filesystem::path destination(const DataArguments& args) {
  if (!args.dest.empty()) return args.dest;
  const std::string folder = data_dir();
  if (folder.empty()) {
    throw InputError("--dest", 0, "",
                     "no data folder: set ARTERIA_DATA to one (scenario files name data as "
                     "${ARTERIA_DATA}/...) or pass --dest DIR");
  }
  return folder;
}

std::string size_text(std::uint64_t bytes) {
  char text[32];
  if (bytes < 1000000) {
    std::snprintf(text, sizeof text, "%.1f kB", static_cast<double>(bytes) / 1e3);
  } else {
    std::snprintf(text, sizeof text, "%.1f MB", static_cast<double>(bytes) / 1e6);
  }
  return text;
}

// "yes" when every file is there with its size (list does not hash; fetch does), "partly" when
// some are, "no" when none are.
const char* presence(const Dataset& dataset, const std::filesystem::path& root) {
  std::size_t found = 0;
  for (const DatasetFile& file : dataset.files) {
    std::error_code error;
    const auto size =
        std::filesystem::file_size(root / dataset.kind / dataset.name / file.file, error);
    if (!error && size == file.bytes) ++found;
  }
  return found == dataset.files.size() ? "yes" : found > 0 ? "partly" : "no";
}

void list(const DataArguments& args) {
  const DatasetManifest manifest = load_manifest(args);
  const std::string root = args.dest.empty() ? data_dir() : args.dest;
  std::printf("%-26s %5s %10s  %-7s %s\n", "data set", "files", "size", "here", "source");
  for (const Dataset& dataset : manifest.datasets) {
    std::printf("%-26s %5zu %10s  %-7s %s\n", dataset.key().c_str(), dataset.files.size(),
                size_text(dataset.bytes()).c_str(), root.empty() ? "-" : presence(dataset, root),
                dataset.repo.c_str());
  }
  std::printf("data folder: %s\n",
              root.empty() ? "none (set ARTERIA_DATA or pass --dest)" : root.c_str());
}

void fetch(const DataArguments& args) {
  const DatasetManifest manifest = load_manifest(args);
  std::vector<const Dataset*> chosen;
  if (args.all) {
    for (const Dataset& dataset : manifest.datasets) chosen.push_back(&dataset);
  }
  for (const std::string& name : args.names) chosen.push_back(&manifest.find(name));
  if (chosen.empty())
    throw InputError("data fetch", 0, "",
                     "name a data set, or pass --all (see `arteria data list`)");
  FetchOptions options;
  options.data_dir = destination(args);
  options.mirror = args.mirror;
  options.on_file = [](const DatasetFile& file, const std::string& what) {
    std::printf("  %-10s %s (%s)\n", what.c_str(), file.file.c_str(),
                size_text(file.bytes).c_str());
    std::fflush(stdout);
  };
  for (const Dataset* dataset : chosen) {
    std::printf("%s from %s\n", dataset->key().c_str(),
                args.mirror.empty() ? dataset->repo.c_str() : args.mirror.c_str());
    const FetchReport report = fetch_dataset(*dataset, options);
    std::printf("  %zu downloaded, %zu already present; SHA-256 checked; in %s\n",
                report.downloaded, report.present, report.folder.string().c_str());
  }
}

}  // namespace

void add_data_command(CLI::App& app) {
  auto args = std::make_shared<DataArguments>();
  CLI::App* data = app.add_subcommand("data", "List and download the data sets scenarios use");
  data->require_subcommand(1);

  CLI::App* list_cmd =
      data->add_subcommand("list", "The data sets of the manifest, and which are here");
  list_cmd->add_option("--dest", args->dest, "Data folder to look in (default: $ARTERIA_DATA)");
  list_cmd->add_option("--manifest", args->manifest,
                       "Data set manifest (default: the installed one)");
  list_cmd->callback([args] { list(*args); });

  CLI::App* fetch_cmd = data->add_subcommand(
      "fetch", "Download data sets from their public sources, checking each file's SHA-256");
  fetch_cmd->add_option("names", args->names, "Data sets, e.g. SiouxFalls or tntp/SiouxFalls");
  fetch_cmd->add_flag("--all", args->all, "Every data set of the manifest");
  fetch_cmd->add_option("--mirror", args->mirror,
                        "Base URL or folder standing for the scheme and host of every URL "
                        "(a copy laid out as <mirror>/<owner>/<repo>/<commit>/<path>)");
  fetch_cmd->add_option("--dest", args->dest,
                        "Data folder to fill (default: $ARTERIA_DATA); files go to <kind>/<name>/");
  fetch_cmd->add_option("--manifest", args->manifest,
                        "Data set manifest (default: the installed one)");
  fetch_cmd->callback([args] { fetch(*args); });
}

}  // namespace arteria::cli
