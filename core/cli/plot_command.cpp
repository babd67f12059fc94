// `arteria plot RUN.h5 [--out DIR]`: a run's own figures (network map of mean speed at the
// peak bin, vehicles en route and network speed over time), or an assignment file's gap curve,
// drawn by the Python package as `arteria compare` is (see compare_command.cpp).
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.hpp"

namespace arteria::cli {

namespace {

struct PlotArguments {
  std::string run;
  std::string out_dir;
};

}  // namespace

void add_plot_command(CLI::App& app) {
  auto args = std::make_shared<PlotArguments>();
  CLI::App* cmd = app.add_subcommand(
      "plot", "Draw a run's network map and time series, or an assignment's gap curve (PNG)");
  cmd->add_option("run", args->run,
                  "Result file (HDF5) written by `arteria run` or `arteria assign`")
      ->required();
  cmd->add_option("--out,-o", args->out_dir, "Folder for the figures (default: beside the file)");
  cmd->callback([args] {
    require_result_file(args->run);
    std::vector<std::string> forwarded = {"plot", args->run};
    if (!args->out_dir.empty()) forwarded.insert(forwarded.end(), {"--out", args->out_dir});
    exec_python_package(forwarded);
  });
}

}  // namespace arteria::cli
