// The ELF header and its neighbours: interpreter (PT_INTERP), build-id (GNU note), .gnu_debuglink,
// and what kind of file a DYN really is (PIE executable or shared library).
#include "elf/header.h"

#include "elf/names.h"

#include <llvm/BinaryFormat/ELF.h>
#include <llvm/Support/Endian.h>

#include <llvm/Support/FormatVariadic.h>

namespace memlayout::elf {
namespace ELF = llvm::ELF;
using llvm::object::ELFFile;

namespace {

// The bytes [offset, offset + size) of the file, or nothing when they are not all inside it. LLVM's own
// helpers for notes and dynamic entries trust these numbers (or add them with wrap-around), so every
// table read from a segment or section goes through here first.
template <class ELFT>
std::optional<llvm::StringRef> slice(const ELFFile<ELFT> &file, std::uint64_t offset, std::uint64_t size) {
  const std::uint64_t fileSize = file.getBufSize();
  if (offset > fileSize || size > fileSize - offset) return std::nullopt;
  return llvm::StringRef(reinterpret_cast<const char *>(file.base()) + offset, size);
}

template <class ELFT>
std::optional<std::string> readInterpreter(const ELFFile<ELFT> &file,
                                           llvm::ArrayRef<typename ELFT::Phdr> phdrs) {
  for (const auto &phdr : phdrs) {
    if (phdr.p_type != ELF::PT_INTERP) continue;
    auto bytes = slice(file, phdr.p_offset, phdr.p_filesz);
    if (!bytes) return std::nullopt;
    return bytes->take_until([](char c) { return c == '\0'; }).str();
  }
  return std::nullopt;
}

template <class ELFT> std::optional<std::string> buildIdFromNote(const typename ELFT::Note &note) {
  if (note.getType() != ELF::NT_GNU_BUILD_ID || note.getName() != "GNU") return std::nullopt;
  std::string hex;
  for (std::uint8_t byte : note.getDesc(1)) hex += llvm::formatv("{0:x-2}", byte).str();
  return hex;
}

// From SHT_NOTE sections when there are any (objects have no segments), else from PT_NOTE segments.
template <class ELFT>
std::optional<std::string> readBuildId(const ELFFile<ELFT> &file, llvm::ArrayRef<typename ELFT::Shdr> shdrs,
                                       llvm::ArrayRef<typename ELFT::Phdr> phdrs) {
  std::optional<std::string> id;
  bool sawNoteSection = false;
  for (const auto &shdr : shdrs) {
    if (shdr.sh_type != ELF::SHT_NOTE || id) continue;
    sawNoteSection = true;
    if (!slice(file, shdr.sh_offset, shdr.sh_size)) continue;
    llvm::Error err = llvm::Error::success();
    for (const auto &note : file.notes(shdr, err))
      if (!id) id = buildIdFromNote<ELFT>(note);
    llvm::consumeError(std::move(err)); // a damaged note is no build-id, not an error
  }
  if (id || sawNoteSection) return id;
  for (const auto &phdr : phdrs) {
    if (phdr.p_type != ELF::PT_NOTE || id) continue;
    if (!slice(file, phdr.p_offset, phdr.p_filesz)) continue;
    llvm::Error err = llvm::Error::success();
    for (const auto &note : file.notes(phdr, err))
      if (!id) id = buildIdFromNote<ELFT>(note);
    llvm::consumeError(std::move(err));
  }
  return id;
}

// .gnu_debuglink: a NUL-terminated file name, padding to 4 bytes, then a CRC32 in the file's byte order.
template <class ELFT>
std::optional<model::DebugLink> readDebugLink(const ELFFile<ELFT> &file, llvm::ArrayRef<typename ELFT::Shdr> shdrs) {
  auto strtab = file.getSectionStringTable(shdrs);
  if (!strtab) {
    llvm::consumeError(strtab.takeError());
    return std::nullopt;
  }
  for (const auto &shdr : shdrs) {
    auto name = file.getSectionName(shdr, *strtab);
    if (!name) {
      llvm::consumeError(name.takeError());
      continue;
    }
    if (*name != ".gnu_debuglink") continue;
    auto contents = file.getSectionContents(shdr);
    if (!contents) {
      llvm::consumeError(contents.takeError());
      return std::nullopt;
    }
    llvm::StringRef bytes(reinterpret_cast<const char *>(contents->data()), contents->size());
    std::size_t nul = bytes.find('\0');
    if (nul == llvm::StringRef::npos) return std::nullopt;
    model::DebugLink link{bytes.substr(0, nul).str(), 0};
    std::size_t crcAt = (nul + 4) & ~std::size_t{3};
    if (crcAt + 4 <= bytes.size())
      link.crc = llvm::support::endian::read32<ELFT::Endianness>(bytes.data() + crcAt);
    return link;
  }
  return std::nullopt;
}

// A DYN file is a PIE when it says so (DF_1_PIE); failing that, when it asks for an interpreter and has
// no soname. libc.so.6 has both an interpreter and a soname: it is a library that can also be run.
template <class ELFT>
bool isPositionIndependentExecutable(const ELFFile<ELFT> &file, llvm::ArrayRef<typename ELFT::Phdr> phdrs,
                                     bool hasInterpreter) {
  using Dyn = typename ELFT::Dyn;
  for (const auto &phdr : phdrs) {
    if (phdr.p_type != ELF::PT_DYNAMIC) continue;
    auto bytes = slice(file, phdr.p_offset, phdr.p_filesz);
    if (!bytes || reinterpret_cast<std::uintptr_t>(bytes->data()) % alignof(Dyn) != 0) break;
    llvm::ArrayRef<Dyn> entries(reinterpret_cast<const Dyn *>(bytes->data()), bytes->size() / sizeof(Dyn));
    bool soname = false;
    for (const Dyn &dyn : entries) {
      if (dyn.d_tag == ELF::DT_NULL) break;
      if (dyn.d_tag == ELF::DT_FLAGS_1 && (dyn.getVal() & ELF::DF_1_PIE)) return true;
      if (dyn.d_tag == ELF::DT_SONAME) soname = true;
    }
    return hasInterpreter && !soname;
  }
  return hasInterpreter;
}

} // namespace

template <class ELFT> model::ElfHeader readHeader(const ELFFile<ELFT> &file) {
  const auto &h = file.getHeader();
  model::ElfHeader out;
  out.elfClass = ELFT::Is64Bits ? 64 : 32;
  out.bigEndian = ELFT::Endianness == llvm::endianness::big;
  out.machineCode = h.e_machine;
  out.machine = machineName(h.e_machine);
  out.typeCode = h.e_type;
  out.type = fileTypeName(h.e_type);
  out.osAbiCode = h.e_ident[ELF::EI_OSABI];
  out.osAbi = osAbiName(out.osAbiCode);
  out.entry = h.e_entry;
  out.flags = h.e_flags;
  out.phoff = h.e_phoff;
  out.shoff = h.e_shoff;
  out.phnum = h.e_phnum;
  out.shstrndx = h.e_shstrndx;

  llvm::ArrayRef<typename ELFT::Phdr> phdrs;
  if (auto p = file.program_headers()) phdrs = *p;
  else llvm::consumeError(p.takeError());
  llvm::ArrayRef<typename ELFT::Shdr> shdrs;
  if (auto s = file.sections()) shdrs = *s;
  else llvm::consumeError(s.takeError());
  out.shnum = static_cast<unsigned>(shdrs.size());
  if (out.shstrndx == ELF::SHN_XINDEX && !shdrs.empty()) out.shstrndx = shdrs[0].sh_link;

  out.interpreter = readInterpreter(file, phdrs);
  out.buildId = readBuildId(file, shdrs, phdrs);
  out.debugLink = readDebugLink(file, shdrs);

  switch (h.e_type) {
  case ELF::ET_REL: out.typeDescription = "relocatable object"; break;
  case ELF::ET_EXEC: out.typeDescription = "executable"; break;
  case ELF::ET_CORE: out.typeDescription = "core dump"; break;
  case ELF::ET_DYN:
    out.typeDescription = isPositionIndependentExecutable(file, phdrs, out.interpreter.has_value())
                              ? "position-independent executable"
                              : "shared library";
    break;
  default: out.typeDescription = "unknown file type"; break;
  }
  return out;
}

template model::ElfHeader readHeader(const ELFFile<llvm::object::ELF32LE> &);
template model::ElfHeader readHeader(const ELFFile<llvm::object::ELF32BE> &);
template model::ElfHeader readHeader(const ELFFile<llvm::object::ELF64LE> &);
template model::ElfHeader readHeader(const ELFFile<llvm::object::ELF64BE> &);

} // namespace memlayout::elf
