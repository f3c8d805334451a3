// Hand-built Rust types as rustc 1.95 describes them in DWARF (the reader's model): the tutorial's
// Message over String's niche, a tagged enum, Option<bool>, Option<Box<i32>>, fieldless enums. For
// unit tests of discriminant, niche and renderer code; no binary is read.
#pragma once

#include "model/type.h"
#include "model_builders.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace memlayout::testing {

inline model::Field rustField(std::string name, std::string typeName, std::uint64_t offset, std::uint64_t size,
                              std::uint64_t align = 0, std::int32_t typeIndex = -1) {
  return makeField(std::move(name), std::move(typeName), offset, size, align, typeIndex);
}

inline model::Type rustType(std::string name, model::Kind kind, std::uint64_t size, std::uint64_t align,
                            std::vector<model::Field> fields = {}) {
  model::Type t;
  t.name = std::move(name);
  t.kind = kind;
  t.language = model::Language::Rust;
  t.size = size;
  t.align = align;
  t.fields = std::move(fields);
  return t;
}

inline model::Variant variant(std::string name, std::optional<std::uint64_t> value, std::vector<model::Field> fields = {},
                              bool isSigned = false) {
  model::Variant v;
  v.name = std::move(name);
  if (value) v.discriminant = model::DiscriminantValue{*value, isSigned};
  v.fields = std::move(fields);
  return v;
}

inline model::Discriminant discriminantAt(std::uint64_t offset, std::uint64_t size, std::string typeName,
                                          bool isSigned = false) {
  model::Discriminant d;
  d.typeName = std::move(typeName);
  d.bitOffset = offset * 8;
  d.byteSize = size;
  d.isSigned = isSigned;
  return d;
}

// String → Vec<u8> → RawVec → RawVecInner { cap: UsizeNoHighBit @0, ptr: Unique<u8> @8 }, len @16.
// Returns the index of String in `table`.
inline std::int32_t addString(model::TypeTable &table) {
  const auto base = static_cast<std::int32_t>(table.types.size());
  auto nested = [](model::Type t) {
    t.selected = false;
    return t;
  };
  table.types.push_back(nested(rustType("alloc::string::String", model::Kind::Struct, 24, 8,
                                        {rustField("vec", "alloc::vec::Vec<u8, alloc::alloc::Global>", 0, 24, 8, base + 1)})));
  table.types.push_back(nested(rustType("alloc::vec::Vec<u8, alloc::alloc::Global>", model::Kind::Struct, 24, 8,
                                        {rustField("buf", "alloc::raw_vec::RawVec<u8, alloc::alloc::Global>", 0, 16, 8, base + 2),
                                         rustField("len", "usize", 16, 8)})));
  table.types.push_back(nested(rustType("alloc::raw_vec::RawVec<u8, alloc::alloc::Global>", model::Kind::Struct, 16, 8,
                                        {rustField("inner", "alloc::raw_vec::RawVecInner<alloc::alloc::Global>", 0, 16, 8, base + 3)})));
  table.types.push_back(nested(rustType("alloc::raw_vec::RawVecInner<alloc::alloc::Global>", model::Kind::Struct, 16, 8,
                                        {rustField("ptr", "core::ptr::unique::Unique<u8>", 8, 8),
                                         rustField("cap", "core::num::niche_types::UsizeNoHighBit", 0, 8)})));
  return base;
}

// enum Message { Quit, Move { x: i32, y: i32 }, Write(String), ChangeColor(i32, i32, i32) }: 24 bytes,
// the discriminant in the niche of Write.0's capacity.
inline model::Type message(std::int32_t stringIndex) {
  model::Type t = rustType("samples::Message", model::Kind::Enum, 24, 8);
  t.discriminant = discriminantAt(0, 8, "u64");
  t.variants = {variant("Quit", 0x8000000000000000ull),
                variant("Move", 0x8000000000000001ull, {rustField("x", "i32", 8, 4), rustField("y", "i32", 12, 4)}),
                variant("Write", std::nullopt, {rustField("0", "alloc::string::String", 0, 24, 8, stringIndex)}),
                variant("ChangeColor", 0x8000000000000003ull,
                        {rustField("0", "i32", 8, 4), rustField("1", "i32", 12, 4), rustField("2", "i32", 16, 4)})};
  return t;
}

// enum E { A(u32, bool), B, C }: rustc 1.95 keeps a u8 tag at 0, A.1 at 1, A.0 at 4; 8 bytes.
inline model::Type tagged() {
  model::Type t = rustType("samples::E", model::Kind::Enum, 8, 4);
  t.discriminant = discriminantAt(0, 1, "u8");
  t.variants = {variant("A", 0, {rustField("1", "bool", 1, 1), rustField("0", "u32", 4, 4)}), variant("B", 1),
                variant("C", 2)};
  return t;
}

// Option<T> over a one-field niche: None = `none`, Some(T) at 0.
inline model::Type optionOf(std::string inner, std::uint64_t size, std::uint64_t none, std::int32_t typeIndex = -1) {
  model::Type t = rustType("core::option::Option<" + inner + ">", model::Kind::Enum, size, size);
  t.discriminant = discriminantAt(0, size, size == 1 ? "u8" : size == 4 ? "u32" : "u64");
  t.variants = {variant("None", none), variant("Some", std::nullopt, {rustField("0", inner, 0, size, size, typeIndex)})};
  return t;
}

// A fieldless enum (DW_TAG_enumeration_type) with these values.
inline model::Type fieldless(std::string name, std::uint64_t size, std::vector<std::int64_t> values, bool isSigned) {
  model::Type t = rustType(std::move(name), model::Kind::Enum, size, size);
  t.underlyingType = (isSigned ? "i" : "u") + std::to_string(size * 8);
  for (std::size_t i = 0; i < values.size(); ++i)
    t.variants.push_back(variant("V" + std::to_string(i), static_cast<std::uint64_t>(values[i]), {}, isSigned));
  return t;
}

} // namespace memlayout::testing
