// The on-disk cache of CCH orders: an entry is used only when it is whole and for this graph;
// anything else is recomputed and overwritten, and an empty ARTERIA_CACHE_DIR turns it off.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "formats/grid/grid_city.hpp"
#include "routing/cch_order_cache.hpp"
#include "toy_files.hpp"

using namespace arteria;
using arteria::testing::TempDir;

namespace {

// Sets ARTERIA_CACHE_DIR for the scope of one test.
class CacheDir {
 public:
  explicit CacheDir(const std::string& dir) { setenv("ARTERIA_CACHE_DIR", dir.c_str(), 1); }
  ~CacheDir() { unsetenv("ARTERIA_CACHE_DIR"); }
  CacheDir(const CacheDir&) = delete;
  CacheDir& operator=(const CacheDir&) = delete;
};

std::vector<std::filesystem::path> entries(const std::string& dir) {
  std::vector<std::filesystem::path> found;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
    found.push_back(entry.path());
  }
  return found;
}

}  // namespace

TEST_CASE("a cached CCH order is read back, and a damaged entry is recomputed") {
  const TempDir dir;
  const std::string cache = dir.file("cache");
  const CacheDir scope(cache);
  const Network net = compile_network(make_grid_city({.columns = 8, .rows = 8}));
  const CchGraph graph = build_cch_graph(net, mode_car);

  CchOrderTiming timing;
  const CchOrder computed = cached_cch_order(graph, timing, 0.0);
  CHECK_FALSE(timing.from_cache);
  REQUIRE(entries(cache).size() == 1);  // written, no temporary file left

  const CchOrder cached = cached_cch_order(graph, timing, 0.0);
  CHECK(timing.from_cache);
  CHECK(cached.rank == computed.rank);

  SECTION("a truncated entry is not trusted") {
    const std::filesystem::path entry = entries(cache).front();
    std::filesystem::resize_file(entry, std::filesystem::file_size(entry) / 2);
    const CchOrder again = cached_cch_order(graph, timing, 0.0);
    CHECK_FALSE(timing.from_cache);
    CHECK(again.rank == computed.rank);
    cached_cch_order(graph, timing, 0.0);
    CHECK(timing.from_cache);  // overwritten with a whole entry
  }
  SECTION("a changed byte is not trusted") {
    const std::filesystem::path entry = entries(cache).front();
    {
      std::fstream file(entry, std::ios::in | std::ios::out | std::ios::binary);
      file.seekg(8);
      const char byte = static_cast<char>(file.get());
      file.seekp(8);
      file.put(static_cast<char>(~byte));
    }
    const CchOrder again = cached_cch_order(graph, timing, 0.0);
    CHECK_FALSE(timing.from_cache);
    CHECK(again.rank == computed.rank);
  }
  SECTION("another graph has an entry of its own") {
    const Network other = compile_network(make_grid_city({.columns = 9, .rows = 8}));
    cached_cch_order(build_cch_graph(other, mode_car), timing, 0.0);
    CHECK_FALSE(timing.from_cache);
    CHECK(entries(cache).size() == 2);
  }
}

TEST_CASE("orders that were quick to compute are not cached, and an empty cache dir is off") {
  const TempDir dir;
  const Network net = compile_network(make_grid_city({.columns = 6, .rows = 6}));
  const CchGraph graph = build_cch_graph(net, mode_car);
  CchOrderTiming timing;
  {
    const CacheDir scope(dir.file("quick"));
    cached_cch_order(graph, timing, 1e9);
    CHECK(entries(dir.file("quick")).empty());
  }
  const CacheDir off("");
  CHECK(cch_cache_dir().empty());
  cached_cch_order(graph, timing, 0.0);
  CHECK_FALSE(timing.from_cache);
}
