// computeLayout: a type's fields, holes, bit holes and trailing padding, computed in bits.
#pragma once

#include "model/facts.h"
#include "model/type.h"

namespace memlayout::analysis {

// Fields are ordered by bit offset. Overlapping fields (unions, a derived member in a base's tail
// padding, [[no_unique_address]]) are normal and make no hole. Zero-size fields (flexible arrays,
// empty members) take no room, but the gap before one is a hole, not trailing padding. A virtual base
// placed by the ABI (bitSize > 0) covers its bytes of the complete object; one whose offset is dynamic
// (bitSize 0) is listed at offset 0 and covers nothing.
model::Layout computeLayout(const model::Type &type);

} // namespace memlayout::analysis
