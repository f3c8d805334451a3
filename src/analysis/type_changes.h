// What changed between two layouts of one type, unjudged: size, alignment, padding, new holes, fields and
// variants matched by name, the discriminant. compare.cpp pairs the types and applies the policy.
#pragma once

#include "model/check.h"

#include <cstdint>
#include <vector>

namespace memlayout::analysis {

// A change with where it sorts inside its type: after its kind, by group (0: the type's own fields, 1 + i:
// the fields of the after side's i-th variant), then offset, then field.
struct RankedChange {
  model::Change change;
  std::uint64_t group = 0;
  std::uint64_t offset = 0;
};

// Every change from `before` to `after`, regression flags unset, in no particular order.
std::vector<RankedChange> typeChanges(const model::TypeSnapshot &before, const model::TypeSnapshot &after);

} // namespace memlayout::analysis
