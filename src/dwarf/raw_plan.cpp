// raw_plan.h: definitions named from raw DIEs (C directly, C++ and Rust through their scopes), offered,
// fingerprinted and claimed.
#include "dwarf/raw_plan.h"

#include "dwarf/dies.h"
#include "dwarf/names.h"

#include <llvm/ADT/DenseMap.h>

#include <string_view>

namespace memlayout::dwarf {
namespace {

using namespace llvm::dwarf;
using A = RawAttribute;
std::size_t at(A attribute) { return static_cast<std::size_t>(attribute); }

// Each named definition the query wants, fingerprinted as it is offered; claimed together at the end.
struct Offers {
  const TypeQuery &query;
  DefinitionFingerprints &prints;
  RawPlan plan;
  std::vector<std::uint32_t> wanted;
  std::vector<Fingerprint> wantedPrints;

  void offer(std::uint32_t index, std::string_view name) {
    if (name.empty()) return; // anonymous: built only inside the types that hold it
    if (query.wants) {
      plan.names.emplace_back(name);
      if (!query.wants(name)) return;
    }
    wanted.push_back(index);
    wantedPrints.push_back(prints.of(index, name));
  }
  // A definition named by its own DW_AT_name at `nameOffset` in .debug_str, its text unread (every
  // name is wanted; an empty one is found only if the definition is to be built: planFromRaw).
  void offerNamedAt(std::uint32_t index, std::uint64_t nameOffset) {
    wanted.push_back(index);
    wantedPrints.push_back(prints.ofNamedAt(index, nameOffset));
  }
};

// rawName: the text, or nullopt (absent or unreadable); `known` false when LLVM might read it after all
// (a supplementary file's string).
std::optional<std::string_view> nameOf(const RawUnit &raw, const RawValue &name, bool &known) {
  known = name.kind != RawValue::Kind::AltStr;
  return raw.text(name);
}

// A Rust enum's variant (an aggregate in an aggregate that has a variant part), shown within its enum.
bool isVariantStruct(const RawUnit &raw, std::uint32_t index) {
  const auto &dies = raw.dies();
  const std::uint32_t parent = dies[index].parent;
  if (!isAggregateTag(dies[index].tag) || parent == RawUnit::kNone || !isAggregateTag(dies[parent].tag)) return false;
  for (std::uint32_t sibling = parent + 1; sibling < dies[parent].end; sibling = dies[sibling].end)
    if (dies[sibling].tag == DW_TAG_variant_part) return true;
  return false;
}

// C: a type's name is its DW_AT_name, or that of the first typedef naming it: no scope has to be known,
// and only typedefs of nameless definitions are read.
bool planC(const RawUnit &raw, Offers &offers) {
  RawValue values[kRawAttributes];
  // The definitions, each with its name when it has one (nameless ones may get a typedef's below), or
  // where in .debug_str it is: when every name is wanted, a name there is not read (the kernel's
  // 770,000 offers would read as many strings spread over its .debug_str).
  struct Definition {
    std::uint32_t index;
    std::optional<std::string_view> name;
    std::optional<std::uint64_t> nameOffset;
  };
  const bool readNames = static_cast<bool>(offers.query.wants);
  std::vector<Definition> definitions;
  llvm::DenseMap<std::uint64_t, std::size_t> nameless; // section offset → index into definitions
  const auto &dies = raw.dies();
  for (const std::uint32_t i : raw.typesAndTypedefs()) {
    if (!isTypeOfInterest(dies[i].tag)) continue;
    raw.read(i, values, rawBit(A::Name) | rawBit(A::Declaration) | rawBit(A::Signature));
    if (values[at(A::Signature)]) return false;
    if (values[at(A::Declaration)].isSet()) continue;
    if (isVariantStruct(raw, i)) continue;
    if (!readNames && values[at(A::Name)].kind == RawValue::Kind::StrOffset && raw.hasText(values[at(A::Name)])) {
      definitions.push_back({i, std::nullopt, values[at(A::Name)].value});
      continue;
    }
    bool known = true;
    std::optional<std::string_view> name = nameOf(raw, values[at(A::Name)], known);
    if (!known) return false;
    if (!name) nameless.try_emplace(raw.sectionOffset(i), definitions.size());
    definitions.push_back({i, name, std::nullopt});
  }

  // Typedefs name nameless definitions, the first typedef with a name winning (Namer::nameAnonymous).
  for (const std::uint32_t i : raw.typesAndTypedefs()) {
    if (nameless.empty()) break;
    if (dies[i].tag != DW_TAG_typedef || !raw.has(i, rawBit(A::Type))) continue;
    raw.read(i, values, rawBit(A::Type));
    const RawValue type = values[at(A::Type)];
    if (type.kind != RawValue::Kind::UnitRef) return false; // a type elsewhere: LLVM's walk follows it
    auto found = nameless.find(type.value);
    if (found == nameless.end()) continue;
    raw.read(i, values, rawBit(A::Name));
    bool known = true;
    const auto name = nameOf(raw, values[at(A::Name)], known);
    if (!known) return false;
    if (!name || name->empty()) continue;
    Definition &definition = definitions[found->second];
    definition.name = name;
    offers.plan.anonymous.emplace_back(definition.index, std::string(*name));
    nameless.erase(found);
  }

  for (const Definition &definition : definitions)
    if (definition.nameOffset) offers.offerNamedAt(definition.index, *definition.nameOffset);
    else if (definition.name) offers.offer(definition.index, *definition.name);
  return true;
}


// Namer's qualified names (names.h) from raw DIEs, for C++ and Rust: scopes from parents, "::" between,
// C++ template arguments' integer spellings made canonical. `failed` when a DIE on the way needs what
// only LLVM's walk follows: DW_AT_specification, a type-unit stand-in, a supplementary file's string.
class RawNamer {
public:
  RawNamer(const RawUnit &raw, model::Language language) : raw_(raw), language_(language) {}

  bool failed() const { return failed_; }
  void nameAnonymous(std::uint32_t die, std::string name) {
    if (!name.empty()) anonymous_.try_emplace(die, std::move(name));
  }
  const llvm::DenseMap<std::uint32_t, std::string> &anonymous() const { return anonymous_; }

  std::optional<std::string_view> rawName(std::uint32_t die) {
    RawValue values[kRawAttributes];
    raw_.read(die, values, rawBit(A::Name) | rawBit(A::Signature));
    bool known = true;
    auto name = nameOf(raw_, values[at(A::Name)], known);
    if (!known) failed_ = true;
    return name;
  }

  std::string qualified(std::uint32_t die, int depth) {
    if (depth >= kMaxTypeDepth) return "";
    if (raw_.has(die, rawBit(A::Specification))) {
      failed_ = true;
      return "";
    }
    const auto name = rawName(die);
    if (!name) {
      auto found = anonymous_.find(die);
      return found == anonymous_.end() ? std::string() : found->second;
    }
    std::string result = scopePrefix(raw_.die(die).parent, depth + 1);
    result += *name;
    if (language_ == model::Language::Cpp && result.find('<') != std::string::npos)
      return canonicalIntegerNames(result);
    return result;
  }

private:
  std::string scopePrefix(std::uint32_t scope, int depth) {
    if (scope == RawUnit::kNone || depth >= kMaxTypeDepth) return "";
    if (auto cached = scopes_.find(scope); cached != scopes_.end()) return cached->second;
    std::string prefix;
    const Tag tag = raw_.die(scope).tag;
    if (tag == DW_TAG_namespace) {
      const auto name = rawName(scope);
      prefix = scopePrefix(raw_.die(scope).parent, depth + 1);
      prefix += name ? *name : std::string_view("(anonymous namespace)");
      prefix += "::";
    } else if (isTypeOfInterest(tag)) {
      if (raw_.has(scope, rawBit(A::Signature))) failed_ = true; // a stand-in for a type unit's class
      prefix = qualified(scope, depth + 1);
      if (prefix.empty())
        prefix = std::string("(anonymous ") +
                 (tag == DW_TAG_class_type   ? "class"
                  : tag == DW_TAG_union_type ? "union"
                  : tag == DW_TAG_enumeration_type ? "enum"
                                                   : "struct") +
                 ")";
      prefix += "::";
    } else {
      return ""; // the unit, or a function or block holding a local type
    }
    scopes_.try_emplace(scope, prefix);
    return prefix;
  }

  const RawUnit &raw_;
  model::Language language_;
  bool failed_ = false;
  llvm::DenseMap<std::uint32_t, std::string> anonymous_, scopes_;
};

// C++ and Rust, in the LLVM walk's order: first every typedef that names a nameless type (its qualified
// name then, as Namer memoizes scopes as it goes), then every definition.
bool planScoped(const RawUnit &raw, model::Language language, Offers &offers) {
  RawNamer namer(raw, language);
  RawValue values[kRawAttributes];
  const auto &dies = raw.dies();
  for (const std::uint32_t i : raw.typesAndTypedefs()) {
    if (dies[i].tag != DW_TAG_typedef || !raw.has(i, rawBit(A::Type))) continue;
    raw.read(i, values, rawBit(A::Type));
    const RawValue type = values[at(A::Type)];
    if (type.kind != RawValue::Kind::UnitRef) return false; // a type elsewhere: LLVM's walk follows it
    const std::uint32_t target = raw.indexOf(type.value);
    if (target == RawUnit::kNone || !isTypeOfInterest(dies[target].tag)) continue;
    raw.read(target, values, rawBit(A::Declaration) | rawBit(A::Signature));
    if (values[at(A::Signature)]) return false;
    if (namer.rawName(target) || values[at(A::Declaration)].isSet()) continue;
    namer.nameAnonymous(target, namer.qualified(i, 0));
    if (namer.failed()) return false;
  }
  for (const std::uint32_t i : raw.typesAndTypedefs()) {
    if (!isTypeOfInterest(dies[i].tag)) continue;
    raw.read(i, values, rawBit(A::Declaration) | rawBit(A::Signature));
    if (values[at(A::Signature)]) return false;
    if (values[at(A::Declaration)].isSet() || isVariantStruct(raw, i)) continue;
    const std::string name = namer.qualified(i, 0);
    if (namer.failed()) return false;
    offers.offer(i, name);
  }
  for (const auto &[die, name] : namer.anonymous()) offers.plan.anonymous.emplace_back(die, name);
  return true;
}

} // namespace

std::optional<RawPlan> planFromRaw(const RawUnit &raw, model::Language language, const TypeQuery &query,
                                   DefinitionFingerprints &prints, EarlierDefinitions &earlier, std::size_t order) {
  Offers offers{query, prints, {}, {}, {}};
  bool settled = false;
  if (language == model::Language::C) settled = planC(raw, offers);
  else if (language == model::Language::Cpp || language == model::Language::Rust)
    settled = planScoped(raw, language, offers);
  if (!settled) return std::nullopt;
  std::vector<bool> claimed;
  earlier.claimedBefore(offers.wantedPrints, order, claimed);
  // In C a DW_AT_name that is the empty string names nothing: offer() skips it, offerNamedAt left it
  // unread. (In C++ and Rust a scope still names the type.)
  auto namedEmpty = [&](std::uint32_t index) {
    if (language != model::Language::C) return false;
    RawValue values[kRawAttributes];
    raw.read(index, values, rawBit(A::Name));
    const auto text = raw.text(values[at(A::Name)]);
    return text && text->empty();
  };
  for (std::size_t i = 0; i < offers.wanted.size(); ++i)
    if (!claimed[i] && !namedEmpty(offers.wanted[i])) offers.plan.build.push_back(offers.wanted[i]);
  return std::move(offers.plan);
}

} // namespace memlayout::dwarf
