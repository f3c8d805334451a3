// Table rows from layout items; --expand recurses into nested aggregates through Field::typeIndex.
#include "analysis/rows.h"

#include "analysis/layout.h"

#include <algorithm>

namespace memlayout::analysis {
namespace {

// Deep enough for any real program; a bound because typeIndex comes from untrusted debug info.
constexpr unsigned kMaxExpandDepth = 12;

// An aggregate with no bytes of its own (no field covers anything): an empty class.
bool isEmptyAggregate(const model::Field &field, const model::TypeTable *table) {
  if (!table || field.typeIndex < 0 || static_cast<std::size_t>(field.typeIndex) >= table->types.size()) return false;
  const model::Type &type = table->types[static_cast<std::size_t>(field.typeIndex)];
  if (type.kind == model::Kind::Enum) return false;
  return std::none_of(type.fields.begin(), type.fields.end(), [](const model::Field &f) { return f.bitSize > 0; });
}

// An empty base or [[no_unique_address]] member placed on another field's bytes: it takes no space.
bool isEmptyOverlap(const model::Type &type, const model::Field &field, const model::TypeTable *table) {
  if (field.bitSize == 0 || !isEmptyAggregate(field, table)) return false;
  return std::any_of(type.fields.begin(), type.fields.end(), [&](const model::Field &other) {
    return &other != &field && other.bitSize > 0 && other.bitOffset < field.bitOffset + field.bitSize &&
           field.bitOffset < other.bitOffset + other.bitSize && !isEmptyAggregate(other, table);
  });
}

// Index of the base subobject whose bytes hold `field` (a derived member reusing its tail padding), or -1.
// Empty bases do not count: sharing their byte is the empty-base optimisation, not tail-padding reuse.
int hostBase(const model::Type &type, const model::Field &field, const model::TypeTable *table) {
  if (field.base || field.virtualBase || field.bitSize == 0) return -1;
  for (std::size_t i = 0; i < type.fields.size(); ++i) {
    const model::Field &base = type.fields[i];
    if (!base.base || base.virtualBase || &base == &field || isEmptyAggregate(base, table)) continue;
    const std::uint64_t begin = base.bitOffset, end = base.bitOffset + base.byteSize * 8;
    if (field.bitOffset >= begin && field.bitOffset < end) return static_cast<int>(i);
  }
  return -1;
}

void appendRows(const model::Type &type, const model::Layout &layout, const model::TypeTable *table, bool expand,
                std::uint64_t baseBits, unsigned depth, int owner, std::vector<int> &path,
                std::vector<model::LayoutRow> &rows) {
  // A virtual base at a run-time offset sits nowhere in particular: list it after the placed items.
  std::vector<model::LayoutItem> items = layout.items;
  std::stable_partition(items.begin(), items.end(), [&type](const model::LayoutItem &item) {
    if (item.what != model::LayoutItem::What::Field || item.field < 0 ||
        static_cast<std::size_t>(item.field) >= type.fields.size())
      return true;
    const model::Field &f = type.fields[static_cast<std::size_t>(item.field)];
    return !(f.virtualBase && f.bitSize == 0);
  });
  for (const model::LayoutItem &item : items) {
    model::LayoutRow row;
    row.what = item.what;
    row.bitOffset = baseBits + item.bitOffset;
    row.bitSize = item.bitSize;
    row.depth = depth;
    row.owner = owner;
    row.field = item.field;
    const model::Field *field = nullptr;
    if (item.what == model::LayoutItem::What::Field && item.field >= 0 &&
        static_cast<std::size_t>(item.field) < type.fields.size()) {
      field = &type.fields[static_cast<std::size_t>(item.field)];
      row.emptyOverlap = isEmptyOverlap(type, *field, table);
      row.tailPaddingOf = hostBase(type, *field, table);
      row.arrayCount = field->arrayCount;
    }
    rows.push_back(row);
    if (!expand || !field || !table || field->typeIndex < 0 || field->virtualBase || depth + 1 >= kMaxExpandDepth) continue;
    const auto nested = static_cast<std::size_t>(field->typeIndex);
    if (nested >= table->types.size()) continue;
    if (std::find(path.begin(), path.end(), field->typeIndex) != path.end()) continue; // corrupt: a type inside itself
    const model::Type &inner = table->types[nested];
    if (inner.kind == model::Kind::Enum && inner.fields.empty()) continue; // an integer: nothing inside
    path.push_back(field->typeIndex);
    appendRows(inner, computeLayout(inner), table, expand, row.bitOffset, depth + 1, field->typeIndex, path, rows);
    path.pop_back();
  }
}

} // namespace

std::vector<model::LayoutRow> layoutRows(const model::Type &type, const model::Layout &layout,
                                         const model::TypeTable *table, bool expand) {
  std::vector<model::LayoutRow> rows;
  rows.reserve(layout.items.size());
  std::vector<int> path;
  appendRows(type, layout, table, expand, 0, 0, -1, path, rows);
  return rows;
}

} // namespace memlayout::analysis
