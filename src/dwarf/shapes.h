// What a member's type occupies: its size and ABI alignment through typedefs, qualifiers and arrays,
// and the aggregate it is (or is an array of), so the caller can build that aggregate.
#pragma once

#include "dwarf/die.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace llvm::object {
class ObjectFile;
}

namespace memlayout::dwarf {

// DWARF rarely states alignment; it follows from sizes and the target's ABI.
struct Abi {
  // Largest alignment of a scalar inside a struct: the i386 System V ABI puts double, long long and
  // long double at 4; m68k at 2; elsewhere scalars are aligned to their size.
  std::uint64_t maxScalarAlign = 16;
  bool littleEndian = true;
};

Abi abiOf(const llvm::object::ObjectFile &object);

// An array type's dimensions, outermost first; nullopt for a bound DWARF does not give as a constant
// (flexible array members, variable-length arrays).
std::vector<std::optional<std::uint64_t>> arrayDimensions(const Die &array);

struct TypeShape {
  std::uint64_t size = 0;          // bytes; arrays: elements × element size (0 for flexible arrays)
  std::uint64_t align = 0;         // bytes; 0 for aggregates, whose alignment the caller computes
  std::uint64_t explicitAlign = 0; // DW_AT_alignment met on the way (on a typedef or the type)
  Die aggregate;        // the struct/class/union definition this is or is an array of
  Die enumeration;      // the enumeration definition this is or is an array of
  bool isArray = false;
  std::uint64_t elements = 0;      // when isArray: the product of all dimensions
};

TypeShape shapeOf(Die type, const Abi &abi);

// Alignment of a base type of `size` bytes (complex types align like their halves).
std::uint64_t scalarAlign(std::uint64_t size, bool complex, const Abi &abi);

} // namespace memlayout::dwarf
