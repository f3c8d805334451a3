// DWARFContext creation with collecting handlers, and private unit copies whose DIEs we can free.
#include "dwarf/context.h"

#include <llvm/DebugInfo/DWARF/DWARFCompileUnit.h>
#include <llvm/DebugInfo/DWARF/DWARFContext.h>
#include <llvm/DebugInfo/DWARF/DWARFTypeUnit.h>
#include <llvm/DebugInfo/DWARF/DWARFUnit.h>
#include <llvm/Object/ObjectFile.h>

namespace memlayout::dwarf {

std::unique_ptr<llvm::DWARFContext> openContext(const llvm::object::ObjectFile &object, Warnings &warnings) {
  auto collect = [&warnings](llvm::Error error) { warnings.add(std::move(error)); };
  const auto relocations = object.isRelocatableObject() ? llvm::DWARFContext::ProcessDebugRelocations::Process
                                                        : llvm::DWARFContext::ProcessDebugRelocations::Ignore;
  return llvm::DWARFContext::create(object, relocations, nullptr, "", collect, collect);
}

std::unique_ptr<llvm::DWARFUnit> privateUnit(llvm::DWARFContext &context, const llvm::DWARFUnit &unit,
                                             bool inTypesSection, Warnings &warnings) {
  const llvm::DWARFObject &sections = context.getDWARFObj();
  const llvm::DWARFSection &info = unit.getInfoSection();
  llvm::DWARFDataExtractor data(sections, info, sections.isLittleEndian(), 0);
  std::uint64_t offset = unit.getOffset();
  llvm::DWARFUnitHeader header;
  if (llvm::Error error =
          header.extract(context, data, &offset, inTypesSection ? llvm::DW_SECT_EXT_TYPES : llvm::DW_SECT_INFO)) {
    warnings.add(std::move(error));
    return nullptr;
  }
  // The same arguments DWARFUnitVector::addUnitsForSection passes for the context's own units.
  if (header.isTypeUnit())
    return std::make_unique<llvm::DWARFTypeUnit>(
        context, info, header, context.getDebugAbbrev(), &sections.getRangesSection(), &sections.getLocSection(),
        sections.getStrSection(), sections.getStrOffsetsSection(), &sections.getAddrSection(),
        sections.getLineSection(), sections.isLittleEndian(), false, context.getNormalUnitsVector());
  return std::make_unique<llvm::DWARFCompileUnit>(
      context, info, header, context.getDebugAbbrev(), &sections.getRangesSection(), &sections.getLocSection(),
      sections.getStrSection(), sections.getStrOffsetsSection(), &sections.getAddrSection(),
      sections.getLineSection(), sections.isLittleEndian(), false, context.getNormalUnitsVector());
}

} // namespace memlayout::dwarf
