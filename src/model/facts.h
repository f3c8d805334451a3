// Results of analysis, as plain values: a type's layout as ordered items, holes and padding totals, the
// table rows shown for it, cache lines and --suggest's field order.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace memlayout::model {

// One stretch of a type, in bits. Holes and padding are items, not annotations on fields.
struct LayoutItem {
  enum class What { Field, Hole, BitHole, TrailingPadding };
  What what = What::Field;
  std::uint64_t bitOffset = 0;
  std::uint64_t bitSize = 0;
  int field = -1;              // index into Type::fields for What::Field
};

struct ByteRange {
  std::uint64_t offset = 0;
  std::uint64_t size = 0;
};

struct Layout {
  std::vector<LayoutItem> items;   // in offset order
  std::vector<ByteRange> holes;    // whole bytes inside the type that no field touches
  std::uint64_t holeBytes = 0;     // sum of holes
  std::uint64_t bitHoleBits = 0;   // unused bits inside bytes that bit-fields partly use
  std::uint64_t trailingPadding = 0;
  std::uint64_t padding = 0;       // holeBytes + trailingPadding
  std::uint64_t sumMembers = 0;    // bytes of the fields (bit-fields counted in bits, rounded up), pahole's "sum members"
};


// One line of a type's field table, with absolute offsets (from the start of the type shown). Without
// --expand the rows are the type's own layout items; with it, the items of nested aggregates follow their
// field, one level deeper.
struct LayoutRow {
  LayoutItem::What what = LayoutItem::What::Field;
  std::uint64_t bitOffset = 0;   // absolute; for a virtual base, where the ABI placed it (0 when unknown)
  std::uint64_t bitSize = 0;     // bits covered; 0 for zero-size fields and virtual bases at run-time offsets
  unsigned depth = 0;            // 0: the type's own items; n: inside n levels of nested aggregates
  int owner = -1;                // whose field: -1 the type shown, else an index in TypeTable::types
  int field = -1;                // What::Field: index in the owner's fields
  std::uint64_t arrayCount = 0;  // an expanded array: the rows one level deeper are element 0 of arrayCount
  int tailPaddingOf = -1;        // a member living in the tail padding of the base at this index of the owner's fields
  bool emptyOverlap = false;     // an empty base or [[no_unique_address]] member sharing another field's bytes
  std::uint64_t firstLine = 0;   // cache line holding the row's first byte
  std::uint64_t lastLine = 0;    // cache line holding its last byte; > firstLine: it straddles a boundary
};

// A cache-line boundary marked in a type's table: before the first row that starts in line k (as pahole
// marks them), with the earlier fields whose bytes cross it.
struct CacheLineBoundary {
  std::uint64_t line = 0;        // k: the boundary at the start of cache line k
  std::uint64_t offset = 0;      // bytes: k × lineSize
  std::size_t beforeRow = 0;     // index in the rows of the first row starting in line k (at or after `offset`)
  std::vector<std::size_t> straddledBy; // earlier rows (fields) whose bytes cross `offset`
};

struct CacheLines {
  std::uint64_t lineSize = 64;
  std::uint64_t count = 0;         // pahole's "cachelines": lines the type spans, ceil(size / lineSize)
  std::uint64_t lastLineBytes = 0; // pahole's "last cacheline": size % lineSize; 0 when size is a multiple
  std::vector<CacheLineBoundary> boundaries; // in row order; lines wholly inside one field get none
};

// --suggest: a field order with fewer holes, or why there is none.
struct Suggestion {
  enum class Status {
    Reordered,    // `order` gives a smaller type
    NoHoles,      // nothing to gain: no holes
    NoGain,       // holes, but no order found that makes the type smaller
    Union,        // members overlap by design
    Packed,       // no alignment padding to remove
    VirtualBases, // the ABI places virtual bases
    Rust,         // rustc already reorders repr(Rust) structs
    SystemHeader, // declared in a system header: its order is fixed by an ABI (ask for it by name)
    Enum,         // nothing to reorder
  };
  Status status = Status::NoHoles;
  std::vector<int> order;               // indices in Type::fields, in the suggested order
  std::vector<std::uint64_t> bitOffsets; // parallel to `order`: where each field lands
  std::uint64_t size = 0;               // bytes, rounded up to the type's alignment
  std::uint64_t padding = 0;            // holes plus trailing padding of the suggested order
};

// Everything analysis says about one type shown to the user.
struct TypeFacts {
  Layout layout;                        // the type's own fields (C-like enums: empty, no padding)
  std::vector<LayoutRow> rows;          // the table to show (with --expand: nested fields too)
  CacheLines cacheLines;
  std::vector<Layout> variantLayouts;   // Kind::Enum with data: one per Type::variants, over the whole enum
  std::optional<Suggestion> suggestion; // only with --suggest
};

} // namespace memlayout::model
