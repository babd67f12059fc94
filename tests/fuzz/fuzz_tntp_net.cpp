// A TNTP network with its node file (coordinates) and its best-known flows, as `source = "tntp"`
// and `arteria assign` read them. Input: net --8<-- node (empty: no node file) --8<-- flow.
#include "formats/tntp/tntp_reader.hpp"
#include "fuzz_input.hpp"
#include "model/network.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace arteria;
  const auto parts = fuzz::split_files(data, size, 3);
  const std::string net = fuzz::write_input("Fuzz_net.tntp", parts[0]);
  // Without a node_path option the reader looks for Fuzz_node.tntp beside the net file.
  if (parts.size() > 1 && !parts[1].empty()) {
    fuzz::write_input("Fuzz_node.tntp", parts[1]);
  } else {
    fuzz::remove_input("Fuzz_node.tntp");
  }
  fuzz::expect_input_error([&] {
    const TntpNetwork network = read_tntp_network(net);
    tntp_speed_warning(network, check_tntp_speeds(network));
    compile_network(network.spec);
    if (parts.size() > 2) read_tntp_flows(fuzz::write_input("Fuzz_flow.tntp", parts[2]), network);
  });
  return 0;
}
