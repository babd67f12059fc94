#include "routing/cch_order_cache.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <sstream>

#include <unistd.h>

#include "base/error.hpp"
#include "base/lap_timer.hpp"
#include "base/sha256.hpp"

namespace arteria {
namespace {

constexpr std::size_t digest_size = 64;  // hex SHA-256 appended to the entry

std::optional<CchOrder> read_entry(const std::string& path, const CchGraph& graph,
                                   const std::string& graph_hash) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream bytes;
  bytes << in.rdbuf();
  const std::string entry = bytes.str();
  if (entry.size() <= digest_size) return std::nullopt;
  const std::string_view body(entry.data(), entry.size() - digest_size);
  if (sha256_hex(body) != entry.substr(entry.size() - digest_size)) return std::nullopt;
  try {
    CchOrder order = deserialize_cch_order(body, path);
    if (order.graph_hash != graph_hash || order.rank.size() != graph.vertex_count()) {
      return std::nullopt;
    }
    return order;
  } catch (const InputError&) {
    return std::nullopt;
  }
}

// Best effort: any failure leaves no entry (and no temporary file) behind.
void write_entry(const std::string& dir, const std::string& path, const CchOrder& order) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) return;
  const std::string temporary =
      path + ".tmp" + std::to_string(std::random_device{}()) + std::to_string(::getpid());
  std::string entry = serialize_cch_order(order);
  entry += sha256_hex(entry);
  {
    std::ofstream out(temporary, std::ios::binary);
    out.write(entry.data(), static_cast<std::streamsize>(entry.size()));
    if (!out.flush()) {
      std::filesystem::remove(temporary, error);
      return;
    }
  }
  std::filesystem::rename(temporary, path, error);
  if (error) std::filesystem::remove(temporary, error);
}

}  // namespace

std::string cch_cache_dir() {
  if (const char* dir = std::getenv("ARTERIA_CACHE_DIR")) return dir;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) {
    return std::string(xdg) + "/arteria";
  }
  if (const char* home = std::getenv("HOME"); home && *home) {
    return std::string(home) + "/.cache/arteria";
  }
  return "";
}

CchOrder cached_cch_order(const CchGraph& graph, CchOrderTiming& timing, double min_cached_s) {
  LapTimer timer;
  const std::string dir = cch_cache_dir();
  const std::string graph_hash = cch_graph_hash(graph);
  const std::string path = dir.empty() ? "" : dir + "/cch-order-" + graph_hash + ".bin";
  if (!path.empty()) {
    if (std::optional<CchOrder> order = read_entry(path, graph, graph_hash)) {
      timing = {timer.lap(), true};
      return std::move(*order);
    }
  }
  CchOrder order = compute_cch_order(graph);
  timing = {timer.lap(), false};
  if (!path.empty() && timing.seconds >= min_cached_s) write_entry(dir, path, order);
  return order;
}

CchTopology cached_cch_topology(const Network& network, ModeMask modes, CchPreparation& timing) {
  LapTimer timer;
  CchOrderTiming order_timing;
  const CchOrder order = cached_cch_order(build_cch_graph(network, modes), order_timing);
  timing.order_from_cache = order_timing.from_cache;
  timing.order_s = timer.lap();
  CchTopology topology(network, modes, order);
  timing.contraction_s = timer.lap();
  return topology;
}

PreparedCch prepare_cch(const Network& network, ModeMask modes) {
  CchPreparation preparation;
  CchTopology topology = cached_cch_topology(network, modes, preparation);
  return {std::move(topology), preparation};
}

}  // namespace arteria
