// `arteria compare BASE.h5 VARIANT.h5 [--out DIR] [--top N] [--from HH:MM --to HH:MM]
// [--select-link ID]`: the KPI tables, the links that changed most and the comparison figures.
// The analysis is the Python package's (pandas and matplotlib do tables and figures far better
// than C++ could here), so this command hands its arguments to `python3 -m arteria compare`, with
// the package the build made on PYTHONPATH.
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "base/error.hpp"
#include "base/install_paths.hpp"
#include "cli/commands.hpp"

namespace arteria::cli {

namespace {

// The folder holding this install's Python package `arteria`: <root>/python in the build tree,
// <root>/lib/python3.X/dist-packages under an install prefix (base/install_paths.hpp); empty
// when neither holds it.
std::filesystem::path python_package_folder() {
  const std::filesystem::path root = install_root();
  if (root.empty()) return {};
  std::error_code error;
  if (std::filesystem::exists(root / "python" / "arteria" / "__init__.py", error)) {
    return root / "python";
  }
  for (const auto& entry : std::filesystem::directory_iterator(root / "lib", error)) {
    const std::filesystem::path packages = entry.path() / "dist-packages";
    if (std::filesystem::exists(packages / "arteria" / "__init__.py", error)) return packages;
  }
  return {};
}

}  // namespace

// Replaces this process with `python -m arteria ARGS...`, so Python's output, errors and exit
// code (2 for bad input, as here) are the command's own. ARTERIA_PYTHON picks another
// interpreter; this install's package folder is put first on PYTHONPATH when it has one (a
// package Python finds by itself is used otherwise).
[[noreturn]] void exec_python_package(const std::vector<std::string>& args) {
  const char* chosen = std::getenv("ARTERIA_PYTHON");
  const std::string python = chosen && *chosen ? chosen : ARTERIA_PYTHON_EXECUTABLE;
  const std::filesystem::path package_dir = python_package_folder();
  if (!package_dir.empty()) {
    const char* old = std::getenv("PYTHONPATH");
    const std::string path = package_dir.string() + (old && *old ? ":" + std::string(old) : "");
    setenv("PYTHONPATH", path.c_str(), 1);
  }
  std::vector<std::string> words = {python, "-m", "arteria"};
  words.insert(words.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& word : words) argv.push_back(word.data());
  argv.push_back(nullptr);
  std::fflush(stdout);
  std::fflush(stderr);
  execvp(python.c_str(), argv.data());
  throw std::runtime_error("cannot start '" + python + "' for the analysis (" +
                           std::strerror(errno) +
                           "); set ARTERIA_PYTHON to a Python 3 with "
                           "numpy, pandas, h5py and matplotlib");
}

namespace {

struct CompareArguments {
  std::string base;
  std::string variant;
  std::string out_dir;
  std::string select_link;
  int top = 10;
  std::string from, to;  // departure window of the KPI tables; empty: the whole run
};

}  // namespace

void require_result_file(const std::string& path) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) {
    throw InputError(path, 0, "", "no such result file (run `arteria run` first)");
  }
}

void add_compare_command(CLI::App& app) {
  auto args = std::make_shared<CompareArguments>();
  CLI::App* cmd = app.add_subcommand(
      "compare", "Compare a variant's result with a baseline's: KPIs, changed links, figures");
  cmd->add_option("base", args->base, "Baseline result file (HDF5)")->required();
  cmd->add_option("variant", args->variant, "Variant result file (HDF5)")->required();
  cmd->add_option("--out,-o", args->out_dir, "Folder for the CSV tables and PNG figures");
  cmd->add_option("--top", args->top, "How many most-changed links to list")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--from", args->from,
                  "KPI and travel time tables for the road trips departing from this time "
                  "(HH:MM[:SS] or seconds)");
  cmd->add_option("--to", args->to, "... and before this time (HH:MM[:SS] or seconds)");
  cmd->add_option("--select-link", args->select_link,
                  "Where the traffic over this link comes from and goes to, in both runs "
                  "(runs written with output.routes = true)");
  cmd->callback([args] {
    require_result_file(args->base);
    require_result_file(args->variant);
    std::vector<std::string> forwarded = {"compare", args->base, args->variant, "--top",
                                          std::to_string(args->top)};
    if (!args->out_dir.empty()) forwarded.insert(forwarded.end(), {"--out", args->out_dir});
    if (!args->from.empty()) forwarded.insert(forwarded.end(), {"--from", args->from});
    if (!args->to.empty()) forwarded.insert(forwarded.end(), {"--to", args->to});
    if (!args->select_link.empty()) {
      forwarded.insert(forwarded.end(), {"--select-link", args->select_link});
    }
    exec_python_package(forwarded);
  });
}

}  // namespace arteria::cli
