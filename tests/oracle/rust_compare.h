// tests/oracle/rust_compare.h: compares one type as `rustc -Zprint-type-sizes` lays it out with memlayout's JSON for it.
//
// What is compared (rustc's words in rust_type_sizes.h):
//  * size and align;
//  * structs, tuple structs, unions: every field rustc lists, by name, at the same offset with the same
//    size, and no field rustc does not list; holes (rustc's `padding:` lines) and trailing padding
//    (`end padding`). A closure: rustc 1.95 lists none of its captures, so only size and align; a fat
//    Box, which DWARF describes as its two words (data_ptr + length, pointer + vtable): size and align;
//  * enums with data: a `discriminant:` line means a tag (memlayout `discriminant.kind` "tag", that
//    size, at offset 0: rustc puts a direct tag first), none means the niche layout ("niche") when
//    there are two variants or more; the same variants by name (rustc prints only the one variant of
//    a single-variant layout, Result<Infallible, E>'s Err); each variant's fields as for a
//    struct; each variant's size as rustc computes it from the fields' end (rust_type_sizes.h);
//  * fieldless enums: the discriminant is the whole enum and memlayout lists each enumerator;
//  * async fn futures (coroutines): as enums, except that rustc leaves out states it has no fields
//    for, its tag may follow the fields, and a variant's size counts the tag when it does.
#pragma once

#include "rust_type_sizes.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace memlayout::testing {

// Each difference as one line ("variant Move: field 'x': offset: memlayout 12, rustc 8"); none when
// memlayout agrees with rustc.
std::vector<std::string> compareRustType(const RustcType &rustc, const nlohmann::json &type);

// What rustc prints for closures, async fn bodies and async blocks.
bool isRustcCoroutine(const std::string &rustcName);
bool isRustcClosure(const std::string &rustcName);

} // namespace memlayout::testing
