// DWARFContext creation with collecting handlers, and private unit copies whose DIEs we can free.
#include "dwarf/context.h"

#include "support/error.h"

#include <llvm/BinaryFormat/ELF.h>
#include <llvm/Object/ELFObjectFile.h>
#include <llvm/Support/Endian.h>

#include <llvm/DebugInfo/DWARF/DWARFCompileUnit.h>
#include <llvm/DebugInfo/DWARF/DWARFContext.h>
#include <llvm/DebugInfo/DWARF/DWARFDebugAbbrev.h>
#include <llvm/DebugInfo/DWARF/DWARFTypeUnit.h>
#include <llvm/DebugInfo/DWARF/DWARFUnit.h>
#include <llvm/Object/ObjectFile.h>

namespace memlayout::dwarf {

llvm::Error checkCompressedSections(const llvm::object::ObjectFile &object, const std::string &path) {
  if (!object.isELF()) return llvm::Error::success();
  const bool is64 = object.is64Bit(), little = object.isLittleEndian();
  // DWARFContext decompresses every SHF_COMPRESSED section, not only the debug ones.
  for (const llvm::object::SectionRef &section : object.sections()) {
    if (!(llvm::object::ELFSectionRef(section).getFlags() & llvm::ELF::SHF_COMPRESSED)) continue;
    if (section.isBSS() || section.isVirtual()) continue;
    std::string name = "#" + std::to_string(section.getIndex());
    if (auto named = section.getName()) name = named->str();
    else llvm::consumeError(named.takeError());
    auto contents = section.getContents();
    if (!contents) {
      llvm::consumeError(contents.takeError());
      continue; // LLVM reports unreadable contents itself
    }
    const std::size_t headerSize = is64 ? 24 : 12;
    if (contents->size() < headerSize)
      return support::makeError(support::ErrorKind::CorruptDwarf, path,
                                "compressed section " + name + " is too small for its compression header");
    const char *at = contents->data() + (is64 ? 8 : 4); // ch_size follows ch_type (and ch_reserved)
    const std::uint64_t claimed = is64 ? (little ? llvm::support::endian::read64le(at) : llvm::support::endian::read64be(at))
                                       : (little ? llvm::support::endian::read32le(at) : llvm::support::endian::read32be(at));
    // zlib cannot expand more than about 1032:1; real debug sections compress 3-10:1.
    const std::uint64_t limit = static_cast<std::uint64_t>(contents->size()) * 1024 + (std::uint64_t{1} << 20);
    if (claimed > limit)
      return support::makeError(support::ErrorKind::CorruptDwarf, path,
                                "compressed section " + name + " claims " + std::to_string(claimed) +
                                    " bytes uncompressed from " + std::to_string(contents->size()));
  }
  return llvm::Error::success();
}

namespace {

// LLVM's ELFObjectFile calls report_fatal_error (abort) when a relocation section it walks has a bad
// sh_link, sh_entsize or contents, or names a symbol past the end of its symbol table. DWARFContext
// walks them for relocatable objects, so every relocation section is checked first.
template <class ELFT>
llvm::Error checkRelocationsOf(const llvm::object::ELFFile<ELFT> &file, const std::string &path) {
  auto fail = [&](unsigned index, const std::string &what) {
    return support::makeError(support::ErrorKind::CorruptElf, path,
                              "relocation section " + std::to_string(index) + " " + what);
  };
  auto sections = file.sections();
  if (!sections) {
    llvm::consumeError(sections.takeError());
    return llvm::Error::success(); // then LLVM sees no sections either
  }
  const std::uint64_t fileSize = file.getBufSize();
  auto inFile = [&](const typename ELFT::Shdr &header) {
    return header.sh_offset <= fileSize && header.sh_size <= fileSize - header.sh_offset;
  };
  const auto count = sections->size();
  for (unsigned index = 0; index < count; ++index) {
    const typename ELFT::Shdr &header = (*sections)[index];
    if (header.sh_type == llvm::ELF::SHT_CREL) return fail(index, "is SHT_CREL, which is not supported");
    if (header.sh_type != llvm::ELF::SHT_REL && header.sh_type != llvm::ELF::SHT_RELA) continue;
    const bool rela = header.sh_type == llvm::ELF::SHT_RELA;
    const std::uint64_t entrySize = rela ? sizeof(typename ELFT::Rela) : sizeof(typename ELFT::Rel);
    if (header.sh_entsize != entrySize) return fail(index, "has entry size " + std::to_string(header.sh_entsize));
    if (!inFile(header) || header.sh_size % entrySize != 0) return fail(index, "runs past the end of the file");
    if (header.sh_info >= count) return fail(index, "applies to section " + std::to_string(header.sh_info) + ", which does not exist");
    if (header.sh_link == 0 || header.sh_link >= count) return fail(index, "has no symbol table");
    const typename ELFT::Shdr &symbols = (*sections)[header.sh_link];
    if ((symbols.sh_type != llvm::ELF::SHT_SYMTAB && symbols.sh_type != llvm::ELF::SHT_DYNSYM) ||
        symbols.sh_entsize != sizeof(typename ELFT::Sym) || !inFile(symbols))
      return fail(index, "links to section " + std::to_string(header.sh_link) + ", which is not a symbol table");
    const std::uint64_t symbolCount = symbols.sh_size / sizeof(typename ELFT::Sym);
    const bool mips64el = file.isMips64EL();
    auto tooBig = [&](std::uint32_t symbol) { return symbol >= symbolCount; };
    if (rela) {
      auto entries = file.relas(header);
      if (!entries) return llvm::Error(support::makeError(support::ErrorKind::CorruptElf, path, llvm::toString(entries.takeError())));
      for (const auto &entry : *entries)
        if (tooBig(entry.getSymbol(mips64el))) return fail(index, "refers to a symbol past its symbol table");
    } else {
      auto entries = file.rels(header);
      if (!entries) return llvm::Error(support::makeError(support::ErrorKind::CorruptElf, path, llvm::toString(entries.takeError())));
      for (const auto &entry : *entries)
        if (tooBig(entry.getSymbol(mips64el))) return fail(index, "refers to a symbol past its symbol table");
    }
  }
  return llvm::Error::success();
}

llvm::Error checkRelocations(const llvm::object::ObjectFile &object, const std::string &path) {
  if (const auto *elf = llvm::dyn_cast<llvm::object::ELF32LEObjectFile>(&object)) return checkRelocationsOf(elf->getELFFile(), path);
  if (const auto *elf = llvm::dyn_cast<llvm::object::ELF32BEObjectFile>(&object)) return checkRelocationsOf(elf->getELFFile(), path);
  if (const auto *elf = llvm::dyn_cast<llvm::object::ELF64LEObjectFile>(&object)) return checkRelocationsOf(elf->getELFFile(), path);
  if (const auto *elf = llvm::dyn_cast<llvm::object::ELF64BEObjectFile>(&object)) return checkRelocationsOf(elf->getELFFile(), path);
  return llvm::Error::success();
}

} // namespace

llvm::Expected<std::unique_ptr<llvm::DWARFContext>> openContext(const llvm::object::ObjectFile &object,
                                                                const std::string &path, Warnings &warnings) {
  if (llvm::Error error = checkCompressedSections(object, path)) return error;
  const bool relocatable = object.isRelocatableObject();
  if (relocatable)
    if (llvm::Error error = checkRelocations(object, path)) return error;
  auto collect = [&warnings](llvm::Error error) { warnings.add(std::move(error)); };
  const auto relocations = relocatable ? llvm::DWARFContext::ProcessDebugRelocations::Process
                                       : llvm::DWARFContext::ProcessDebugRelocations::Ignore;
  return llvm::DWARFContext::create(object, relocations, nullptr, "", collect, collect, /*ThreadSafe=*/true);
}

std::unique_ptr<llvm::DWARFDebugAbbrev> abbreviationsReader(const llvm::DWARFContext &context) {
  const llvm::DWARFObject &sections = context.getDWARFObj();
  return std::make_unique<llvm::DWARFDebugAbbrev>(
      llvm::DataExtractor(sections.getAbbrevSection(), sections.isLittleEndian(), 0));
}

std::unique_ptr<llvm::DWARFUnit> privateUnit(llvm::DWARFContext &context, const llvm::DWARFUnit &unit,
                                             bool inTypesSection, Warnings &warnings,
                                             const llvm::DWARFDebugAbbrev *abbreviations) {
  if (!abbreviations) abbreviations = context.getDebugAbbrev();
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
        context, info, header, abbreviations, &sections.getRangesSection(), &sections.getLocSection(),
        sections.getStrSection(), sections.getStrOffsetsSection(), &sections.getAddrSection(),
        sections.getLineSection(), sections.isLittleEndian(), false, context.getNormalUnitsVector());
  return std::make_unique<llvm::DWARFCompileUnit>(
      context, info, header, abbreviations, &sections.getRangesSection(), &sections.getLocSection(),
      sections.getStrSection(), sections.getStrOffsetsSection(), &sections.getAddrSection(),
      sections.getLineSection(), sections.isLittleEndian(), false, context.getNormalUnitsVector());
}

} // namespace memlayout::dwarf
