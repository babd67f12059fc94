#include "base/sealed_file.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "base/error.hpp"
#include "base/sha256.hpp"

namespace arteria {
namespace {

struct Body {
  std::uint64_t length = 0;
  std::string sha256;
};

// Length and hash of everything after the header.
Body hash_body(std::ifstream& in) {
  Body body;
  Sha256 hash;
  std::vector<char> buffer(1 << 20);
  in.seekg(static_cast<std::streamoff>(sealed_header_bytes));
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const auto got = static_cast<std::size_t>(in.gcount());
    hash.update(buffer.data(), got);
    body.length += got;
  }
  body.sha256 = hash.hex_digest();
  return body;
}

}  // namespace

void seal_file(const std::string& path, const std::string& magic) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path + " to seal it");
  const Body body = hash_body(in);
  std::string header =
      magic + "\nlength " + std::to_string(body.length) + "\nsha256 " + body.sha256 + "\n";
  if (header.size() > sealed_header_bytes) throw std::logic_error("seal header too long");
  header.resize(sealed_header_bytes, '\0');
  std::fstream out(path, std::ios::binary | std::ios::in | std::ios::out);
  out.write(header.data(), static_cast<std::streamsize>(header.size()));
  out.close();
  if (!out) throw std::runtime_error("cannot write the header of " + path);
}

std::string check_file_seal(const std::string& path, const std::vector<std::string>& magics,
                            const std::string& what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, 0, "", "cannot open the " + what + " (does it exist?)");
  std::string header(sealed_header_bytes, '\0');
  in.read(header.data(), static_cast<std::streamsize>(header.size()));
  std::istringstream lines(header.substr(0, header.find('\0')));
  std::string first, length_key, sha_key, sha256;
  std::uint64_t length = 0;
  std::getline(lines, first);
  const bool known = std::find(magics.begin(), magics.end(), first) != magics.end();
  if (!in || !known || !(lines >> length_key >> length >> sha_key >> sha256) ||
      length_key != "length" || sha_key != "sha256") {
    // HDF5's signature at the start: a file with no user block, so not written sealed.
    if (header.compare(0, 8, "\x89HDF\r\n\x1a\n") == 0) {
      throw InputError(path, 0, "",
                       "an HDF5 file without Arteria's seal, so not a " + what +
                           " written by this Arteria (another program wrote it, or an Arteria "
                           "from before December 2026: run it again)");
    }
    throw InputError(path, 0, "", "not a " + what + " (no '" + magics.front() + "' header)");
  }
  in.clear();
  const Body body = hash_body(in);
  if (body.length != length) {
    throw InputError(path, 0, "length",
                     "the " + what + " has " + std::to_string(body.length) +
                         " bytes after its header where " + std::to_string(length) +
                         " were written: it is truncated or was extended");
  }
  if (body.sha256 != sha256) {
    throw InputError(path, 0, "sha256",
                     "the " + what +
                         "'s bytes do not match the checksum written with it: the file is "
                         "corrupt, or was changed after it was written (h5py in 'a' mode "
                         "does that)");
  }
  return first;
}

}  // namespace arteria
