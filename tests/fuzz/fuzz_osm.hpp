// The OSM targets (XML and PBF) differ only in the file name's suffix, which is how libosmium
// picks the parser.
#pragma once

#include <string>

#include "formats/osm/osm_reader.hpp"
#include "fuzz_input.hpp"
#include "model/network.hpp"

namespace arteria::fuzz {

inline void read_osm_input(const std::uint8_t* data, std::size_t size, const std::string& name) {
  const std::string path =
      write_input(name, std::string_view(reinterpret_cast<const char*>(data), size));
  expect_input_error([&] { compile_network(read_osm_network(path).spec); });
  close_descriptors_on(path);
}

}  // namespace arteria::fuzz
