// What the HDF5 layer (hdf5_handle.hpp) throws when a call fails or a file holds something of
// another shape than asked: a type of its own, so that callers reading files a user names can
// turn it into an InputError naming the file, and without <hdf5.h>, so that code outside this
// stage can catch it.
#pragma once

#include <stdexcept>
#include <string>

#include "base/error.hpp"

namespace arteria::h5 {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// `read()` of the file at `path` that a user named: an h5::Error there (a truncated or damaged
// file, an object of another shape than a run file has) is bad input, an InputError naming the
// file and what HDF5 could not do.
template <class Read>
auto read_user_file(const std::string& path, Read&& read) -> decltype(read()) {
  try {
    return read();
  } catch (const Error& error) {
    throw InputError(path, 0, "",
                     std::string("cannot read it (damaged or truncated?): ") + error.what());
  }
}

}  // namespace arteria::h5
