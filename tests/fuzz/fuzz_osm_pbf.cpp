// read_osm_network on an .osm.pbf file, then compiled as `source = "osm"` does.
#include "fuzz_osm.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  arteria::fuzz::read_osm_input(data, size, "input.osm.pbf");
  return 0;
}
