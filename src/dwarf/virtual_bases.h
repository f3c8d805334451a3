// C++ virtual bases: DWARF gives their offset only as a vtable-reading expression, so we place them
// by the Itanium C++ ABI and keep the result only when it reproduces DW_AT_byte_size.
#pragma once

#include "model/type.h"

#include <cstdint>
#include <vector>

namespace memlayout::dwarf {

// What the ABI rules need to know about an already built class.
struct ClassFacts {
  std::uint64_t nvSize = 0; // bytes of the non-virtual part (== size without virtual bases)
  bool dynamic = false;     // has a vtable pointer (its own or a base's)
  bool virtualPrimary = false; // may share its vptr with a virtual base: we do not place those
};

// Completes `type` (a struct or class whose fields are read, alignment known; the aggregates its
// fields refer to are `types`, their facts `facts`, same indices):
// - a non-virtual base that has virtual bases covers only its nvsize (bitSize = nvsize × 8);
// - when it has virtual bases (direct or inherited), Type::hasVirtualBases is set, the direct ones are
//   placed, and the inherited ones are appended as base fields, all with virtualBase = true.
//   Placement: after the non-virtual part, each virtual base of the hierarchy once, depth-first
//   left to right, at the next offset aligned to its alignment (empty ones at 0). When the result
//   rounded to the class alignment is not DW_AT_byte_size, or a class of the hierarchy may have a
//   virtual primary base, every virtual base keeps bitSize 0: its offset is dynamic.
ClassFacts layoutClass(model::Type &type, const std::vector<model::Type> &types,
                       const std::vector<ClassFacts> &facts);

} // namespace memlayout::dwarf
