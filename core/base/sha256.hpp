// SHA-256 (FIPS 180-4) for the scenario fingerprint written to every result file, so two runs
// can be told apart by their inputs, and for the seal of every output file. Incremental: feed
// the scenario text and each input file. On x86 processors with the SHA extensions (Intel since
// 2016's Goldmont and 2019's Ice Lake, AMD since Zen) blocks go through them, about ten times
// as fast as the portable code, which every other processor runs; both give the same hash.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace arteria {

class Sha256 {
 public:
  enum class Engine { fastest, portable };  // portable: the plain C++ rounds (for tests)

  explicit Sha256(Engine engine = Engine::fastest);
  void update(const void* data, std::size_t size);
  void update(std::string_view text) { update(text.data(), text.size()); }
  // Appends the contents of a file; false when it cannot be read.
  bool update_file(const std::string& path);
  // Finishes the hash and returns it as 64 lowercase hex digits. The object is spent afterwards.
  std::string hex_digest();

  // Whether this processor has the SHA extensions that Engine::fastest uses.
  static bool hardware_available();

 private:
  void compress(const std::uint8_t* blocks, std::size_t count);

  bool hardware_;
  std::array<std::uint32_t, 8> state_;
  std::array<std::uint8_t, 64> buffer_{};
  std::size_t buffered_ = 0;
  std::uint64_t total_bytes_ = 0;
};

// SHA-256 of `text` as 64 lowercase hex digits.
std::string sha256_hex(std::string_view text);

}  // namespace arteria
