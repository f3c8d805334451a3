// The walk over one unit's DIEs that picks what to build: from the raw bytes alone where names need no
// scopes (C), through LLVM's DIE tree otherwise; either way only definitions no earlier unit claimed.
#include "dwarf/unit_reader.h"

#include "dwarf/dies.h"
#include "dwarf/raw_unit.h"
#include "dwarf/type_builder.h"

#include <llvm/ADT/DenseMap.h>
#include <llvm/DebugInfo/DWARF/DWARFUnit.h>

#include <string_view>

namespace memlayout::dwarf {
using namespace llvm::dwarf;

bool EarlierDefinitions::claimedBefore(const Fingerprint &print, std::size_t unit) {
  std::lock_guard lock(mutex_);
  return claimLocked(print, unit);
}

void EarlierDefinitions::claimedBefore(const std::vector<Fingerprint> &prints, std::size_t unit,
                                       std::vector<bool> &claimed) {
  claimed.assign(prints.size(), false);
  std::lock_guard lock(mutex_);
  for (std::size_t i = 0; i < prints.size(); ++i) claimed[i] = claimLocked(prints[i], unit);
}

bool EarlierDefinitions::claimLocked(const Fingerprint &print, std::size_t unit) {
  auto [it, inserted] = first_.try_emplace(print, unit);
  if (inserted) return false;
  if (it->second < unit) return true;
  it->second = unit;
  return false;
}

namespace {

using A = RawAttribute;
std::size_t at(A attribute) { return static_cast<std::size_t>(attribute); }

// A C unit read from its raw bytes: which definitions to build, and the typedef names of anonymous
// types. In C a type's name is its DW_AT_name, or that of the first typedef naming it (Namer), so no
// scope has to be known; the LLVM DIE tree is only extracted when something is left to build.
struct RawPlan {
  std::vector<std::uint32_t> build;                                   // DIE indices, in unit order
  std::vector<std::pair<std::uint32_t, std::string_view>> anonymous; // DIE index → typedef name
  std::vector<std::string> names;                                     // UnitTypes::names
};

// nullopt when the raw bytes cannot settle it the way Namer and readUnitTypes would: a name in a
// supplementary file, a typedef of a type in another unit, a type-unit stand-in.
std::optional<RawPlan> planFromRaw(const RawUnit &raw, const TypeQuery &query, DefinitionFingerprints &prints,
                                   EarlierDefinitions &earlier, std::size_t order) {
  RawPlan plan;
  RawValue values[kRawAttributes];
  // rawName: the text, or nullptr (absent or unreadable); `known` false when LLVM might read it after all.
  auto nameOf = [&](const RawValue &name, bool &known) -> std::optional<std::string_view> {
    known = name.kind != RawValue::Kind::AltStr;
    return raw.text(name);
  };
  // The definitions, each with its name when it has one (nameless ones may get a typedef's below).
  struct Definition {
    std::uint32_t index;
    std::optional<std::string_view> name;
  };
  std::vector<Definition> definitions;
  llvm::DenseMap<std::uint64_t, std::size_t> nameless; // section offset → index into definitions
  const auto &dies = raw.dies();
  for (std::uint32_t i = 0; i < dies.size(); ++i) {
    if (!isTypeOfInterest(dies[i].tag)) continue;
    raw.read(i, values, rawBit(A::Name) | rawBit(A::Declaration) | rawBit(A::Signature));
    if (values[at(A::Signature)]) return std::nullopt;
    if (values[at(A::Declaration)].isSet()) continue;
    const std::uint32_t parent = dies[i].parent;
    if (isAggregateTag(dies[i].tag) && parent != RawUnit::kNone && isAggregateTag(dies[parent].tag)) {
      bool variantStruct = false; // a Rust enum's variant, shown within its enum
      for (std::uint32_t sibling = parent + 1; sibling < dies[parent].end; sibling = dies[sibling].end)
        variantStruct = variantStruct || dies[sibling].tag == DW_TAG_variant_part;
      if (variantStruct) continue;
    }
    bool known = true;
    std::optional<std::string_view> name = nameOf(values[at(A::Name)], known);
    if (!known) return std::nullopt;
    if (!name) nameless.try_emplace(raw.sectionOffset(i), definitions.size());
    definitions.push_back({i, name});
  }

  // Typedefs name nameless definitions, the first typedef with a name winning (Namer::nameAnonymous).
  for (std::uint32_t i = 0; i < dies.size() && !nameless.empty(); ++i) {
    if (dies[i].tag != DW_TAG_typedef || !raw.has(i, rawBit(A::Type))) continue;
    raw.read(i, values, rawBit(A::Type));
    const RawValue type = values[at(A::Type)];
    if (type.kind != RawValue::Kind::UnitRef) return std::nullopt; // a type elsewhere: LLVM's walk follows it
    auto found = nameless.find(type.value);
    if (found == nameless.end()) continue;
    raw.read(i, values, rawBit(A::Name));
    bool known = true;
    const auto name = nameOf(values[at(A::Name)], known);
    if (!known) return std::nullopt;
    if (!name || name->empty()) continue;
    Definition &definition = definitions[found->second];
    definition.name = name;
    plan.anonymous.emplace_back(definition.index, *name);
    nameless.erase(found);
  }

  std::vector<std::uint32_t> wanted;
  std::vector<Fingerprint> wantedPrints;
  for (const Definition &definition : definitions) {
    if (!definition.name || definition.name->empty()) continue; // anonymous: built only inside the types that hold it
    if (query.wants) {
      plan.names.emplace_back(*definition.name);
      if (!query.wants(*definition.name)) continue;
    }
    wanted.push_back(definition.index);
    wantedPrints.push_back(prints.of(definition.index, *definition.name));
  }
  std::vector<bool> claimed;
  earlier.claimedBefore(wantedPrints, order, claimed);
  for (std::size_t i = 0; i < wanted.size(); ++i)
    if (!claimed[i]) plan.build.push_back(wanted[i]);
  return plan;
}

} // namespace

UnitTypes readUnitTypes(llvm::DWARFUnit &unit, const Abi &abi, const TypeQuery &query, Warnings &warnings,
                        EarlierDefinitions *earlier, std::size_t order) {
  UnitTypes result;
  if (llvm::Error error = unit.tryExtractDIEsIfNeeded(true)) warnings.add(std::move(error));
  if (!unit.getUnitDIE(true).isValid()) return result;
  result.readable = true;
  TypeBuilder builder(unit, abi, warnings);
  const std::optional<RawUnit> raw = earlier ? RawUnit::read(unit) : std::nullopt;
  std::optional<DefinitionFingerprints> prints;
  if (raw) prints.emplace(*raw, unit, builder.declFiles());

  if (raw && builder.unitLanguage() == model::Language::C)
    if (std::optional<RawPlan> plan = planFromRaw(*raw, query, *prints, *earlier, order)) {
      result.names = std::move(plan->names);
      if (plan->build.empty()) return result;
      if (llvm::Error error = unit.tryExtractDIEsIfNeeded(false)) warnings.add(std::move(error));
      auto dieAt = [&](std::uint32_t index) { return unit.getDIEForOffset(raw->sectionOffset(index)); };
      for (const auto &[target, name] : plan->anonymous)
        if (llvm::DWARFDie die = dieAt(target); die.isValid()) builder.namer().nameAnonymous(die, std::string(name));
      for (std::uint32_t index : plan->build)
        if (llvm::DWARFDie die = dieAt(index); die.isValid()) builder.build(die, true);
      result.types = builder.takeTypes();
      return result;
    }

  if (llvm::Error error = unit.tryExtractDIEsIfNeeded(false)) warnings.add(std::move(error));
  // First the typedefs that name anonymous types: the type usually comes before its typedef. A type
  // in a type unit has no typedef there, so the unit that names it builds it.
  std::vector<llvm::DWARFDie> namedElsewhere;
  for (const llvm::DWARFDebugInfoEntry &entry : unit.dies()) {
    if (entry.getTag() != DW_TAG_typedef) continue;
    llvm::DWARFDie typedefDie(&unit, &entry);
    llvm::DWARFDie target = referencedType(typedefDie);
    if (!target.isValid() || !isTypeOfInterest(target.getTag()) || rawName(target) || isDeclaration(target))
      continue;
    builder.namer().nameAnonymous(target, builder.namer().qualifiedName(typedefDie));
    if (target.getDwarfUnit() != &unit) namedElsewhere.push_back(target);
  }

  auto consider = [&](const llvm::DWARFDie &die) {
    std::string name = builder.namer().qualifiedName(die);
    if (name.empty()) return; // anonymous: built only inside the types that hold it
    if (query.wants) {
      result.names.push_back(name);
      if (!query.wants(name)) return;
    }
    // Definitions in other units (type units) have no fingerprint here: built, and merged.
    const std::uint32_t index = raw && die.getDwarfUnit() == &unit ? raw->indexOf(die.getOffset()) : RawUnit::kNone;
    if (index != RawUnit::kNone && earlier->claimedBefore(prints->of(index, name), order)) return;
    builder.build(die, true);
  };
  for (const llvm::DWARFDebugInfoEntry &entry : unit.dies()) {
    if (!isTypeOfInterest(entry.getTag())) continue;
    llvm::DWARFDie die(&unit, &entry);
    if (!isDeclaration(die) && !isVariantStruct(die)) consider(die);
  }
  for (const llvm::DWARFDie &die : namedElsewhere) consider(die);
  result.types = builder.takeTypes();
  return result;
}

} // namespace memlayout::dwarf
