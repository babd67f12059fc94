#include "base/id_first_lines.hpp"

#include <bit>
#include <stdexcept>

namespace arteria {

IdFirstLines::IdFirstLines(std::size_t count) : slots_(std::bit_ceil(2 * count + 2)) {}

std::size_t IdFirstLines::slot_of(std::string_view id, std::size_t hash) const {
  const std::size_t mask = slots_.size() - 1;
  std::size_t slot = hash & mask;
  while (slots_[slot].line != 0 && (slots_[slot].hash != hash || slots_[slot].id != id)) {
    slot = (slot + 1) & mask;
  }
  return slot;
}

std::uint32_t IdFirstLines::insert(std::string_view id, std::size_t hash, std::uint32_t line) {
  Slot& slot = slots_[slot_of(id, hash)];
  if (slot.line != 0) return slot.line;
  // Past half full the probes grow long, and a full table would probe forever.
  if (2 * (size_ + 1) > slots_.size()) throw std::logic_error("IdFirstLines: more ids than room");
  slot = {id, hash, line};
  ++size_;
  return 0;
}

std::uint32_t IdFirstLines::find(std::string_view id, std::size_t hash) const {
  return slots_[slot_of(id, hash)].line;
}

}  // namespace arteria
