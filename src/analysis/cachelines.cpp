// Cache lines over a type's rows: line numbers, boundaries and the fields that cross them.
#include "analysis/cachelines.h"

namespace memlayout::analysis {

model::CacheLines markCacheLines(std::vector<model::LayoutRow> &rows, std::uint64_t typeSize,
                                 std::uint64_t lineSize) {
  model::CacheLines lines;
  if (lineSize == 0) lineSize = 64; // never from the CLI; keeps a library caller from dividing by zero
  lines.lineSize = lineSize;
  lines.count = typeSize / lineSize + (typeSize % lineSize != 0 ? 1 : 0);
  lines.lastLineBytes = typeSize % lineSize;

  for (auto &row : rows) {
    const std::uint64_t first = row.bitOffset / 8;
    const std::uint64_t last = row.bitSize > 0 ? (row.bitOffset + row.bitSize - 1) / 8 : first;
    row.firstLine = first / lineSize;
    row.lastLine = last / lineSize;
  }
  // Like pahole, a boundary is marked before the first row that starts in a new line; lines that lie
  // wholly inside one field (a large array) get no mark of their own, only the field's straddle.
  std::uint64_t marked = 0;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const std::uint64_t k = rows[i].firstLine;
    if (k <= marked) continue;
    marked = k;
    model::CacheLineBoundary boundary;
    boundary.line = k;
    boundary.offset = k * lineSize;
    boundary.beforeRow = i;
    for (std::size_t j = 0; j < i; ++j)
      if (rows[j].what == model::LayoutItem::What::Field && rows[j].firstLine < k && rows[j].lastLine >= k)
        boundary.straddledBy.push_back(j);
    lines.boundaries.push_back(std::move(boundary));
  }
  return lines;
}

} // namespace memlayout::analysis
