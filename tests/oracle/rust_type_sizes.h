// tests/oracle/rust_type_sizes.h: parses `rustc -Zprint-type-sizes` output into types, variants and fields with their offsets.
//
// Format (rustc_session/src/code_stats.rs; checked against rustc 1.95), one type per
// "print-type-size type:" line, types sorted by size, largest first:
//   print-type-size type: `Message`: 24 bytes, alignment: 8 bytes
//   print-type-size     discriminant: 1 bytes          only for a tag: none means a niche holds it
//   print-type-size     variant `Move`: 16 bytes       enums, unions (one variant named after the
//                                                      union) and coroutines; variants largest first
//   print-type-size         padding: 8 bytes           a gap before the next field
//   print-type-size         field `.x`: 4 bytes, alignment: 4 bytes
//   print-type-size         upvar `.b`: 8 bytes, offset: 0 bytes, alignment: 8 bytes
//   print-type-size         local `.__awaitee`: 1 bytes, type: YieldOnce
//   print-type-size     field `.a`: 4 bytes            structs and closures: fields at depth 1
//   print-type-size     end padding: 2 bytes
// Fields come in (offset, size) order and their offsets are implied: rustc keeps `min_offset`
// (the discriminant's size at the start of each variant, else 0) and prints a field's offset only
// when it lies before min_offset; otherwise it prints `padding: offset - min_offset` first when
// that is positive. After each field min_offset = offset + size. So every offset is recovered.
// A variant's printed size is the end of its last field (the variant's own size when it has no
// sized field) minus the discriminant size; for coroutines rustc adds the discriminant's size
// first when the tag lies past the variant's fields (rustc_ty_utils variant_info_for_coroutine).
#pragma once

#include "types_layout.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace memlayout::testing {

struct RustcField {
  std::string kind;             // "field", "upvar" (a coroutine's captures) or "local" (its saved locals)
  std::string name;             // without rustc's leading '.': "x", "0", "__awaitee"
  std::uint64_t offset = 0;     // bytes, recovered as described above
  std::uint64_t size = 0;
  std::optional<std::uint64_t> align; // printed only when it caused padding or the offset is explicit
  std::string typeName;         // ", type: T" (rustc names the type of some coroutine locals)
};

struct RustcVariant {
  std::string name;
  std::uint64_t printedSize = 0; // as printed (see above for what rustc subtracts)
  std::vector<RustcField> fields;
  std::vector<ByteRange> padding; // the `padding:` lines, at the offsets they stand for
};

struct RustcType {
  std::string name;             // as rustc prints it: `Message`, `std::option::Option<std::boxed::Box<i32>>`
  std::uint64_t size = 0;
  std::uint64_t align = 0;
  std::optional<std::uint64_t> discriminantSize; // a tag; nullopt for structs and niche layouts
  bool enumLike = false;        // printed variants (enums, unions, coroutines) or a discriminant
  std::vector<RustcVariant> variants;
  std::vector<RustcField> fields;  // struct-like types (structs, closures)
  std::vector<ByteRange> holes;    // struct-like types: the `padding:` lines
  std::uint64_t endPadding = 0;
  std::size_t line = 0;         // 1-based line of the "type:" line in the output
};

struct RustcDump {
  std::vector<RustcType> types;
  std::vector<std::string> errors; // lines that did not parse, with their line number
};

// Lines that do not start with "print-type-size " (warnings, the program's own output) are ignored.
RustcDump parseTypeSizes(const std::string &output);

} // namespace memlayout::testing
