// A large column's chunks compressed in parallel and handed to HDF5 as they are. HDF5 (a serial
// build, one global lock) compresses chunk by chunk on the calling thread; the trips table of
// 150,000 trips took 0.15-0.2 s of grid-large's output phase that way.
#pragma once

#include <hdf5.h>

#include <cstddef>
#include <string>

namespace arteria::h5 {

// Writes `rows` elements of `element_bytes` bytes each (already in the file's byte order) into
// `dataset`, a 1-D dataset of that extent chunked by `chunk_rows` whose filters are
// [shuffle when `shuffle`,] deflate at `level`: each chunk is filtered as HDF5's own filters
// would (the last one padded with zeros, the fill value, to a whole chunk) on the threads of the
// current tbb arena, then written in order with H5Dwrite_chunk on this thread.
void write_compressed_chunks(hid_t dataset, const void* data, hsize_t rows,
                             std::size_t element_bytes, hsize_t chunk_rows, bool shuffle, int level,
                             const std::string& path);

}  // namespace arteria::h5
