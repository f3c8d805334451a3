// tests/oracle/types_clang.h: parses `clang -Xclang -fdump-record-layouts` output into records with their top-level fields.
//
// Format (clang 19, RecordLayoutBuilder's dumper), one record per "*** Dumping AST Record Layout":
//          0 | struct geo::detail::Extent              the record: offset column, then keyword and name
//          0 |   struct geo::Point min                 depth 1 (two spaces): a field, "TYPE NAME"
//          0 |     int x                               depth 2+: the field's own members (skipped)
//     1:2-13 |   unsigned int wide                     bit-field: byte 1, bits 2 to 13 of that byte on
//        4:- |   int                                   zero-width bit-field (unnamed)
//          0 |   class Shape (primary base)            also "(base)", "(virtual base)", "(primary virtual base)"
//          0 |   (Shape vtable pointer)
//          0 |   struct Empty empty (empty)            " (empty)" marks an empty class
//          4 |   union U::(anonymous at f.c:63:3)      an anonymous member: the type, a space, no name
//            | [sizeof=40, dsize=36, align=8,          C++; C prints only [sizeof=24, align=8]
//            |  nvsize=32, nvalign=8]
// Unnamed records are named "(unnamed at FILE:LINE:COL)", prefixed by their enclosing scope.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace memlayout::testing {

struct ClangField {
  enum class Kind { Member, Base, VirtualBase, Vptr };
  Kind kind = Kind::Member;
  std::string name;            // "" for an anonymous member or an unnamed bit-field
  std::string type;            // as printed, without the (base)/(empty) notes
  std::uint64_t offset = 0;    // bytes; for bit-fields the byte holding the first bit
  bool bitField = false;
  std::uint64_t bitOffset = 0; // bits from the start of the record (bit-fields only)
  std::uint64_t bitWidth = 0;
  bool empty = false;          // "(empty)": an empty class
  std::string anonymousAt;     // "FILE:LINE:COL" when the type is an unnamed record
  std::optional<std::uint64_t> size; // bytes; filled in by the caller (see oracle_types.cpp)
  std::string line;            // the dump line, for messages
};

struct ClangRecord {
  std::string keyword;         // struct, class, union
  std::string name;            // qualified: "ns::Pair<int, long>", "S::(unnamed at f.c:1:2)"
  std::string unnamedAt;       // "FILE:LINE:COL" for an unnamed record, else ""
  bool empty = false;
  std::uint64_t size = 0, align = 0;
  std::optional<std::uint64_t> dsize, nvsize;
  std::vector<ClangField> fields; // depth 1 only, in dump order
  std::string text;            // the whole dump of this record, for messages
};

struct ClangDump {
  std::vector<ClangRecord> records;
  std::vector<std::string> errors; // lines or records that could not be read
};

ClangDump parseClangDump(const std::string &text);

// The location inside "(unnamed at FILE:L:C)" / "(anonymous at FILE:L:C)", or "".
std::string unnamedLocation(const std::string &name);

} // namespace memlayout::testing
