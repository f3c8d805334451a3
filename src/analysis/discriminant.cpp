// Tag vs niche for Rust enums with data, the niche's field path, and the per-variant and whole-enum
// layouts (computeLayout over a variant's fields plus the discriminant's bytes).
#include "analysis/discriminant.h"

#include "analysis/layout.h"
#include "analysis/niches.h"

#include <algorithm>

namespace memlayout::analysis {
namespace {

using What = model::LayoutItem::What;

bool overlaps(const model::Field &field, std::uint64_t beginBit, std::uint64_t endBit) {
  return field.bitSize > 0 && field.bitOffset < endBit && beginBit < field.bitOffset + field.bitSize;
}

model::Field discriminantField(const model::Discriminant &d) {
  model::Field f;
  f.name = d.name;
  f.typeName = d.typeName;
  f.bitOffset = d.bitOffset;
  f.byteSize = d.byteSize;
  f.bitSize = d.byteSize * 8;
  f.align = d.byteSize;
  return f;
}

// The type a variant's fields make when laid over the whole enum.
model::Type overlay(const model::Type &type, std::vector<model::Field> fields) {
  model::Type t;
  t.name = type.name;
  t.kind = model::Kind::Struct;
  t.language = type.language;
  t.size = type.size;
  t.align = type.align;
  t.fields = std::move(fields);
  return t;
}

// Without niche rules to go by: the fields that hold the discriminant's bytes, as deep as the table
// tells ("Write.0.vec"), through structs and tuples only.
std::string structuralPath(const model::Variant &owner, const model::TypeTable *table, std::uint64_t beginBit,
                           std::uint64_t endBit) {
  std::string path = owner.name;
  const std::vector<model::Field> *fields = &owner.fields;
  std::uint64_t base = 0;
  for (unsigned depth = 0; depth < 12; ++depth) {
    const model::Field *holder = nullptr;
    for (const auto &f : *fields)
      if (!f.bitField && f.arrayCount == 0 && f.bitOffset + base <= beginBit && endBit <= base + f.bitOffset + f.bitSize)
        holder = &f;
    if (!holder) break;
    path += "." + holder->name;
    if (!table || holder->typeIndex < 0 || static_cast<std::size_t>(holder->typeIndex) >= table->types.size()) break;
    const model::Type &inner = table->types[static_cast<std::size_t>(holder->typeIndex)];
    if (inner.kind != model::Kind::Struct && inner.kind != model::Kind::Tuple && inner.kind != model::Kind::Class) break;
    base += holder->bitOffset;
    fields = &inner.fields;
  }
  return path;
}

} // namespace

bool hasData(const model::Type &type) {
  if (type.kind != model::Kind::Enum) return false;
  return type.discriminant.has_value() ||
         std::any_of(type.variants.begin(), type.variants.end(), [](const model::Variant &v) { return !v.fields.empty(); });
}

int nicheOwner(const model::Type &type) {
  if (!type.discriminant) return -1;
  const std::uint64_t begin = type.discriminant->bitOffset, end = begin + type.discriminant->byteSize * 8;
  for (std::size_t i = 0; i < type.variants.size(); ++i) {
    const model::Variant &v = type.variants[i];
    if (v.discriminant || !v.discriminantRanges.empty()) continue;
    if (std::any_of(v.fields.begin(), v.fields.end(), [&](const model::Field &f) { return overlaps(f, begin, end); }))
      return static_cast<int>(i);
  }
  return -1;
}

std::optional<model::DiscriminantFacts> classifyDiscriminant(const model::Type &type, const model::TypeTable *table) {
  if (type.kind != model::Kind::Enum || !type.discriminant) return std::nullopt;
  const model::Discriminant &d = *type.discriminant;
  model::DiscriminantFacts facts;
  facts.offset = d.bitOffset / 8;
  facts.size = d.byteSize;
  facts.typeName = d.typeName;
  facts.isSigned = d.isSigned;
  facts.owner = nicheOwner(type);
  if (facts.owner < 0) return facts;
  facts.kind = model::DiscriminantFacts::Kind::Niche;
  const model::Variant &owner = type.variants[static_cast<std::size_t>(facts.owner)];
  // The innermost niche the field types show at the discriminant's bytes names it best.
  const std::uint64_t begin = facts.offset, end = begin + d.byteSize;
  const model::Niche *best = nullptr;
  const std::vector<model::Niche> niches = fieldNiches(owner.fields, table, owner.name);
  for (const auto &niche : niches)
    if (niche.offset <= begin && end <= niche.offset + niche.size &&
        (!best || (niche.offset == begin && niche.size == d.byteSize)))
      best = &niche;
  if (best) {
    facts.field = best->field;
    facts.nicheWhy = best->why;
  } else {
    facts.field = structuralPath(owner, table, d.bitOffset, d.bitOffset + d.byteSize * 8);
  }
  return facts;
}

model::Layout variantLayout(const model::Type &type, std::size_t index,
                            const std::optional<model::DiscriminantFacts> &discriminant) {
  if (index >= type.variants.size()) return {};
  std::vector<model::Field> fields = type.variants[index].fields;
  const std::size_t own = fields.size();
  const bool withDiscriminant = type.discriminant && type.discriminant->byteSize > 0 &&
                                !(discriminant && discriminant->owner == static_cast<int>(index));
  if (withDiscriminant) fields.push_back(discriminantField(*type.discriminant));
  model::Layout layout = computeLayout(overlay(type, std::move(fields)));
  for (auto &item : layout.items)
    if (item.what == What::Field && item.field == static_cast<int>(own) && withDiscriminant) {
      item.what = What::Discriminant;
      item.field = -1;
    }
  if (withDiscriminant) layout.sumMembers -= std::min(layout.sumMembers, type.discriminant->byteSize);
  return layout;
}

model::Layout enumLayout(const model::Type &type) {
  std::vector<model::Field> fields;
  for (const auto &variant : type.variants) fields.insert(fields.end(), variant.fields.begin(), variant.fields.end());
  if (type.discriminant && type.discriminant->byteSize > 0) fields.push_back(discriminantField(*type.discriminant));
  model::Layout layout = computeLayout(overlay(type, std::move(fields)));
  // Only the gaps say something about the enum; its fields live in the variants.
  layout.items.erase(std::remove_if(layout.items.begin(), layout.items.end(),
                                    [](const model::LayoutItem &item) { return item.what == What::Field; }),
                     layout.items.end());
  layout.sumMembers = 0;
  return layout;
}

} // namespace memlayout::analysis
