// The native CSV tables as `source = "csv"` reads them: nodes, links, turns and signals into a
// spec, compiled (errors between records are found there), then trips.csv on the network.
// Input: nodes --8<-- links --8<-- turns --8<-- signals --8<-- trips; an empty or missing
// turns or signals part means the table is absent.
#include <string>

#include "formats/native/csv_network.hpp"
#include "formats/native/trips_csv.hpp"
#include "fuzz_input.hpp"
#include "model/demand.hpp"
#include "model/network.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace arteria;
  const auto parts = fuzz::split_files(data, size, 5);
  const auto optional_table = [&](std::size_t part, const char* name) -> std::string {
    if (parts.size() <= part || parts[part].empty()) return {};
    return fuzz::write_input(name, parts[part]);
  };
  CsvNetworkFiles files;
  files.nodes = fuzz::write_input("nodes.csv", parts[0]);
  files.links = fuzz::write_input("links.csv", parts.size() > 1 ? parts[1] : "");
  files.turns = optional_table(2, "turns.csv");
  files.signals = optional_table(3, "signals.csv");
  const std::string trips = optional_table(4, "trips.csv");
  fuzz::expect_input_error([&] {
    const Network network = compile_network(read_csv_network(files));
    if (trips.empty()) return;
    Demand demand;
    DemandBuilder builder(network, demand);
    read_trips_csv(trips, network, builder);
  });
  return 0;
}
