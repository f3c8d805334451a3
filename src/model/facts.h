// Results of analysis, as plain values: a type's layout as ordered items, holes and padding totals, the
// table rows shown for it, cache lines, --suggest's field order, and for Rust enums where the
// discriminant lives and which niches a wrapping enum could use.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace memlayout::model {

// One stretch of a type, in bits. Holes and padding are items, not annotations on fields.
struct LayoutItem {
  // Discriminant: in a variant of an enum with data, the bytes that hold the value selecting another
  // variant (the tag, or the niche in a non-owner variant); they are used, not padding.
  enum class What { Field, Hole, BitHole, TrailingPadding, Discriminant };
  What what = What::Field;
  std::uint64_t bitOffset = 0;
  std::uint64_t bitSize = 0;
  int field = -1;              // index into Type::fields (or the variant's fields) for What::Field
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
  // A Rust struct with holes: rustc leaves none when it reorders, so this one is most likely repr(C)
  // (DWARF does not record the repr); the order is offered as for C.
  bool likelyReprC = false;
};

// Bytes whose invalid values an enum wrapping the type can use to store its discriminant (rustc's
// niche), as the field types tell it.
struct Niche {
  enum class Why {
    Bool,       // 0 and 1 are valid: 254 values free
    Char,       // 0..=0x10FFFF are valid
    Pointer,    // references, Box, NonNull, Unique, Rc/Arc through them, fn pointers: never null
    NonZero,    // NonZero* integers
    ValidRange, // a std type with a narrowed valid range (core::num::niche_types: Vec/String capacity…)
    Enum,       // a fieldless enum's unused values (the largest run between used values)
    EnumTag,    // an enum with data whose tag has unused values
    EnumNiche,  // an enum with data whose own niche is not used up
  };
  std::uint64_t offset = 0;    // bytes, from the start of the type analysed
  std::uint64_t size = 0;      // bytes
  std::string field;           // path of the field holding it ("Write.0.vec.buf.inner.cap", "flags[0]");
                               // "" for the type's own value (a fieldless enum)
  std::string typeName;        // the type of that field
  Why why = Why::Bool;
  std::uint64_t available = 0; // invalid values free; UINT64_MAX when there are more
};

// Where an enum with data stores the value that selects its variant.
struct DiscriminantFacts {
  enum class Kind {
    Tag,   // bytes of their own
    Niche, // invalid values of a field of the variant that has no discriminant value (the owner)
  };
  Kind kind = Kind::Tag;
  std::uint64_t offset = 0;    // bytes from the start of the enum
  std::uint64_t size = 0;
  std::string typeName;        // the discriminant's type as DWARF gives it ("u8", "u64")
  bool isSigned = false;
  int owner = -1;              // Niche: index in Type::variants of the variant whose field holds it
  std::string field;           // Niche: path inside the owner ("Write.0.vec.buf.inner.cap"); "" if unknown
  std::optional<Niche::Why> nicheWhy; // Niche: what makes those values invalid, when the types tell it
};

// What Option<T> costs for a Rust type T: nothing when T has a niche, else T's alignment more.
struct OptionCost {
  std::uint64_t size = 0;      // bytes
  bool free = false;           // size == T's size: None lives in a niche
};

// Everything analysis says about one type shown to the user.
struct TypeFacts {
  // The type's own fields. C-like enums: empty, no padding. Enums with data: only gap items, the bytes
  // no variant uses (neither its fields nor the discriminant), so niche bytes never count as waste.
  Layout layout;
  std::vector<LayoutRow> rows;          // the table to show (with --expand: nested fields too)
  CacheLines cacheLines;
  // Kind::Enum with data: one per Type::variants, over the whole enum, the discriminant's bytes as a
  // What::Discriminant item in every variant but the niche owner. Rows: the same with --expand applied
  // (owner -1 is the variant's fields); filled for --struct only.
  std::vector<Layout> variantLayouts;
  std::vector<std::vector<LayoutRow>> variantRows;
  std::optional<DiscriminantFacts> discriminant; // Rust enums with data
  std::vector<Niche> niches;            // Rust types, in offset order
  std::optional<OptionCost> option;     // Rust types other than unions-of-nothing: what Option<T> costs
  std::optional<Suggestion> suggestion; // only with --suggest
};

} // namespace memlayout::model
