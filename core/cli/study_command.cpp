// `arteria study STUDY.toml --out DIR` (or `--base BASE.toml VARIANT.toml ... --out DIR`): runs
// a base scenario and its variants, reusing results whose scenario did not change, and writes
// one report folder (KPI table, per-variant comparisons, an overview figure). The runs are the
// engine's, the tables and figures the Python package's (arteria.Study), so like `arteria
// compare` this command hands its arguments to `python3 -m arteria study`.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "base/error.hpp"
#include "cli/commands.hpp"

namespace arteria::cli {

namespace {

struct StudyArguments {
  std::vector<std::string> files;
  std::string base;
  std::string out_dir;
  int threads = -1;  // -1: the study file's
  std::string schedule;
  std::vector<std::string> overrides;
};

}  // namespace

void add_study_command(CLI::App& app) {
  auto args = std::make_shared<StudyArguments>();
  CLI::App* cmd = app.add_subcommand(
      "study", "Run a base scenario and its variants and compare them in one report folder");
  cmd->add_option("files", args->files, "A study file, or with --base the variants' scenarios")
      ->required();
  cmd->add_option("--base", args->base, "The base scenario (the files are then its variants)");
  cmd->add_option("--out,-o", args->out_dir, "The report folder")->required();
  cmd->add_option("--threads", args->threads, "Cores for the whole study (0: every core)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--schedule", args->schedule,
                  "side_by_side (runs at once, one thread each), one_by_one, or auto")
      ->check(CLI::IsMember({"auto", "side_by_side", "one_by_one"}));
  cmd->add_option("--set", args->overrides, "Override a value of every scenario (key=value)");
  cmd->callback([args] {
    std::vector<std::string> paths = args->files;
    if (!args->base.empty()) paths.push_back(args->base);
    for (const std::string& path : paths) {
      std::error_code error;
      if (!std::filesystem::exists(path, error)) {
        throw InputError(path, 0, "", "no such study or scenario file");
      }
    }
    std::vector<std::string> forwarded = {"study"};
    forwarded.insert(forwarded.end(), args->files.begin(), args->files.end());
    forwarded.insert(forwarded.end(), {"--out", args->out_dir});
    if (!args->base.empty()) forwarded.insert(forwarded.end(), {"--base", args->base});
    if (args->threads >= 0) {
      forwarded.insert(forwarded.end(), {"--threads", std::to_string(args->threads)});
    }
    if (!args->schedule.empty()) forwarded.insert(forwarded.end(), {"--schedule", args->schedule});
    for (const std::string& line : args->overrides)
      forwarded.insert(forwarded.end(), {"--set", line});
    exec_python_package(forwarded);
  });
}

}  // namespace arteria::cli
