// `arteria view RUN.h5 [--compare BASE.h5] --out DIR`: the run as one self-contained web page
// (the network coloured per time bin, a time slider, the KPI table, each link's series on a
// click), written by the Python package as `arteria compare` is (see compare_command.cpp).
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.hpp"

namespace arteria::cli {

namespace {

struct ViewArguments {
  std::string run;
  std::string base;
  std::string out_dir;
};

}  // namespace

void add_view_command(CLI::App& app) {
  auto args = std::make_shared<ViewArguments>();
  CLI::App* cmd = app.add_subcommand(
      "view",
      "Write a run as one self-contained web page (no server or network needed): its map per "
      "time bin, coloured by speed, flow or change against a base, the KPIs, link series");
  cmd->add_option("run", args->run, "Result file (HDF5) written by `arteria run`")->required();
  cmd->add_option("--compare", args->base,
                  "A base run of the same network: colour by the change against it, KPIs "
                  "side by side");
  cmd->add_option("--out,-o", args->out_dir, "Folder for the page, <run>-view.html")->required();
  cmd->callback([args] {
    require_result_file(args->run);
    if (!args->base.empty()) require_result_file(args->base);
    std::vector<std::string> forwarded = {"view", args->run, "--out", args->out_dir};
    if (!args->base.empty()) forwarded.insert(forwarded.end(), {"--compare", args->base});
    exec_python_package(forwarded);
  });
}

}  // namespace arteria::cli
