// A cheap look at the debug sections: which exist, how they are stored, and the unit headers
// (plus each compile unit's first DIE, for its language). Type layouts are read elsewhere.
#include "dwarf/debug_summary.h"

#include "dwarf/compiler_name.h"
#include "dwarf/context.h"
#include "dwarf/language.h"
#include "support/error.h"

#include <llvm/BinaryFormat/Dwarf.h>
#include <llvm/BinaryFormat/ELF.h>
#include <llvm/DebugInfo/DWARF/DWARFContext.h>
#include <llvm/DebugInfo/DWARF/DWARFUnit.h>
#include <llvm/Object/ELFObjectFile.h>

#include <algorithm>
#include <map>
#include <set>

namespace memlayout::dwarf {
using support::ErrorKind;
using support::makeError;

namespace {

// ELF compression header: ch_type is the first 32-bit word in both classes.
std::string compressionOf(const llvm::object::ELFSectionRef &section, llvm::StringRef contents, bool littleEndian) {
  if (!(section.getFlags() & llvm::ELF::SHF_COMPRESSED)) return "";
  if (contents.size() < 4) return "unknown";
  std::uint32_t type = littleEndian ? llvm::support::endian::read32le(contents.data())
                                    : llvm::support::endian::read32be(contents.data());
  switch (type) {
  case llvm::ELF::ELFCOMPRESS_ZLIB: return "zlib";
  case llvm::ELF::ELFCOMPRESS_ZSTD: return "zstd";
  default: return "unknown";
  }
}

} // namespace

llvm::Expected<model::DebugInfo> readDebugSummary(const llvm::object::ObjectFile &object, const std::string &path) {
  model::DebugInfo info;
  const bool littleEndian = object.isLittleEndian();
  for (const llvm::object::SectionRef &section : object.sections()) {
    auto name = section.getName();
    if (!name) {
      llvm::consumeError(name.takeError());
      continue;
    }
    const bool zdebug = name->starts_with(".zdebug_");
    if (!name->starts_with(".debug_") && !zdebug) continue;
    info.totalSize += section.getSize();
    if (*name != ".debug_info" && *name != ".zdebug_info") {
      if (*name == ".debug_types" || *name == ".zdebug_types") info.typeUnits = true;
      continue;
    }
    info.present = section.getSize() > 0;
    info.infoSize = section.getSize();
    info.format = "DWARF";
    if (zdebug) {
      info.compression = "zlib (.zdebug)";
    } else if (auto contents = section.getContents()) {
      info.compression = compressionOf(llvm::object::ELFSectionRef(section), *contents, littleEndian);
    } else {
      llvm::consumeError(contents.takeError());
    }
  }
  if (!info.present) return info;
  if (info.compression == "zlib (.zdebug)") {
    // LLVM dropped the pre-standard zlib-gnu format; say so rather than guess.
    info.problem = "legacy .zdebug compression is not supported; convert with 'objcopy --decompress-debug-sections'";
    return info;
  }

  // A corrupt compression header would make LLVM try to allocate its claimed size (and abort).
  if (llvm::Error error = checkCompressedSections(object, path)) return error;

  std::string firstError;
  auto collect = [&firstError](llvm::Error error) {
    std::string message = llvm::toString(std::move(error));
    if (firstError.empty()) firstError = message;
  };
  auto context = llvm::DWARFContext::create(object, llvm::DWARFContext::ProcessDebugRelocations::Ignore, nullptr,
                                            "", collect, collect);
  std::map<std::string, std::uint64_t> languageUnits;
  std::set<std::string> compilers;
  for (const auto &unit : context->info_section_units()) {
    const std::uint16_t version = unit->getVersion();
    if (info.units == 0) {
      info.version = version;
      info.minVersion = info.maxVersion = version;
    }
    info.minVersion = std::min(info.minVersion, version);
    info.maxVersion = std::max(info.maxVersion, version);
    ++info.units;
    if (unit->getUnitType() == llvm::dwarf::DW_UT_type || unit->getUnitType() == llvm::dwarf::DW_UT_split_type) {
      info.typeUnits = true;
      continue;
    }
    llvm::DWARFDie die = unit->getUnitDIE(/*ExtractUnitDIEOnly=*/true);
    if (!die) continue;
    if (auto lang = llvm::dwarf::toUnsigned(die.find(llvm::dwarf::DW_AT_language)))
      ++languageUnits[languageName(*lang)];
    if (auto producer = llvm::dwarf::toString(die.find(llvm::dwarf::DW_AT_producer)))
      if (std::string compiler = compilerName(*producer); !compiler.empty()) compilers.insert(compiler);
  }
  if (info.units == 0 && !firstError.empty())
    return makeError(ErrorKind::CorruptDwarf, path, "cannot read .debug_info: " + firstError);

  std::vector<std::pair<std::string, std::uint64_t>> byCount(languageUnits.begin(), languageUnits.end());
  std::stable_sort(byCount.begin(), byCount.end(), [](const auto &a, const auto &b) { return a.second > b.second; });
  for (auto &[language, count] : byCount) info.languages.push_back(language);
  info.compilers.assign(compilers.begin(), compilers.end());
  return info;
}

} // namespace memlayout::dwarf
