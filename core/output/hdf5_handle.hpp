// A thin RAII layer over the HDF5 C API: move-only handles, calls checked into exceptions that
// name the call and the object, and helpers for the few shapes Arteria writes and reads.
#pragma once

#include <hdf5.h>

#include "output/hdf5_error.hpp"

#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace arteria::h5 {

// Owns one HDF5 identifier and closes it with the matching H5*close.
template <herr_t (*Close)(hid_t)>
class Handle {
 public:
  Handle() = default;
  explicit Handle(hid_t id) : id_(id) {}
  Handle(Handle&& other) noexcept : id_(std::exchange(other.id_, H5I_INVALID_HID)) {}
  Handle& operator=(Handle&& other) noexcept {
    if (this != &other) {
      reset();
      id_ = std::exchange(other.id_, H5I_INVALID_HID);
    }
    return *this;
  }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  ~Handle() { reset(); }

  hid_t get() const { return id_; }
  bool valid() const { return id_ >= 0; }
  // Closes quietly; use close_checked() where a failing close means lost data (files).
  void reset() noexcept {
    if (id_ >= 0) Close(id_);
    id_ = H5I_INVALID_HID;
  }
  void close_checked(const char* call, const std::string& object);

 private:
  hid_t id_ = H5I_INVALID_HID;
};

using File = Handle<H5Fclose>;
using Group = Handle<H5Gclose>;
using Dataset = Handle<H5Dclose>;
using Dataspace = Handle<H5Sclose>;
using Datatype = Handle<H5Tclose>;
using PropList = Handle<H5Pclose>;
using Attribute = Handle<H5Aclose>;
using Object = Handle<H5Oclose>;  // any object opened by path (H5Oopen)

// Throws h5::Error naming `call`, `object` and HDF5's innermost error message.
[[noreturn]] void fail(const char* call, const std::string& object);
inline hid_t check_id(hid_t id, const char* call, const std::string& object) {
  if (id < 0) fail(call, object);
  return id;
}
inline herr_t check_status(herr_t status, const char* call, const std::string& object) {
  if (status < 0) fail(call, object);
  return status;
}

template <herr_t (*Close)(hid_t)>
void Handle<Close>::close_checked(const char* call, const std::string& object) {
  const hid_t id = std::exchange(id_, H5I_INVALID_HID);
  if (id >= 0) check_status(Close(id), call, object);
}

// Turns off HDF5's printing of its error stack for this thread while alive; we report errors
// ourselves as exceptions. The library keeps this setting per thread in thread-safe builds.
class QuietErrors {
 public:
  QuietErrors();
  ~QuietErrors();
  QuietErrors(const QuietErrors&) = delete;
  QuietErrors& operator=(const QuietErrors&) = delete;

 private:
  H5E_auto2_t saved_func_ = nullptr;
  void* saved_data_ = nullptr;
};

// The full path of an object, e.g. "/links/inflow", or "?" if HDF5 cannot tell.
std::string object_path(hid_t object);

// Files. Created files use a fixed file-format version and no object timestamps, so the same
// writes produce the same bytes.
// `user_block_bytes` (0 or a power of two from 512) are left at the file's start for the
// caller (base/sealed_file.hpp writes its checksum header there).
File create_file(const std::string& path, hsize_t user_block_bytes = 0);
File open_file_read_only(const std::string& path);

Group create_group(hid_t parent, const std::string& name);
Group open_group(hid_t parent, const std::string& name);
// Whether every component of the relative or absolute `path` exists below `location`.
bool path_exists(hid_t location, const std::string& path);

// The variable-length UTF-8 string type used for every string we write.
Datatype utf8_string_type();

// 1-D column datasets: one value per row. Columns of 1024 rows or more are chunked and
// compressed; `units` (if not empty) becomes the string attribute "units". Returns the open
// dataset so callers can add attributes.
Dataset write_column(hid_t group, const std::string& name, std::span<const float> values,
                     const std::string& units = {});
Dataset write_column(hid_t group, const std::string& name, std::span<const double> values,
                     const std::string& units = {});
Dataset write_column(hid_t group, const std::string& name, std::span<const std::uint8_t> values,
                     const std::string& units = {});
Dataset write_column(hid_t group, const std::string& name, std::span<const std::uint16_t> values,
                     const std::string& units = {});
Dataset write_column(hid_t group, const std::string& name, std::span<const std::uint32_t> values,
                     const std::string& units = {});
Dataset write_column(hid_t group, const std::string& name, std::span<const std::uint64_t> values,
                     const std::string& units = {});
Dataset write_column(hid_t group, const std::string& name, std::span<const int> values,
                     const std::string& units = {});
Dataset write_column(hid_t group, const std::string& name, const std::vector<std::string>& values,
                     const std::string& units = {});

// As write_column for numbers (float, double, uint8/16/32/64, int), stored contiguous and
// uncompressed: for files written often and read once (checkpoints), where deflate costs more
// time than the bytes it saves are worth.
template <class T>
Dataset write_plain_column(hid_t group, const std::string& name, std::span<const T> values);

// Scalar attributes on any object (group or dataset), and a 1-D string-array attribute.
void write_attribute(hid_t object, const std::string& name, const std::string& value);
void write_attribute(hid_t object, const std::string& name, const char* value);
void write_attribute(hid_t object, const std::string& name, double value);
void write_attribute(hid_t object, const std::string& name, std::uint64_t value);
void write_attribute(hid_t object, const std::string& name, int value);
void write_attribute(hid_t object, const std::string& name, const std::vector<std::string>& value);

// Reading scalar attributes back; numbers are converted by HDF5 from whatever type is stored.
bool has_attribute(hid_t object, const std::string& name);
void read_attribute(hid_t object, const std::string& name, std::string& value);
void read_attribute(hid_t object, const std::string& name, double& value);
void read_attribute(hid_t object, const std::string& name, std::uint64_t& value);
void read_attribute(hid_t object, const std::string& name, int& value);

// The extent of a dataset's dataspace, one entry per dimension (empty for a scalar).
std::vector<hsize_t> dataset_dims(hid_t dataset);

// Whole datasets read back (any shape, row-major), converted by HDF5 to the type asked for;
// `path` is relative to `location` or absolute.
std::vector<float> read_floats(hid_t location, const std::string& path);
std::vector<double> read_doubles(hid_t location, const std::string& path);
std::vector<std::string> read_strings(hid_t location, const std::string& path);

// Whole 1-D columns read back only when stored as exactly the type asked for (class, size and
// sign): for files such as checkpoints, where a converted value would be a silent error.
// Throws h5::Error naming the dataset otherwise.
void read_exact_column(hid_t location, const std::string& path, std::vector<float>& values);
void read_exact_column(hid_t location, const std::string& path, std::vector<double>& values);
void read_exact_column(hid_t location, const std::string& path, std::vector<std::uint8_t>& values);
void read_exact_column(hid_t location, const std::string& path, std::vector<std::uint16_t>& values);
void read_exact_column(hid_t location, const std::string& path, std::vector<std::uint32_t>& values);
void read_exact_column(hid_t location, const std::string& path, std::vector<std::uint64_t>& values);
void read_exact_column(hid_t location, const std::string& path, std::vector<int>& values);

// A 2-D float32 dataset [row, column] that grows by one row at a time: chunked, shuffled and
// deflated, so memory stays bounded however long the run.
class AppendableMatrix {
 public:
  AppendableMatrix() = default;
  AppendableMatrix(hid_t group, const std::string& name, hsize_t columns, const std::string& units);

  void append_row(std::span<const float> row);
  hsize_t rows() const { return rows_; }
  hsize_t columns() const { return columns_; }
  hid_t get() const { return dataset_.get(); }
  void close() { dataset_.reset(); }

 private:
  Dataset dataset_;
  std::string name_;
  hsize_t rows_ = 0;
  hsize_t columns_ = 0;
};

}  // namespace arteria::h5
