// DW_TAG_member and DW_TAG_inheritance → model::Field: offsets (constants or location expressions),
// bit-fields in both encodings (DWARF 2-4 DW_AT_bit_offset, DWARF 4-5 DW_AT_data_bit_offset), static
// members skipped, vtable pointers, virtual bases.
#include "dwarf/dies.h"
#include "dwarf/type_builder.h"

#include <llvm/DebugInfo/DWARF/DWARFUnit.h>
#include <llvm/Support/DataExtractor.h>

#include <algorithm>

namespace memlayout::dwarf {
using namespace llvm::dwarf;

namespace {

// Offsets and sizes beyond this are damage, not layouts (and would overflow in bits).
constexpr std::uint64_t kMaxBytes = std::uint64_t{1} << 56;

struct MemberLocation {
  bool dynamic = false;      // an expression that reads memory (a virtual base's offset from the vtable)
  std::uint64_t offset = 0;  // bytes
};

// DW_AT_data_member_location: a constant (DWARF 3+), or an expression that is one (DWARF 2:
// DW_OP_plus_uconst N); anything else is computed at run time.
MemberLocation memberLocation(const Die &member) {
  MemberLocation location;
  auto value = member.find(DW_AT_data_member_location);
  if (!value) return location; // union members, DWARF 5 bit-fields
  const llvm::DWARFUnit *unit = member.getDwarfUnit();
  const bool loclistForm = unit->getVersion() <= 3 &&
                           (value->getForm() == DW_FORM_data4 || value->getForm() == DW_FORM_data8);
  if (value->isFormClass(llvm::DWARFFormValue::FC_Constant) && !loclistForm) {
    if (value->getForm() == DW_FORM_sdata && static_cast<std::int64_t>(value->getRawUValue()) < 0)
      location.dynamic = true;
    else
      location.offset = value->getRawUValue();
    return location;
  }
  auto block = value->getAsBlock();
  if (!block || block->empty()) {
    location.dynamic = true;
    return location;
  }
  llvm::DataExtractor data(llvm::StringRef(reinterpret_cast<const char *>(block->data()), block->size()),
                           unit->isLittleEndian(), unit->getAddressByteSize());
  llvm::DataExtractor::Cursor cursor(0);
  const std::uint8_t op = data.getU8(cursor);
  std::uint64_t operand = 0;
  if (op == DW_OP_plus_uconst || op == DW_OP_constu) operand = data.getULEB128(cursor);
  else if (op >= DW_OP_lit0 && op <= DW_OP_lit31) operand = op - DW_OP_lit0;
  else if (op == DW_OP_const1u) operand = data.getU8(cursor);
  else if (op == DW_OP_const2u) operand = data.getU16(cursor);
  else if (op == DW_OP_const4u) operand = data.getU32(cursor);
  else if (op == DW_OP_const8u) operand = data.getU64(cursor);
  else location.dynamic = true;
  if (!cursor) {
    llvm::consumeError(cursor.takeError());
    location.dynamic = true;
    return location;
  }
  if (!location.dynamic && cursor.tell() != block->size()) location.dynamic = true; // more than one operation
  if (!location.dynamic) location.offset = operand;
  return location;
}

} // namespace

std::optional<std::uint64_t> constantMemberOffset(const Die &member) {
  const MemberLocation location = memberLocation(member);
  if (location.dynamic || location.offset > kMaxBytes) return std::nullopt;
  return location.offset;
}

std::optional<model::Field> TypeBuilder::readMember(const Die &member, bool inheritance) {
  // Static data members: DW_TAG_member with DW_AT_declaration (DWARF 4; DWARF 5 uses DW_TAG_variable).
  if (!inheritance && isDeclaration(member)) return std::nullopt;
  model::Field field;
  if (const char *name = rawName(member)) field.name = name;
  field.base = inheritance;
  field.artificial = hasFlag(member, DW_AT_artificial);

  Die type = referencedType(member);
  field.typeName = namer_.typeName(type);
  const TypeShape shape = shapeOf(type, abi_);
  field.byteSize = shape.size;
  if (field.byteSize > kMaxBytes) {
    warn(member, "member size out of range");
    field.byteSize = 0;
  }
  if (shape.isArray) field.arrayCount = shape.elements;
  std::uint64_t aggregateAlign = 0;
  if (shape.aggregate.isValid()) {
    field.typeIndex = build(shape.aggregate, false);
    if (field.typeIndex >= 0) aggregateAlign = types_[static_cast<std::size_t>(field.typeIndex)].align;
  } else if (shape.enumeration.isValid() && languageOf(member) == model::Language::Rust) {
    // Unused values of a fieldless Rust enum are a niche a wrapping enum can use: analysis needs them.
    field.typeIndex = build(shape.enumeration, false);
  }
  if (auto own = alignmentAttribute(member)) field.align = *own;
  else if (shape.explicitAlign > 0) field.align = shape.explicitAlign;
  else field.align = shape.aggregate.isValid() ? aggregateAlign : shape.align;

  const MemberLocation location = memberLocation(member);
  if (inheritance && (location.dynamic || unsignedAttribute(member, DW_AT_virtuality).value_or(0) != 0)) {
    // Placed, when the ABI rules allow, by layoutClass once the whole class is read.
    field.virtualBase = true;
    return field;
  }
  if (location.dynamic) {
    warn(member, "member offset is not a constant");
    return std::nullopt;
  }
  if (location.offset > kMaxBytes) {
    warn(member, "member offset out of range");
    return std::nullopt;
  }

  auto bitSize = unsignedAttribute(member, DW_AT_bit_size);
  if (!bitSize) {
    field.bitOffset = location.offset * 8;
    field.bitSize = field.byteSize * 8;
    return field;
  }
  field.bitField = true;
  field.bitSize = std::min(*bitSize, kMaxBytes);
  if (auto dataBitOffset = unsignedAttribute(member, DW_AT_data_bit_offset)) {
    field.bitOffset = std::min(*dataBitOffset, kMaxBytes);
    return field;
  }
  auto bitOffsetValue = member.find(DW_AT_bit_offset);
  if (!bitOffsetValue) {
    field.bitOffset = location.offset * 8;
    return field;
  }
  // DWARF 2-4: bits counted from the most significant bit of a storage unit of DW_AT_byte_size bytes
  // at the member's location. On little-endian targets the MSB is the unit's last bit.
  constexpr auto kMaxBits = static_cast<std::int64_t>(kMaxBytes);
  const std::int64_t fromMsb =
      bitOffsetValue->getForm() == DW_FORM_sdata
          ? std::clamp(static_cast<std::int64_t>(bitOffsetValue->getRawUValue()), -kMaxBits, kMaxBits)
          : static_cast<std::int64_t>(std::min(bitOffsetValue->getRawUValue(), kMaxBytes));
  const std::uint64_t storageBytes =
      std::min(unsignedAttribute(member, DW_AT_byte_size).value_or(field.byteSize), kMaxBytes);
  const std::int64_t unitStart = static_cast<std::int64_t>(location.offset * 8);
  const std::int64_t start = abi_.littleEndian ? unitStart + static_cast<std::int64_t>(storageBytes * 8) - fromMsb -
                                                     static_cast<std::int64_t>(field.bitSize)
                                               : unitStart + fromMsb;
  if (start < 0) {
    warn(member, "bit-field starts before its type");
    return std::nullopt;
  }
  field.bitOffset = static_cast<std::uint64_t>(start);
  return field;
}

} // namespace memlayout::dwarf
