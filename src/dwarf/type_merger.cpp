// Layout-keyed deduplication of types across units; field type indices remapped to the merged table.
#include "dwarf/type_merger.h"

#include <algorithm>

namespace memlayout::dwarf {
namespace {

void put(std::string &key, std::uint64_t value) { key.append(reinterpret_cast<const char *>(&value), sizeof value); }

void put(std::string &key, const std::string &text) {
  put(key, text.size());
  key += text;
}

void putFields(std::string &key, const std::vector<model::Field> &fields) {
  put(key, fields.size());
  for (const model::Field &field : fields) {
    put(key, field.name);
    put(key, field.typeName);
    put(key, field.bitOffset);
    put(key, field.bitSize);
    put(key, field.byteSize);
    put(key, field.align);
    put(key, static_cast<std::uint64_t>(field.typeIndex));
    put(key, field.arrayCount);
    put(key, (field.bitField ? 1u : 0u) | (field.base ? 2u : 0u) | (field.artificial ? 4u : 0u) |
                 (field.virtualBase ? 8u : 0u));
  }
}

std::string layoutKey(const model::Type &type) {
  std::string key;
  key.reserve(64 + type.fields.size() * 48);
  put(key, type.name);
  put(key, static_cast<std::uint64_t>(type.kind));
  put(key, type.size);
  put(key, type.align);
  put(key, (type.packed ? 1u : 0u) | (type.hasVirtualBases ? 2u : 0u));
  put(key, type.underlyingType);
  putFields(key, type.fields);
  put(key, type.discriminant ? 1u + (type.discriminant->isSigned ? 2u : 0u) : 0u);
  if (type.discriminant) {
    put(key, type.discriminant->name);
    put(key, type.discriminant->typeName);
    put(key, type.discriminant->bitOffset);
    put(key, type.discriminant->byteSize);
  }
  put(key, type.variants.size());
  for (const model::Variant &variant : type.variants) {
    put(key, variant.name);
    put(key, variant.discriminant ? 1u + (variant.discriminant->isSigned ? 2u : 0u) : 0u);
    put(key, variant.discriminant ? variant.discriminant->bits : 0);
    put(key, variant.discriminantRanges.size());
    for (const auto &[low, high] : variant.discriminantRanges) {
      put(key, (low.isSigned ? 1u : 0u) | (high.isSigned ? 2u : 0u));
      put(key, low.bits);
      put(key, high.bits);
    }
    putFields(key, variant.fields);
  }
  return key;
}

} // namespace

void TypeMerger::add(UnitTypes &&unit) {
  for (std::string &name : unit.names) names_.insert(std::move(name));
  std::vector<std::int32_t> global(unit.types.size(), -1);
  auto remap = [&](std::vector<model::Field> &fields) {
    for (model::Field &field : fields)
      if (field.typeIndex >= 0) // nested types precede their users, so they are mapped already
        field.typeIndex = static_cast<std::size_t>(field.typeIndex) < global.size()
                              ? global[static_cast<std::size_t>(field.typeIndex)]
                              : -1;
  };
  for (std::size_t local = 0; local < unit.types.size(); ++local) {
    model::Type &type = unit.types[local];
    remap(type.fields);
    for (model::Variant &variant : type.variants) remap(variant.fields);
    std::string key = layoutKey(type);
    auto [it, inserted] = byLayout_.try_emplace(std::move(key), static_cast<std::int32_t>(table_.types.size()));
    if (inserted) {
      table_.types.push_back(std::move(type));
    } else {
      model::Type &kept = table_.types[static_cast<std::size_t>(it->second)];
      kept.selected = kept.selected || type.selected;
      if (kept.unit.empty() && !type.unit.empty()) { // first read from a type unit: name a compile unit
        kept.unit = type.unit;
        if (!kept.decl) kept.decl = type.decl;
      }
    }
    global[local] = it->second;
  }
}

model::TypeTable TypeMerger::finish(std::vector<std::string> warnings) {
  table_.otherNames.assign(names_.begin(), names_.end());
  std::sort(table_.otherNames.begin(), table_.otherNames.end());
  table_.warnings = std::move(warnings);
  return std::move(table_);
}

} // namespace memlayout::dwarf
