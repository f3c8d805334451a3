// Type → TypeSnapshot with the JSON renderer's values (report/json_types.cpp), and the table's snapshot
// with the --types / --struct choice of types.
#include "analysis/snapshot.h"

#include "analysis/discriminant.h"
#include "analysis/type_facts.h"
#include "model/type_words.h"

#include <algorithm>
#include <numeric>
#include <string>

namespace memlayout::analysis {
namespace {

// report::fieldBytes' rule: a bit-field spans the bytes from its first bit's to its last bit's; a base
// with virtual bases is its non-virtual part.
std::uint64_t spannedBytes(const model::Field &f) {
  const bool partialBase = f.base && !f.bitField && f.bitSize > 0 && f.bitSize < f.byteSize * 8;
  if (partialBase) return (f.bitSize + 7) / 8;
  if (!f.bitField) return f.byteSize;
  if (f.bitSize == 0) return 0;
  return (f.bitOffset + f.bitSize - 1) / 8 - f.bitOffset / 8 + 1;
}

bool runTimeOffset(const model::Field &f) { return f.virtualBase && f.bitSize == 0; }

model::SnapshotField fieldSnapshot(const model::Field &f) {
  model::SnapshotField s;
  s.name = f.name;
  s.type = f.typeName;
  if (!runTimeOffset(f)) s.offset = f.bitOffset / 8;
  s.size = spannedBytes(f);
  if (f.bitField) {
    s.bitOffset = f.bitOffset;
    s.bitSize = f.bitSize;
  }
  s.base = f.base;
  s.artificial = f.artificial;
  return s;
}

std::vector<model::SnapshotField> fieldSnapshots(const std::vector<model::Field> &fields) {
  std::vector<std::size_t> order(fields.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  auto key = [&](std::size_t i) { return runTimeOffset(fields[i]) ? UINT64_MAX : fields[i].bitOffset; };
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return key(a) < key(b); });
  std::vector<model::SnapshotField> out;
  out.reserve(fields.size());
  for (std::size_t i : order) out.push_back(fieldSnapshot(fields[i]));
  return out;
}

std::string valueText(const model::DiscriminantValue &v) {
  return v.isSigned ? std::to_string(v.asSigned()) : std::to_string(v.bits);
}

// As the JSON writes it: the value, a ranges-only variant's first low end, "null" for the niche owner.
std::string discriminantText(const model::Variant &v) {
  if (v.discriminant) return valueText(*v.discriminant);
  if (!v.discriminantRanges.empty()) return valueText(v.discriminantRanges.front().first);
  return "null";
}

} // namespace

model::TypeFacts snapshotFacts(const model::Type &type, const model::TypeTable *table) {
  model::TypeFacts facts;
  facts.layout = typeLayout(type);
  if (hasData(type)) {
    facts.discriminant = classifyDiscriminant(type, table);
    facts.variantLayouts.reserve(type.variants.size());
    for (std::size_t i = 0; i < type.variants.size(); ++i)
      facts.variantLayouts.push_back(variantLayout(type, i, facts.discriminant));
  }
  return facts;
}

model::TypeSnapshot snapshotOf(const model::Type &type, const model::TypeFacts &facts) {
  model::TypeSnapshot s;
  s.name = type.name;
  s.kind = model::kindWord(type.kind);
  s.language = model::languageWord(type.language);
  s.size = type.size;
  s.align = type.align;
  s.decl = type.decl;
  s.unit = type.unit;
  // An enum with data keeps its fields in its variants (the JSON has no top-level "fields" for it).
  const bool enumWithData = type.kind == model::Kind::Enum && !facts.variantLayouts.empty();
  if (!enumWithData) s.fields = fieldSnapshots(type.fields);
  s.holes = facts.layout.holes;
  s.trailingPadding = facts.layout.trailingPadding;
  s.padding = facts.layout.padding;
  if (facts.discriminant)
    s.discriminant = model::SnapshotDiscriminant{
        facts.discriminant->kind == model::DiscriminantFacts::Kind::Niche ? "niche" : "tag", facts.discriminant->offset,
        facts.discriminant->size};
  if (type.kind == model::Kind::Enum) {
    s.variants.reserve(type.variants.size());
    for (std::size_t i = 0; i < type.variants.size(); ++i) {
      const model::Variant &v = type.variants[i];
      model::SnapshotVariant variant;
      variant.name = v.name;
      variant.discriminant = discriminantText(v);
      if (enumWithData && i < facts.variantLayouts.size()) {
        variant.fields = fieldSnapshots(v.fields);
        variant.holes = facts.variantLayouts[i].holes;
        variant.padding = facts.variantLayouts[i].padding;
      }
      s.variants.push_back(std::move(variant));
    }
  }
  return s;
}

model::Snapshot snapshotOfTable(const model::TypeTable &table, const NameMatcher *selection) {
  model::Snapshot snapshot;
  std::vector<std::size_t> chosen;
  if (selection && !selection->empty()) {
    std::vector<std::size_t> unmatched;
    chosen = selectTypes(table, *selection, unmatched);
    for (std::size_t p = 0; p < selection->size(); ++p) snapshot.selection.push_back(selection->pattern(p));
  } else {
    for (std::size_t i = 0; i < table.types.size(); ++i)
      if (isListed(table.types[i])) chosen.push_back(i);
  }
  snapshot.types.reserve(chosen.size());
  for (std::size_t index : chosen) {
    const model::Type &type = table.types[index];
    if (type.name.empty()) continue;
    snapshot.types.push_back(snapshotOf(type, snapshotFacts(type, &table)));
  }
  return snapshot;
}

} // namespace memlayout::analysis
