// A thin RAII layer over the HDF5 C API (see hdf5_handle.hpp): error reporting, file and group
// creation with deterministic settings, column, attribute and appendable-matrix helpers.
#include "output/hdf5_handle.hpp"

#include <algorithm>
#include <stdexcept>
#include <type_traits>
#include <utility>

#include "output/compressed_chunks.hpp"

namespace arteria::h5 {
namespace {

// Deflate level and chunk sizes: level 4 with shuffle is most of the gain of level 9 for float
// series at a fraction of the time; 16384 elements (64 KiB of float32) per chunk keeps the
// chunk cache's default 1 MiB enough to hold every partly written chunk of a row band.
constexpr unsigned deflate_level = 4;
constexpr hsize_t chunk_elements = 16384;
constexpr hsize_t max_rows_per_chunk = 64;
constexpr hsize_t compress_from_rows = 1024;
constexpr hsize_t column_chunk_rows = 65536;

herr_t innermost_message(unsigned /*n*/, const H5E_error2_t* error, void* client) {
  auto* message = static_cast<std::string*>(client);
  // Walking upward, the first entry is the deepest: the actual cause (e.g. errno text).
  if (message->empty() && error->desc != nullptr) *message = error->desc;
  return 0;
}

std::string child_path(hid_t parent, const std::string& name) {
  if (!name.empty() && name.front() == '/') return name;
  std::string path = object_path(parent);
  if (path.empty() || path.back() != '/') path += '/';
  return path + name;
}

PropList object_creation_list(hid_t plist_class, const std::string& object) {
  PropList list(check_id(H5Pcreate(plist_class), "H5Pcreate", object));
  // A modification time in an object header would make two identical runs differ.
  check_status(H5Pset_obj_track_times(list.get(), false), "H5Pset_obj_track_times", object);
  return list;
}

// Whether numbers in memory are the file's bytes already (little-endian integers and floats on
// this machine), so that their chunks can be compressed without HDF5 converting them.
bool same_numbers(hid_t file_type, hid_t memory_type) {
  const H5T_class_t kind = H5Tget_class(file_type);
  return (kind == H5T_INTEGER || kind == H5T_FLOAT) && H5Tequal(file_type, memory_type) > 0;
}

// One 1-D dataset of `rows` elements; `shuffle` only helps fixed-size numbers.
Dataset write_1d(hid_t group, const std::string& name, hsize_t rows, hid_t file_type,
                 hid_t memory_type, const void* data, bool shuffle, const std::string& units,
                 bool compress = true) {
  const std::string path = child_path(group, name);
  Dataspace space(check_id(H5Screate_simple(1, &rows, nullptr), "H5Screate_simple", path));
  PropList dcpl = object_creation_list(H5P_DATASET_CREATE, path);
  const bool chunked = compress && rows >= compress_from_rows;
  const hsize_t chunk = std::min(rows, column_chunk_rows);
  if (chunked) {
    check_status(H5Pset_chunk(dcpl.get(), 1, &chunk), "H5Pset_chunk", path);
    if (shuffle) check_status(H5Pset_shuffle(dcpl.get()), "H5Pset_shuffle", path);
    check_status(H5Pset_deflate(dcpl.get(), deflate_level), "H5Pset_deflate", path);
  }
  Dataset dataset(check_id(
      H5Dcreate2(group, name.c_str(), file_type, space.get(), H5P_DEFAULT, dcpl.get(), H5P_DEFAULT),
      "H5Dcreate2", path));
  if (chunked && same_numbers(file_type, memory_type)) {
    write_compressed_chunks(dataset.get(), data, rows, H5Tget_size(file_type), chunk, shuffle,
                            deflate_level, path);
  } else if (rows > 0) {
    check_status(H5Dwrite(dataset.get(), memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data),
                 "H5Dwrite", path);
  }
  if (!units.empty()) write_attribute(dataset.get(), "units", units);
  return dataset;
}

template <class T>
Dataset write_numeric_column(hid_t group, const std::string& name, std::span<const T> values,
                             hid_t file_type, hid_t memory_type, const std::string& units) {
  return write_1d(group, name, values.size(), file_type, memory_type, values.data(), true, units);
}

template <class T>
void write_scalar_attribute(hid_t object, const std::string& name, const T& value, hid_t file_type,
                            hid_t memory_type) {
  const std::string what = object_path(object) + "@" + name;
  Dataspace space(check_id(H5Screate(H5S_SCALAR), "H5Screate", what));
  Attribute attribute(
      check_id(H5Acreate2(object, name.c_str(), file_type, space.get(), H5P_DEFAULT, H5P_DEFAULT),
               "H5Acreate2", what));
  check_status(H5Awrite(attribute.get(), memory_type, &value), "H5Awrite", what);
}

template <class T>
void read_scalar_attribute(hid_t object, const std::string& name, T& value, hid_t memory_type) {
  const std::string what = object_path(object) + "@" + name;
  Attribute attribute(check_id(H5Aopen(object, name.c_str(), H5P_DEFAULT), "H5Aopen", what));
  check_status(H5Aread(attribute.get(), memory_type, &value), "H5Aread", what);
}

}  // namespace

void fail(const char* call, const std::string& object) {
  std::string cause;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, innermost_message, &cause);
  H5Eclear2(H5E_DEFAULT);
  std::string text = std::string("HDF5: ") + call + " failed for '" + object + "'";
  if (!cause.empty()) text += ": " + cause;
  throw Error(text);
}

QuietErrors::QuietErrors() {
  H5Eget_auto2(H5E_DEFAULT, &saved_func_, &saved_data_);
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

QuietErrors::~QuietErrors() {
  H5Eset_auto2(H5E_DEFAULT, saved_func_, saved_data_);
}

std::string object_path(hid_t object) {
  const ssize_t length = H5Iget_name(object, nullptr, 0);
  if (length <= 0) return "?";
  std::string name(static_cast<std::size_t>(length) + 1, '\0');
  H5Iget_name(object, name.data(), name.size());
  name.resize(static_cast<std::size_t>(length));
  return name;
}

File create_file(const std::string& path, hsize_t user_block_bytes) {
  PropList fcpl(check_id(H5Pcreate(H5P_FILE_CREATE), "H5Pcreate", path));
  if (user_block_bytes > 0) {
    check_status(H5Pset_userblock(fcpl.get(), user_block_bytes), "H5Pset_userblock", path);
  }
  // The root group is created with the file; its creation list is the file's.
  check_status(H5Pset_obj_track_times(fcpl.get(), false), "H5Pset_obj_track_times", path);
  PropList fapl(check_id(H5Pcreate(H5P_FILE_ACCESS), "H5Pcreate", path));
  // A fixed format range: the bytes then do not depend on which HDF5 release wrote them, and
  // HDF5 1.8 readers still open the file.
  check_status(H5Pset_libver_bounds(fapl.get(), H5F_LIBVER_V18, H5F_LIBVER_V18),
               "H5Pset_libver_bounds", path);
  // Closing the file while one of its objects is still open is a bug here: make it fail
  // loudly instead of silently deferring the close (and the flush) to the last handle.
  check_status(H5Pset_fclose_degree(fapl.get(), H5F_CLOSE_SEMI), "H5Pset_fclose_degree", path);
  return File(
      check_id(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, fcpl.get(), fapl.get()), "H5Fcreate", path));
}

File open_file_read_only(const std::string& path) {
  return File(check_id(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), "H5Fopen", path));
}

Group create_group(hid_t parent, const std::string& name) {
  const std::string path = child_path(parent, name);
  PropList gcpl = object_creation_list(H5P_GROUP_CREATE, path);
  return Group(check_id(H5Gcreate2(parent, name.c_str(), H5P_DEFAULT, gcpl.get(), H5P_DEFAULT),
                        "H5Gcreate2", path));
}

Group open_group(hid_t parent, const std::string& name) {
  return Group(
      check_id(H5Gopen2(parent, name.c_str(), H5P_DEFAULT), "H5Gopen2", child_path(parent, name)));
}

bool path_exists(hid_t location, const std::string& path) {
  // H5Lexists fails (rather than answering no) when an intermediate group is missing, so test
  // each prefix in turn.
  std::size_t end = path.empty() || path.front() != '/' ? 0 : 1;
  while (end < path.size()) {
    end = path.find('/', end + 1);
    if (end == std::string::npos) end = path.size();
    const std::string prefix = path.substr(0, end);
    if (H5Lexists(location, prefix.c_str(), H5P_DEFAULT) <= 0) return false;
    if (H5Oexists_by_name(location, prefix.c_str(), H5P_DEFAULT) <= 0) return false;
  }
  return true;
}

Datatype utf8_string_type() {
  Datatype type(check_id(H5Tcopy(H5T_C_S1), "H5Tcopy", "string type"));
  check_status(H5Tset_size(type.get(), H5T_VARIABLE), "H5Tset_size", "string type");
  check_status(H5Tset_cset(type.get(), H5T_CSET_UTF8), "H5Tset_cset", "string type");
  return type;
}

// File types are explicit little-endian so the file is the same whatever machine wrote it.
Dataset write_column(hid_t group, const std::string& name, std::span<const float> values,
                     const std::string& units) {
  return write_numeric_column(group, name, values, H5T_IEEE_F32LE, H5T_NATIVE_FLOAT, units);
}
Dataset write_column(hid_t group, const std::string& name, std::span<const double> values,
                     const std::string& units) {
  return write_numeric_column(group, name, values, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, units);
}
Dataset write_column(hid_t group, const std::string& name, std::span<const std::uint8_t> values,
                     const std::string& units) {
  return write_numeric_column(group, name, values, H5T_STD_U8LE, H5T_NATIVE_UINT8, units);
}
Dataset write_column(hid_t group, const std::string& name, std::span<const std::uint16_t> values,
                     const std::string& units) {
  return write_numeric_column(group, name, values, H5T_STD_U16LE, H5T_NATIVE_UINT16, units);
}
Dataset write_column(hid_t group, const std::string& name, std::span<const std::uint32_t> values,
                     const std::string& units) {
  return write_numeric_column(group, name, values, H5T_STD_U32LE, H5T_NATIVE_UINT32, units);
}
Dataset write_column(hid_t group, const std::string& name, std::span<const std::uint64_t> values,
                     const std::string& units) {
  return write_numeric_column(group, name, values, H5T_STD_U64LE, H5T_NATIVE_UINT64, units);
}
Dataset write_column(hid_t group, const std::string& name, std::span<const int> values,
                     const std::string& units) {
  return write_numeric_column(group, name, values, H5T_STD_I32LE, H5T_NATIVE_INT, units);
}

// The file (little-endian) and memory types of each number type write_plain_column takes.
template <class T>
std::pair<hid_t, hid_t> number_types() {
  if constexpr (std::is_same_v<T, float>) return {H5T_IEEE_F32LE, H5T_NATIVE_FLOAT};
  if constexpr (std::is_same_v<T, double>) return {H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE};
  if constexpr (std::is_same_v<T, std::uint8_t>) return {H5T_STD_U8LE, H5T_NATIVE_UINT8};
  if constexpr (std::is_same_v<T, std::uint16_t>) return {H5T_STD_U16LE, H5T_NATIVE_UINT16};
  if constexpr (std::is_same_v<T, std::uint32_t>) return {H5T_STD_U32LE, H5T_NATIVE_UINT32};
  if constexpr (std::is_same_v<T, std::uint64_t>) return {H5T_STD_U64LE, H5T_NATIVE_UINT64};
  if constexpr (std::is_same_v<T, int>) return {H5T_STD_I32LE, H5T_NATIVE_INT};
}

template <class T>
Dataset write_plain_column(hid_t group, const std::string& name, std::span<const T> values) {
  const auto [file_type, memory_type] = number_types<T>();
  return write_1d(group, name, values.size(), file_type, memory_type, values.data(), false, {},
                  false);
}
template Dataset write_plain_column(hid_t, const std::string&, std::span<const float>);
template Dataset write_plain_column(hid_t, const std::string&, std::span<const double>);
template Dataset write_plain_column(hid_t, const std::string&, std::span<const std::uint8_t>);
template Dataset write_plain_column(hid_t, const std::string&, std::span<const std::uint16_t>);
template Dataset write_plain_column(hid_t, const std::string&, std::span<const std::uint32_t>);
template Dataset write_plain_column(hid_t, const std::string&, std::span<const std::uint64_t>);
template Dataset write_plain_column(hid_t, const std::string&, std::span<const int>);

Dataset write_column(hid_t group, const std::string& name, const std::vector<std::string>& values,
                     const std::string& units) {
  std::vector<const char*> pointers(values.size());
  std::transform(values.begin(), values.end(), pointers.begin(),
                 [](const std::string& s) { return s.c_str(); });
  const Datatype type = utf8_string_type();
  // The string bytes live in HDF5's global heap; the dataset holds references to them.
  return write_1d(group, name, values.size(), type.get(), type.get(), pointers.data(), false,
                  units);
}

void write_attribute(hid_t object, const std::string& name, const std::string& value) {
  write_attribute(object, name, value.c_str());
}
void write_attribute(hid_t object, const std::string& name, const char* value) {
  const Datatype type = utf8_string_type();
  write_scalar_attribute(object, name, value, type.get(), type.get());
}
void write_attribute(hid_t object, const std::string& name, double value) {
  write_scalar_attribute(object, name, value, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE);
}
void write_attribute(hid_t object, const std::string& name, std::uint64_t value) {
  write_scalar_attribute(object, name, value, H5T_STD_U64LE, H5T_NATIVE_UINT64);
}
void write_attribute(hid_t object, const std::string& name, int value) {
  write_scalar_attribute(object, name, value, H5T_STD_I32LE, H5T_NATIVE_INT);
}

void write_attribute(hid_t object, const std::string& name, const std::vector<std::string>& value) {
  const std::string what = object_path(object) + "@" + name;
  std::vector<const char*> pointers(value.size());
  std::transform(value.begin(), value.end(), pointers.begin(),
                 [](const std::string& s) { return s.c_str(); });
  const hsize_t count = value.size();
  const Datatype type = utf8_string_type();
  Dataspace space(check_id(H5Screate_simple(1, &count, nullptr), "H5Screate_simple", what));
  Attribute attribute(
      check_id(H5Acreate2(object, name.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT),
               "H5Acreate2", what));
  check_status(H5Awrite(attribute.get(), type.get(), pointers.data()), "H5Awrite", what);
}

bool has_attribute(hid_t object, const std::string& name) {
  return H5Aexists(object, name.c_str()) > 0;
}

void read_attribute(hid_t object, const std::string& name, std::string& value) {
  const std::string what = object_path(object) + "@" + name;
  Attribute attribute(check_id(H5Aopen(object, name.c_str(), H5P_DEFAULT), "H5Aopen", what));
  Datatype stored(check_id(H5Aget_type(attribute.get()), "H5Aget_type", what));
  if (H5Tget_class(stored.get()) != H5T_STRING) {
    throw Error("HDF5: attribute '" + what + "' is not a string");
  }
  if (H5Tis_variable_str(stored.get()) > 0) {
    const Datatype type = utf8_string_type();
    char* text = nullptr;
    check_status(H5Aread(attribute.get(), type.get(), &text), "H5Aread", what);
    value = text != nullptr ? text : "";
    H5free_memory(text);
    return;
  }
  // Fixed-length strings (written by other tools): read the bytes, drop NUL padding.
  std::string buffer(H5Tget_size(stored.get()), '\0');
  check_status(H5Aread(attribute.get(), stored.get(), buffer.data()), "H5Aread", what);
  value = buffer.substr(0, buffer.find('\0'));
}
void read_attribute(hid_t object, const std::string& name, double& value) {
  read_scalar_attribute(object, name, value, H5T_NATIVE_DOUBLE);
}
void read_attribute(hid_t object, const std::string& name, std::uint64_t& value) {
  read_scalar_attribute(object, name, value, H5T_NATIVE_UINT64);
}
void read_attribute(hid_t object, const std::string& name, int& value) {
  read_scalar_attribute(object, name, value, H5T_NATIVE_INT);
}

std::vector<hsize_t> dataset_dims(hid_t dataset) {
  const std::string what = object_path(dataset);
  Dataspace space(check_id(H5Dget_space(dataset), "H5Dget_space", what));
  const int rank =
      check_status(H5Sget_simple_extent_ndims(space.get()), "H5Sget_extent_ndims", what);
  std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
  if (rank > 0) H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr);
  return dims;
}

AppendableMatrix::AppendableMatrix(hid_t group, const std::string& name, hsize_t columns,
                                   const std::string& units)
    : name_(child_path(group, name)), columns_(columns) {
  // Rows are appended one at a time; a chunk holds a few rows when rows are short, so small
  // networks do not end up with one tiny compressed chunk per bin.
  const hsize_t chunk_columns = std::clamp<hsize_t>(columns, 1, chunk_elements);
  const hsize_t chunk_rows =
      std::clamp<hsize_t>(chunk_elements / chunk_columns, 1, max_rows_per_chunk);
  const hsize_t dims[2] = {0, columns};
  // A fixed column extent must be at least the chunk's, so zero columns means unlimited there.
  const hsize_t max_dims[2] = {H5S_UNLIMITED, columns > 0 ? columns : H5S_UNLIMITED};
  const hsize_t chunk[2] = {chunk_rows, chunk_columns};
  Dataspace space(check_id(H5Screate_simple(2, dims, max_dims), "H5Screate_simple", name_));
  PropList dcpl = object_creation_list(H5P_DATASET_CREATE, name_);
  check_status(H5Pset_chunk(dcpl.get(), 2, chunk), "H5Pset_chunk", name_);
  check_status(H5Pset_shuffle(dcpl.get()), "H5Pset_shuffle", name_);
  check_status(H5Pset_deflate(dcpl.get(), deflate_level), "H5Pset_deflate", name_);
  // A cache of one chunk: a chunk is compressed and written when the next one is started, on
  // the writer thread while the simulation goes on, rather than all at once when the file is
  // closed (grid-large: 0.07 s of the output phase).
  PropList dapl(check_id(H5Pcreate(H5P_DATASET_ACCESS), "H5Pcreate", name_));
  check_status(H5Pset_chunk_cache(dapl.get(), H5D_CHUNK_CACHE_NSLOTS_DEFAULT,
                                  chunk_rows * chunk_columns * sizeof(float), 1.0),
               "H5Pset_chunk_cache", name_);
  dataset_ = Dataset(check_id(H5Dcreate2(group, name.c_str(), H5T_IEEE_F32LE, space.get(),
                                         H5P_DEFAULT, dcpl.get(), dapl.get()),
                              "H5Dcreate2", name_));
  if (!units.empty()) write_attribute(dataset_.get(), "units", units);
}

void AppendableMatrix::append_row(std::span<const float> row) {
  if (row.size() != columns_) {
    throw std::invalid_argument("HDF5: row of " + std::to_string(row.size()) + " values for '" +
                                name_ + "', which has " + std::to_string(columns_) + " columns");
  }
  const hsize_t new_dims[2] = {rows_ + 1, columns_};
  check_status(H5Dset_extent(dataset_.get(), new_dims), "H5Dset_extent", name_);
  ++rows_;
  if (columns_ == 0) return;
  Dataspace file_space(check_id(H5Dget_space(dataset_.get()), "H5Dget_space", name_));
  const hsize_t start[2] = {rows_ - 1, 0};
  const hsize_t count[2] = {1, columns_};
  check_status(
      H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start, nullptr, count, nullptr),
      "H5Sselect_hyperslab", name_);
  Dataspace memory_space(check_id(H5Screate_simple(2, count, nullptr), "H5Screate_simple", name_));
  check_status(H5Dwrite(dataset_.get(), H5T_NATIVE_FLOAT, memory_space.get(), file_space.get(),
                        H5P_DEFAULT, row.data()),
               "H5Dwrite", name_);
}

namespace {

template <class T>
std::vector<T> read_numbers(hid_t location, const std::string& path, hid_t memory_type) {
  const Dataset dataset(check_id(H5Dopen2(location, path.c_str(), H5P_DEFAULT), "H5Dopen2", path));
  hsize_t count = 1;
  for (const hsize_t extent : dataset_dims(dataset.get())) count *= extent;
  std::vector<T> values(count);
  if (count > 0) {
    check_status(H5Dread(dataset.get(), memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
                 "H5Dread", path);
  }
  return values;
}

}  // namespace

std::vector<float> read_floats(hid_t location, const std::string& path) {
  return read_numbers<float>(location, path, H5T_NATIVE_FLOAT);
}

std::vector<double> read_doubles(hid_t location, const std::string& path) {
  return read_numbers<double>(location, path, H5T_NATIVE_DOUBLE);
}

namespace {

template <class T>
void read_exact(hid_t location, const std::string& path, hid_t memory_type,
                std::vector<T>& values) {
  const Dataset dataset(check_id(H5Dopen2(location, path.c_str(), H5P_DEFAULT), "H5Dopen2", path));
  const Datatype stored(check_id(H5Dget_type(dataset.get()), "H5Dget_type", path));
  const bool same = H5Tget_class(stored.get()) == H5Tget_class(memory_type) &&
                    H5Tget_size(stored.get()) == H5Tget_size(memory_type) &&
                    (H5Tget_class(memory_type) != H5T_INTEGER ||
                     H5Tget_sign(stored.get()) == H5Tget_sign(memory_type));
  if (!same) throw Error("'" + path + "' is stored as another type");
  const std::vector<hsize_t> dims = dataset_dims(dataset.get());
  if (dims.size() != 1) throw Error("'" + path + "' is not a 1-D column");
  values.resize(dims[0]);
  if (!values.empty()) {
    check_status(H5Dread(dataset.get(), memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
                 "H5Dread", path);
  }
}

}  // namespace

void read_exact_column(hid_t location, const std::string& path, std::vector<float>& values) {
  read_exact(location, path, H5T_NATIVE_FLOAT, values);
}
void read_exact_column(hid_t location, const std::string& path, std::vector<double>& values) {
  read_exact(location, path, H5T_NATIVE_DOUBLE, values);
}
void read_exact_column(hid_t location, const std::string& path, std::vector<std::uint8_t>& values) {
  read_exact(location, path, H5T_NATIVE_UINT8, values);
}
void read_exact_column(hid_t location, const std::string& path,
                       std::vector<std::uint16_t>& values) {
  read_exact(location, path, H5T_NATIVE_UINT16, values);
}
void read_exact_column(hid_t location, const std::string& path,
                       std::vector<std::uint32_t>& values) {
  read_exact(location, path, H5T_NATIVE_UINT32, values);
}
void read_exact_column(hid_t location, const std::string& path,
                       std::vector<std::uint64_t>& values) {
  read_exact(location, path, H5T_NATIVE_UINT64, values);
}
void read_exact_column(hid_t location, const std::string& path, std::vector<int>& values) {
  read_exact(location, path, H5T_NATIVE_INT, values);
}

std::vector<std::string> read_strings(hid_t location, const std::string& path) {
  const Dataset dataset(check_id(H5Dopen2(location, path.c_str(), H5P_DEFAULT), "H5Dopen2", path));
  hsize_t count = 1;
  for (const hsize_t extent : dataset_dims(dataset.get())) count *= extent;
  std::vector<char*> pointers(count, nullptr);
  const Datatype type = utf8_string_type();
  std::vector<std::string> values(count);
  if (count == 0) return values;
  const herr_t status =
      H5Dread(dataset.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data());
  for (hsize_t i = 0; i < count; ++i) {
    if (pointers[i] != nullptr) values[i] = pointers[i];
    H5free_memory(pointers[i]);  // HDF5 allocated each string; nullptr is ignored
  }
  check_status(status, "H5Dread", path);
  return values;
}

}  // namespace arteria::h5
