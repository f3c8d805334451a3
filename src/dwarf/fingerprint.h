// Definition fingerprints: what tells two units' definitions of a type apart without building them.
#pragma once

#include "dwarf/decl_files.h"
#include "dwarf/die_key.h"

#include <llvm/ADT/DenseMap.h>
#include <llvm/DebugInfo/DWARF/DWARFDataExtractor.h>
#include <llvm/DebugInfo/DWARF/DWARFDie.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace llvm {
class DWARFAbbreviationDeclaration;
class DWARFUnit;
}

namespace memlayout::dwarf {

// 128 bits of xxh3: among the kernel's few million definitions a chance collision is not a concern.
struct Fingerprint {
  std::uint64_t low = 0;
  std::uint64_t high = 0;
  bool operator==(const Fingerprint &other) const { return low == other.low && high == other.high; }
};

// For llvm::DenseMap: two values no 128-bit hash will meet are the empty and deleted keys.
struct FingerprintInfo {
  static Fingerprint getEmptyKey() { return {~std::uint64_t{0}, ~std::uint64_t{0}}; }
  static Fingerprint getTombstoneKey() { return {~std::uint64_t{0}, ~std::uint64_t{0} - 1}; }
  static unsigned getHashValue(const Fingerprint &print) { return static_cast<unsigned>(print.low); }
  static bool isEqual(const Fingerprint &a, const Fingerprint &b) { return a == b; }
};

// One unit's fingerprints (one per thread: nothing here is shared). A fingerprint covers the qualified
// name, tag, size, declaration file and line, and each member's tag, name, offset, size, bit position,
// discriminant values and type chain (the tag, name and size of each type down the DW_AT_type chain:
// pointer → const → struct elf_prstatus), through Rust variant parts. Equal fingerprints in two units are
// taken to be the same layout: only types that differ deeper than the chain looks, under one name, file
// and line, would not be.
//
// Cheap where the old string keys were not: each DIE's attributes are read in one pass, names are
// their .debug_str offsets (a linker merges equal strings; where it did not, equal types merely look
// different and are built twice, which the merge absorbs), and a type chain is hashed once per unit.
class DefinitionFingerprints {
public:
  explicit DefinitionFingerprints(DeclFiles &declFiles)
      : declFiles_(declFiles), chainBuffers_(static_cast<std::size_t>(kMaxTypeDepth) + 1) {}

  Fingerprint of(const llvm::DWARFDie &die, const std::string &qualifiedName);

  // The attributes a fingerprint reads (slots of Attributes).
  enum Slot : std::uint8_t {
    Name, Type, MemberLocation, DataBitOffset, BitOffset, ByteSize, BitSize, DiscrValue, ConstValue,
    Count, UpperBound, DeclFile, DeclLine, SlotCount
  };
  using Attributes = std::optional<llvm::DWARFFormValue>[SlotCount];
  using SlotMask = std::uint16_t;

private:
  // How to walk one abbreviation's attributes: each one's slot (-1: not read) and its size when fixed.
  struct PlanStep {
    static constexpr std::uint8_t kImplicitConst = 255;
    std::int8_t slot = -1;
    std::uint8_t size = 0; // 0: variable (skipped by decoding it), kImplicitConst: no bytes
  };
  const std::vector<PlanStep> &planOf(const llvm::DWARFAbbreviationDeclaration &declaration, const llvm::DWARFUnit &unit);
  // Fills the `wanted` slots of `out` from one pass over the DIE's attributes; skips the rest.
  void read(const llvm::DWARFDie &die, Attributes &out, SlotMask wanted);
  void appendMembers(std::string &bytes, const llvm::DWARFDie &die, int depth);
  void appendName(std::string &bytes, const llvm::DWARFUnit &unit, const std::optional<llvm::DWARFFormValue> &name);
  void appendDeclFile(std::string &bytes, const llvm::DWARFDie &die, const std::optional<llvm::DWARFFormValue> &file);
  Fingerprint chainOf(const llvm::DWARFDie &holder, const llvm::DWARFFormValue &reference, int depth);

  DeclFiles &declFiles_;
  const llvm::DWARFUnit *extractorUnit_ = nullptr;
  std::optional<llvm::DWARFDataExtractor> extractor_;
  // Type chains by the reference that leads to them: (unit, offset), or a tag and a signature/offset.
  llvm::DenseMap<std::pair<const void *, std::uint64_t>, Fingerprint> chains_;
  llvm::DenseMap<std::pair<const void *, std::uint64_t>, Fingerprint> files_;
  llvm::DenseMap<std::pair<const void *, const void *>, std::vector<PlanStep>> plans_;
  std::string definitionBuffer_;
  std::vector<std::string> chainBuffers_; // one per chain depth (0 … kMaxTypeDepth)
};

} // namespace memlayout::dwarf
