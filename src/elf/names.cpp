// readelf's names for ELF numbers, so that users and oracle tests read the same words readelf prints.
#include "elf/names.h"

#include <llvm/BinaryFormat/ELF.h>

#include <llvm/Support/FormatVariadic.h>

namespace memlayout::elf {
namespace ELF = llvm::ELF;

std::string segmentTypeName(std::uint32_t type, std::uint16_t machine) {
  switch (type) {
  case ELF::PT_NULL: return "NULL";
  case ELF::PT_LOAD: return "LOAD";
  case ELF::PT_DYNAMIC: return "DYNAMIC";
  case ELF::PT_INTERP: return "INTERP";
  case ELF::PT_NOTE: return "NOTE";
  case ELF::PT_SHLIB: return "SHLIB";
  case ELF::PT_PHDR: return "PHDR";
  case ELF::PT_TLS: return "TLS";
  case ELF::PT_GNU_EH_FRAME: return "GNU_EH_FRAME";
  case ELF::PT_GNU_STACK: return "GNU_STACK";
  case ELF::PT_GNU_RELRO: return "GNU_RELRO";
  case ELF::PT_GNU_PROPERTY: return "GNU_PROPERTY";
  case 0x6474e554: return "GNU_SFRAME";
  case ELF::PT_OPENBSD_RANDOMIZE: return "OPENBSD_RANDOMIZE";
  case ELF::PT_OPENBSD_WXNEEDED: return "OPENBSD_WXNEEDED";
  case ELF::PT_OPENBSD_BOOTDATA: return "OPENBSD_BOOTDATA";
  default: break;
  }
  switch (machine) {
  case ELF::EM_ARM:
    if (type == ELF::PT_ARM_EXIDX) return "EXIDX";
    break;
  case ELF::EM_AARCH64:
    if (type == ELF::PT_AARCH64_MEMTAG_MTE) return "AARCH64_MEMTAG_MTE";
    break;
  case ELF::EM_RISCV:
    if (type == ELF::PT_RISCV_ATTRIBUTES) return "RISCV_ATTRIBUTES";
    break;
  case ELF::EM_MIPS:
  case ELF::EM_MIPS_RS3_LE:
    if (type == ELF::PT_MIPS_REGINFO) return "REGINFO";
    if (type == ELF::PT_MIPS_RTPROC) return "RTPROC";
    if (type == ELF::PT_MIPS_OPTIONS) return "OPTIONS";
    if (type == ELF::PT_MIPS_ABIFLAGS) return "ABIFLAGS";
    break;
  default: break;
  }
  return llvm::formatv("{0:x}", type).str();
}

std::string segmentFlagLetters(std::uint32_t flags) {
  std::string out = "---";
  if (flags & ELF::PF_R) out[0] = 'R';
  if (flags & ELF::PF_W) out[1] = 'W';
  if (flags & ELF::PF_X) out[2] = 'X';
  return out;
}

std::string sectionTypeName(std::uint32_t type, std::uint16_t machine) {
  switch (type) {
  case ELF::SHT_NULL: return "NULL";
  case ELF::SHT_PROGBITS: return "PROGBITS";
  case ELF::SHT_SYMTAB: return "SYMTAB";
  case ELF::SHT_STRTAB: return "STRTAB";
  case ELF::SHT_RELA: return "RELA";
  case ELF::SHT_RELR: return "RELR";
  case ELF::SHT_HASH: return "HASH";
  case ELF::SHT_DYNAMIC: return "DYNAMIC";
  case ELF::SHT_NOTE: return "NOTE";
  case ELF::SHT_NOBITS: return "NOBITS";
  case ELF::SHT_REL: return "REL";
  case ELF::SHT_SHLIB: return "SHLIB";
  case ELF::SHT_DYNSYM: return "DYNSYM";
  case ELF::SHT_INIT_ARRAY: return "INIT_ARRAY";
  case ELF::SHT_FINI_ARRAY: return "FINI_ARRAY";
  case ELF::SHT_PREINIT_ARRAY: return "PREINIT_ARRAY";
  case ELF::SHT_GROUP: return "GROUP";
  case ELF::SHT_SYMTAB_SHNDX: return "SYMTAB SECTION INDICES";
  case ELF::SHT_GNU_HASH: return "GNU_HASH";
  case ELF::SHT_GNU_verdef: return "VERDEF";
  case ELF::SHT_GNU_verneed: return "VERNEED";
  case ELF::SHT_GNU_versym: return "VERSYM";
  case 0x6ffffff7: return "GNU_LIBLIST";
  case ELF::SHT_GNU_ATTRIBUTES: return "GNU_ATTRIBUTES";
  case 0x6ffffff4: return "GNU_SFRAME";
  // LLVM's own section types; readelf 2.40 prints these as "LOOS+0x…".
  case ELF::SHT_LLVM_ODRTAB: return "LLVM_ODRTAB";
  case ELF::SHT_LLVM_LINKER_OPTIONS: return "LLVM_LINKER_OPTIONS";
  case ELF::SHT_LLVM_ADDRSIG: return "LLVM_ADDRSIG";
  case ELF::SHT_LLVM_DEPENDENT_LIBRARIES: return "LLVM_DEPENDENT_LIBRARIES";
  case ELF::SHT_LLVM_SYMPART: return "LLVM_SYMPART";
  case ELF::SHT_LLVM_PART_EHDR: return "LLVM_PART_EHDR";
  case ELF::SHT_LLVM_PART_PHDR: return "LLVM_PART_PHDR";
  case ELF::SHT_LLVM_CALL_GRAPH_PROFILE: return "LLVM_CALL_GRAPH_PROFILE";
  case ELF::SHT_LLVM_BB_ADDR_MAP: return "LLVM_BB_ADDR_MAP";
  case ELF::SHT_LLVM_OFFLOADING: return "LLVM_OFFLOADING";
  case ELF::SHT_LLVM_LTO: return "LLVM_LTO";
  default: break;
  }
  switch (machine) {
  case ELF::EM_X86_64:
    if (type == ELF::SHT_X86_64_UNWIND) return "X86_64_UNWIND";
    break;
  case ELF::EM_ARM:
    if (type == ELF::SHT_ARM_EXIDX) return "ARM_EXIDX";
    if (type == ELF::SHT_ARM_PREEMPTMAP) return "ARM_PREEMPTMAP";
    if (type == ELF::SHT_ARM_ATTRIBUTES) return "ARM_ATTRIBUTES";
    if (type == ELF::SHT_ARM_DEBUGOVERLAY) return "ARM_DEBUGOVERLAY";
    if (type == ELF::SHT_ARM_OVERLAYSECTION) return "ARM_OVERLAYSECTION";
    break;
  case ELF::EM_AARCH64:
    if (type == 0x70000003u) return "AARCH64_ATTRIBUTES";
    break;
  case ELF::EM_RISCV:
    if (type == ELF::SHT_RISCV_ATTRIBUTES) return "RISCV_ATTRIBUTES";
    break;
  default: break;
  }
  if (type >= ELF::SHT_LOPROC && type <= ELF::SHT_HIPROC) return llvm::formatv("LOPROC+{0:x}", type - ELF::SHT_LOPROC).str();
  if (type >= ELF::SHT_LOOS && type <= ELF::SHT_HIOS) return llvm::formatv("LOOS+{0:x}", type - ELF::SHT_LOOS).str();
  if (type >= ELF::SHT_LOUSER && type <= ELF::SHT_HIUSER) return llvm::formatv("LOUSER+{0:x}", type - ELF::SHT_LOUSER).str();
  return llvm::formatv("{0:x}", type).str();
}

std::string sectionFlagLetters(std::uint64_t flags, std::uint16_t machine, std::uint8_t osAbi) {
  // Lowest bit first, as readelf prints them.
  std::string out;
  for (unsigned bit = 0; bit < 64; ++bit) {
    std::uint64_t flag = std::uint64_t{1} << bit;
    if (!(flags & flag)) continue;
    switch (flag) {
    case ELF::SHF_WRITE: out += 'W'; continue;
    case ELF::SHF_ALLOC: out += 'A'; continue;
    case ELF::SHF_EXECINSTR: out += 'X'; continue;
    case ELF::SHF_MERGE: out += 'M'; continue;
    case ELF::SHF_STRINGS: out += 'S'; continue;
    case ELF::SHF_INFO_LINK: out += 'I'; continue;
    case ELF::SHF_LINK_ORDER: out += 'L'; continue;
    case ELF::SHF_OS_NONCONFORMING: out += 'O'; continue;
    case ELF::SHF_GROUP: out += 'G'; continue;
    case ELF::SHF_TLS: out += 'T'; continue;
    case ELF::SHF_COMPRESSED: out += 'C'; continue;
    case ELF::SHF_EXCLUDE: out += 'E'; continue;
    default: break;
    }
    // readelf 2.40 names SHF_GNU_RETAIN only for the GNU and FreeBSD ABIs (an ELFOSABI_NONE file shows
    // 'o'), but SHF_GNU_MBIND for ELFOSABI_NONE too.
    const bool gnuOrFreeBsd = osAbi == ELF::ELFOSABI_GNU || osAbi == ELF::ELFOSABI_FREEBSD;
    if (flag == ELF::SHF_GNU_RETAIN && gnuOrFreeBsd) { out += 'R'; continue; }
    if (flag == 0x01000000 && (gnuOrFreeBsd || osAbi == ELF::ELFOSABI_NONE)) { out += 'D'; continue; }
    if (flag == ELF::SHF_X86_64_LARGE && machine == ELF::EM_X86_64) { out += 'l'; continue; }
    if (flag & ELF::SHF_MASKOS) { out += 'o'; continue; }
    if (flag & ELF::SHF_MASKPROC) { out += 'p'; continue; }
    out += 'x';
  }
  return out;
}

std::string machineName(std::uint16_t machine) {
  switch (machine) {
  case ELF::EM_NONE: return "none";
  case ELF::EM_386: return "Intel 80386";
  case ELF::EM_X86_64: return "x86-64";
  case ELF::EM_AARCH64: return "AArch64";
  case ELF::EM_ARM: return "ARM";
  case ELF::EM_PPC: return "PowerPC";
  case ELF::EM_PPC64: return "PowerPC64";
  case ELF::EM_RISCV: return "RISC-V";
  case ELF::EM_MIPS: return "MIPS";
  case ELF::EM_S390: return "IBM S/390";
  case ELF::EM_SPARC: return "SPARC";
  case ELF::EM_SPARCV9: return "SPARC v9";
  case ELF::EM_LOONGARCH: return "LoongArch";
  case ELF::EM_BPF: return "eBPF";
  case ELF::EM_IA_64: return "IA-64";
  case ELF::EM_68K: return "Motorola 68000";
  case ELF::EM_HEXAGON: return "Hexagon";
  case ELF::EM_AMDGPU: return "AMD GPU";
  case ELF::EM_CUDA: return "NVIDIA CUDA";
  default: return llvm::formatv("machine {0:x}", machine).str();
  }
}

std::string osAbiName(std::uint8_t osAbi) {
  switch (osAbi) {
  case ELF::ELFOSABI_NONE: return "UNIX - System V";
  case ELF::ELFOSABI_HPUX: return "UNIX - HP-UX";
  case ELF::ELFOSABI_NETBSD: return "UNIX - NetBSD";
  case ELF::ELFOSABI_GNU: return "UNIX - GNU";
  case ELF::ELFOSABI_SOLARIS: return "UNIX - Solaris";
  case ELF::ELFOSABI_AIX: return "UNIX - AIX";
  case ELF::ELFOSABI_IRIX: return "UNIX - IRIX";
  case ELF::ELFOSABI_FREEBSD: return "UNIX - FreeBSD";
  case ELF::ELFOSABI_TRU64: return "UNIX - TRU64";
  case ELF::ELFOSABI_OPENBSD: return "UNIX - OpenBSD";
  case ELF::ELFOSABI_STANDALONE: return "Standalone App";
  default: return llvm::formatv("OS ABI {0}", static_cast<unsigned>(osAbi)).str();
  }
}

std::string fileTypeName(std::uint16_t type) {
  switch (type) {
  case ELF::ET_NONE: return "NONE";
  case ELF::ET_REL: return "REL";
  case ELF::ET_EXEC: return "EXEC";
  case ELF::ET_DYN: return "DYN";
  case ELF::ET_CORE: return "CORE";
  default: return llvm::formatv("{0:x}", type).str();
  }
}

} // namespace memlayout::elf
