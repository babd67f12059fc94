#include "base/csv_ranges.hpp"

#include <algorithm>
#include <cstring>

namespace arteria {

std::vector<CsvRange> csv_body_ranges(const CsvFile& file, std::size_t target_bytes) {
  const std::string_view text = file.text();
  const char* s = text.data();
  const std::size_t n = text.size();
  const std::size_t body = file.body_begin();
  if (std::memchr(s + body, '"', n - body) != nullptr) return {{body, n, file.body_line()}};
  std::vector<CsvRange> ranges;
  std::size_t begin = body;
  std::size_t line = file.body_line();
  while (begin < n) {
    std::size_t end = n;
    if (n - begin > target_bytes) {
      const void* the_break = std::memchr(s + begin + target_bytes, '\n', n - begin - target_bytes);
      if (the_break) end = static_cast<std::size_t>(static_cast<const char*>(the_break) - s) + 1;
    }
    ranges.push_back({begin, end, line});
    line += static_cast<std::size_t>(std::count(s + begin, s + end, '\n'));
    begin = end;
  }
  return ranges;
}

}  // namespace arteria
