// suggestFieldOrder (--suggest): a field order with fewer holes and the size it gives. No printing.
#pragma once

#include "model/facts.h"
#include "model/type.h"

namespace memlayout::analysis {

// Keeps base subobjects and the vtable pointer first, at their offsets; keeps each run of bit-fields that
// share storage units together, as one block; keeps zero-size members (flexible arrays) last; orders the
// other blocks by alignment, largest first (stable), each into the first gap it fits (after the fixed
// prefix) or at the end; rounds the size up to the type's alignment. `order` lists the result by offset.
// Status Reordered only when that makes the type smaller. No order is offered for unions, packed
// types, types with virtual bases, enums, Rust types without holes (rustc reorders repr(Rust) types
// itself and leaves no holes; Rust enums with data say so too), or types declared in a system header
// unless `namedExplicitly` (their order is an ABI the user cannot change). A Rust struct with holes is
// most likely repr(C) (DWARF has no repr): it gets an order like a C struct, with likelyReprC set.
model::Suggestion suggestFieldOrder(const model::Type &type, const model::Layout &layout, bool namedExplicitly);

// A declaration under /usr/include (or the compiler's own headers): its layout belongs to a system ABI.
bool isSystemHeader(const model::Type &type);

} // namespace memlayout::analysis
