// readTypes: opens the DWARF, reads every compile unit and then every type unit (DWARF 5 DW_UT_type in
// .debug_info, DWARF 4 .debug_types) on a pool of threads, and merges the per-unit results in unit order.
#include "dwarf/type_reader.h"

#include "dwarf/context.h"
#include "dwarf/dies.h"
#include "dwarf/type_merger.h"
#include "dwarf/unit_reader.h"
#include "support/error.h"

#include <llvm/DebugInfo/DWARF/DWARFContext.h>
#include <llvm/DebugInfo/DWARF/DWARFDebugAbbrev.h>
#include <llvm/DebugInfo/DWARF/DWARFUnit.h>
#include <llvm/Object/ObjectFile.h>
#include <llvm/Support/ThreadPool.h>
#include <llvm/Support/Threading.h>

#include <algorithm>
#include <future>
#include <vector>

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

  // Compile units first, so a type also found in a type unit is attributed to a compile unit.
  struct UnitRef {
    const llvm::DWARFUnit *unit;
    bool inTypesSection;
  };
  std::vector<UnitRef> units;
  for (const auto &unit : context->info_section_units())
    if (!unit->isTypeUnit()) units.push_back({unit.get(), false});
  for (const auto &unit : context->info_section_units())
    if (unit->isTypeUnit()) units.push_back({unit.get(), false});
  for (const auto &unit : context->types_section_units()) units.push_back({unit.get(), true});

  // One unit, on whichever thread: its own abbreviation reader, type units and warnings, so that
  // nothing it parses is shared; `own` and every DIE it parsed are freed at the end.
  struct UnitResult {
    UnitTypes types;
    std::vector<std::string> warnings;
  };
  EarlierDefinitions earlier;
  auto readUnit = [&](const UnitRef &ref, std::size_t order) {
    UnitResult result;
    Warnings local;
    const std::unique_ptr<llvm::DWARFDebugAbbrev> abbreviations = abbreviationsReader(*context);
    {
      PrivateTypeUnits typeUnits(*context, *abbreviations, local);
      if (std::unique_ptr<llvm::DWARFUnit> own = privateUnit(*context, *ref.unit, ref.inTypesSection, local, abbreviations.get()))
        result.types = readUnitTypes(*own, abi, query, local, &earlier, order);
    }
    result.warnings = local.take();
    return result;
  };

  TypeMerger merger;
  std::size_t readable = 0, merged = 0;
  auto merge = [&](UnitResult result) { // in unit order, whatever the threads: the output never depends on them
    for (const std::string &warning : result.warnings) warnings.add(warning);
    if (result.types.readable) ++readable;
    merger.add(std::move(result.types));
    if (query.progress) query.progress(++merged, units.size());
  };
  const std::size_t wanted = query.threads ? query.threads : llvm::hardware_concurrency().compute_thread_count();
  const auto threads = static_cast<unsigned>(std::min<std::size_t>({wanted, units.size(), 256}));
  if (threads <= 1) {
    for (std::size_t i = 0; i < units.size(); ++i) merge(readUnit(units[i], i));
  } else {
    llvm::DefaultThreadPool pool(llvm::hardware_concurrency(threads));
    std::vector<std::shared_future<UnitResult>> pending;
    pending.reserve(units.size());
    for (std::size_t i = 0; i < units.size(); ++i)
      pending.push_back(pool.async([&readUnit, &units, i] { return readUnit(units[i], i); }));
    for (auto &result : pending) {
      merge(std::move(const_cast<UnitResult &>(result.get())));
      result = {}; // frees the unit's types once merged
    }
  }

  std::vector<std::string> problems = warnings.take();
  if (readable == 0 && !problems.empty())
    return makeError(ErrorKind::CorruptDwarf, path, "cannot read .debug_info: " + problems.front());
  return merger.finish(std::move(problems));
}

} // namespace memlayout::dwarf
