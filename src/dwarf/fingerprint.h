// Definition fingerprints: what tells two units' definitions of a type apart without building them.
#pragma once

#include "dwarf/die_key.h"
#include "dwarf/raw_unit.h"

#include <llvm/ADT/DenseMap.h>

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <memory>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

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
// name and the definition's body: its own attributes (tag, size, …) and each member's (name, offset, size,
// bit position, discriminant values, …) with the member's type, through Rust variant parts; not where
// anything was written (decl_file, decl_line, decl_column: makePlan says why). A type held by value is
// followed as far as its layout goes: typedefs, qualifiers and arrays (with their bounds) down to a base
// type or an aggregate, whose body is hashed in turn.
// Behind a pointer or reference only what its name is written with counts (pointer → const → struct
// task_struct: the names, not task_struct's body), so a unit that only declares task_struct and one
// that defines it give its users the same fingerprint. Equal fingerprints in two units are taken to be
// the same layout.
//
// Hashed from the unit's raw bytes (raw_unit.h) by a plan made once per abbreviation: attributes are
// copied as they are encoded, except what differs between units for the same type. References become
// what they lead to (or are dropped: DW_AT_sibling), a string index (strx) its .debug_str offset, and
// in relocatable objects, offsets their relocated values. Names are .debug_str offsets (a linker merges
// equal strings; where it did not, equal types merely look different and are built twice, which the
// merge absorbs); each type and body is hashed once per unit, and a reference that leaves the unit (a
// type-unit signature, another unit's DIE) is hashed as that reference.
class DefinitionFingerprints {
public:
  explicit DefinitionFingerprints(const RawUnit &raw);

  // The fingerprint of the definition at DIE `die` of the raw unit, named `qualifiedName`. A definition
  // whose qualified name is its own DW_AT_name, in .debug_str, is keyed by the name's offset instead
  // of its text, so that ofNamedAt gives the same without the text being read.
  Fingerprint of(std::uint32_t die, std::string_view qualifiedName);
  // The fingerprint of the definition at DIE `die`, whose qualified name is its own DW_AT_name, at
  // `nameOffset` in .debug_str (a C unit's named types: their text never needs reading to be told apart).
  Fingerprint ofNamedAt(std::uint32_t die, std::uint64_t nameOffset);

private:
  // What is hashed, gathered with inlined appends (std::string's are calls, and the kernel makes
  // hundreds of millions of them).
  // What is hashed, gathered with inlined appends (std::string's are calls, and the kernel makes
  // hundreds of millions of them). Storage is allocated to its exact size, so that AddressSanitizer
  // sees an unchecked append that overruns the room made for it.
  class Bytes {
  public:
    void clear() { size_ = 0; }
    void append(const void *data, std::size_t size) {
      if (size != 0) std::memcpy(grow(size), data, size); // an empty value's data may be null
    }
    void number(std::uint64_t value) { std::memcpy(grow(sizeof value), &value, sizeof value); }
    void print(const Fingerprint &print) {
      number(print.low);
      number(print.high);
    }
    // Room for `more` bytes at the end, filled through the returned cursor (put), then commit()ted:
    // a cursor in a register, where appends through size_ would store it after every value.
    char *room(std::size_t more) {
      if (capacity_ - size_ < more) reallocate(size_ + more);
      return store_.get() + size_;
    }
    void commit(const char *end) { size_ = static_cast<std::size_t>(end - store_.get()); }
    static char *put(char *at, std::uint64_t value) {
      std::memcpy(at, &value, sizeof value);
      return at + sizeof value;
    }
    static char *put(char *at, const Fingerprint &print) { return put(put(at, print.low), print.high); }
    llvm::ArrayRef<std::uint8_t> bytes() const {
      return {reinterpret_cast<const std::uint8_t *>(store_.get()), size_};
    }

  private:
    char *grow(std::size_t more) {
      room(more);
      char *at = store_.get() + size_;
      size_ += more;
      return at;
    }
    void reallocate(std::size_t least) {
      const std::size_t capacity = std::max(2 * capacity_, least + 256);
      auto store = std::make_unique_for_overwrite<char[]>(capacity);
      if (size_ != 0) std::memcpy(store.get(), store_.get(), size_);
      store_ = std::move(store);
      capacity_ = capacity;
    }
    std::unique_ptr<char[]> store_;
    std::size_t size_ = 0, capacity_ = 0;
  };
  struct Op {
    enum Kind : std::uint8_t {
      Copy,    // an attribute of fixed size over 8 bytes (data16) as it is
      Word,    // an attribute of 1 to 8 bytes as a number: constants of fixed size, strp, ref_sig8, …
      Encoded, // one attribute of variable size, as encoded
      Implicit,// a constant with no bytes (implicit_const, flag_present): its value
      Decode,  // one attribute by value: other constants, strx, relocated offsets
      Chain,   // DW_AT_type: the type it leads to
      Local,   // DW_AT_type as ref1 … ref8, into this unit: the type it leads to
      Skip     // a reference that is not part of the layout (DW_AT_sibling, DW_AT_specification, …)
    };
    Kind kind;
    std::uint8_t size = 0;  // the attribute's bytes when fixed
    std::uint16_t step = 0; // the attribute, for all but Copy
    std::uint32_t at = 0;   // fixed plans: where it starts, from the DIE's first attribute
    std::uint64_t mask = 0; // of a value `size` bytes long read as 8
  };
  struct Plan {
    bool made = false;
    // Every attribute has a fixed size, so each op knows where its attribute starts (`at`) and the plan
    // has no Encoded or Skip ops; otherwise the ops are walked in order with the attributes.
    bool fixed = false;
    std::uint32_t bytes = 0;    // the attributes' size, for fixed plans
    std::uint32_t appends = 0;  // fixed plans: what the ops append without checking for room
    // Fixed, read directly (8-byte loads), and nothing but Word and Local ops: appendSimple's.
    bool simple = false;
    std::uint64_t identity = 0; // tag, attributes and forms (constants as one class)
    // DW_AT_name as a strp at a fixed place (after fixed-size attributes only), in an object with no
    // relocations: read with one load where only the name counts (behind a pointer). 0 when not.
    std::uint8_t nameSize = 0;
    std::uint32_t nameAt = 0;
    std::vector<Op> ops;
  };
  const Plan &planOf(std::uint32_t abbreviation) {
    const Plan &plan = plans_[abbreviation];
    return plan.made ? plan : makePlan(abbreviation);
  }
  const Plan &makePlan(std::uint32_t abbreviation);
  // How much of a type counts: its layout (held by value), or how its name is written (behind a pointer).
  enum class Mode : std::uint8_t { Layout, Name };
  // The DIE's plan identity and attributes; the types it refers to hashed at `depth` in `mode`.
  void appendDie(Bytes &bytes, std::uint32_t die, int depth, Mode mode);
  void appendInOrder(Bytes &bytes, const Plan &plan, std::uint32_t die, int depth, Mode mode);
  void appendSimple(Bytes &bytes, const Plan &plan, std::uint32_t die, int depth);
  template <bool Direct>
  void appendFixed(Bytes &bytes, const Plan &plan, std::uint32_t die, int depth, Mode mode);
  void appendDecoded(Bytes &bytes, const RawUnit::Step &step, std::uint64_t offset);
  // A reference to no DIE's start in this unit.
  void appendReference(Bytes &bytes, std::uint64_t target, int depth, Mode mode);
  void appendMembers(Bytes &bytes, std::uint32_t die, int depth);
  void appendValue(Bytes &bytes, const RawValue &value);
  Fingerprint typeOf(const RawValue &reference, int depth, Mode mode);
  // The type at DIE `type` of this unit, memoized by its index (nearly every call finds it there).
  Fingerprint localType(std::uint32_t type, int depth, Mode mode) {
    if (depth <= kMaxTypeDepth)
      if (const std::uint32_t slot = entries_[type].slots[static_cast<unsigned>(mode)])
        return prints_[slot - 1];
    return newLocalType(type, depth, mode);
  }
  Fingerprint newLocalType(std::uint32_t type, int depth, Mode mode);
  Fingerprint typeBytes(std::uint32_t type, int depth, Mode mode);
  Fingerprint bodyOf(std::uint32_t die, int depth);
  Fingerprint bodyOfDefinition(std::uint32_t die);

  const RawUnit &raw_;
  std::vector<Plan> plans_; // by abbreviation
  // Per DIE of this unit, its offset from the unit's start (for localIndex) and its type in either mode
  // and its body: 1 + an index into prints_, or 0. One line of cache resolves a reference and finds its
  // print's index (the kernel's units make tens of millions of such lookups).
  struct Entry {
    std::uint32_t offset;
    std::uint32_t slots[3];
  };
  std::unique_ptr<Entry[]> entries_;
  // The DIE at a section offset, as RawUnit::indexOf finds it, from entries_.
  std::uint32_t localIndex(std::uint64_t sectionOffset) const {
    return raw_.indexOf(sectionOffset, [this](std::uint32_t index) { return entries_[index].offset; });
  }
  std::vector<Fingerprint> prints_;
  // Types outside the unit by the reference's kind and value (and the mode).
  llvm::DenseMap<std::pair<unsigned, std::uint64_t>, Fingerprint> types_;
  Bytes definitionBuffer_, planBuffer_;
  // One per depth (0 … kMaxTypeDepth + 1) for each kind of hash: at most one of a kind is being made
  // at a depth at a time.
  std::vector<Bytes> typeBuffers_, bodyBuffers_;
  // A little-endian unit with 8 bytes of the section to spare past its end: each fixed-size value is
  // one 8-byte load, masked (its DIE ends within the unit).
  bool direct_;
};

} // namespace memlayout::dwarf
