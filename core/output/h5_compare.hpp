// Bit-for-bit comparison of two HDF5 files by content: the determinism tests' judge of whether
// two runs (say with 1 and 8 threads) wrote the same results.
#pragma once

#include <string>
#include <vector>

namespace arteria {

// Walks both files and compares every group, dataset (type, shape, data bytes; variable-length
// strings by value) and attribute (likewise). Returns one line per difference, empty when the
// files hold the same content. Objects at or below a path in `skip_paths` are ignored; an entry
// of `skip_attributes` is either a bare attribute name (ignored on every object) or
// "object_path@name". Comparison is by content, so two files with equal content but different
// storage (chunking, compression, free space) compare equal. Both files must be sealed files of
// the same kind that Arteria wrote (output/sealed_outputs.hpp), else InputError; throws
// h5::Error (output/hdf5_error.hpp) naming the call and object when one cannot be read.
std::vector<std::string> compare_h5_files(const std::string& a, const std::string& b,
                                          const std::vector<std::string>& skip_paths = {"/perf"},
                                          const std::vector<std::string>& skip_attributes = {
                                              "threads"});

}  // namespace arteria
