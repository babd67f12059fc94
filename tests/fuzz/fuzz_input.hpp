// What every fuzz target shares: the input as one or more files in a temporary folder of this
// process (most readers take a path), and the rule that only InputError is an expected outcome.
// A target is `LLVMFuzzerTestOneInput` calling one reader through expect_input_error().
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.hpp"
#include "formats/grid/grid_city.hpp"

namespace arteria::fuzz {

// Inputs holding several files (a network and the trips on it, the tables of a GTFS feed) keep
// them in one byte string, split at lines holding only this marker; the seeds and the
// dictionaries use it too.
inline constexpr std::string_view file_separator = "\n--8<--\n";

// The input split at file_separator into at most `count` parts; the last one keeps any further
// separators, and missing parts are absent (the vector is shorter).
std::vector<std::string_view> split_files(const std::uint8_t* data, std::size_t size,
                                          std::size_t count);

// Writes `content` to `name` in this process's temporary folder (made on first use under
// $TMPDIR, removed with everything in it when the process exits normally) and returns its
// path. Each call with the same name overwrites the same file, so a run leaves nothing behind.
std::string write_input(const std::string& name, std::string_view content);
// Removes `name` from the folder, for inputs where a file's absence is meaningful.
void remove_input(const std::string& name);
// The folder itself, for readers that take one (a GTFS feed).
const std::string& input_folder();

// Closes this process's descriptors still open on `path`. libosmium 2.19's PBF parser closes
// its file only when the whole file parsed (PBFParser::run), so every damaged .osm.pbf leaves
// one open: without this a run would stop after ulimit -n inputs with "cannot write".
void close_descriptors_on(const std::string& path);

// Runs `read`; an InputError is the documented outcome for bad data and is swallowed. Anything
// else (another exception, a crash, a sanitizer report) reaches libFuzzer as a finding.
template <class Read>
void expect_input_error(Read&& read) {
  try {
    read();
  } catch (const InputError&) {
  }
}

// The small grid city the HDF5 seed runs are made on (fuzz_make_seeds) and that the link cost
// reader's target matches their links against; the TOML says the same as the struct.
GridCityParams seed_grid();
std::string seed_scenario_toml(const std::string& output_file);

}  // namespace arteria::fuzz
