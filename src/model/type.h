// What a type is, as plain values: kind, language, size, alignment and fields with bit-exact placement.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace memlayout::model {

enum class Kind { Struct, Class, Union, Enum, Tuple };
enum class Language { Unknown, C, Cpp, Rust, Other };

struct Decl {
  std::string file;
  unsigned line = 0;
};

struct Field {
  std::string name;            // "" for anonymous members; "0", "1", … for tuple fields
  std::string typeName;
  std::uint64_t bitOffset = 0; // from the start of the enclosing type
  std::uint64_t bitSize = 0;   // bits occupied: the width for bit-fields, 8 × byteSize otherwise
  std::uint64_t byteSize = 0;  // size of the field's type
  std::uint64_t align = 0;     // alignment of the field's type; 0 when unknown
  bool bitField = false;
  bool base = false;           // a base-class subobject
  bool artificial = false;     // compiler-made (vtable pointer)
  bool virtualBase = false;    // offset known only at run time (DWARF location expression)
};

struct Type {
  std::string name;            // qualified, as the language writes it
  Kind kind = Kind::Struct;
  Language language = Language::Unknown;
  std::uint64_t size = 0;      // bytes
  std::uint64_t align = 0;     // bytes; 0 when unknown
  std::optional<Decl> decl;
  std::vector<Field> fields;   // as declared; analysis orders them by offset
};

} // namespace memlayout::model
