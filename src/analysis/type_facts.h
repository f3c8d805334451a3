// analyzeType: everything shown about one type (layout, table rows, cache lines, variants, discriminant,
// niches, suggestion) in one call; listedTypeFacts: the same without the table, for --types.
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
// gets one layout per variant over the whole enum, and its own layout holds only the bytes no variant
// uses (see enumLayout). Rust types get their niches and what Option<T> costs. `table` resolves
// Field::typeIndex for --expand and niches; it may be null.
model::TypeFacts analyzeType(const model::Type &type, const model::TypeTable *table, const AnalysisOptions &options);

// The layout alone, with the enum rules: what --types and the summary need for every type.
model::Layout typeLayout(const model::Type &type);

// A --types entry: `layout` (from typeLayout) plus, when `whole`, the variants, discriminant and niches a
// whole Type object carries (JSON), and the suggestion when `suggest`. No rows, no cache lines.
model::TypeFacts listedTypeFacts(const model::Type &type, const model::TypeTable *table, const model::Layout &layout,
                                 bool whole, bool suggest);

} // namespace memlayout::analysis
