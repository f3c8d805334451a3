// The walk over one unit's DIEs that picks what to build: from the raw bytes (raw_plan.h) where they settle
// it, through LLVM's DIE tree otherwise; either way only definitions no earlier unit claimed.
#include "dwarf/unit_reader.h"

#include "dwarf/dies.h"
#include "dwarf/raw_plan.h"
#include "dwarf/raw_unit.h"
#include "dwarf/type_builder.h"

#include <llvm/DebugInfo/DWARF/DWARFUnit.h>

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

UnitTypes readUnitTypes(llvm::DWARFUnit &unit, const Abi &abi, const TypeQuery &query, Warnings &warnings,
                        EarlierDefinitions *earlier, std::size_t order) {
  UnitTypes result;
  const std::optional<RawUnit> raw = earlier ? RawUnit::read(unit) : std::nullopt;
  // LLVM's extraction of the unit's first DIE parses the unit's abbreviations, which costs more than
  // the raw walk itself: the raw path has that DIE already, and needs LLVM's only to decode values
  // through the bases it gives (strx, addrx, …).
  if (!raw || raw->indexed()) {
    if (llvm::Error error = unit.tryExtractDIEsIfNeeded(true)) warnings.add(std::move(error));
    if (!unit.getUnitDIE(true).isValid()) return result;
  }
  result.readable = true;
  TypeBuilder builder(unit, raw ? Die(*raw, 0) : Die(unit.getUnitDIE(true)), abi, warnings);
  std::optional<DefinitionFingerprints> prints;
  if (raw) prints.emplace(*raw);

  if (raw)
    if (std::optional<RawPlan> plan = planFromRaw(*raw, builder.unitLanguage(), query, *prints, *earlier, order)) {
      result.names = std::move(plan->names);
      if (plan->build.empty()) return result;
      // Built from the raw walk's DIEs: LLVM never extracts this unit's.
      for (const auto &[target, name] : plan->anonymous) builder.namer().nameAnonymous(Die(*raw, target), name);
      for (std::uint32_t index : plan->build) builder.build(Die(*raw, index), true);
      result.types = builder.takeTypes();
      return result;
    }

  if (llvm::Error error = unit.tryExtractDIEsIfNeeded(false)) warnings.add(std::move(error));
  if (!unit.getUnitDIE().isValid()) { // the raw walk read a first DIE that LLVM does not
    result.readable = false;
    return result;
  }
  // First the typedefs that name anonymous types: the type usually comes before its typedef. A type
  // in a type unit has no typedef there, so the unit that names it builds it.
  std::vector<Die> namedElsewhere;
  for (const llvm::DWARFDebugInfoEntry &entry : unit.dies()) {
    if (entry.getTag() != DW_TAG_typedef) continue;
    const Die typedefDie(llvm::DWARFDie(&unit, &entry));
    const Die target = referencedType(typedefDie);
    if (!target.isValid() || !isTypeOfInterest(target.getTag()) || rawName(target) || isDeclaration(target))
      continue;
    builder.namer().nameAnonymous(target, builder.namer().qualifiedName(typedefDie));
    if (target.getDwarfUnit() != &unit) namedElsewhere.push_back(target);
  }

  auto consider = [&](const Die &die) {
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
    const Die die(llvm::DWARFDie(&unit, &entry));
    if (!isDeclaration(die) && !isVariantStruct(die)) consider(die);
  }
  for (const Die &die : namedElsewhere) consider(die);
  result.types = builder.takeTypes();
  return result;
}

} // namespace memlayout::dwarf
