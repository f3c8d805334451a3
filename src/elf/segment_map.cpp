// readelf's section-to-segment rule. All arithmetic is unsigned 64-bit on purpose: readelf's
// "p_memsz - 1" wraps for empty segments, which is how empty segments accept empty sections.
#include "elf/segment_map.h"

#include <llvm/BinaryFormat/ELF.h>

#include <algorithm>

namespace memlayout::elf {
namespace ELF = llvm::ELF;
namespace {

bool isTbssOutsideTls(const model::Section &s, const model::Segment &p) {
  return (s.flagBits & ELF::SHF_TLS) && s.typeCode == ELF::SHT_NOBITS && p.typeCode != ELF::PT_TLS;
}

// .tbss takes no room in any segment but PT_TLS.
std::uint64_t sizeIn(const model::Section &s, const model::Segment &p) {
  return isTbssOutsideTls(s, p) ? 0 : s.size;
}

bool allocOnlySegment(std::uint32_t type) {
  return type == ELF::PT_LOAD || type == ELF::PT_DYNAMIC || type == ELF::PT_GNU_EH_FRAME ||
         type == ELF::PT_GNU_STACK || type == ELF::PT_GNU_RELRO || type == 0x6474e554 /* GNU_SFRAME */ ||
         (type >= 0x6474e555 && type <= 0x6474f554) /* GNU_MBIND range */;
}

} // namespace

bool sectionInSegment(const model::Section &s, const model::Segment &p) {
  if (isTbssOutsideTls(s, p)) return false;
  const bool tls = s.flagBits & ELF::SHF_TLS;
  const bool alloc = s.flagBits & ELF::SHF_ALLOC;
  const bool nobits = s.typeCode == ELF::SHT_NOBITS;

  // TLS sections live only in TLS, RELRO and LOAD segments; TLS and PHDR segments hold nothing else.
  if (tls) {
    if (p.typeCode != ELF::PT_TLS && p.typeCode != ELF::PT_GNU_RELRO && p.typeCode != ELF::PT_LOAD) return false;
  } else if (p.typeCode == ELF::PT_TLS || p.typeCode == ELF::PT_PHDR) {
    return false;
  }
  if (!alloc && allocOnlySegment(p.typeCode)) return false;

  const std::uint64_t size = sizeIn(s, p);
  // File placement, for everything that occupies the file.
  if (!nobits) {
    if (s.offset < p.offset) return false;
    if (s.offset - p.offset > p.filesz - 1) return false;
    if (s.offset - p.offset + size > p.filesz) return false;
  }
  // Memory placement, for allocated sections.
  if (alloc) {
    if (s.addr < p.vaddr) return false;
    if (s.addr - p.vaddr > p.memsz - 1) return false;
    if (s.addr - p.vaddr + size > p.memsz) return false;
  }
  // An empty section at either edge of DYNAMIC or NOTE belongs to its neighbour, not to them.
  if ((p.typeCode == ELF::PT_DYNAMIC || p.typeCode == ELF::PT_NOTE) && s.size == 0 && p.memsz != 0) {
    bool insideFile = nobits || (s.offset > p.offset && s.offset - p.offset < p.filesz);
    bool insideMemory = !alloc || (s.addr > p.vaddr && s.addr - p.vaddr < p.memsz);
    if (!(insideFile && insideMemory)) return false;
  }
  return true;
}

void mapSectionsToSegments(std::vector<model::Segment> &segments, std::vector<model::Section> &sections) {
  for (auto &segment : segments) {
    segment.sections.clear();
    for (const auto &section : sections) {
      if (section.index == 0) continue; // the null section is never mapped
      if (sectionInSegment(section, segment)) segment.sections.push_back(section.index);
    }
    std::stable_sort(segment.sections.begin(), segment.sections.end(), [&](unsigned a, unsigned b) {
      const auto &sa = sections[a], &sb = sections[b];
      bool allocA = sa.flagBits & ELF::SHF_ALLOC, allocB = sb.flagBits & ELF::SHF_ALLOC;
      std::uint64_t ka = allocA ? sa.addr : sa.offset, kb = allocB ? sb.addr : sb.offset;
      return ka < kb;
    });
  }
  for (auto &section : sections) section.segments.clear();
  for (const auto &segment : segments)
    for (unsigned index : segment.sections) sections[index].segments.push_back(segment.index);
}

} // namespace memlayout::elf
