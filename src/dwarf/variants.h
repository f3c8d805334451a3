// Discriminant values as the discriminant's type reads them: signedness of integer and enum types, and
// DWARF constants brought to the width of that type (DW_AT_discr_value, DW_AT_const_value), including
// the 16-byte values of 128-bit types that rustc writes as blocks.
#pragma once

#include "dwarf/die.h"
#include "model/type.h"

#include <cstdint>
#include <optional>

namespace memlayout::dwarf {

// Is this integer type signed? Through typedefs and qualifiers to the base type's DW_AT_encoding; an
// enumeration by its underlying type, else its own DW_AT_encoding, else whether any enumerator is
// written with DW_FORM_sdata. Unknown: unsigned.
bool isSignedType(Die type);

// `raw` as a value of a `byteSize`-byte integer: sign-extended from that width when `isSigned`, else
// cut to it, so 0xfd in a data1 form and -3 in sdata both read as -3 for an i8. Widths outside 1..8
// bytes keep the 64 raw bits.
model::DiscriminantValue valueOfWidth(std::uint64_t raw, std::uint64_t byteSize, bool isSigned);

struct ConstantRead {
  std::optional<model::DiscriminantValue> value;
  const char *problem = nullptr; // when there is no value: "is not a constant", "is wider than 64 bits"
};

// An attribute's constant as a value of a `byteSize`-byte integer: any constant form (valueOfWidth),
// or a block / DW_FORM_data16 of up to 16 bytes in the target's byte order (rustc's u128 and i128
// values), kept when it fits in 64 bits (sign- or zero-extended).
ConstantRead readConstant(const llvm::DWARFFormValue &value, std::uint64_t byteSize, bool isSigned,
                          bool littleEndian);

} // namespace memlayout::dwarf
