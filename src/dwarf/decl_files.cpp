// Line-table headers parsed once per unit, for the file names DW_AT_decl_file indexes.
#include "dwarf/decl_files.h"

#include "dwarf/dies.h"

#include <llvm/DebugInfo/DWARF/DWARFContext.h>
#include <llvm/DebugInfo/DWARF/DWARFUnit.h>

namespace memlayout::dwarf {

DeclFiles::Table &DeclFiles::tableOf(llvm::DWARFUnit &unit) {
  auto [it, inserted] = tables_.try_emplace(&unit);
  Table &table = it->second;
  if (!inserted) return table;
  llvm::DWARFDie unitDie = unit.getUnitDIE();
  auto offset = llvm::dwarf::toSectionOffset(unitDie.find(llvm::dwarf::DW_AT_stmt_list));
  if (!offset) return table;
  const llvm::DWARFObject &sections = unit.getContext().getDWARFObj();
  llvm::DWARFDataExtractor data(sections, sections.getLineSection(), sections.isLittleEndian(),
                                unit.getAddressByteSize());
  std::uint64_t at = *offset;
  auto collect = [this](llvm::Error error) { warnings_.add(std::move(error)); };
  if (llvm::Error error = table.prologue.parse(data, &at, collect, unit.getContext(), &unit)) {
    warnings_.add(std::move(error));
    return table;
  }
  table.valid = true;
  return table;
}

std::optional<std::string> DeclFiles::name(llvm::DWARFUnit &unit, std::uint64_t index) {
  Table &table = tableOf(unit);
  if (!table.valid) return std::nullopt;
  auto [it, inserted] = table.names.try_emplace(index);
  if (!inserted) return it->second;
  std::string result;
  const char *compDir = unit.getCompilationDir();
  if (table.prologue.getFileNameByIndex(index, compDir ? compDir : "",
                                        llvm::DILineInfoSpecifier::FileLineInfoKind::RelativeFilePath, result,
                                        llvm::sys::path::Style::posix))
    it->second = result;
  return it->second;
}

} // namespace memlayout::dwarf
