// Downloading one file whose size and SHA-256 are known in advance, so that a truncated,
// corrupted or substituted copy is never taken for the real one.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

namespace arteria {

struct ExpectedContent {
  std::uint64_t bytes = 0;
  std::string sha256;  // 64 lowercase hex digits
};

// Downloads `url` (https, http or file) to `destination`. The bytes go to
// "<destination>.part" in the same folder, hashed as they arrive; only a copy of the expected
// size and hash is renamed to `destination` (atomically, replacing any file there). Otherwise
// the part file is removed and an InputError names the URL and what was wrong: the transfer's
// error (a missing file, HTTP 404, no connection), a size beyond the expected one, or a hash
// mismatch. Nothing is ever left under `destination` but a verified copy.
void download_verified(const std::string& url, const std::filesystem::path& destination,
                       const ExpectedContent& expected);

// True when `path` is a regular file of the expected size and SHA-256.
bool holds_expected(const std::filesystem::path& path, const ExpectedContent& expected);

}  // namespace arteria
