// tests/oracle/types_layout.h: holes and trailing padding from field byte ranges, by the SPEC's words, for the type oracle and the invariant test.
//
// Independent of src/analysis on purpose: this is what the tests measure memlayout against.
// The rule (SPEC, "Type"): a byte is covered when any field touches it (a bit-field touches the bytes
// its bits fall in; overlapping fields count once). The fields end at the largest offset + size of
// any field, zero-size ones included (a flexible array member marks where its elements start, so
// the gap before it is a hole and only the bytes after it are trailing padding, as pahole says).
// Holes are the runs of uncovered bytes before that end; trailing padding is the rest up to size.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

namespace memlayout::testing {

struct ByteRange {
  std::uint64_t offset = 0;
  std::uint64_t size = 0;
  std::uint64_t end() const { return offset + size; }
  bool operator==(const ByteRange &) const = default;
};

struct Padding {
  std::vector<ByteRange> holes;
  std::uint64_t trailing = 0;
  std::uint64_t covered = 0; // bytes some field touches
  std::uint64_t total() const {
    std::uint64_t sum = trailing;
    for (const ByteRange &hole : holes) sum += hole.size;
    return sum;
  }
  bool operator==(const Padding &other) const {
    return holes == other.holes && trailing == other.trailing;
  }
};

// Bytes touched by bits [bitOffset, bitOffset + bitSize).
inline ByteRange bytesTouched(std::uint64_t bitOffset, std::uint64_t bitSize) {
  const std::uint64_t first = bitOffset / 8;
  const std::uint64_t end = bitSize == 0 ? first : (bitOffset + bitSize + 7) / 8;
  return {first, end - first};
}

// Fields as byte ranges (a field past `size` is clipped: callers report that separately).
inline Padding paddingOf(const std::vector<ByteRange> &fields, std::uint64_t size) {
  std::vector<bool> used(size, false);
  std::uint64_t end = 0;
  for (const ByteRange &field : fields) {
    end = std::max(end, std::min(field.end(), size));
    for (std::uint64_t b = field.offset; b < field.end() && b < size; ++b) used[b] = true;
  }
  Padding padding;
  for (std::uint64_t b = 0; b < end; ++b) {
    if (used[b]) {
      ++padding.covered;
      continue;
    }
    if (!padding.holes.empty() && padding.holes.back().end() == b)
      ++padding.holes.back().size;
    else
      padding.holes.push_back({b, 1});
  }
  padding.trailing = size - end;
  return padding;
}

inline std::string describe(const std::vector<ByteRange> &ranges) {
  if (ranges.empty()) return "none";
  std::string text;
  for (const ByteRange &range : ranges) {
    if (!text.empty()) text += ", ";
    text += std::to_string(range.size) + " at " + std::to_string(range.offset);
  }
  return text;
}

inline std::string describe(const Padding &padding) {
  return "holes " + describe(padding.holes) + "; trailing " + std::to_string(padding.trailing);
}

} // namespace memlayout::testing
