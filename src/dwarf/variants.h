// Discriminant values as the discriminant's type reads them: signedness of integer and enum types, and
// raw DWARF constants brought to the width of that type (DW_AT_discr_value, DW_AT_const_value).
#pragma once

#include "model/type.h"

#include <llvm/DebugInfo/DWARF/DWARFDie.h>

#include <cstdint>

namespace memlayout::dwarf {

// Is this integer type signed? Through typedefs and qualifiers to the base type's DW_AT_encoding; an
// enumeration by its underlying type, else its own DW_AT_encoding, else whether any enumerator is
// written with DW_FORM_sdata. Unknown: unsigned.
bool isSignedType(llvm::DWARFDie type);

// `raw` as a value of a `byteSize`-byte integer: sign-extended from that width when `isSigned`, else
// cut to it, so 0xfd in a data1 form and -3 in sdata both read as -3 for an i8. Widths outside 1..8
// bytes keep the 64 raw bits.
model::DiscriminantValue valueOfWidth(std::uint64_t raw, std::uint64_t byteSize, bool isSigned);

} // namespace memlayout::dwarf
