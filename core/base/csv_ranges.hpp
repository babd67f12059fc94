// The records of a CSV file cut into byte ranges that CsvReaders read independently (in
// parallel), each range a whole number of records and its first line known, so that every
// reader reports the lines an editor shows.
#pragma once

#include <cstddef>
#include <vector>

#include "base/csv.hpp"

namespace arteria {

struct CsvRange {
  std::size_t begin = 0;  // offset of the range's first byte in the file's text
  std::size_t end = 0;
  std::size_t first_line = 1;
};

// The file's body (the records after the header) in ranges of about `target_bytes`, each
// ending after a line break, in file order. A line break ends a record unless it is inside a
// quoted field, and telling which needs reading from the start: a body holding a quote
// character is one range.
std::vector<CsvRange> csv_body_ranges(const CsvFile& file, std::size_t target_bytes);

}  // namespace arteria
