// Sizes and ABI alignments of DWARF types; arrays (multi-dimensional, DW_AT_count or bounds, flexible).
#include "dwarf/shapes.h"

#include "dwarf/dies.h"
#include "dwarf/die_key.h"

#include <llvm/DebugInfo/DWARF/DWARFUnit.h>
#include <llvm/Object/ObjectFile.h>
#include <llvm/TargetParser/Triple.h>

#include <limits>

namespace memlayout::dwarf {
using namespace llvm::dwarf;

namespace {

std::uint64_t saturatingMultiply(std::uint64_t a, std::uint64_t b) {
  std::uint64_t product = 0;
  if (__builtin_mul_overflow(a, b, &product)) return std::numeric_limits<std::uint64_t>::max();
  return product;
}

std::optional<std::uint64_t> constantBound(const Die &subrange, Attribute attribute) {
  auto value = subrange.find(attribute);
  if (!value || !value->isFormClass(llvm::DWARFFormValue::FC_Constant)) return std::nullopt;
  return value->getRawUValue();
}

// Array bounds are signed, but gcc writes 255 as DW_FORM_data1 0xff: only sdata and an all-ones
// data4/data8 (-1, the empty array's upper bound) are negative.
std::optional<std::int64_t> signedBound(const Die &subrange, Attribute attribute) {
  auto value = subrange.find(attribute);
  if (!value || !value->isFormClass(llvm::DWARFFormValue::FC_Constant)) return std::nullopt;
  const std::uint64_t raw = value->getRawUValue();
  switch (value->getForm()) {
  case DW_FORM_sdata:
  case DW_FORM_implicit_const: return static_cast<std::int64_t>(raw);
  case DW_FORM_data4:
    if (raw == 0xffffffffu) return -1;
    break;
  case DW_FORM_data8:
    if (raw == std::numeric_limits<std::uint64_t>::max()) return -1;
    break;
  default: break;
  }
  if (raw > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) return std::nullopt;
  return static_cast<std::int64_t>(raw);
}

} // namespace

Abi abiOf(const llvm::object::ObjectFile &object) {
  Abi abi;
  abi.littleEndian = object.isLittleEndian();
  switch (object.getArch()) {
  case llvm::Triple::x86: abi.maxScalarAlign = 4; break;
  case llvm::Triple::m68k: abi.maxScalarAlign = 2; break;
  default: break;
  }
  return abi;
}

std::uint64_t scalarAlign(std::uint64_t size, bool complex, const Abi &abi) {
  std::uint64_t align = complex ? size / 2 : size;
  if (align == 0) return 1;
  align &= ~(align - 1); // the largest power of two dividing it (x87 long double is 12 or 10 bytes)
  return std::min(align, abi.maxScalarAlign);
}

std::vector<std::optional<std::uint64_t>> arrayDimensions(const Die &array) {
  std::vector<std::optional<std::uint64_t>> dimensions;
  for (const Die &child : array.children()) {
    if (child.getTag() != DW_TAG_subrange_type && child.getTag() != DW_TAG_enumeration_type) continue;
    if (auto count = constantBound(child, DW_AT_count)) {
      dimensions.push_back(*count);
      continue;
    }
    auto upper = signedBound(child, DW_AT_upper_bound);
    if (!upper) {
      dimensions.push_back(std::nullopt);
      continue;
    }
    std::int64_t lower = 0;
    if (auto given = signedBound(child, DW_AT_lower_bound)) {
      lower = *given;
    } else if (auto language = unsignedAttribute(array.getUnitDIE(), DW_AT_language)) {
      if (auto byLanguage = LanguageLowerBound(static_cast<SourceLanguage>(*language))) lower = *byLanguage;
    }
    // gcc writes int x[0] as upper bound -1 in some versions; a bound below the lower one is empty.
    if (*upper < lower) {
      dimensions.push_back(0);
      continue;
    }
    std::uint64_t count = static_cast<std::uint64_t>(*upper) - static_cast<std::uint64_t>(lower);
    dimensions.push_back(count == std::numeric_limits<std::uint64_t>::max() ? count : count + 1);
  }
  if (dimensions.empty()) dimensions.push_back(std::nullopt);
  return dimensions;
}

namespace {

TypeShape shapeWithin(Die type, const Abi &abi, int depth) {
  TypeShape shape;
  std::uint64_t elements = 1;
  for (; depth < kMaxTypeDepth; ++depth) {
    if (!type.isValid()) return shape; // void
    type = resolveSignature(type);
    if (shape.explicitAlign == 0)
      if (auto align = alignmentAttribute(type)) shape.explicitAlign = *align;
    const std::uint64_t addressSize = type.getDwarfUnit()->getAddressByteSize();
    std::uint64_t size = unsignedAttribute(type, DW_AT_byte_size).value_or(0);
    switch (type.getTag()) {
    case DW_TAG_typedef:
    case DW_TAG_const_type:
    case DW_TAG_volatile_type:
    case DW_TAG_restrict_type:
    case DW_TAG_atomic_type:
    case DW_TAG_immutable_type:
    case DW_TAG_packed_type:
    case DW_TAG_shared_type:
      type = referencedDie(type, DW_AT_type);
      continue;
    case DW_TAG_array_type: {
      std::uint64_t count = 1;
      bool known = true;
      for (const auto &dimension : arrayDimensions(type)) {
        if (!dimension) known = false;
        count = saturatingMultiply(count, dimension.value_or(0));
      }
      if (!known) count = 0;
      if (hasFlag(type, DW_AT_GNU_vector)) { // a SIMD vector: one scalar-like object
        if (size == 0) {
          TypeShape element = shapeWithin(referencedDie(type, DW_AT_type), abi, depth + 1);
          size = saturatingMultiply(element.size, count);
        }
        shape.size = saturatingMultiply(size, elements);
        shape.align = size == 0 ? 1 : std::min<std::uint64_t>(size & ~(size - 1), 64);
        return shape;
      }
      shape.isArray = true;
      elements = saturatingMultiply(elements, count);
      type = referencedDie(type, DW_AT_type);
      continue;
    }
    case DW_TAG_structure_type:
    case DW_TAG_class_type:
    case DW_TAG_union_type:
      if (!isDeclaration(type)) shape.aggregate = type;
      break;
    case DW_TAG_enumeration_type: {
      if (!isDeclaration(type)) shape.enumeration = type;
      Die underlying = referencedDie(type, DW_AT_type);
      TypeShape base = underlying.isValid() ? shapeWithin(underlying, abi, depth + 1) : TypeShape{};
      if (size == 0) size = base.size;
      shape.align = base.align != 0 ? base.align : scalarAlign(size, false, abi);
      break;
    }
    case DW_TAG_base_type: {
      const bool complex = unsignedAttribute(type, DW_AT_encoding).value_or(0) == DW_ATE_complex_float;
      if (size == 0) size = (unsignedAttribute(type, DW_AT_bit_size).value_or(0) + 7) / 8;
      shape.align = scalarAlign(size, complex, abi);
      break;
    }
    case DW_TAG_pointer_type:
    case DW_TAG_reference_type:
    case DW_TAG_rvalue_reference_type:
      if (size == 0) size = addressSize;
      shape.align = std::max<std::uint64_t>(1, std::min(size, addressSize));
      break;
    case DW_TAG_ptr_to_member_type:
      if (size == 0) {
        Die target = referencedDie(type, DW_AT_type);
        size = target.isValid() && target.getTag() == DW_TAG_subroutine_type ? 2 * addressSize : addressSize;
      }
      shape.align = std::max<std::uint64_t>(1, addressSize);
      break;
    case DW_TAG_unspecified_type: // std::nullptr_t
      if (size == 0) size = addressSize;
      shape.align = std::max<std::uint64_t>(1, std::min(size, addressSize));
      break;
    case DW_TAG_subroutine_type: size = 0; break;
    default: shape.align = scalarAlign(size, false, abi); break;
    }
    shape.size = saturatingMultiply(size, elements);
    if (shape.isArray) shape.elements = elements;
    return shape;
  }
  return shape; // a chain too long to be real: treat as unknown
}

} // namespace

TypeShape shapeOf(Die type, const Abi &abi) { return shapeWithin(type, abi, 0); }

} // namespace memlayout::dwarf
