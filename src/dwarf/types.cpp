// readTypes: opens the DWARF, reads every compile unit and then every type unit (DWARF 5 DW_UT_type in
// .debug_info, DWARF 4 .debug_types) one at a time, and merges the per-unit results.
#include "dwarf/type_reader.h"

#include "dwarf/context.h"
#include "dwarf/type_merger.h"
#include "dwarf/unit_reader.h"
#include "support/error.h"

#include <llvm/DebugInfo/DWARF/DWARFContext.h>
#include <llvm/DebugInfo/DWARF/DWARFUnit.h>
#include <llvm/Object/ObjectFile.h>

namespace memlayout::dwarf {
using support::ErrorKind;
using support::makeError;

llvm::Expected<model::TypeTable> readTypes(const llvm::object::ObjectFile &object, const std::string &path,
                                           const TypeQuery &query) {
  bool hasInfo = false, legacyCompressed = false;
  for (const llvm::object::SectionRef &section : object.sections()) {
    auto name = section.getName();
    if (!name) {
      llvm::consumeError(name.takeError());
      continue;
    }
    if (*name == ".debug_info" && section.getSize() > 0) hasInfo = true;
    if (*name == ".zdebug_info") legacyCompressed = true;
  }
  if (legacyCompressed && !hasInfo)
    return makeError(ErrorKind::CorruptDwarf, path,
                     "legacy .zdebug compression is not supported; convert with 'objcopy --decompress-debug-sections'");
  if (!hasInfo) return makeError(ErrorKind::NoDebugInfo, path, "no DWARF debug info (.debug_info)");

  Warnings warnings; // outlives the context, whose handlers write to it
  auto opened = openContext(object, path, warnings);
  if (!opened) return opened.takeError();
  std::unique_ptr<llvm::DWARFContext> context = std::move(*opened);
  const Abi abi = abiOf(object);
  TypeMerger merger;
  std::size_t readable = 0;
  auto readUnit = [&](const llvm::DWARFUnit &unit, bool inTypesSection) {
    std::unique_ptr<llvm::DWARFUnit> own = privateUnit(*context, unit, inTypesSection, warnings);
    if (!own) return;
    UnitTypes types = readUnitTypes(*own, abi, query, warnings);
    if (types.readable) ++readable;
    merger.add(std::move(types));
  }; // `own` and every DIE it parsed are freed here
  // Compile units first, so a type also found in a type unit is attributed to a compile unit.
  for (const auto &unit : context->info_section_units())
    if (!unit->isTypeUnit()) readUnit(*unit, false);
  for (const auto &unit : context->info_section_units())
    if (unit->isTypeUnit()) readUnit(*unit, false);
  for (const auto &unit : context->types_section_units()) readUnit(*unit, true);

  std::vector<std::string> problems = warnings.take();
  if (readable == 0 && !problems.empty())
    return makeError(ErrorKind::CorruptDwarf, path, "cannot read .debug_info: " + problems.front());
  return merger.finish(std::move(problems));
}

} // namespace memlayout::dwarf
