// Opening a file as ELF: every size, offset and index the reader will trust is checked here first,
// so that bad input becomes one precise error instead of a crash or a confusing LLVM message.
#include "elf/elf_reader.h"

#include "support/error.h"

#include <llvm/BinaryFormat/ELF.h>
#include <llvm/BinaryFormat/Magic.h>
#include <llvm/Object/ELF.h>
#include <llvm/Object/ELFObjectFile.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/MemoryBuffer.h>

#include <llvm/Support/FormatVariadic.h>

#include <algorithm>

namespace memlayout::elf {
using support::ErrorKind;
using support::makeError;
namespace ELF = llvm::ELF;

ElfInput::ElfInput(std::string path, std::unique_ptr<llvm::MemoryBuffer> buffer,
                   std::unique_ptr<llvm::object::ObjectFile> object)
    : path_(std::move(path)), buffer_(std::move(buffer)), object_(std::move(object)) {}
ElfInput::~ElfInput() = default;
std::uint64_t ElfInput::fileSize() const { return buffer_->getBufferSize(); }

namespace {

std::string describeNonElf(llvm::StringRef bytes) {
  switch (llvm::identify_magic(bytes)) {
  case llvm::file_magic::archive: return "not an ELF file (a static archive; extract a member with 'ar x')";
  case llvm::file_magic::macho_object:
  case llvm::file_magic::macho_executable:
  case llvm::file_magic::macho_dynamically_linked_shared_lib:
  case llvm::file_magic::macho_universal_binary: return "not an ELF file (a Mach-O file)";
  case llvm::file_magic::pecoff_executable:
  case llvm::file_magic::coff_object: return "not an ELF file (a PE/COFF file)";
  case llvm::file_magic::wasm_object: return "not an ELF file (a WebAssembly module)";
  default: break;
  }
  auto head = bytes.take_front(512);
  bool text = std::all_of(head.begin(), head.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return u == '\n' || u == '\r' || u == '\t' || (u >= 0x20 && u != 0x7f);
  });
  return text ? "not an ELF file (it is text)" : "not an ELF file (no ELF magic number)";
}

bool rangeFits(std::uint64_t offset, std::uint64_t count, std::uint64_t entrySize, std::uint64_t fileSize) {
  if (count != 0 && entrySize > (UINT64_MAX - offset) / count) return false;
  return offset + count * entrySize <= fileSize;
}

// Checks the header's tables against the file before anything indexes into them.
template <class ELFT>
llvm::Error validateTables(llvm::StringRef bytes, const std::string &path) {
  using Ehdr = typename ELFT::Ehdr;
  using Phdr = typename ELFT::Phdr;
  using Shdr = typename ELFT::Shdr;
  const std::uint64_t size = bytes.size();
  if (size < sizeof(Ehdr))
    return makeError(ErrorKind::Truncated, path,
                     llvm::formatv("truncated ELF header: the file has {0} bytes, the header needs {1}", size,
                                 sizeof(Ehdr)).str());
  auto fileOrErr = llvm::object::ELFFile<ELFT>::create(bytes);
  if (!fileOrErr) return makeError(ErrorKind::CorruptElf, path, llvm::toString(fileOrErr.takeError()));
  const Ehdr &h = fileOrErr->getHeader();

  if (h.e_phnum != 0) {
    if (h.e_phentsize != sizeof(Phdr))
      return makeError(ErrorKind::CorruptElf, path,
                       llvm::formatv("program header entry size is {0}, expected {1}", +h.e_phentsize, sizeof(Phdr)).str());
    if (!rangeFits(h.e_phoff, h.e_phnum, sizeof(Phdr), size))
      return makeError(ErrorKind::Truncated, path,
                       llvm::formatv("program header table (offset {0:x}, {1} x {2} bytes) runs past the end of "
                                     "the file ({3} bytes)",
                                     +h.e_phoff, +h.e_phnum, sizeof(Phdr), size)
                           .str());
  }

  if (h.e_shoff == 0) {
    if (h.e_shnum != 0 || h.e_shstrndx != 0)
      return makeError(ErrorKind::CorruptElf, path,
                       llvm::formatv("e_shoff is 0 but the header names {0} sections", +h.e_shnum).str());
    return llvm::Error::success();
  }
  if (h.e_shentsize != sizeof(Shdr))
    return makeError(ErrorKind::CorruptElf, path,
                     llvm::formatv("section header entry size is {0}, expected {1}", +h.e_shentsize, sizeof(Shdr)).str());
  if (!rangeFits(h.e_shoff, 1, sizeof(Shdr), size))
    return makeError(ErrorKind::Truncated, path,
                     llvm::formatv("section header table at offset {0:x} lies past the end of the file ({1} bytes)",
                                 +h.e_shoff, size).str());
  const auto *table = reinterpret_cast<const Shdr *>(bytes.data() + h.e_shoff);
  // Extended numbering: with 0 in e_shnum / SHN_XINDEX in e_shstrndx the real values sit in section 0.
  std::uint64_t count = h.e_shnum != 0 ? std::uint64_t{h.e_shnum} : std::uint64_t{table[0].sh_size};
  if (!rangeFits(h.e_shoff, count, sizeof(Shdr), size))
    return makeError(ErrorKind::Truncated, path,
                     llvm::formatv("section header table (offset {0:x}, {1} x {2} bytes) runs past the end of the "
                                   "file ({3} bytes)",
                                   +h.e_shoff, count, sizeof(Shdr), size)
                         .str());
  if (count > 0xffffff)
    return makeError(ErrorKind::CorruptElf, path, llvm::formatv("implausible section count {0}", count).str());
  std::uint64_t strndx = h.e_shstrndx == ELF::SHN_XINDEX ? std::uint64_t{table[0].sh_link}
                                                         : std::uint64_t{h.e_shstrndx};
  if (strndx != ELF::SHN_UNDEF) {
    if (strndx >= count)
      return makeError(ErrorKind::CorruptElf, path,
                       llvm::formatv("section header string table index {0} does not exist (the file has {1} "
                                   "sections)",
                                   strndx, count).str());
    const Shdr &strtab = table[strndx];
    if (strtab.sh_type != ELF::SHT_STRTAB)
      return makeError(ErrorKind::CorruptElf, path,
                       llvm::formatv("section header string table index {0} names a section that is not a "
                                   "string table",
                                   strndx).str());
    if (!rangeFits(strtab.sh_offset, 1, strtab.sh_size, size))
      return makeError(ErrorKind::Truncated, path,
                       llvm::formatv("section header string table (section {0}) runs past the end of the file",
                                   strndx).str());
  }
  return llvm::Error::success();
}

} // namespace

llvm::Expected<std::unique_ptr<ElfInput>> ElfInput::open(const std::string &path) {
  llvm::sys::fs::file_status status;
  if (std::error_code ec = llvm::sys::fs::status(path, status))
    return makeError(ErrorKind::Io, path, ec.message());
  if (status.type() == llvm::sys::fs::file_type::directory_file)
    return makeError(ErrorKind::Io, path, "is a directory, not a file");
  if (status.type() != llvm::sys::fs::file_type::regular_file)
    return makeError(ErrorKind::Io, path, "not a regular file");

  auto bufferOrErr = llvm::MemoryBuffer::getFile(path, /*IsText=*/false, /*RequiresNullTerminator=*/false);
  if (!bufferOrErr) return makeError(ErrorKind::Io, path, bufferOrErr.getError().message());
  std::unique_ptr<llvm::MemoryBuffer> buffer = std::move(*bufferOrErr);
  llvm::StringRef bytes = buffer->getBuffer();

  if (bytes.empty()) return makeError(ErrorKind::NotElf, path, "file is empty");
  if (!bytes.starts_with(ELF::ElfMagic)) {
    if (bytes.size() < 4 && llvm::StringRef(ELF::ElfMagic).starts_with(bytes))
      return makeError(ErrorKind::Truncated, path, llvm::formatv("truncated ELF file ({0} bytes)", bytes.size()).str());
    return makeError(ErrorKind::NotElf, path, describeNonElf(bytes));
  }
  if (bytes.size() < ELF::EI_NIDENT)
    return makeError(ErrorKind::Truncated, path,
                     llvm::formatv("truncated ELF identification ({0} bytes)", bytes.size()).str());
  const auto elfClass = static_cast<unsigned char>(bytes[ELF::EI_CLASS]);
  const auto elfData = static_cast<unsigned char>(bytes[ELF::EI_DATA]);
  if (elfClass != ELF::ELFCLASS32 && elfClass != ELF::ELFCLASS64)
    return makeError(ErrorKind::CorruptElf, path, llvm::formatv("invalid ELF class {0}", +elfClass).str());
  if (elfData != ELF::ELFDATA2LSB && elfData != ELF::ELFDATA2MSB)
    return makeError(ErrorKind::CorruptElf, path, llvm::formatv("invalid ELF data encoding {0}", +elfData).str());

  const bool is64 = elfClass == ELF::ELFCLASS64, isLE = elfData == ELF::ELFDATA2LSB;
  llvm::Error valid = is64 ? (isLE ? validateTables<llvm::object::ELF64LE>(bytes, path)
                                   : validateTables<llvm::object::ELF64BE>(bytes, path))
                           : (isLE ? validateTables<llvm::object::ELF32LE>(bytes, path)
                                   : validateTables<llvm::object::ELF32BE>(bytes, path));
  if (valid) return valid;

  auto objectOrErr = llvm::object::ObjectFile::createELFObjectFile(buffer->getMemBufferRef());
  if (!objectOrErr) return makeError(ErrorKind::CorruptElf, path, llvm::toString(objectOrErr.takeError()));
  return std::unique_ptr<ElfInput>(new ElfInput(path, std::move(buffer), std::move(*objectOrErr)));
}

} // namespace memlayout::elf
