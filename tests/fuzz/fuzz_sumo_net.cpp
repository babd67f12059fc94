// A SUMO .net.xml and an additional file (traffic lights, bus stops) as `source = "sumo"` reads
// them, then compiled. Input: net --8<-- additional (optional).
#include "formats/sumo/sumo_reader.hpp"
#include "fuzz_input.hpp"
#include "model/network.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace arteria;
  const auto parts = fuzz::split_files(data, size, 2);
  const std::string net = fuzz::write_input("input.net.xml", parts[0]);
  std::vector<std::string> additionals;
  if (parts.size() > 1) additionals.push_back(fuzz::write_input("input.add.xml", parts[1]));
  fuzz::expect_input_error([&] {
    SumoNetwork sumo = read_sumo_network(net);
    SumoBusData bus;
    read_sumo_additionals(additionals, sumo, &bus);
    compile_network(sumo.spec);
  });
  return 0;
}
