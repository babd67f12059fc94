// Where Arteria finds its own files (the built-in scenarios, the default data folder) from where
// its code runs, never from where it was compiled: an installed binary or Python package works
// with the source checkout gone.
//
// The layout, the same in the build tree and under an install prefix:
//   <root>/bin/arteria                           the command
//   <root>/share/arteria/scenarios/              the built-in scenarios (default_city.toml)
//   <root>/share/arteria/data                    optional: the data folder (often a link)
//   <root>/python/arteria/ (build tree) or
//   <root>/lib/python3.X/dist-packages/arteria/  the Python package
// <root> is the nearest ancestor of the running binary's (or Python module's) folder that
// holds share/arteria/scenarios.
#pragma once

#include <filesystem>
#include <string>

namespace arteria {

// <root>/share/arteria of the code running now; empty when no ancestor holds one.
std::filesystem::path share_dir();

// <root> (the install prefix or the build folder); empty when share_dir() is.
std::filesystem::path install_root();

// The built-in default city. InputError naming where it looked when it is not installed.
std::string default_scenario_path();

// The folder ${ARTERIA_DATA} stands for in scenario files: the ARTERIA_DATA environment
// variable when set, else share_dir()/data when it exists; empty when neither.
std::string data_dir();

}  // namespace arteria
