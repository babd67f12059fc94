// A file sealed with its own checksum: its first `header_bytes` hold a magic line and the
// SHA-256 and length of everything after them, written once the rest is complete. Checking the
// seal before parsing means a truncated or damaged file is refused whole, before a reader of
// the format (HDF5, which leaves such a "user block" to its user and may misbehave on corrupt
// metadata) sees a byte of it.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace arteria {

constexpr std::size_t sealed_header_bytes = 512;  // HDF5's smallest user block

// Writes the header of the file at `path`, whose first sealed_header_bytes were left free.
// Throws std::runtime_error naming the file when it cannot be read or written.
void seal_file(const std::string& path, const std::string& magic);

// Throws InputError(path, 0, field, ...) unless the file starts with one of `magics` and the rest
// has the length and SHA-256 its header names: field "" for a file that is missing or has no
// such magic line (an HDF5 file without a seal is named as such), "length" when truncated or
// extended, "sha256" when its bytes changed. Returns the magic line the file has.
std::string check_file_seal(const std::string& path, const std::vector<std::string>& magics,
                            const std::string& what);

}  // namespace arteria
