// Reads a validated ELF file into model::Binary: header, program headers, section headers, and the map.
#include "elf/elf_reader.h"

#include "elf/header.h"
#include "elf/names.h"
#include "elf/segment_map.h"
#include "support/error.h"

#include <llvm/Object/ELFObjectFile.h>

namespace memlayout::elf {
using support::ErrorKind;
using support::makeError;

namespace {

template <class ELFT>
llvm::Expected<model::Binary> readTyped(const llvm::object::ELFFile<ELFT> &file, const ElfInput &input) {
  model::Binary binary;
  binary.path = input.path();
  binary.fileSize = input.fileSize();
  binary.header = readHeader(file);
  const std::uint16_t machine = binary.header.machineCode;

  auto phdrs = file.program_headers();
  if (!phdrs) return makeError(ErrorKind::CorruptElf, input.path(), llvm::toString(phdrs.takeError()));
  unsigned index = 0;
  for (const auto &p : *phdrs) {
    model::Segment s;
    s.index = index++;
    s.typeCode = p.p_type;
    s.type = segmentTypeName(p.p_type, machine);
    s.flagBits = p.p_flags;
    s.flags = segmentFlagLetters(p.p_flags);
    s.offset = p.p_offset;
    s.vaddr = p.p_vaddr;
    s.paddr = p.p_paddr;
    s.filesz = p.p_filesz;
    s.memsz = p.p_memsz;
    s.align = p.p_align;
    binary.segments.push_back(std::move(s));
  }

  auto shdrs = file.sections();
  if (!shdrs) return makeError(ErrorKind::CorruptElf, input.path(), llvm::toString(shdrs.takeError()));
  llvm::StringRef strtab;
  if (!shdrs->empty()) {
    auto table = file.getSectionStringTable(*shdrs);
    if (!table) return makeError(ErrorKind::CorruptElf, input.path(), llvm::toString(table.takeError()));
    strtab = *table;
  }
  index = 0;
  for (const auto &sh : *shdrs) {
    model::Section s;
    s.index = index++;
    if (sh.sh_name < strtab.size()) {
      s.name = strtab.drop_front(sh.sh_name).take_until([](char c) { return c == '\0'; }).str();
    } else if (!strtab.empty() || sh.sh_name != 0) {
      s.name = "<corrupt>"; // readelf's word for a name offset outside the string table
    }
    s.typeCode = sh.sh_type;
    s.type = sectionTypeName(sh.sh_type, machine);
    s.flagBits = sh.sh_flags;
    s.flags = sectionFlagLetters(sh.sh_flags, machine, binary.header.osAbiCode);
    s.addr = sh.sh_addr;
    s.offset = sh.sh_offset;
    s.size = sh.sh_size;
    s.entsize = sh.sh_entsize;
    s.align = sh.sh_addralign;
    s.link = sh.sh_link;
    s.info = sh.sh_info;
    binary.sections.push_back(std::move(s));
  }
  mapSectionsToSegments(binary.segments, binary.sections);
  return binary;
}

} // namespace

llvm::Expected<model::Binary> readBinary(const ElfInput &input) {
  const auto &object = input.object();
  if (const auto *o = llvm::dyn_cast<llvm::object::ELF64LEObjectFile>(&object)) return readTyped(o->getELFFile(), input);
  if (const auto *o = llvm::dyn_cast<llvm::object::ELF64BEObjectFile>(&object)) return readTyped(o->getELFFile(), input);
  if (const auto *o = llvm::dyn_cast<llvm::object::ELF32LEObjectFile>(&object)) return readTyped(o->getELFFile(), input);
  if (const auto *o = llvm::dyn_cast<llvm::object::ELF32BEObjectFile>(&object)) return readTyped(o->getELFFile(), input);
  return makeError(ErrorKind::NotElf, input.path(), "not an ELF file");
}

} // namespace memlayout::elf
