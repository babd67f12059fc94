// Zero-copy, read-only numpy views of the engine's plain arrays. The view's base is the Python
// object that owns the array, so a view keeps its owner alive however long it is kept.
#pragma once

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <vector>

namespace arteria::python {

template <typename T>
pybind11::array_t<T> readonly_view(const T* data, std::size_t size, pybind11::handle owner) {
  pybind11::array_t<T> view({size}, {sizeof(T)}, data, owner);
  view.attr("setflags")(pybind11::arg("write") = false);
  return view;
}

template <typename T>
pybind11::array_t<T> readonly_view(const std::vector<T>& values, pybind11::handle owner) {
  return readonly_view(values.data(), values.size(), owner);
}

}  // namespace arteria::python
