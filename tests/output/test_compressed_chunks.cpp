// Large columns are compressed chunk by chunk in parallel (output/compressed_chunks): HDF5 must
// read back exactly what was written, whatever the type, length and thread count.
#include <tbb/task_arena.h>

#include <catch2/catch.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "output/hdf5_handle.hpp"
#include "toy_files.hpp"

using namespace arteria;
using namespace arteria::testing;

namespace {

// Values with some repetition (so they compress) and every byte of the type in use.
template <class T>
std::vector<T> column_values(std::size_t rows) {
  std::vector<T> values(rows);
  for (std::size_t i = 0; i < rows; ++i) {
    values[i] = static_cast<T>((i * 2654435761u) % 1000003u) / static_cast<T>(i % 7 == 0 ? 1 : 3);
  }
  return values;
}

template <class T>
void check_round_trip(hid_t file, const std::string& name, std::size_t rows) {
  const std::vector<T> values = column_values<T>(rows);
  h5::write_column(file, name, std::span<const T>(values));
  std::vector<T> read;
  h5::read_exact_column(file, name, read);
  INFO(name);
  CHECK(read.size() == values.size());
  const bool same = read == values;  // (Catch would print every value of both)
  CHECK(same);
}

// Every column type at lengths below the compression threshold, one exact chunk, and a last
// chunk that is partly filled; written under an arena of `threads`.
std::string write_columns(const TempDir& dir, int threads) {
  const std::string path = dir.file("columns" + std::to_string(threads) + ".h5");
  tbb::task_arena arena(threads);
  arena.execute([&] {
    const h5::File file = h5::create_file(path);
    for (const std::size_t rows : {std::size_t{1000}, std::size_t{65536}, std::size_t{150001}}) {
      const std::string n = std::to_string(rows);
      check_round_trip<float>(file.get(), "f32_" + n, rows);
      check_round_trip<double>(file.get(), "f64_" + n, rows);
      check_round_trip<std::uint8_t>(file.get(), "u8_" + n, rows);
      check_round_trip<std::uint16_t>(file.get(), "u16_" + n, rows);
      check_round_trip<std::uint32_t>(file.get(), "u32_" + n, rows);
      check_round_trip<std::uint64_t>(file.get(), "u64_" + n, rows);
      check_round_trip<int>(file.get(), "i32_" + n, rows);
    }
  });
  return path;
}

}  // namespace

TEST_CASE("large columns compressed in parallel read back exactly, the same at any thread count") {
  TempDir dir;
  const std::string one = write_columns(dir, 1);
  const std::string two = write_columns(dir, 2);
  CHECK(read_text(one) == read_text(two));
}
