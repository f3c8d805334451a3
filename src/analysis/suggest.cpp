// --suggest: regroup fields into movable blocks, order them by alignment, and keep the result only when
// the type gets smaller. The new order is checked with computeLayout, the same code that found the holes.
#include "analysis/suggest.h"

#include "analysis/discriminant.h"
#include "analysis/layout.h"

#include <algorithm>
#include <string_view>

namespace memlayout::analysis {
namespace {

using Status = model::Suggestion::Status;

std::uint64_t alignUp(std::uint64_t value, std::uint64_t align) {
  return align <= 1 ? value : (value + align - 1) / align * align;
}

std::uint64_t floorPowerOfTwo(std::uint64_t value) {
  std::uint64_t p = 1;
  while (p * 2 <= value && p < (std::uint64_t{1} << 62)) p *= 2;
  return p;
}

// A field's alignment; when DWARF did not say, the largest power of two in its size, capped by the type's.
std::uint64_t fieldAlign(const model::Field &field, const model::Type &type) {
  if (field.align > 0) return field.align;
  std::uint64_t guess = floorPowerOfTwo(std::max<std::uint64_t>(field.byteSize, 1));
  if (type.align > 0) guess = std::min(guess, type.align);
  return std::min<std::uint64_t>(guess, 16);
}

// Fields that move together: one ordinary field, or a run of bit-fields sharing storage units.
struct Block {
  std::vector<int> fields;
  std::uint64_t startBit = 0; // where the block begins in the original layout (a storage unit's start)
  std::uint64_t bytes = 0;
  std::uint64_t align = 1;
  std::uint64_t newOffset = 0; // bytes
};

} // namespace

bool isSystemHeader(const model::Type &type) {
  if (!type.decl) return false;
  const std::string_view file = type.decl->file;
  for (std::string_view prefix : {"/usr/include/", "/usr/local/include/", "/usr/lib/gcc/", "/usr/lib/llvm-"})
    if (file.substr(0, prefix.size()) == prefix) return true;
  return false;
}

model::Suggestion suggestFieldOrder(const model::Type &type, const model::Layout &layout, bool namedExplicitly) {
  model::Suggestion s;
  auto refuse = [&s](Status status) {
    s.status = status;
    return s;
  };
  // rustc orders each variant's fields itself; a C-like enum has none.
  if (type.kind == model::Kind::Enum)
    return refuse(type.language == model::Language::Rust && hasData(type) ? Status::Rust : Status::Enum);
  if (type.kind == model::Kind::Union) return refuse(Status::Union);
  if (type.packed) return refuse(Status::Packed);
  if (type.hasVirtualBases ||
      std::any_of(type.fields.begin(), type.fields.end(), [](const model::Field &f) { return f.virtualBase; }))
    return refuse(Status::VirtualBases);
  // DWARF does not say repr(C). rustc sorts repr(Rust) fields so that none leaves a hole, so a Rust
  // struct without holes is left to rustc and one with holes is taken for repr(C) and treated as C.
  if (type.language == model::Language::Rust && layout.holeBytes == 0) return refuse(Status::Rust);
  if (isSystemHeader(type) && !namedExplicitly) return refuse(Status::SystemHeader);
  if (layout.holeBytes == 0) return refuse(Status::NoHoles);
  s.likelyReprC = type.language == model::Language::Rust;

  // Fields in offset order, as the layout lists them.
  std::vector<int> byOffset;
  for (const auto &item : layout.items)
    if (item.what == model::LayoutItem::What::Field && item.field >= 0 &&
        static_cast<std::size_t>(item.field) < type.fields.size())
      byOffset.push_back(item.field);

  std::vector<int> fixed, tail;
  std::vector<Block> blocks;
  std::uint64_t fixedEndBits = 0;
  for (int index : byOffset) {
    const model::Field &f = type.fields[static_cast<std::size_t>(index)];
    if (f.base || f.artificial) {
      fixed.push_back(index);
      fixedEndBits = std::max(fixedEndBits, f.bitOffset + f.byteSize * 8);
      continue;
    }
    if (f.bitSize == 0 && !f.bitField) { // flexible array, zero-length array, empty member
      tail.push_back(index);
      continue;
    }
    const std::uint64_t align = fieldAlign(f, type);
    if (f.bitField) {
      const std::uint64_t unitBytes = std::max<std::uint64_t>(f.byteSize, 1);
      const std::uint64_t unitStart = f.bitOffset / (unitBytes * 8) * unitBytes; // bytes
      const std::uint64_t unitEnd = std::max(unitStart + unitBytes, (f.bitOffset + f.bitSize + 7) / 8);
      if (!blocks.empty()) {
        Block &last = blocks.back();
        const auto &lastField = type.fields[static_cast<std::size_t>(last.fields.back())];
        if (lastField.bitField && f.bitOffset < last.startBit + last.bytes * 8) { // shares the run's units
          last.fields.push_back(index);
          const std::uint64_t startBytes = std::min(last.startBit / 8, unitStart);
          last.bytes = std::max(last.startBit / 8 + last.bytes, unitEnd) - startBytes;
          last.startBit = startBytes * 8;
          last.align = std::max(last.align, align);
          continue;
        }
      }
      blocks.push_back({{index}, unitStart * 8, unitEnd - unitStart, align, 0});
      continue;
    }
    blocks.push_back({{index}, f.bitOffset, f.byteSize, align, 0});
  }

  std::stable_sort(blocks.begin(), blocks.end(), [](const Block &a, const Block &b) { return a.align > b.align; });
  // First fit: a block goes into the first gap it fits at its alignment (the only gaps are the ones the
  // fixed prefix leaves and the ones alignment opens), else at the end.
  struct Gap {
    std::uint64_t begin, end;
  };
  std::vector<Gap> gaps;
  std::uint64_t cursor = (fixedEndBits + 7) / 8, typeAlign = std::max<std::uint64_t>(type.align, 1);
  for (Block &block : blocks) {
    if (type.align == 0) typeAlign = std::max(typeAlign, block.align);
    bool placed = false;
    for (std::size_t g = 0; g < gaps.size() && !placed; ++g) {
      const std::uint64_t at = alignUp(gaps[g].begin, block.align);
      if (at + block.bytes > gaps[g].end) continue;
      block.newOffset = at;
      const Gap after{at + block.bytes, gaps[g].end};
      gaps[g].end = at;
      if (after.end > after.begin) gaps.insert(gaps.begin() + static_cast<std::ptrdiff_t>(g) + 1, after);
      placed = true;
    }
    if (placed) continue;
    block.newOffset = alignUp(cursor, block.align);
    if (block.newOffset > cursor) gaps.push_back({cursor, block.newOffset});
    cursor = block.newOffset + block.bytes;
  }
  std::stable_sort(blocks.begin(), blocks.end(),
                   [](const Block &a, const Block &b) { return a.newOffset < b.newOffset; });

  model::Type reordered = type;
  for (int index : fixed) s.order.push_back(index);
  for (const Block &block : blocks)
    for (int index : block.fields) {
      auto &f = reordered.fields[static_cast<std::size_t>(index)];
      f.bitOffset = f.bitOffset - block.startBit + block.newOffset * 8;
      s.order.push_back(index);
    }
  for (int index : tail) {
    auto &f = reordered.fields[static_cast<std::size_t>(index)];
    f.bitOffset = alignUp(cursor, fieldAlign(f, type)) * 8;
    s.order.push_back(index);
  }
  for (int index : s.order) s.bitOffsets.push_back(reordered.fields[static_cast<std::size_t>(index)].bitOffset);
  reordered.size = alignUp(cursor, typeAlign);
  s.size = reordered.size;
  s.padding = computeLayout(reordered).padding;
  s.status = s.size < type.size ? Status::Reordered : Status::NoGain;
  return s;
}

} // namespace memlayout::analysis
