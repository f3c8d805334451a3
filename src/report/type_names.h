// Words every renderer uses for types: kind and language names, display names, origins, discriminants.
#pragma once

#include "model/type.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace memlayout::report {

std::string_view kindName(model::Kind kind);           // "struct", "class", "union", "enum", "tuple"
std::string_view languageName(model::Language language); // "C", "C++", "Rust", "other", "unknown"
std::string displayName(const model::Type &type);      // the name, or "(anonymous)"
// "samples/c/structs.c:7, unit samples/c/structs.c" ("" when neither is known).
std::string originText(const model::Type &type);
// The value with the discriminant type's signedness: "-1", "9223372036854775808"; "niche" when absent.
std::string discriminantText(const model::Variant &variant);
// A field's name for tables: "(anonymous)", a base's type name, "middle:7" for bit-fields, ".0" for tuple fields.
std::string fieldLabel(const model::Field &field);
// What the vptr or another compiler-made member is, for notes: "vtable pointer" or "compiler-generated".
std::string artificialLabel(const model::Field &field);
// Bytes a field occupies: for bit-fields, from the byte holding the first bit to the one holding the
// last; for a base with virtual bases, its non-virtual part (the rest of its type lives elsewhere).
std::uint64_t fieldBytes(const model::Field &field);
// A base subobject smaller than its type (the non-virtual part of a class with virtual bases).
bool isPartialBase(const model::Field &field);

} // namespace memlayout::report
