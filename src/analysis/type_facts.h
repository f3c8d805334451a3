// analyzeType: everything shown about one type (layout, table rows, cache lines, suggestion) in one call.
#pragma once

#include "model/facts.h"
#include "model/type.h"

#include <cstdint>

namespace memlayout::analysis {

struct AnalysisOptions {
  std::uint64_t cacheLine = 64; // a power of two
  bool expand = false;          // nested aggregates inline (needs the table)
  bool suggest = false;
  bool namedExplicitly = false; // the user named this type without wildcards (allows system-header suggestions)
};

// The layout of a C-like enum is empty (it is one integer: no fields, no padding). An enum with data
// gets one layout per variant over the whole enum. `table` resolves Field::typeIndex for --expand; it
// may be null.
model::TypeFacts analyzeType(const model::Type &type, const model::TypeTable *table, const AnalysisOptions &options);

// The layout alone, with the C-like enum rule: what --types and the summary need for every type.
model::Layout typeLayout(const model::Type &type);

} // namespace memlayout::analysis
