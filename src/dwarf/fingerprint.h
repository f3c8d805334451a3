// Definition fingerprints: what tells two units' definitions of a type apart without building them.
#pragma once

#include "dwarf/decl_files.h"
#include "dwarf/die_key.h"
#include "dwarf/raw_unit.h"

#include <llvm/ADT/DenseMap.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace llvm {
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
// name and the definition's body: its own attributes (tag, size, declaration file and line, …) and each
// member's (name, offset, size, bit position, discriminant values, …) with the member's type, through
// Rust variant parts. A type held by value is followed as far as its layout goes: typedefs, qualifiers
// and arrays (with their bounds) down to a base type or an aggregate, whose body is hashed in turn.
// Behind a pointer or reference only what its name is written with counts (pointer → const → struct
// task_struct: the names, not task_struct's body), so a unit that only declares task_struct and one
// that defines it give its users the same fingerprint. Equal fingerprints in two units are taken to be
// the same layout.
//
// Hashed from the unit's raw bytes (raw_unit.h) by a plan made once per abbreviation: attributes are
// copied as they are encoded, except what differs between units for the same type. References become
// what they lead to (or are dropped: DW_AT_sibling), a file number the file's name (DeclFiles::identity),
// a string index (strx) its .debug_str offset, and in relocatable objects, offsets their relocated
// values. Names are .debug_str offsets (a linker merges equal strings; where it did not, equal types
// merely look different and are built twice, which the merge absorbs); each type and body is hashed
// once per unit, and a reference that leaves the unit (a type-unit signature, another unit's DIE) is
// hashed as that reference.
class DefinitionFingerprints {
public:
  DefinitionFingerprints(const RawUnit &raw, llvm::DWARFUnit &unit, DeclFiles &declFiles);

  // The fingerprint of the definition at DIE `die` of the raw unit, named `qualifiedName`.
  Fingerprint of(std::uint32_t die, std::string_view qualifiedName);

private:
  struct Op {
    enum Kind : std::uint8_t {
      Copy,    // `size` bytes as they are (a run of fixed-size attributes)
      Encoded, // one attribute of variable size, as encoded
      Number,  // a constant of fixed size (data1 … data8, flag): its value
      Implicit,// a constant with no bytes (implicit_const, flag_present): its value
      Decode,  // one attribute by value: other constants, strx, relocated offsets
      Chain,   // DW_AT_type: the type it leads to
      Local,   // DW_AT_type as ref1 … ref8, into this unit: the type it leads to
      File,    // DW_AT_decl_file: the file's name
      Skip     // a reference that is not part of the layout (DW_AT_sibling, DW_AT_specification, …)
    };
    Kind kind;
    std::uint16_t step = 0; // the attribute, for all but Copy
    std::uint32_t size = 0; // Copy's bytes
  };
  struct Plan {
    bool made = false;
    std::uint64_t identity = 0; // tag, attributes and forms (constants as one class)
    std::vector<Op> ops;
  };
  // How much of a type counts: its layout (held by value), or how its name is written (behind a pointer).
  enum class Mode : std::uint8_t { Layout, Name };
  const Plan &planOf(std::uint32_t abbreviation);
  // The DIE's plan identity and attributes; the types it refers to hashed at `depth` in `mode`.
  void appendDie(std::string &bytes, std::uint32_t die, int depth, Mode mode);
  void appendMembers(std::string &bytes, std::uint32_t die, int depth);
  Fingerprint fileOf(std::uint64_t index);
  Fingerprint typeOf(const RawValue &reference, int depth, Mode mode);
  Fingerprint typeBytes(std::uint32_t type, int depth, Mode mode);
  Fingerprint bodyOf(std::uint32_t die, int depth);

  const RawUnit &raw_;
  llvm::DWARFUnit &unit_;
  DeclFiles &declFiles_;
  std::vector<Plan> plans_; // by abbreviation
  // Per DIE of this unit, its type in either mode and its body: 1 + an index into prints_, or 0.
  static constexpr std::size_t kSlotsPerDie = 3;
  std::vector<std::uint32_t> slots_;
  std::vector<Fingerprint> prints_;
  // Types outside the unit by the reference's kind and value (and the mode); file names by number
  // (large numbers, which damaged DWARF has, are not kept).
  llvm::DenseMap<std::pair<unsigned, std::uint64_t>, Fingerprint> types_;
  std::vector<std::optional<Fingerprint>> filesByNumber_;
  std::string definitionBuffer_, planBuffer_;
  // One per depth (0 … kMaxTypeDepth + 1) for each kind of hash: at most one of a kind is being made
  // at a depth at a time.
  std::vector<std::string> typeBuffers_, bodyBuffers_;
};

} // namespace memlayout::dwarf
