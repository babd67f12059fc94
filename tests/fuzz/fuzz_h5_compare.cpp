// compare_h5_files on a file and itself: every group, dataset and attribute of the input is
// opened and read. Its documented failures are InputError (the seal does not hold) and
// h5::Error (a sealed file HDF5 cannot read).
#include "fuzz_input.hpp"
#include "fuzz_sealed_input.hpp"
#include "output/h5_compare.hpp"
#include "output/hdf5_error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace arteria;
  const std::string path = fuzz::write_sealed_input(
      "run.h5", std::string_view(reinterpret_cast<const char*>(data), size));
  try {
    compare_h5_files(path, path);
  } catch (const h5::Error&) {
  } catch (const InputError&) {
  }
  return 0;
}
