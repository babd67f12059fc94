// InputError becomes arteria.InputError (a ValueError) carrying file, line, field and message,
// so scripts can point at the bad record just as the CLI does.
#include "base/error.hpp"
#include "bindings.hpp"

namespace py = pybind11;

namespace arteria::python {

void init_errors(py::module_& m) {
  static py::exception<InputError> input_error(m, "InputError", PyExc_ValueError);
  py::register_exception_translator([](std::exception_ptr thrown) {
    try {
      if (thrown) std::rethrow_exception(thrown);
    } catch (const InputError& e) {
      py::object error = py::handle(input_error.ptr())(e.what());
      error.attr("file") = e.file();
      error.attr("line") = e.line();
      error.attr("field") = e.field();
      error.attr("message") = e.message();
      PyErr_SetObject(input_error.ptr(), error.ptr());
    }
  });
}

}  // namespace arteria::python
