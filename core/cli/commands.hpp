// Subcommands of the `arteria` CLI, one function each; they run from CLI11 callbacks and
// report failures by throwing (main turns that into a one-line message and an exit code).
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "output/dynamic_assignment_writer.hpp"

namespace arteria::cli {

void add_run_command(CLI::App& app);
void add_assign_command(CLI::App& app);
void add_info_command(CLI::App& app);
void add_import_command(CLI::App& app);
void add_compare_command(CLI::App& app);
void add_plot_command(CLI::App& app);
void add_view_command(CLI::App& app);
void add_study_command(CLI::App& app);
void add_accessibility_command(CLI::App& app);
void add_data_command(CLI::App& app);

// Throws InputError naming `path` unless it is a file: the check the commands that read a
// result file make before handing it on (compare_command.cpp).
void require_result_file(const std::string& path);

// Replaces this process with `python -m arteria ARGS...` (compare_command.cpp): the commands
// whose tables and figures are the Python package's hand their arguments on with it.
[[noreturn]] void exec_python_package(const std::vector<std::string>& args);

// The progress line of a dynamic assignment iteration, on stderr (assign_command.cpp).
void print_dynamic_iteration(Index iteration, const DynamicIteration& it);

}  // namespace arteria::cli
