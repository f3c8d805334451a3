// References between DIEs, including type-unit signatures (DW_FORM_ref_sig8, DW_AT_signature).
#include "dwarf/dies.h"

#include "dwarf/context.h"

#include <llvm/DebugInfo/DWARF/DWARFContext.h>
#include <llvm/DebugInfo/DWARF/DWARFDebugAbbrev.h>
#include <llvm/DebugInfo/DWARF/DWARFTypeUnit.h>
#include <llvm/DebugInfo/DWARF/DWARFUnit.h>

#include <mutex>

namespace memlayout::dwarf {
namespace {

thread_local PrivateTypeUnits *currentTypeUnits = nullptr;
// Held while the context's own units may parse DIEs: each does so once, and only under this lock.
std::mutex sharedUnitsMutex;

llvm::DWARFDie typeUnitDie(llvm::DWARFUnit &from, std::uint64_t signature) {
  if (PrivateTypeUnits *units = PrivateTypeUnits::current()) return units->typeDie(from, signature);
  std::lock_guard lock(sharedUnitsMutex);
  llvm::DWARFTypeUnit *unit = from.getContext().getTypeUnitForHash(from.getVersion(), signature, from.isDWOUnit());
  if (!unit) return {};
  return unit->getDIEForOffset(unit->getOffset() + unit->getTypeOffset());
}

} // namespace

PrivateTypeUnits::PrivateTypeUnits(llvm::DWARFContext &context, const llvm::DWARFDebugAbbrev &abbreviations,
                                   Warnings &warnings)
    : context_(context), abbreviations_(abbreviations), warnings_(warnings), previous_(currentTypeUnits) {
  currentTypeUnits = this;
}

PrivateTypeUnits::~PrivateTypeUnits() { currentTypeUnits = previous_; }

PrivateTypeUnits *PrivateTypeUnits::current() { return currentTypeUnits; }

llvm::DWARFDie PrivateTypeUnits::typeDie(const llvm::DWARFUnit &from, std::uint64_t signature) {
  auto found = units_.find(signature);
  if (found == units_.end()) {
    const llvm::DWARFTypeUnit *shared = nullptr;
    {
      std::lock_guard lock(sharedUnitsMutex);
      shared = context_.getTypeUnitForHash(from.getVersion(), signature, from.isDWOUnit());
    }
    std::unique_ptr<llvm::DWARFUnit> own;
    // DWARF 4 type units live in .debug_types; DWARF 5 ones in .debug_info.
    if (shared) own = privateUnit(context_, *shared, shared->getVersion() < 5, warnings_, &abbreviations_);
    found = units_.emplace(signature, std::move(own)).first;
  }
  llvm::DWARFUnit *unit = found->second.get();
  if (!unit) return {};
  return unit->getDIEForOffset(unit->getOffset() + llvm::cast<llvm::DWARFTypeUnit>(unit)->getTypeOffset());
}

Die referencedDie(const Die &die, llvm::dwarf::Attribute attribute) {
  if (!die.isValid()) return {};
  auto value = die.find(attribute);
  if (!value) return {};
  return referencedDie(die, *value);
}

Die referencedDie(const Die &die, const llvm::DWARFFormValue &value) {
  if (!die.isValid()) return {};
  if (value.getForm() == llvm::dwarf::DW_FORM_ref_sig8) return typeUnitDie(*die.getDwarfUnit(), value.getRawUValue());
  if (value.getForm() == llvm::dwarf::DW_FORM_ref_addr || value.getForm() == llvm::dwarf::DW_FORM_GNU_ref_alt) {
    std::lock_guard lock(sharedUnitsMutex); // into another unit: the context's, shared by every thread
    return die.getAttributeValueAsReferencedDie(value);
  }
  return die.getAttributeValueAsReferencedDie(value);
}

Die resolveSignature(const Die &die) {
  if (!die.isValid()) return die;
  auto signature = die.find(llvm::dwarf::DW_AT_signature);
  if (!signature || signature->getForm() != llvm::dwarf::DW_FORM_ref_sig8) return die;
  Die definition = typeUnitDie(*die.getDwarfUnit(), signature->getRawUValue());
  return definition.isValid() ? definition : die;
}

} // namespace memlayout::dwarf
