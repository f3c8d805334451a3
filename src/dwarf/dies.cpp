// References between DIEs, including type-unit signatures (DW_FORM_ref_sig8, DW_AT_signature).
#include "dwarf/dies.h"

#include <llvm/DebugInfo/DWARF/DWARFContext.h>
#include <llvm/DebugInfo/DWARF/DWARFTypeUnit.h>
#include <llvm/DebugInfo/DWARF/DWARFUnit.h>

namespace memlayout::dwarf {
namespace {

llvm::DWARFDie typeUnitDie(llvm::DWARFUnit &from, std::uint64_t signature) {
  llvm::DWARFTypeUnit *unit = from.getContext().getTypeUnitForHash(from.getVersion(), signature, from.isDWOUnit());
  if (!unit) return {};
  return unit->getDIEForOffset(unit->getOffset() + unit->getTypeOffset());
}

} // namespace

llvm::DWARFDie referencedDie(const llvm::DWARFDie &die, llvm::dwarf::Attribute attribute) {
  if (!die.isValid()) return {};
  auto value = die.find(attribute);
  if (!value) return {};
  if (value->getForm() == llvm::dwarf::DW_FORM_ref_sig8) return typeUnitDie(*die.getDwarfUnit(), value->getRawUValue());
  return die.getAttributeValueAsReferencedDie(*value);
}

llvm::DWARFDie resolveSignature(const llvm::DWARFDie &die) {
  if (!die.isValid()) return die;
  auto signature = die.find(llvm::dwarf::DW_AT_signature);
  if (!signature || signature->getForm() != llvm::dwarf::DW_FORM_ref_sig8) return die;
  llvm::DWARFDie definition = typeUnitDie(*die.getDwarfUnit(), signature->getRawUValue());
  return definition.isValid() ? definition : die;
}

} // namespace memlayout::dwarf
