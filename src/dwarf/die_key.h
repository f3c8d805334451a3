// A DIE's identity while its unit is being read: (unit object, offset), hashable for memo tables.
#pragma once

#include "dwarf/die.h"

#include <cstdint>
#include <functional>

namespace memlayout::dwarf {

struct DieKey {
  const void *unit = nullptr;
  std::uint64_t offset = 0;
  // An invalid DIE (a dangling reference) gets the key {nullptr, 0}.
  explicit DieKey(const Die &die)
      : unit(die.isValid() ? die.getDwarfUnit() : nullptr), offset(die.isValid() ? die.getOffset() : 0) {}
  bool operator==(const DieKey &other) const { return unit == other.unit && offset == other.offset; }
};

struct DieKeyHash {
  std::size_t operator()(const DieKey &key) const {
    return std::hash<const void *>{}(key.unit) ^ (std::hash<std::uint64_t>{}(key.offset) * 0x9e3779b97f4a7c15ull);
  }
};

// Bounds for walking chains of references, so cyclic or absurdly deep damaged DWARF cannot hang or
// overflow the stack.
inline constexpr int kMaxTypeDepth = 64;

} // namespace memlayout::dwarf
