// Itanium C++ ABI placement of virtual bases in the complete object; nvsize of classes.
#include "dwarf/virtual_bases.h"

#include "dwarf/die_key.h"

#include <algorithm>
#include <unordered_map>

namespace memlayout::dwarf {
namespace {

bool validIndex(std::int32_t index, const std::vector<model::Type> &types) {
  return index >= 0 && static_cast<std::size_t>(index) < types.size();
}

std::uint64_t alignTo(std::uint64_t value, std::uint64_t align) {
  if (align <= 1) return value;
  return (value + align - 1) / align * align;
}

bool isVptr(const model::Field &field) {
  return field.artificial && field.name.rfind("_vptr", 0) == 0;
}

// Virtual bases in inheritance-graph order: depth-first, left to right, each once (as clang's
// ItaniumRecordLayoutBuilder::LayoutVirtualBases walks them). Sets `giveUp` when a class met may
// have a virtual primary base (it would share an address we cannot see).
// A class met twice (a non-virtual diamond) adds nothing new the second time: its virtual bases are
// already in `order`, so `expanded` keeps damaged DWARF from making the walk exponential.
void collectVirtualBases(const model::Type &type, const std::vector<model::Type> &types,
                         const std::vector<ClassFacts> &facts, std::vector<std::int32_t> &order,
                         std::vector<bool> &expanded, bool &giveUp, int depth) {
  if (depth >= kMaxTypeDepth) {
    giveUp = true;
    return;
  }
  for (const model::Field &field : type.fields) {
    if (!field.base || !validIndex(field.typeIndex, types)) continue;
    const auto index = static_cast<std::size_t>(field.typeIndex);
    if (field.virtualBase && std::find(order.begin(), order.end(), field.typeIndex) == order.end())
      order.push_back(field.typeIndex);
    if (facts[index].virtualPrimary) giveUp = true;
    if (types[index].hasVirtualBases && !expanded[index]) {
      expanded[index] = true;
      collectVirtualBases(types[index], types, facts, order, expanded, giveUp, depth + 1);
    }
  }
}

bool isEmptyClass(const model::Type &type, const ClassFacts &facts) {
  if (facts.dynamic || type.size > 1) return false;
  return std::none_of(type.fields.begin(), type.fields.end(), [](const model::Field &f) { return f.bitSize > 0; });
}

} // namespace

ClassFacts layoutClass(model::Type &type, const std::vector<model::Type> &types,
                       const std::vector<ClassFacts> &facts) {
  ClassFacts result;
  bool hasVirtualBases = false, ownVptr = false, dynamicNonVirtualBase = false, unknownBase = false;
  for (model::Field &field : type.fields) {
    if (isVptr(field)) ownVptr = true;
    if (!field.base) continue;
    if (field.virtualBase) hasVirtualBases = true;
    if (!validIndex(field.typeIndex, types)) {
      unknownBase = unknownBase || field.virtualBase;
      continue;
    }
    const auto index = static_cast<std::size_t>(field.typeIndex);
    if (types[index].hasVirtualBases) {
      hasVirtualBases = true;
      // Its virtual bases live elsewhere in the complete object; this subobject ends at its nvsize.
      if (!field.virtualBase) field.bitSize = facts[index].nvSize * 8;
    }
    if (facts[index].dynamic && !field.virtualBase) dynamicNonVirtualBase = true;
  }
  result.dynamic = ownVptr || hasVirtualBases || dynamicNonVirtualBase;
  result.nvSize = type.size;
  if (!hasVirtualBases) return result;

  type.hasVirtualBases = true;
  // A dynamic class with no vptr of its own and no dynamic non-virtual base takes a nearly-empty
  // virtual base as its primary base and shares its address: not placed here.
  result.virtualPrimary = !ownVptr && !dynamicNonVirtualBase;

  std::uint64_t nvEnd = 0;
  for (const model::Field &field : type.fields) {
    if (field.virtualBase || field.bitSize == 0) continue;
    nvEnd = std::max(nvEnd, (field.bitOffset + field.bitSize + 7) / 8);
  }
  result.nvSize = nvEnd;

  std::vector<std::int32_t> order;
  bool giveUp = result.virtualPrimary || unknownBase;
  std::vector<bool> expanded(types.size(), false);
  collectVirtualBases(type, types, facts, order, expanded, giveUp, 0);

  std::unordered_map<std::int32_t, std::uint64_t> offsets;
  std::uint64_t end = nvEnd;
  for (std::int32_t index : order) {
    const model::Type &base = types[static_cast<std::size_t>(index)];
    const ClassFacts &baseFacts = facts[static_cast<std::size_t>(index)];
    if (isEmptyClass(base, baseFacts)) {
      offsets[index] = 0;
      continue;
    }
    const std::uint64_t offset = alignTo(end, base.align);
    offsets[index] = offset;
    end = offset + (base.hasVirtualBases ? baseFacts.nvSize : base.size);
  }
  const bool placed = !giveUp && alignTo(end, type.align) == type.size;

  auto place = [&](model::Field &field) {
    field.virtualBase = true;
    field.base = true;
    const auto &base = types[static_cast<std::size_t>(field.typeIndex)];
    const auto &baseFacts = facts[static_cast<std::size_t>(field.typeIndex)];
    if (placed) {
      field.bitOffset = offsets[field.typeIndex] * 8;
      field.bitSize = (base.hasVirtualBases ? baseFacts.nvSize : base.size) * 8;
      if (isEmptyClass(base, baseFacts)) field.bitSize = 0;
    } else {
      // The ABI rules did not reproduce the size DWARF gives: the offset stays unknown (dynamic).
      field.bitOffset = 0;
      field.bitSize = 0;
    }
  };
  for (model::Field &field : type.fields)
    if (field.virtualBase && validIndex(field.typeIndex, types)) place(field);
  for (std::int32_t index : order) {
    const bool direct = std::any_of(type.fields.begin(), type.fields.end(), [&](const model::Field &f) {
      return f.virtualBase && f.typeIndex == index;
    });
    if (direct) continue;
    const model::Type &base = types[static_cast<std::size_t>(index)];
    model::Field inherited;
    inherited.typeName = base.name.empty() ? "struct {...}" : base.name;
    inherited.byteSize = base.size;
    inherited.align = base.align;
    inherited.typeIndex = index;
    place(inherited);
    type.fields.push_back(std::move(inherited));
  }
  return result;
}

} // namespace memlayout::dwarf
