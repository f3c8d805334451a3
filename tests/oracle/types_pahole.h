// tests/oracle/types_pahole.h: parses pahole 1.24's C-like type listing and turns its hole and padding statements into the SPEC's terms.
//
// Format (pahole --show_private_classes --anon_include FILE), one block per type at column 0:
//   struct Dog : Animal {                      class/union/struct, bases after " : "
//   typedef struct {  …  } event_t;             a typedef'd anonymous struct: the name comes last
//   	int                        x;                    /*     0     4 */      member: offset size
//   	unsigned int               low:3;                /*     0: 0  4 */      bit-field: unit:bit size
//   	/* struct Left                <ancestor>; */     /*     0    16 */      base class
//   	union { … };                                     /*     4     4 */      anonymous member (nested
//   	                                                                         lines are one level deeper)
//   	/* XXX 3 bytes hole, try to pack */     /* XXX 28 bits hole, try to pack */    before the next member
//   	/* size: 24, cachelines: 1, members: 4 */   /* padding: 7 */   /* bit_padding: 8 bits */
// Also printed and skipped: member functions, nested type definitions (no offset comment),
// "XXX last struct has N bytes of padding" (about a member's own type), cache-line marks, multi-line
// vtable comments. pahole prints no summary for a union.
#pragma once

#include "types_layout.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace memlayout::testing {

struct PaholeMember {
  std::string name;            // "" for an anonymous member; the type for an ancestor
  bool ancestor = false;
  std::uint64_t offset = 0;    // bytes (for bit-fields: of the storage unit)
  std::uint64_t size = 0;      // bytes (for bit-fields: of the storage unit)
  bool bitField = false;
  std::uint64_t bitInUnit = 0, bitWidth = 0;
  std::uint64_t firstBit() const { return offset * 8 + (bitField ? bitInUnit : 0); }
  std::string line;
};

struct PaholeHole {
  bool bits = false;           // "N bits hole" rather than "N bytes hole"
  std::int64_t amount = 0;
  std::size_t before = 0;      // index of the member printed after the statement
  std::string line;
};

struct PaholeType {
  std::string keyword;         // struct, class, union
  std::string name;            // as printed: "Pair<int, long int>", typedef name for typedef'd ones
  std::vector<PaholeMember> members; // top level only, in print order
  std::vector<PaholeHole> holes;
  std::optional<std::uint64_t> size, padding, bitPadding;
  bool brainFart = false;      // pahole's own "BRAIN FART ALERT!" (its sums do not add up)
  std::string text;            // the block as printed
};

struct PaholeListing {
  std::vector<PaholeType> types;
  std::vector<std::string> errors;
};

PaholeListing parsePahole(const std::string &text);

// pahole's holes, trailing padding and bit padding in the SPEC's terms (holes: whole bytes no member
// touches, merged; trailing: whole bytes at the end).
struct PaholeClaim {
  enum class State {
    Stated,     // `padding` holds what pahole says
    Silent,     // pahole states nothing to compare (a union: no summary); `why` says so
    Impossible, // what pahole states cannot be true (a hole larger than the offset it ends at)
  };
  State state = State::Stated;
  Padding padding;
  std::string why;
};
PaholeClaim paholeClaim(const PaholeType &type);

} // namespace memlayout::testing
