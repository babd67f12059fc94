// The two walkers of a checkpoint's field list (sim/state_fields.hpp): ColumnWriter stores each
// field as plain 1-D columns, ColumnReader fills the field from them. Both take the same shapes
// to the same columns:
//   a number                -> NAME, one element
//   std::vector<T>          -> NAME (enums as their underlying integer)
//   ragged std::vector<...> -> NAME/offsets (uint64, rows + 1) and the flattened values as
//   NAME/values records with members    -> NAME/<member>, one column per member
#pragma once

#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <tuple>
#include <type_traits>
#include <vector>

#include "output/hdf5_handle.hpp"

namespace arteria::checkpoint_io {

template <class T>
struct Stored {
  using type = T;
};
template <class T>
requires std::is_enum_v<T>
struct Stored<T> {
  using type = std::underlying_type_t<T>;
};
template <class T>
using stored_t = typename Stored<T>::type;

template <class T>
concept Number = std::is_arithmetic_v<T> || std::is_enum_v<T>;

// Creates the groups on `name`'s path below the root as needed; returns the leaf group.
class GroupTree {
 public:
  explicit GroupTree(hid_t root) : root_(root) {}
  hid_t parent_of(const std::string& name, bool create);

 private:
  hid_t root_;
  std::vector<std::pair<std::string, h5::Group>> open_;
};

class ColumnWriter {
 public:
  explicit ColumnWriter(hid_t root) : groups_(root) {}

  template <Number T>
  void operator()(const std::string& name, const T& value) {
    const stored_t<T> stored = static_cast<stored_t<T>>(value);
    put(name, std::span<const stored_t<T>>(&stored, 1));
  }

  template <Number T>
  void operator()(const std::string& name, const std::vector<T>& values) {
    if constexpr (std::is_enum_v<T>) {
      std::vector<stored_t<T>> stored(values.size());
      for (std::size_t i = 0; i < values.size(); ++i)
        stored[i] = static_cast<stored_t<T>>(values[i]);
      put(name, std::span<const stored_t<T>>(stored));
    } else {
      put(name, std::span<const T>(values));
    }
  }

  template <class R, class... M>
  void operator()(const std::string& name, const std::vector<R>& rows,
                  const std::tuple<M...>& members) {
    std::apply([&](const auto&... member) { (column_of(name, rows, member), ...); }, members);
  }

  template <Number T>
  void operator()(const std::string& name, const std::vector<std::vector<T>>& ragged) {
    (*this)(name + "/values", flatten(name, ragged));
  }

  template <class R, class... M>
  void operator()(const std::string& name, const std::vector<std::vector<R>>& ragged,
                  const std::tuple<M...>& members) {
    (*this)(name, flatten(name, ragged), members);
  }

 private:
  // Writes NAME/offsets and returns the rows one after the other.
  template <class R>
  std::vector<R> flatten(const std::string& name, const std::vector<std::vector<R>>& ragged) {
    std::vector<R> flat;
    std::vector<std::uint64_t> offsets{0};
    offsets.reserve(ragged.size() + 1);
    for (const auto& row : ragged) {
      flat.insert(flat.end(), row.begin(), row.end());
      offsets.push_back(flat.size());
    }
    (*this)(name + "/offsets", offsets);
    return flat;
  }

  template <class R, class Member>
  void column_of(const std::string& name, const std::vector<R>& rows, const Member& member) {
    std::vector<std::remove_cvref_t<decltype(rows[0].*member.pointer)>> column;
    column.reserve(rows.size());
    for (const R& row : rows) column.push_back(row.*member.pointer);
    (*this)(name + "/" + member.name, column);
  }

  template <class S>
  void put(const std::string& name, std::span<const S> values) {
    const std::size_t slash = name.rfind('/');
    h5::write_plain_column(groups_.parent_of(name, true),
                           slash == std::string::npos ? name : name.substr(slash + 1), values);
  }

  GroupTree groups_;
};

// Throws std::runtime_error for a missing, mistyped or inconsistent column; `column` names the
// column being read then, so the caller can name it with the file.
class ColumnReader {
 public:
  ColumnReader(hid_t root, std::string& column) : groups_(root), column_(column) {}

  template <Number T>
  void operator()(const std::string& name, T& value) {
    std::vector<stored_t<T>> stored;
    get(name, stored);
    if (stored.size() != 1) throw std::runtime_error("'" + name + "' is not a single value");
    value = static_cast<T>(stored[0]);
  }

  template <Number T>
  void operator()(const std::string& name, std::vector<T>& values) {
    if constexpr (std::is_enum_v<T>) {
      std::vector<stored_t<T>> stored;
      get(name, stored);
      values.assign(stored.size(), T{});
      for (std::size_t i = 0; i < stored.size(); ++i) values[i] = static_cast<T>(stored[i]);
    } else {
      get(name, values);
    }
  }

  template <class R, class... M>
  void operator()(const std::string& name, std::vector<R>& rows, const std::tuple<M...>& members) {
    rows.clear();
    bool first = true;
    std::apply([&](const auto&... member) { (fill_column(name, rows, member, first), ...); },
               members);
  }

  template <Number T>
  void operator()(const std::string& name, std::vector<std::vector<T>>& ragged) {
    std::vector<std::uint64_t> offsets;
    (*this)(name + "/offsets", offsets);
    std::vector<T> flat;
    (*this)(name + "/values", flat);
    split(name, offsets, flat, ragged);
  }

  template <class R, class... M>
  void operator()(const std::string& name, std::vector<std::vector<R>>& ragged,
                  const std::tuple<M...>& members) {
    std::vector<std::uint64_t> offsets;
    (*this)(name + "/offsets", offsets);
    std::vector<R> flat;
    (*this)(name, flat, members);
    split(name, offsets, flat, ragged);
  }

 private:
  template <class R>
  static void split(const std::string& name, const std::vector<std::uint64_t>& offsets,
                    const std::vector<R>& flat, std::vector<std::vector<R>>& ragged) {
    if (offsets.empty() || offsets.front() != 0 || offsets.back() != flat.size()) {
      throw std::runtime_error("'" + name + "/offsets' does not span its values");
    }
    ragged.assign(offsets.size() - 1, {});
    for (std::size_t i = 0; i + 1 < offsets.size(); ++i) {
      if (offsets[i + 1] < offsets[i]) {
        throw std::runtime_error("'" + name + "/offsets' are not ascending");
      }
      ragged[i].assign(flat.begin() + static_cast<std::ptrdiff_t>(offsets[i]),
                       flat.begin() + static_cast<std::ptrdiff_t>(offsets[i + 1]));
    }
  }

  template <class R, class Member>
  void fill_column(const std::string& name, std::vector<R>& rows, const Member& member,
                   bool& first) {
    std::vector<std::remove_cvref_t<decltype(rows.front().*member.pointer)>> column;
    (*this)(name + "/" + member.name, column);
    if (first) rows.resize(column.size());
    first = false;
    if (column.size() != rows.size()) {
      throw std::runtime_error("'" + name + "/" + member.name + "' has " +
                               std::to_string(column.size()) + " rows, its record " +
                               std::to_string(rows.size()));
    }
    for (std::size_t i = 0; i < rows.size(); ++i) rows[i].*member.pointer = column[i];
  }

  template <class S>
  void get(const std::string& name, std::vector<S>& values) {
    column_ = name;
    const std::size_t slash = name.rfind('/');
    h5::read_exact_column(groups_.parent_of(name, false),
                          slash == std::string::npos ? name : name.substr(slash + 1), values);
  }

  GroupTree groups_;
  std::string& column_;
};

}  // namespace arteria::checkpoint_io
