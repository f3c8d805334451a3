// JSON for types: the SPEC's keys in its order, then additive keys (unit, align per field, cache lines,
// bit holes, suggestion). Integers stay JSON numbers; discriminants keep their signedness.
#include "report/json_types.h"

#include "report/type_names.h"

#include <algorithm>
#include <numeric>
#include <string>
#include <unordered_set>

namespace memlayout::report {
namespace {

using Json = nlohmann::ordered_json;
using What = model::LayoutItem::What;

// An empty object with room for `keys` keys: ordered_json keeps an object's keys in a vector of
// pair<const std::string, json>, which copies every key each time it grows (a const key cannot move).
Json objectFor(std::size_t keys) {
  Json j = Json::object();
  j.get_ref<Json::object_t &>().reserve(keys);
  return j;
}

Json fieldJson(const model::Field &f) {
  Json j = objectFor(12);
  j["name"] = f.name;
  j["type"] = f.typeName;
  // A virtual base whose offset only the running program knows has no number to give.
  if (f.virtualBase && f.bitSize == 0) j["offset"] = nullptr;
  else j["offset"] = f.bitOffset / 8;
  j["size"] = fieldBytes(f);
  if (f.bitField) {
    j["bit_offset"] = f.bitOffset;
    j["bit_size"] = f.bitSize;
  }
  if (f.base) j["base"] = true;
  if (isPartialBase(f)) j["base_type_size"] = f.byteSize; // the rest holds its virtual bases, placed elsewhere
  if (f.artificial) j["artificial"] = true;
  if (f.virtualBase) j["virtual_base"] = true;
  j["align"] = f.align;
  return j;
}

// Fields in offset order; virtual bases at run-time offsets last.
Json fieldsJson(const std::vector<model::Field> &fields) {
  std::vector<std::size_t> order(fields.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  auto key = [&](std::size_t i) {
    const auto &f = fields[i];
    return f.virtualBase && f.bitSize == 0 ? UINT64_MAX : f.bitOffset;
  };
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return key(a) < key(b); });
  Json out = Json::array();
  out.get_ref<Json::array_t &>().reserve(order.size());
  for (std::size_t i : order) out.push_back(fieldJson(fields[i]));
  return out;
}

Json holesJson(const model::Layout &layout) {
  Json out = Json::array();
  for (const auto &hole : layout.holes) out.push_back(Json{{"offset", hole.offset}, {"size", hole.size}});
  return out;
}

Json valueJson(const model::DiscriminantValue &d) { return d.isSigned ? Json(d.asSigned()) : Json(d.bits); }

// The value that selects the variant; a variant chosen only by ranges gives its first range's low end
// (its ranges are under "discriminant_ranges"); null for the niche owner.
Json discriminantJson(const model::Variant &variant) {
  if (variant.discriminant) return valueJson(*variant.discriminant);
  if (!variant.discriminantRanges.empty()) return valueJson(variant.discriminantRanges.front().first);
  return nullptr;
}

std::string_view nicheWhyName(model::Niche::Why why) {
  using Why = model::Niche::Why;
  switch (why) {
  case Why::Bool: return "bool";
  case Why::Char: return "char";
  case Why::Pointer: return "non-null";
  case Why::NonZero: return "non-zero";
  case Why::ValidRange: return "valid-range";
  case Why::Enum: return "enum";
  case Why::EnumTag: return "enum-tag";
  case Why::EnumNiche: return "enum-niche";
  }
  return "bool";
}

Json nichesJson(const std::vector<model::Niche> &niches) {
  Json out = Json::array();
  for (const auto &n : niches)
    out.push_back(Json{{"offset", n.offset},
                       {"size", n.size},
                       {"field", n.field},
                       {"available", n.available},
                       {"type", n.typeName},
                       {"why", nicheWhyName(n.why)}});
  return out;
}

std::string_view statusName(model::Suggestion::Status status) {
  using Status = model::Suggestion::Status;
  switch (status) {
  case Status::Reordered: return "reordered";
  case Status::NoHoles: return "no-holes";
  case Status::NoGain: return "no-gain";
  case Status::Union: return "union";
  case Status::Packed: return "packed";
  case Status::VirtualBases: return "virtual-bases";
  case Status::Rust: return "rust-reorders";
  case Status::SystemHeader: return "system-header";
  case Status::Enum: return "enum";
  }
  return "no-gain";
}

Json suggestionJson(const model::Type &type, const model::Suggestion &s) {
  Json j;
  j["status"] = statusName(s.status);
  if (s.likelyReprC) j["likely_repr_c"] = true;
  if (s.status != model::Suggestion::Status::Reordered) return j;
  j["size"] = s.size;
  j["saves"] = type.size - s.size;
  j["padding"] = s.padding;
  Json order = Json::array();
  for (std::size_t i = 0; i < s.order.size(); ++i) {
    const auto &f = type.fields[static_cast<std::size_t>(s.order[i])];
    Json field{{"name", f.name}, {"offset", s.bitOffsets[i] / 8}};
    if (f.bitField) field["bit_offset"] = s.bitOffsets[i];
    order.push_back(std::move(field));
  }
  j["fields"] = std::move(order);
  return j;
}

} // namespace

Json typeJson(const TypeEntry &entry) {
  const model::Type &type = *entry.type;
  const model::TypeFacts &facts = entry.facts;
  Json j = objectFor(24);
  j["name"] = type.name;
  j["kind"] = kindName(type.kind);
  j["language"] = languageName(type.language);
  j["size"] = type.size;
  j["align"] = type.align;
  if (type.decl) j["decl"] = Json{{"file", type.decl->file}, {"line", type.decl->line}};
  // An enum with data keeps its fields in its variants; its holes and padding are the bytes no variant
  // uses (so a checker finds no "fields" key to add up at the top).
  const bool enumWithData = type.kind == model::Kind::Enum && !facts.variantLayouts.empty();
  if (!enumWithData) j["fields"] = fieldsJson(type.fields);
  j["holes"] = holesJson(facts.layout);
  j["trailing_padding"] = facts.layout.trailingPadding;
  j["padding"] = facts.layout.padding;
  if (facts.discriminant) {
    const auto &d = *facts.discriminant;
    Json disc{{"kind", d.kind == model::DiscriminantFacts::Kind::Niche ? "niche" : "tag"},
              {"offset", d.offset},
              {"size", d.size},
              {"type", d.typeName},
              {"signed", d.isSigned}};
    if (d.kind == model::DiscriminantFacts::Kind::Niche) disc["field"] = d.field;
    j["discriminant"] = std::move(disc);
  }
  if (type.kind == model::Kind::Enum) {
    Json variants = Json::array();
    for (std::size_t i = 0; i < type.variants.size(); ++i) {
      const model::Variant &v = type.variants[i];
      Json variant{{"name", v.name}, {"discriminant", discriminantJson(v)}};
      if (enumWithData && i < facts.variantLayouts.size()) {
        variant["fields"] = fieldsJson(v.fields);
        variant["holes"] = holesJson(facts.variantLayouts[i]);
        variant["padding"] = facts.variantLayouts[i].padding;
      }
      if (!v.discriminantRanges.empty()) {
        Json ranges = Json::array();
        for (const auto &[low, high] : v.discriminantRanges) ranges.push_back(Json::array({valueJson(low), valueJson(high)}));
        variant["discriminant_ranges"] = std::move(ranges);
      }
      variants.push_back(std::move(variant));
    }
    j["variants"] = std::move(variants);
    if (!type.underlyingType.empty()) j["underlying_type"] = type.underlyingType;
  }
  if (type.language == model::Language::Rust) j["niches"] = nichesJson(facts.niches);
  // Additive keys.
  j["unit"] = type.unit;
  j["bit_hole_bits"] = facts.layout.bitHoleBits;
  if (type.packed) j["packed"] = true;
  if (!facts.rows.empty()) { // cache lines are worked out for the types shown with --struct
    Json straddling = Json::array();
    for (const auto &row : facts.rows)
      if (row.depth == 0 && row.what == What::Field && row.lastLine > row.firstLine && row.field >= 0)
        straddling.push_back(type.fields[static_cast<std::size_t>(row.field)].name);
    j["cachelines"] = Json{{"line_size", facts.cacheLines.lineSize},
                           {"count", facts.cacheLines.count},
                           {"last_line_bytes", facts.cacheLines.lastLineBytes},
                           {"straddling", std::move(straddling)}};
  }
  if (facts.option) j["option"] = Json{{"size", facts.option->size}, {"free", facts.option->free}};
  if (facts.suggestion) j["suggestion"] = suggestionJson(type, *facts.suggestion);
  return j;
}

void typesJson(const Report &report, int depth, Output &out) {
  const std::string inner(static_cast<std::size_t>(depth + 1) * 2, ' ');
  bool any = false;
  auto add = [&](const TypeEntry &entry) {
    out << (any ? ",\n" : "[\n");
    any = true;
    const std::string text = typeJson(entry).dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
    std::string indented = inner;
    indented.reserve(text.size() + text.size() / 4);
    const std::string_view rest(text);
    for (std::size_t at = 0; at < rest.size();) { // line by line: one append per line, not per character
      const std::size_t end = std::min(rest.find('\n', at), rest.size() - 1) + 1;
      indented.append(rest.substr(at, end - at));
      if (rest[end - 1] == '\n') indented += inner;
      at = end;
    }
    out << indented;
  };
  std::unordered_set<const model::Type *> seen;
  if (report.structs)
    for (const auto &entry : report.structEntries) {
      add(entry);
      seen.insert(entry.type);
    }
  if (report.types)
    for (std::size_t i = 0; i < report.typeList.types.size(); ++i)
      if (!seen.count(report.typeList.types[i])) add(report.typeList.entry(i));
  if (!any) {
    out << "[]";
    return;
  }
  out << "\n" + std::string(static_cast<std::size_t>(depth) * 2, ' ') + "]";
}

Json mostPaddingJson(const Report &report) {
  Json out = Json::array();
  for (const auto &entry : report.mostPadding)
    out.push_back(Json{{"name", entry.type->name},
                       {"kind", kindName(entry.type->kind)},
                       {"size", entry.type->size},
                       {"padding", entry.facts.layout.padding},
                       {"holes", entry.facts.layout.holes.size()}});
  return out;
}

} // namespace memlayout::report
