// What a type is, as plain values: kind, language, size, alignment, fields with bit-exact placement,
// enumerators/variants, and the table of all types a reader found.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace memlayout::model {

enum class Kind { Struct, Class, Union, Enum, Tuple };
enum class Language { Unknown, C, Cpp, Rust, Other };

struct Decl {
  std::string file;            // as DWARF names it (the samples are built with -fdebug-prefix-map)
  unsigned line = 0;
};

struct Field {
  std::string name;            // "" for anonymous members; "0", "1", … for tuple fields
  std::string typeName;        // as written in the source: typedef names kept ("size_t", "u32")
  std::uint64_t bitOffset = 0; // from the start of the enclosing type
  std::uint64_t bitSize = 0;   // bits occupied: the width for bit-fields, 8 × byteSize otherwise
  std::uint64_t byteSize = 0;  // size of the field's type (for bit-fields: of the declared type)
  std::uint64_t align = 0;     // alignment of the field's type; 0 when unknown
  bool bitField = false;
  bool base = false;           // a base-class subobject
  bool artificial = false;     // compiler-made (vtable pointer)
  bool virtualBase = false;    // offset known only at run time (DWARF location expression)
  // Index in TypeTable::types of the aggregate this field is (through typedefs, cv, not through
  // pointers; arrays: of the element type), or -1. Lets --expand show nested fields.
  std::int32_t typeIndex = -1;
  std::uint64_t arrayCount = 0; // > 0 when the field is an array of typeIndex / of its element type
};

// A discriminant value as stored in memory: its bits plus the signedness of the discriminant's type.
struct DiscriminantValue {
  std::uint64_t bits = 0;
  bool isSigned = false;
  std::int64_t asSigned() const { return static_cast<std::int64_t>(bits); }
};

// C-like enums: one variant per enumerator, no fields. Rust enums with data add fields, laid out
// over the whole enum (offsets from the start of the enum, like a struct's).
struct Variant {
  std::string name;
  // nullopt: the variant that owns a niche (the one selected by every value no other variant names),
  // or, when discriminantRanges is not empty, one selected by those ranges only.
  std::optional<DiscriminantValue> discriminant;
  // DW_AT_discr_list: ranges of values that select this variant (rare; rustc uses it for niche
  // ranges in some versions). Each pair is an inclusive [low, high].
  std::vector<std::pair<DiscriminantValue, DiscriminantValue>> discriminantRanges;
  std::vector<Field> fields;
};

// Where an enum with data stores the value that selects the variant (DW_TAG_variant_part's
// DW_AT_discr member). Whether it is a separate tag or sits in a niche of a variant's field is
// analysis (analysis/discriminant), not a reader fact.
struct Discriminant {
  std::string name;            // the member DWARF names (rustc: "__tag" / "<<tag>>"…), as given
  std::string typeName;        // "u8", "u64", "isize", …
  std::uint64_t bitOffset = 0; // from the start of the enum
  std::uint64_t byteSize = 0;
  bool isSigned = false;
};

struct Type {
  std::string name;            // qualified, as the language writes it; "" for anonymous types
  Kind kind = Kind::Struct;
  Language language = Language::Unknown;
  std::uint64_t size = 0;      // bytes
  std::uint64_t align = 0;     // bytes; 0 when unknown
  std::optional<Decl> decl;
  std::string unit;            // the compile unit it was first read from (DW_AT_name of the CU)
  std::vector<Field> fields;   // as declared; analysis orders them by offset
  std::vector<Variant> variants; // Kind::Enum: enumerators (C/C++) or variants (Rust)
  std::optional<Discriminant> discriminant; // Rust enums with data (DW_TAG_variant_part)
  std::string underlyingType;  // Kind::Enum: the enumerators' type name when DWARF gives it
  bool packed = false;         // fields sit at offsets their alignment does not allow (packed)
  bool hasVirtualBases = false;
  // True when the user's query selected it; false for a type only added because a selected type
  // nests it (for --expand). Listings and --struct output show selected types only.
  bool selected = true;
};

// What a reader found. Identical layouts read from several compile units appear once; distinct
// layouts under one name appear once each (ODR trouble, different configurations).
struct TypeTable {
  std::vector<Type> types;
  // When the reader was given a name filter: every aggregate name it saw, sorted, unique (for the
  // "nearest names" hint when nothing matches).
  std::vector<std::string> otherNames;
  // Recoverable damage in the debug info, deduplicated, one line each, in the order seen.
  std::vector<std::string> warnings;
};

} // namespace memlayout::model
