// SHA-256 on the x86 SHA extensions gives the portable code's hash for every length and every
// way of splitting the input into updates (the FIPS 180-4 examples: test_scenario_files.cpp).
#include <catch2/catch.hpp>

#include <random>
#include <vector>

#include "base/sha256.hpp"

using arteria::Sha256;

namespace {

// The hash of `bytes` fed in pieces of random size (0 to 150 bytes).
std::string hash_in_pieces(Sha256::Engine engine, const std::vector<std::uint8_t>& bytes,
                           std::mt19937& rng) {
  Sha256 hash(engine);
  std::uniform_int_distribution<std::size_t> piece(0, 150);
  for (std::size_t at = 0; at < bytes.size();) {
    const std::size_t size = std::min(piece(rng), bytes.size() - at);
    hash.update(bytes.data() + at, size);
    at += size;
  }
  return hash.hex_digest();
}

}  // namespace

TEST_CASE("SHA-256 on the SHA extensions agrees with the portable rounds") {
  if (!Sha256::hardware_available()) WARN("no SHA extensions here: both engines are portable");
  std::mt19937 rng(5);
  std::uniform_int_distribution<int> byte(0, 255);
  std::vector<std::uint8_t> bytes;
  for (std::size_t length = 0; length <= 300; ++length) {
    INFO("length " << length);
    const std::string portable = hash_in_pieces(Sha256::Engine::portable, bytes, rng);
    CHECK(hash_in_pieces(Sha256::Engine::fastest, bytes, rng) == portable);
    bytes.push_back(static_cast<std::uint8_t>(byte(rng)));
  }
  bytes.resize(1 << 20);
  for (auto& b : bytes) b = static_cast<std::uint8_t>(byte(rng));
  Sha256 whole(Sha256::Engine::fastest);
  whole.update(bytes.data(), bytes.size());
  CHECK(whole.hex_digest() == hash_in_pieces(Sha256::Engine::portable, bytes, rng));
  // An empty update, even of a null pointer, changes nothing.
  Sha256 empty(Sha256::Engine::fastest);
  empty.update(nullptr, 0);
  CHECK(empty.hex_digest() == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  // A million 'a' (FIPS 180-4 example C.3 of the earlier FIPS 180-2).
  Sha256 million(Sha256::Engine::fastest);
  const std::string a(1'000'000, 'a');
  million.update(a);
  CHECK(million.hex_digest() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}
