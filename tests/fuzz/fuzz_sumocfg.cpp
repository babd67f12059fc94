// A .sumocfg: the net, route and additional files it names and its begin and end times.
#include "formats/sumo/sumo_reader.hpp"
#include "fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace arteria;
  const std::string path = fuzz::write_input(
      "input.sumocfg", std::string_view(reinterpret_cast<const char*>(data), size));
  fuzz::expect_input_error([&] { read_sumocfg(path); });
  return 0;
}
