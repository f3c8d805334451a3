// Hand-built fields for unit tests, placed as the DWARF reader places them: whole bytes or bit-fields.
#pragma once

#include "model/check.h"
#include "model/type.h"

#include <cstdint>
#include <string>
#include <utility>

namespace memlayout::testing {

// A field of `size` bytes at byte `offset`; its alignment defaults to its size.
inline model::Field makeField(std::string name, std::string typeName, std::uint64_t offset, std::uint64_t size,
                              std::uint64_t align = 0, std::int32_t typeIndex = -1) {
  model::Field f;
  f.name = std::move(name);
  f.typeName = std::move(typeName);
  f.bitOffset = offset * 8;
  f.byteSize = size;
  f.bitSize = size * 8;
  f.align = align ? align : size;
  f.typeIndex = typeIndex;
  return f;
}

// A bit-field `width` bits wide at `bitOffset` from the start of the type, declared with a type of
// `storage` bytes.
inline model::Field makeBitField(std::string name, std::uint64_t bitOffset, std::uint64_t width,
                                 std::uint64_t storage = 4, std::string typeName = "unsigned int") {
  model::Field f = makeField(std::move(name), std::move(typeName), 0, storage);
  f.bitOffset = bitOffset;
  f.bitSize = width;
  f.bitField = true;
  return f;
}

// A snapshot field as a baseline holds it: name, type, byte offset and size.
inline model::SnapshotField makeSnapshotField(std::string name, std::string type, std::uint64_t offset,
                                              std::uint64_t size) {
  model::SnapshotField f;
  f.name = std::move(name);
  f.type = std::move(type);
  f.offset = offset;
  f.size = size;
  return f;
}

} // namespace memlayout::testing
