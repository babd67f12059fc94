// A TNTP trips (OD) file expanded into vehicle trips on its network, as `[demand] source =
// "tntp"` does. Input: net --8<-- trips.
#include "formats/tntp/tntp_reader.hpp"
#include "fuzz_input.hpp"
#include "model/demand.hpp"
#include "model/network.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace arteria;
  const auto parts = fuzz::split_files(data, size, 2);
  if (parts.size() < 2) return 0;
  const std::string net = fuzz::write_input("Fuzz_net.tntp", parts[0]);
  const std::string trips = fuzz::write_input("Fuzz_trips.tntp", parts[1]);
  fuzz::expect_input_error([&] {
    const TntpOdTable od = read_tntp_trips(trips);
    // Expansion takes time in proportion to the trips (up to max_expanded_trips): a large but
    // valid table is slow, not hung. Tables beyond this budget are read only.
    if (!(od.total() <= 100'000.0)) return;
    const Network network = compile_network(read_tntp_network(net).spec);
    Demand demand;
    OdExpansion expansion;  // a flat hour from 07:00, as a scenario's [demand] profile gives
    expansion.profile = {{7 * 3600.0, 8 * 3600.0}, {1.0, 0.0}};
    expand_tntp_trips(od, network, demand, expansion);
  });
  return 0;
}
