// Results of analysis, as plain values: a type's layout as ordered items, holes and padding totals.
#pragma once

#include <cstdint>
#include <vector>

namespace memlayout::model {

// One stretch of a type, in bits. Holes and padding are items, not annotations on fields.
struct LayoutItem {
  enum class What { Field, Hole, BitHole, TrailingPadding };
  What what = What::Field;
  std::uint64_t bitOffset = 0;
  std::uint64_t bitSize = 0;
  int field = -1;              // index into Type::fields for What::Field
};

struct ByteRange {
  std::uint64_t offset = 0;
  std::uint64_t size = 0;
};

struct Layout {
  std::vector<LayoutItem> items;   // in offset order
  std::vector<ByteRange> holes;    // whole bytes inside the type that no field touches
  std::uint64_t holeBytes = 0;     // sum of holes
  std::uint64_t bitHoleBits = 0;   // unused bits inside bytes that bit-fields partly use
  std::uint64_t trailingPadding = 0;
  std::uint64_t padding = 0;       // holeBytes + trailingPadding
  std::uint64_t sumMembers = 0;    // bytes of the fields (bit-fields counted in bits, rounded up), pahole's "sum members"
};

} // namespace memlayout::model
