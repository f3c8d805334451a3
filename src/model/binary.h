// What an ELF file is, as plain values: header, segments, sections, debug-info summary. No LLVM types.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace memlayout::model {

// The few ELF numbers the renderers ask about; the model keeps raw numbers, so it names these itself.
inline constexpr std::uint16_t kElfTypeRelocatable = 1; // ET_REL
inline constexpr std::uint32_t kSegmentLoad = 1;        // PT_LOAD
inline constexpr std::uint32_t kSectionNobits = 8;      // SHT_NOBITS
inline constexpr std::uint64_t kSectionAlloc = 2;       // SHF_ALLOC

struct DebugLink {
  std::string file;
  std::uint32_t crc = 0;
};

// What debug information the file carries; filled only when an action asks for it.
struct DebugInfo {
  bool present = false;          // a .debug_info (or .zdebug_info) section with content
  std::string format;            // "DWARF"
  std::uint16_t version = 0;     // of the first unit; 0 when unknown
  std::uint16_t minVersion = 0;  // lowest and highest unit versions seen (they can differ)
  std::uint16_t maxVersion = 0;
  std::string compression;       // "" (none), "zlib", "zstd", "zlib (.zdebug)"
  std::uint64_t infoSize = 0;    // bytes of .debug_info as stored in the file
  std::uint64_t totalSize = 0;   // bytes of all .debug_* sections as stored in the file
  std::uint64_t units = 0;       // compile units in .debug_info
  std::vector<std::string> languages; // "C", "C++", "Rust", ... from the compile units, most units first
  std::vector<std::string> compilers; // "gcc 12.2.0", "rustc 1.95.0": from DW_AT_producer, sorted, distinct
  bool typeUnits = false;        // .debug_types or DW_UT_type units present
  std::string problem;           // why units could not be read, when present but unreadable
};

struct ElfHeader {
  unsigned elfClass = 64;        // 32 or 64
  bool bigEndian = false;
  std::uint16_t machineCode = 0;
  std::string machine;           // "x86-64", "PowerPC64", ... ("EM_0x1234" when unknown)
  std::uint16_t typeCode = 0;
  std::string type;              // "EXEC", "DYN", "REL", "CORE" or "0x…"
  std::string typeDescription;   // "executable", "position-independent executable", "shared library", ...
  std::uint8_t osAbiCode = 0;
  std::string osAbi;             // "UNIX - System V", "UNIX - GNU", ...
  std::uint64_t entry = 0;
  std::uint64_t flags = 0;       // e_flags
  std::uint64_t phoff = 0, shoff = 0;
  unsigned phnum = 0, shnum = 0, shstrndx = 0;
  std::optional<std::string> interpreter;   // PT_INTERP contents
  std::optional<std::string> buildId;       // lowercase hex
  std::optional<DebugLink> debugLink;       // .gnu_debuglink
  bool isRelocatable() const { return typeCode == kElfTypeRelocatable; }
};

struct Segment {
  unsigned index = 0;
  std::uint32_t typeCode = 0;
  std::string type;              // readelf's name ("LOAD", "GNU_STACK", ...) or "0x…" when unknown
  std::uint32_t flagBits = 0;
  std::string flags;             // "R-X"
  std::uint64_t offset = 0, vaddr = 0, paddr = 0, filesz = 0, memsz = 0, align = 0;
  std::vector<unsigned> sections; // section indices held, in address order (readelf's rule)
  bool isLoad() const { return typeCode == kSegmentLoad; }
  // Zero-filled memory the file does not store (bss); meaningful for LOAD segments.
  std::uint64_t memoryOnlyBytes() const { return memsz > filesz ? memsz - filesz : 0; }
};

struct Section {
  unsigned index = 0;
  std::string name;
  std::uint32_t typeCode = 0;
  std::string type;              // readelf's name: "PROGBITS", "NOBITS", ...
  std::uint64_t flagBits = 0;
  std::string flags;             // readelf's letters: "AX", "WA", ...
  std::uint64_t addr = 0, offset = 0, size = 0, entsize = 0, align = 0;
  std::uint32_t link = 0, info = 0;
  std::vector<unsigned> segments; // indices of the segments that hold it
  bool isNobits() const { return typeCode == kSectionNobits; }   // memory only: .bss, .tbss
  bool isAllocated() const { return (flagBits & kSectionAlloc) != 0; } // in memory when loaded
  // Size the section occupies in the file: 0 for NOBITS.
  std::uint64_t fileSize() const { return isNobits() ? 0 : size; }
};

struct Binary {
  std::string path;              // as given on the command line
  std::uint64_t fileSize = 0;
  ElfHeader header;
  std::vector<Segment> segments;
  std::vector<Section> sections; // index 0 (the null section) included, as in the file
  std::optional<DebugInfo> debugInfo;
};

} // namespace memlayout::model
