// The line each id of a file was first seen on, for finding duplicate ids: an open-addressing
// table of views into the file with hashes computed beforehand (in parallel, by whoever parsed
// the file), so inserting an id allocates nothing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace arteria {

class IdFirstLines {
 public:
  // Room for `count` ids; the views must outlive the table.
  explicit IdFirstLines(std::size_t count);

  // Records `id` (with `hash`, the same function for every id) as seen on `line` (> 0) unless
  // it was seen before; returns the line it was first seen on, 0 when this is the first time.
  std::uint32_t insert(std::string_view id, std::size_t hash, std::uint32_t line);
  // The line `id` was first seen on, 0 when it was not.
  std::uint32_t find(std::string_view id, std::size_t hash) const;

 private:
  struct Slot {
    std::string_view id;
    std::size_t hash = 0;
    std::uint32_t line = 0;  // 0: empty
  };
  std::size_t slot_of(std::string_view id, std::size_t hash) const;

  std::vector<Slot> slots_;  // a power of two, at most half full
  std::size_t size_ = 0;
};

}  // namespace arteria
