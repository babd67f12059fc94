// A scenario file read into its spec: the strict TOML reader, every table and key, events and
// transit changes as data, and the network its source builds (grid and random sources read no
// other file; paths to others name files that do not exist, an InputError). ${ARTERIA_DATA}
// points at the fuzz folder so that no input can reach the real data sets.
#include <cstdlib>

#include "fuzz_input.hpp"
#include "scenario/scenario_file.hpp"
#include "scenario/toml_reader.hpp"

namespace {

// A generated grid city is built in time proportional to its nodes: a large but valid one (up
// to 2,000 x 2,000 streets) is slow under the sanitizers, not hung (770 x 2,000 took over 10 s).
// Files asking for more than this many nodes are left out; smaller grids and every other
// source are read.
constexpr double max_grid_nodes = 200'000.0;

bool grid_within_budget(std::string_view text) {
  try {
    const toml::table root = toml::parse(text);
    const auto grid = root["network"]["grid"];
    const double columns = grid["columns"].value<double>().value_or(0.0);
    const double rows = grid["rows"].value<double>().value_or(0.0);
    return columns * rows <= max_grid_nodes;
  } catch (const toml::parse_error&) {
    return true;  // the reader reports it
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace arteria;
  static const bool data_variable_set =
      setenv("ARTERIA_DATA", fuzz::input_folder().c_str(), 1) == 0;
  (void)data_variable_set;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (!grid_within_budget(text)) return 0;
  const std::string path = fuzz::write_input("scenario.toml", text);
  fuzz::expect_input_error([&] { read_scenario_spec(path); });
  return 0;
}
