// A run file as `arteria info` reads it (read_run_summary).
#include "fuzz_input.hpp"
#include "fuzz_sealed_input.hpp"
#include "output/run_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace arteria;
  const std::string path = fuzz::write_sealed_input(
      "run.h5", std::string_view(reinterpret_cast<const char*>(data), size));
  fuzz::expect_input_error([&] { read_run_summary(path); });
  return 0;
}
