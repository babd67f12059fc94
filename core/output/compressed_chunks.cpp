#include "output/compressed_chunks.hpp"

#include <tbb/parallel_for.h>
#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <vector>

#include "output/hdf5_handle.hpp"

namespace arteria::h5 {
namespace {

// A chunk as HDF5's filters see it: `used` elements of `in`, zeros (the fill value) after them to
// `elements`, and with `shuffle` HDF5's shuffle (byte 0 of every element, then byte 1, ...).
std::vector<unsigned char> whole_chunk(const unsigned char* in, std::size_t used,
                                       std::size_t elements, std::size_t element_bytes,
                                       bool shuffle) {
  std::vector<unsigned char> out(elements * element_bytes, 0);
  if (!shuffle || element_bytes == 1) {
    std::memcpy(out.data(), in, used * element_bytes);
    return out;
  }
  for (std::size_t b = 0; b < element_bytes; ++b) {
    unsigned char* plane = out.data() + b * elements;
    for (std::size_t e = 0; e < used; ++e) plane[e] = in[e * element_bytes + b];
  }
  return out;
}

}  // namespace

void write_compressed_chunks(hid_t dataset, const void* data, hsize_t rows,
                             std::size_t element_bytes, hsize_t chunk_rows, bool shuffle, int level,
                             const std::string& path) {
  const auto* bytes = static_cast<const unsigned char*>(data);
  const auto count = static_cast<std::size_t>(rows);
  const auto per_chunk = static_cast<std::size_t>(chunk_rows);
  const uLong chunk_bytes = static_cast<uLong>(per_chunk * element_bytes);
  std::vector<std::vector<unsigned char>> compressed((count + per_chunk - 1) / per_chunk);
  // An exception in a task is rethrown here by tbb; every chunk's message is the same.
  tbb::parallel_for(std::size_t{0}, compressed.size(), [&](std::size_t c) {
    const std::size_t first = c * per_chunk;
    const std::vector<unsigned char> filtered =
        whole_chunk(bytes + first * element_bytes, std::min(per_chunk, count - first), per_chunk,
                    element_bytes, shuffle);
    uLongf size = compressBound(chunk_bytes);
    compressed[c].resize(size);
    if (compress2(compressed[c].data(), &size, filtered.data(), chunk_bytes, level) != Z_OK) {
      throw Error("zlib: compressing a chunk of '" + path + "' failed");
    }
    compressed[c].resize(size);
  });
  for (std::size_t c = 0; c < compressed.size(); ++c) {
    const hsize_t offset = c * chunk_rows;
    check_status(H5Dwrite_chunk(dataset, H5P_DEFAULT, 0, &offset, compressed[c].size(),
                                compressed[c].data()),
                 "H5Dwrite_chunk", path);
  }
}

}  // namespace arteria::h5
