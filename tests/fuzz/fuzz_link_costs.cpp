// A run file as `[routing] costs_from` reads it (read_link_cost_series), against the network
// of the seed runs (fuzz_make_seeds), so that well-formed inputs get past the link matching.
#include "formats/grid/grid_city.hpp"
#include "fuzz_input.hpp"
#include "fuzz_sealed_input.hpp"
#include "model/network.hpp"
#include "output/link_cost_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace arteria;
  static const Network network = compile_network(make_grid_city(fuzz::seed_grid()));
  const std::string path = fuzz::write_sealed_input(
      "run.h5", std::string_view(reinterpret_cast<const char*>(data), size));
  fuzz::expect_input_error([&] { read_link_cost_series(path, network); });
  return 0;
}
