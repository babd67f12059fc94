// compare_h5_files(): lists both files' objects with H5Ovisit, then compares attributes and
// dataset contents block by block, so memory stays bounded for long series.
#include "output/h5_compare.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <functional>
#include <map>
#include <set>

#include "base/sealed_file.hpp"
#include "output/hdf5_handle.hpp"
#include "output/sealed_outputs.hpp"

namespace arteria {
namespace {

// Enough for a readable report; a broken run otherwise lists thousands of lines.
constexpr std::size_t max_differences = 200;
// Bytes of one dataset read at a time from each file.
constexpr std::size_t block_bytes = std::size_t{16} << 20;

// Reads `count` elements of the object into `buffer` as `memory_type`.
using ReadFn = std::function<void(hid_t memory_type, void* buffer)>;

class Comparer {
 public:
  Comparer(const std::vector<std::string>& skip_paths,
           const std::vector<std::string>& skip_attributes)
      : skip_paths_(skip_paths), skip_attributes_(skip_attributes) {}

  void compare_files(hid_t a, hid_t b) {
    const std::map<std::string, H5O_type_t> objects_a = list_objects(a);
    const std::map<std::string, H5O_type_t> objects_b = list_objects(b);
    for (const auto& [path, type] : objects_a) {
      if (!objects_b.contains(path)) add(path + ": only in the first file");
    }
    for (const auto& [path, type] : objects_b) {
      if (!objects_a.contains(path)) add(path + ": only in the second file");
    }
    for (const auto& [path, type] : objects_a) {
      const auto other = objects_b.find(path);
      if (other == objects_b.end()) continue;
      if (other->second != type) {
        add(path + ": object kinds differ");
        continue;
      }
      const h5::Object object_a(
          h5::check_id(H5Oopen(a, path.c_str(), H5P_DEFAULT), "H5Oopen", path));
      const h5::Object object_b(
          h5::check_id(H5Oopen(b, path.c_str(), H5P_DEFAULT), "H5Oopen", path));
      compare_attributes(path, object_a.get(), object_b.get());
      if (type == H5O_TYPE_DATASET) compare_dataset(path, object_a.get(), object_b.get());
    }
  }

  std::vector<std::string> take_differences() {
    if (omitted_ > 0) {
      differences_.push_back("... and " + std::to_string(omitted_) + " more differences");
    }
    return std::move(differences_);
  }

 private:
  void add(std::string difference) {
    if (differences_.size() < max_differences) {
      differences_.push_back(std::move(difference));
    } else {
      ++omitted_;
    }
  }

  bool skipped_path(const std::string& path) const {
    return std::any_of(skip_paths_.begin(), skip_paths_.end(), [&](const std::string& skip) {
      if (skip == "/" || path == skip) return true;
      return path.size() > skip.size() && path.starts_with(skip) && path[skip.size()] == '/';
    });
  }

  bool skipped_attribute(const std::string& path, const std::string& name) const {
    const std::string qualified = path + "@" + name;
    return std::any_of(skip_attributes_.begin(), skip_attributes_.end(),
                       [&](const std::string& skip) { return skip == name || skip == qualified; });
  }

  std::map<std::string, H5O_type_t> list_objects(hid_t file) const {
    struct Visit {
      const Comparer* self;
      std::map<std::string, H5O_type_t> objects;
    } visit{this, {}};
    const auto callback = [](hid_t, const char* name, const H5O_info_t* info, void* data) {
      auto* v = static_cast<Visit*>(data);
      const std::string path = std::strcmp(name, ".") == 0 ? "/" : "/" + std::string(name);
      if (!v->self->skipped_path(path)) v->objects.emplace(path, info->type);
      return herr_t{0};
    };
    h5::check_status(H5Ovisit2(file, H5_INDEX_NAME, H5_ITER_INC, callback, &visit, H5O_INFO_BASIC),
                     "H5Ovisit2", h5::object_path(file));
    return std::move(visit.objects);
  }

  static std::set<std::string> attribute_names(hid_t object) {
    std::set<std::string> names;
    const auto callback = [](hid_t, const char* name, const H5A_info_t*, void* data) {
      static_cast<std::set<std::string>*>(data)->insert(name);
      return herr_t{0};
    };
    h5::check_status(H5Aiterate2(object, H5_INDEX_NAME, H5_ITER_INC, nullptr, callback, &names),
                     "H5Aiterate2", h5::object_path(object));
    return names;
  }

  void compare_attributes(const std::string& path, hid_t a, hid_t b) {
    const std::set<std::string> names_a = attribute_names(a);
    const std::set<std::string> names_b = attribute_names(b);
    for (const std::string& name : names_a) {
      if (skipped_attribute(path, name)) continue;
      const std::string what = path + "@" + name;
      if (!names_b.contains(name)) {
        add(what + ": only in the first file");
        continue;
      }
      const h5::Attribute attr_a(
          h5::check_id(H5Aopen(a, name.c_str(), H5P_DEFAULT), "H5Aopen", what));
      const h5::Attribute attr_b(
          h5::check_id(H5Aopen(b, name.c_str(), H5P_DEFAULT), "H5Aopen", what));
      const h5::Datatype type_a(h5::check_id(H5Aget_type(attr_a.get()), "H5Aget_type", what));
      const h5::Datatype type_b(h5::check_id(H5Aget_type(attr_b.get()), "H5Aget_type", what));
      const h5::Dataspace space_a(h5::check_id(H5Aget_space(attr_a.get()), "H5Aget_space", what));
      const h5::Dataspace space_b(h5::check_id(H5Aget_space(attr_b.get()), "H5Aget_space", what));
      if (!same_type_and_shape(what, type_a.get(), type_b.get(), space_a.get(), space_b.get())) {
        continue;
      }
      const hssize_t count = H5Sget_simple_extent_npoints(space_a.get());
      compare_values(
          what, type_a.get(), static_cast<std::size_t>(std::max<hssize_t>(count, 0)), 0,
          [&](hid_t memory, void* buffer) {
            h5::check_status(H5Aread(attr_a.get(), memory, buffer), "H5Aread", what);
          },
          [&](hid_t memory, void* buffer) {
            h5::check_status(H5Aread(attr_b.get(), memory, buffer), "H5Aread", what);
          });
    }
    for (const std::string& name : names_b) {
      if (!skipped_attribute(path, name) && !names_a.contains(name)) {
        add(path + "@" + name + ": only in the second file");
      }
    }
  }

  bool same_type_and_shape(const std::string& what, hid_t type_a, hid_t type_b, hid_t space_a,
                           hid_t space_b) {
    if (H5Tequal(type_a, type_b) <= 0) {
      add(what + ": types differ");
      return false;
    }
    if (H5Sextent_equal(space_a, space_b) <= 0) {
      add(what + ": shapes differ (" + shape_text(space_a) + " vs " + shape_text(space_b) + ")");
      return false;
    }
    return true;
  }

  static std::string shape_text(hid_t space) {
    const int rank = H5Sget_simple_extent_ndims(space);
    std::vector<hsize_t> dims(static_cast<std::size_t>(std::max(rank, 0)));
    if (rank > 0) H5Sget_simple_extent_dims(space, dims.data(), nullptr);
    std::string text = "[";
    for (std::size_t d = 0; d < dims.size(); ++d) {
      text += (d > 0 ? ", " : "") + std::to_string(dims[d]);
    }
    return text + "]";
  }

  void compare_dataset(const std::string& path, hid_t a, hid_t b) {
    const h5::Datatype type_a(h5::check_id(H5Dget_type(a), "H5Dget_type", path));
    const h5::Datatype type_b(h5::check_id(H5Dget_type(b), "H5Dget_type", path));
    const h5::Dataspace space_a(h5::check_id(H5Dget_space(a), "H5Dget_space", path));
    const h5::Dataspace space_b(h5::check_id(H5Dget_space(b), "H5Dget_space", path));
    if (!same_type_and_shape(path, type_a.get(), type_b.get(), space_a.get(), space_b.get()))
      return;
    const int rank = H5Sget_simple_extent_ndims(space_a.get());
    if (rank <= 0) {  // scalar or null dataspace: read whole
      const hssize_t count = H5Sget_simple_extent_npoints(space_a.get());
      if (count <= 0) return;
      compare_values(
          path, type_a.get(), static_cast<std::size_t>(count), 0,
          [&](hid_t memory, void* buffer) {
            h5::check_status(H5Dread(a, memory, H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer), "H5Dread",
                             path);
          },
          [&](hid_t memory, void* buffer) {
            h5::check_status(H5Dread(b, memory, H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer), "H5Dread",
                             path);
          });
      return;
    }
    // Read blocks of whole rows along the first dimension.
    std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
    H5Sget_simple_extent_dims(space_a.get(), dims.data(), nullptr);
    hsize_t row_elements = 1;
    for (std::size_t d = 1; d < dims.size(); ++d) row_elements *= dims[d];
    if (dims[0] == 0 || row_elements == 0) return;
    const hsize_t row_bytes = row_elements * std::max<std::size_t>(H5Tget_size(type_a.get()), 1);
    const hsize_t block_rows = std::clamp<hsize_t>(block_bytes / row_bytes, 1, dims[0]);
    for (hsize_t first = 0; first < dims[0]; first += block_rows) {
      std::vector<hsize_t> start(dims.size(), 0);
      std::vector<hsize_t> count = dims;
      start[0] = first;
      count[0] = std::min(block_rows, dims[0] - first);
      const h5::Dataspace memory_space(
          h5::check_id(H5Screate_simple(rank, count.data(), nullptr), "H5Screate_simple", path));
      const auto read_block = [&](hid_t dataset, hid_t file_space, hid_t memory, void* buffer) {
        h5::check_status(H5Sselect_hyperslab(file_space, H5S_SELECT_SET, start.data(), nullptr,
                                             count.data(), nullptr),
                         "H5Sselect_hyperslab", path);
        h5::check_status(
            H5Dread(dataset, memory, memory_space.get(), file_space, H5P_DEFAULT, buffer),
            "H5Dread", path);
      };
      compare_values(
          path, type_a.get(), static_cast<std::size_t>(count[0] * row_elements),
          first * row_elements,
          [&](hid_t memory, void* buffer) { read_block(a, space_a.get(), memory, buffer); },
          [&](hid_t memory, void* buffer) { read_block(b, space_b.get(), memory, buffer); });
    }
  }

  // Compares `count` elements of `type`; `offset` is the index of the first in the object.
  void compare_values(const std::string& what, hid_t type, std::size_t count, std::size_t offset,
                      const ReadFn& read_a, const ReadFn& read_b) {
    if (H5Tis_variable_str(type) > 0) {
      compare_strings(what, type, count, offset, read_a, read_b);
      return;
    }
    // Other variable-length data (sequences, strings inside compounds) is stored as pointers in
    // memory; comparing those bytes would be meaningless. Arteria writes none.
    if (H5Tdetect_class(type, H5T_VLEN) > 0) {
      add(what + ": holds variable-length data this comparison does not support");
      return;
    }
    // Reading with the file's own type as the memory type hands back the stored bytes as-is.
    const std::size_t size = H5Tget_size(type);
    std::vector<unsigned char> bytes_a(count * size);
    std::vector<unsigned char> bytes_b(count * size);
    read_a(type, bytes_a.data());
    read_b(type, bytes_b.data());
    if (bytes_a == bytes_b) return;
    std::size_t first = count;
    std::size_t differing = 0;
    for (std::size_t i = 0; i < count; ++i) {
      if (std::memcmp(&bytes_a[i * size], &bytes_b[i * size], size) != 0) {
        first = std::min(first, i);
        ++differing;
      }
    }
    add(what + ": " + std::to_string(differing) + " element(s) differ" +
        (offset > 0 ? " in the block from element " + std::to_string(offset) : std::string()) +
        ", first at element " + std::to_string(offset + first) + " (" +
        format_value(type, &bytes_a[first * size]) + " vs " +
        format_value(type, &bytes_b[first * size]) + ")");
  }

  void compare_strings(const std::string& what, hid_t type, std::size_t count, std::size_t offset,
                       const ReadFn& read_a, const ReadFn& read_b) {
    std::vector<char*> strings_a(count, nullptr);
    std::vector<char*> strings_b(count, nullptr);
    const auto release = [](std::vector<char*>& strings) {
      for (char* s : strings) H5free_memory(s);
    };
    std::size_t first = count;
    std::size_t differing = 0;
    try {
      read_a(type, strings_a.data());
      read_b(type, strings_b.data());
      for (std::size_t i = 0; i < count; ++i) {
        const char* sa = strings_a[i] != nullptr ? strings_a[i] : "";
        const char* sb = strings_b[i] != nullptr ? strings_b[i] : "";
        if (std::strcmp(sa, sb) != 0) {
          first = std::min(first, i);
          ++differing;
        }
      }
    } catch (...) {
      release(strings_a);
      release(strings_b);
      throw;
    }
    if (differing > 0) {
      add(what + ": " + std::to_string(differing) + " string(s) differ, first at element " +
          std::to_string(offset + first) + " (\"" + strings_a[first] + "\" vs \"" +
          strings_b[first] + "\")");
    }
    release(strings_a);
    release(strings_b);
  }

  // A number as text for the report; other types by their byte count only.
  static std::string format_value(hid_t type, const unsigned char* element) {
    const H5T_class_t type_class = H5Tget_class(type);
    if (type_class != H5T_INTEGER && type_class != H5T_FLOAT) return "bytes differ";
    std::vector<unsigned char> buffer(std::max<std::size_t>(H5Tget_size(type), sizeof(double)));
    std::memcpy(buffer.data(), element, H5Tget_size(type));
    if (H5Tconvert(type, H5T_NATIVE_DOUBLE, 1, buffer.data(), nullptr, H5P_DEFAULT) < 0) {
      H5Eclear2(H5E_DEFAULT);
      return "?";
    }
    double value = 0.0;
    std::memcpy(&value, buffer.data(), sizeof(double));
    char text[32];
    std::snprintf(text, sizeof(text), "%.17g", value);
    return text;
  }

  const std::vector<std::string>& skip_paths_;
  const std::vector<std::string>& skip_attributes_;
  std::vector<std::string> differences_;
  std::size_t omitted_ = 0;
};

}  // namespace

std::vector<std::string> compare_h5_files(const std::string& a, const std::string& b,
                                          const std::vector<std::string>& skip_paths,
                                          const std::vector<std::string>& skip_attributes) {
  const h5::QuietErrors quiet;
  // HDF5 sees only whole files: any file Arteria writes, of the same kind on both sides.
  const std::vector<std::string> kinds = {run_file_magic, assignment_file_magic,
                                          checkpoint_file_magic};
  const std::string kind = check_file_seal(a, kinds, "file Arteria wrote");
  check_file_seal(b, {kind}, "file of the same kind as " + a);
  const h5::File file_a = h5::open_file_read_only(a);
  const h5::File file_b = h5::open_file_read_only(b);
  Comparer comparer(skip_paths, skip_attributes);
  comparer.compare_files(file_a.get(), file_b.get());
  return comparer.take_differences();
}

}  // namespace arteria
