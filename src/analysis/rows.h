// layoutRows: the lines of a type's field table, with absolute offsets; --expand nests aggregates inline.
#pragma once

#include "model/facts.h"
#include "model/type.h"

#include <vector>

namespace memlayout::analysis {

// The type's layout items as rows, in the same order. With `expand`, each field whose Field::typeIndex
// names an aggregate in `table` is followed by that aggregate's rows (holes and padding included), one
// level deeper, at absolute offsets; for an array, element 0's rows, the field row carrying the count.
// Members in a base's tail padding get LayoutRow::tailPaddingOf. Cache-line numbers are left at 0 (see
// markCacheLines). `table` may be null when nothing is expanded.
std::vector<model::LayoutRow> layoutRows(const model::Type &type, const model::Layout &layout,
                                         const model::TypeTable *table, bool expand);

} // namespace memlayout::analysis
