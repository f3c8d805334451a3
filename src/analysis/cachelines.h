// markCacheLines: which cache line each row starts and ends in, the boundaries inside a type, straddlers.
#pragma once

#include "model/facts.h"

#include <cstdint>
#include <vector>

namespace memlayout::analysis {

// `lineSize` is a power of two > 0 (the CLI checks it). The type is assumed to start on a line boundary,
// as pahole assumes. Sets firstLine/lastLine of every row; returns the line count, pahole's "last
// cacheline" bytes, and a boundary before each row that starts a new line, with the fields straddling it.
model::CacheLines markCacheLines(std::vector<model::LayoutRow> &rows, std::uint64_t typeSize,
                                 std::uint64_t lineSize);

} // namespace memlayout::analysis
