// The `arteria` command: run a scenario (or the built-in default city), inspect a result.
// Bad input ends with a one-line error naming file, line and field, and exit code 2.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <filesystem>
#include <memory>

#include "base/error.hpp"
#include "cli/commands.hpp"
#include "cli/huge_pages.hpp"

int main(int argc, char** argv) {
  arteria::cli::restart_with_huge_pages(argv);
  CLI::App app{"Arteria: parallel, deterministic traffic simulation"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("arteria ") + ARTERIA_VERSION);
  arteria::cli::add_run_command(app);
  arteria::cli::add_assign_command(app);
  arteria::cli::add_info_command(app);
  arteria::cli::add_import_command(app);
  arteria::cli::add_compare_command(app);
  arteria::cli::add_plot_command(app);
  arteria::cli::add_view_command(app);
  arteria::cli::add_study_command(app);
  arteria::cli::add_accessibility_command(app);
  arteria::cli::add_data_command(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const arteria::InputError& e) {
    std::fprintf(stderr, "arteria: error: %s\n", e.what());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "arteria: error: %s\n", e.what());
    return 1;
  }
  return 0;
}
