// Layout in bits: merge the bit ranges the fields cover, then every gap becomes a Hole (whole bytes),
// a BitHole (the unused bits of a byte a bit-field partly uses) or TrailingPadding (after the last field).
#include "analysis/layout.h"

#include <algorithm>
#include <numeric>

namespace memlayout::analysis {
namespace {

using model::LayoutItem;
using What = model::LayoutItem::What;

constexpr std::uint64_t roundUp8(std::uint64_t bits) { return (bits + 7) / 8 * 8; }
constexpr std::uint64_t roundDown8(std::uint64_t bits) { return bits / 8 * 8; }

// Splits the uncovered bits [begin, end) into bit holes at the edges and a byte hole in between.
void addGap(model::Layout &layout, std::uint64_t begin, std::uint64_t end, bool trailing) {
  if (begin >= end) return;
  const std::uint64_t firstByte = roundUp8(begin), lastByte = roundDown8(end);
  if (firstByte >= lastByte) { // the gap lies inside one or two partly used bytes
    layout.items.push_back({What::BitHole, begin, end - begin, -1});
    layout.bitHoleBits += end - begin;
    return;
  }
  if (begin < firstByte) {
    layout.items.push_back({What::BitHole, begin, firstByte - begin, -1});
    layout.bitHoleBits += firstByte - begin;
  }
  const std::uint64_t bytes = (lastByte - firstByte) / 8;
  if (trailing && lastByte == end) {
    layout.items.push_back({What::TrailingPadding, firstByte, lastByte - firstByte, -1});
    layout.trailingPadding += bytes;
  } else {
    layout.items.push_back({What::Hole, firstByte, lastByte - firstByte, -1});
    layout.holes.push_back({firstByte / 8, bytes});
    layout.holeBytes += bytes;
  }
  if (lastByte < end) {
    layout.items.push_back({What::BitHole, lastByte, end - lastByte, -1});
    layout.bitHoleBits += end - lastByte;
  }
}

} // namespace

model::Layout computeLayout(const model::Type &type) {
  model::Layout layout;
  std::vector<int> order(type.fields.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    return type.fields[static_cast<std::size_t>(a)].bitOffset < type.fields[static_cast<std::size_t>(b)].bitOffset;
  });

  const std::uint64_t typeBits = type.size * 8;
  std::uint64_t covered = 0; // end of the bits covered so far (fields can overlap)
  std::uint64_t memberBits = 0;
  for (int index : order) {
    const model::Field &field = type.fields[static_cast<std::size_t>(index)];
    // A virtual base the reader placed by the ABI (bitSize > 0) holds its bytes in the complete object;
    // one whose offset only the running program knows (bitSize 0) is listed at 0 and covers nothing.
    const bool occupies = field.bitSize > 0;
    if (occupies) {
      if (field.bitOffset > covered) addGap(layout, covered, std::min(field.bitOffset, std::max(typeBits, covered)), false);
      covered = std::max(covered, field.bitOffset + field.bitSize);
      memberBits += field.bitField ? field.bitSize : roundUp8(field.bitSize);
    } else if (!field.virtualBase && field.bitOffset > covered && field.bitOffset <= typeBits) {
      // A zero-size member (flexible array) still marks a place: the gap before it is a hole, as clang
      // and pahole count it (struct { size_t n; char tag; int data[]; }: 3-byte hole, 4 bytes of padding).
      addGap(layout, covered, field.bitOffset, false);
      covered = field.bitOffset;
    }
    layout.items.push_back({What::Field, field.virtualBase && !occupies ? 0 : field.bitOffset, occupies ? field.bitSize : 0, index});
  }
  if (covered < typeBits) addGap(layout, covered, typeBits, true);

  // Items were appended field by field, gaps before their field: already in offset order, except that
  // fields sharing an offset keep declaration order. Keep it stable.
  std::stable_sort(layout.items.begin(), layout.items.end(),
                   [](const LayoutItem &a, const LayoutItem &b) { return a.bitOffset < b.bitOffset; });
  layout.padding = layout.holeBytes + layout.trailingPadding;
  layout.sumMembers = (memberBits + 7) / 8;
  return layout;
}

} // namespace memlayout::analysis
