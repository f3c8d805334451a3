// Text renderings of the ELF view: header, segment map with the loader's view, section table, summary.
#include "report/text_elf.h"

#include "report/units.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace memlayout::report {
namespace {

int addressDigits(const model::Binary &binary) { return binary.header.elfClass == 64 ? 16 : 8; }

std::string fileLine(const model::Binary &binary) {
  const auto &h = binary.header;
  return fmt::format("ELF{} {}-endian {}, {} ({})", h.elfClass, h.bigEndian ? "big" : "little", h.machine, h.type,
                     h.typeDescription);
}

std::string debugInfoLine(const model::Binary &binary) {
  const auto &info = binary.debugInfo;
  if (!info) return "not examined";
  if (!info->present) {
    if (binary.header.debugLink) return "none here (see .gnu_debuglink: " + binary.header.debugLink->file + ")";
    return "none (no .debug_info section; the file may be stripped)";
  }
  if (!info->problem.empty())
    return fmt::format("{}, {} in .debug_info, version unknown: {}", info->format, humanSize(info->infoSize),
                       info->problem);
  std::string versions = info->minVersion == info->maxVersion
                             ? fmt::format("{}", info->version)
                             : fmt::format("{} to {}", info->minVersion, info->maxVersion);
  std::string line = fmt::format("{} {}, {} in .debug_info ({} in all debug sections), {}", info->format, versions,
                                 humanSize(info->infoSize), humanSize(info->totalSize),
                                 info->compression.empty() ? "not compressed" : "compressed: " + info->compression);
  line += fmt::format(", {} unit{}", info->units, info->units == 1 ? "" : "s");
  if (info->typeUnits) line += " (with type units)";
  if (!info->languages.empty()) {
    line += ", languages: ";
    for (std::size_t i = 0; i < info->languages.size(); ++i) line += (i ? ", " : "") + info->languages[i];
  }
  return line;
}

std::vector<const model::Segment *> loadSegments(const model::Binary &binary) {
  std::vector<const model::Segment *> loads;
  for (const auto &s : binary.segments)
    if (s.isLoad()) loads.push_back(&s);
  std::stable_sort(loads.begin(), loads.end(), [](auto *a, auto *b) { return a->vaddr < b->vaddr; });
  return loads;
}

std::string sectionNames(const model::Binary &binary, const std::vector<unsigned> &indices) {
  std::string out;
  for (unsigned index : indices) out += (out.empty() ? "" : " ") + binary.sections[index].name;
  return out;
}

// The memory-only tail is usually .bss, but linkers add others (lld's .relro_padding, .tbss, .lbss).
std::string zeroFilledNames(const model::Binary &binary, const model::Segment &segment) {
  std::string names;
  for (unsigned index : segment.sections)
    if (binary.sections[index].isNobits()) names += (names.empty() ? "" : " ") + binary.sections[index].name;
  return names.empty() ? "bss" : names;
}

} // namespace

std::string textHeader(const model::Binary &binary, const Palette &palette) {
  const auto &h = binary.header;
  std::string out = palette.heading("ELF header of " + binary.path) + "\n";
  auto row = [&out](std::string_view label, const std::string &value) {
    out += fmt::format("  {:<14}{}\n", label, value);
  };
  row("Class", fmt::format("ELF{}, {}-endian", h.elfClass, h.bigEndian ? "big" : "little"));
  row("Machine", h.machine);
  row("Type", fmt::format("{} ({})", h.type, h.typeDescription));
  row("OS/ABI", h.osAbi);
  row("Entry", hex(h.entry));
  row("Interpreter", h.interpreter ? *h.interpreter : "none (statically linked or not an executable)");
  row("Build ID", h.buildId ? *h.buildId : "none");
  row("Debug link", h.debugLink ? fmt::format("{} (crc {:#010x})", h.debugLink->file, h.debugLink->crc) : "none");
  row("Debug info", debugInfoLine(binary));
  row("File size", fmt::format("{} bytes ({})", grouped(binary.fileSize), humanSize(binary.fileSize)));
  row("Segments", fmt::format("{} program headers at {}", h.phnum, hex(h.phoff)));
  row("Sections", fmt::format("{} section headers at {}, names in section {}", h.shnum, hex(h.shoff), h.shstrndx));
  return out;
}

std::string textLoadBlocks(const model::Binary &binary, const Palette &palette, bool listSections) {
  const int digits = addressDigits(binary);
  std::string out;
  for (const model::Segment *s : loadSegments(binary)) {
    std::string range = fmt::format("{}-{}", hex(s->vaddr, digits), hex(s->vaddr + s->memsz, digits));
    std::string sizes = humanSize(s->memsz);
    if (s->memoryOnlyBytes() > 0)
      sizes += fmt::format(" = {} from the file + {} zero-filled ({})", humanSize(s->filesz),
                           humanSize(s->memoryOnlyBytes()), zeroFilledNames(binary, *s));
    out += fmt::format("  {}  {}  {}  {}\n", palette.heading(fmt::format("LOAD #{:<2}", s->index)),
                       palette.permissions(s->flags, s->flags), range, sizes);
    out += palette.dim(fmt::format("            file offset {} +{}, align {}", hex(s->offset), hex(s->filesz),
                                   hex(s->align))) +
           "\n";
    if (!listSections) {
      if (!s->sections.empty()) out += "            " + sectionNames(binary, s->sections) + "\n";
      continue;
    }
    for (unsigned index : s->sections) {
      const model::Section &sec = binary.sections[index];
      std::string note;
      if (sec.isNobits()) note = "memory only (zero-filled, not in the file)";
      out += fmt::format("            {}  {:<24} {:>10}  {}\n", hex(sec.addr, digits), sec.name, humanSize(sec.size),
                         palette.dim(note));
    }
  }
  return out;
}

std::string textAddressPicture(const model::Binary &binary, const Palette &palette, unsigned columns) {
  auto loads = loadSegments(binary);
  if (loads.empty() || columns == 0) return "";
  std::uint64_t low = loads.front()->vaddr, high = low;
  for (auto *s : loads) {
    low = std::min(low, s->vaddr);
    high = std::max(high, s->vaddr + s->memsz);
  }
  if (high <= low) return "";
  const long double span = static_cast<long double>(high - low);
  auto column = [&](std::uint64_t address) {
    return static_cast<unsigned>(static_cast<long double>(address - low) * columns / span);
  };
  auto letter = [](const std::string &flags) {
    if (flags.find('X') != std::string::npos) return flags.find('W') != std::string::npos ? '!' : 'x';
    if (flags.find('W') != std::string::npos) return 'w';
    return 'r';
  };
  std::string cells(columns, '.');
  for (auto *s : loads) {
    unsigned begin = std::min(column(s->vaddr), columns - 1);
    unsigned fileEnd = column(s->vaddr + std::min(s->filesz, s->memsz));
    unsigned end = std::max(begin + 1, std::min(columns, column(s->vaddr + s->memsz)));
    fileEnd = std::clamp(fileEnd, begin + 1, end);
    for (unsigned c = begin; c < end; ++c) cells[c] = c < fileEnd ? letter(s->flags) : 'b';
  }
  std::string painted;
  for (char c : cells) {
    std::string cell(1, c);
    switch (c) {
    case 'x': painted += palette.permissions("R-X", cell); break;
    case 'w': painted += palette.permissions("RW-", cell); break;
    case '!': painted += palette.permissions("RWX", cell); break;
    case 'b': painted += palette.permissions("RW-", cell); break;
    case 'r': painted += palette.permissions("R--", cell); break;
    default: painted += palette.dim(cell); break;
    }
  }
  std::string out = fmt::format("  {} |{}| {}\n", hex(low), painted, hex(high));
  out += palette.dim(fmt::format("  one cell = {}; r read-only, x executable, w writable, b bss (memory only), "
                                 "! writable+executable, . unmapped",
                                 humanSize(static_cast<std::uint64_t>(span / columns + 0.5L)))) +
         "\n";
  return out;
}

std::string textSegments(const model::Binary &binary, const Palette &palette) {
  const int digits = addressDigits(binary);
  std::string out = palette.heading(fmt::format("Segments of {}", binary.path)) +
                    fmt::format(" — {}, entry {}\n", fileLine(binary), hex(binary.header.entry));
  if (binary.segments.empty()) {
    out += binary.header.isRelocatable()
               ? "  no program headers: a relocatable object is not loaded as it is; the linker places its sections\n"
               : "  no program headers\n";
    return out;
  }
  out += "\n" + palette.heading("What the loader maps (LOAD segments, by address)") + "\n";
  std::string blocks = textLoadBlocks(binary, palette, true);
  out += blocks.empty() ? "  none\n" : blocks;
  std::string picture = textAddressPicture(binary, palette, 64);
  if (!picture.empty()) out += "\n" + palette.heading("Address space") + "\n" + picture;

  out += "\n" + palette.heading(fmt::format("Program headers ({})", binary.segments.size())) + "\n";
  out += fmt::format("  {:>3}  {:<14} {:<5} {:<10} {:<{}} {:<{}} {:<10} {:<10} {:<8} {}\n", "#", "Type", "Flags",
                     "Offset", "VirtAddr", digits + 3, "PhysAddr", digits + 3, "FileSiz", "MemSiz", "Align",
                     "Sections");
  for (const auto &s : binary.segments) {
    std::string memsz = hex(s.memsz, 6);
    out += fmt::format("  {:>3}  {:<14} {} {:<10} {:<{}} {:<{}} {:<10} {:<10} {:<8} {}\n", s.index, s.type,
                       palette.permissions(s.flags, fmt::format("{:<5}", s.flags)), hex(s.offset, 6),
                       hex(s.vaddr, digits), digits + 3, hex(s.paddr, digits), digits + 3, hex(s.filesz, 6), memsz,
                       hex(s.align), sectionNames(binary, s.sections));
  }
  for (const auto &s : binary.segments) {
    if (s.type == "INTERP" && binary.header.interpreter)
      out += palette.dim(fmt::format("  #{} INTERP requests the program interpreter {}", s.index,
                                     *binary.header.interpreter)) +
             "\n";
    if (s.isLoad() && s.memoryOnlyBytes() > 0)
      out += palette.dim(fmt::format("  #{} LOAD: memsz exceeds filesz by {} ({}): zero-filled memory (bss)", s.index,
                                     hex(s.memoryOnlyBytes()), humanSize(s.memoryOnlyBytes()))) +
             "\n";
  }
  return out;
}

std::string textSections(const model::Binary &binary, const Palette &palette) {
  const int digits = addressDigits(binary);
  std::string out = palette.heading(fmt::format("Sections of {}", binary.path)) +
                    fmt::format(" — {} section headers at {}\n", binary.sections.size(), hex(binary.header.shoff));
  if (binary.sections.empty()) return out + "  no section headers\n";
  std::size_t nameWidth = 4;
  for (const auto &s : binary.sections) nameWidth = std::max(nameWidth, s.name.size());
  nameWidth = std::min<std::size_t>(nameWidth, 32);
  out += fmt::format("  {:>4}  {:<{}} {:<14} {:<5} {:<{}} {:<10} {:>12} {:>10} {:>6}  {}\n", "[Nr]", "Name",
                     nameWidth, "Type", "Flags", "Address", digits + 2, "Offset", "Size", "", "Align", "Segments");
  std::uint64_t fileBytes = 0, memoryBytes = 0;
  for (const auto &s : binary.sections) {
    std::string segments;
    for (unsigned index : s.segments) segments += (segments.empty() ? "" : " ") + std::to_string(index);
    out += fmt::format("  [{:>2}]  {:<{}} {:<14} {:<5} {:<{}} {:<10} {:>12} {:>10} {:>6}  {}\n", s.index,
                       palette.name(fmt::format("{:<{}}", s.name, nameWidth)), nameWidth, s.type, s.flags,
                       hex(s.addr, digits), digits + 2, hex(s.offset, 6), grouped(s.size), humanSize(s.size), s.align,
                       segments);
    fileBytes += s.fileSize();
    if (s.isAllocated()) memoryBytes += s.size;
  }
  out += palette.dim(fmt::format("  allocated (in memory when loaded): {}; stored in the file: {}", humanSize(memoryBytes),
                                 humanSize(fileBytes))) +
         "\n";
  out += palette.dim("  Flags: W write, A alloc, X execute, M merge, S strings, I info, L link order, O extra OS "
                     "processing, G group, T TLS, C compressed, E exclude, R retain, D mbind, l large, o OS, "
                     "p processor, x unknown") +
         "\n";
  return out;
}

std::string textSummary(const model::Binary &binary, const Palette &palette, const std::string &typesSection) {
  const auto &h = binary.header;
  std::string out = palette.heading(binary.path) + ": " + fileLine(binary) + ", " + humanSize(binary.fileSize) + "\n";
  std::string facts = "  entry " + hex(h.entry);
  if (h.interpreter) facts += ", interpreter " + *h.interpreter;
  facts += h.buildId ? ", build-id " + *h.buildId : ", no build-id";
  out += facts + "\n";
  out += "  debug info: " + debugInfoLine(binary) + "\n";
  std::string blocks = textLoadBlocks(binary, palette, false);
  if (!blocks.empty()) {
    out += "\n" + palette.heading("Memory map (LOAD segments)") + "\n" + blocks;
    out += textAddressPicture(binary, palette, 64);
  } else {
    out += "\n  no LOAD segments (" + std::string(h.isRelocatable() ? "a relocatable object" : "nothing is loaded") +
           ")\n";
  }
  // The biggest sections answer "where do my bytes go?" at a glance.
  std::vector<const model::Section *> bySize;
  for (const auto &s : binary.sections)
    if (s.size > 0 && s.index != 0) bySize.push_back(&s);
  std::stable_sort(bySize.begin(), bySize.end(), [](auto *a, auto *b) { return a->size > b->size; });
  if (!bySize.empty()) {
    out += "\n" + palette.heading("Largest sections") + "\n";
    for (std::size_t i = 0; i < std::min<std::size_t>(bySize.size(), 6); ++i)
      out += fmt::format("  {:<24} {:>10}  {}{}\n", bySize[i]->name, humanSize(bySize[i]->size), bySize[i]->type,
                         bySize[i]->isAllocated() ? "" : " (not loaded)");
  }
  if (!typesSection.empty()) {
    out += "\n" + typesSection;
    out += palette.dim("\n  more: --header, --segments, --sections, --types, --struct NAME") + "\n";
  } else {
    out += palette.dim("\n  more: --header, --segments, --sections") + "\n";
  }
  return out;
}

} // namespace memlayout::report
