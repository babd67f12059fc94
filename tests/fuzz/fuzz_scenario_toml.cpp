// A scenario file read into its spec: the strict TOML reader, every table and key, events and
// transit changes as data, and the network its source builds (grid and random sources read no
// other file; paths to others name files that do not exist, an InputError). ${ARTERIA_DATA}
// points at the fuzz folder so that no input can reach the real data sets.
#include <cstdlib>

#include "fuzz_input.hpp"
#include "scenario/scenario_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace arteria;
  static const bool data_variable_set =
      setenv("ARTERIA_DATA", fuzz::input_folder().c_str(), 1) == 0;
  (void)data_variable_set;
  const std::string path = fuzz::write_input(
      "scenario.toml", std::string_view(reinterpret_cast<const char*>(data), size));
  fuzz::expect_input_error([&] { read_scenario_spec(path); });
  return 0;
}
