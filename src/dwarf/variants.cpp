// DW_TAG_variant_part → model::Discriminant and model::Variant (Rust enums with data, async fn and
// coroutine states): the discriminant member (DW_AT_discr), each variant's value (DW_AT_discr_value)
// or value ranges (DW_AT_discr_list), and its fields placed over the whole enum.
#include "dwarf/variants.h"

#include "dwarf/dies.h"
#include "dwarf/type_builder.h"

#include <llvm/DebugInfo/DWARF/DWARFUnit.h>
#include <llvm/Support/DataExtractor.h>

#include <algorithm>

namespace memlayout::dwarf {
using namespace llvm::dwarf;

namespace {

bool isSignedEncoding(std::uint64_t encoding) {
  return encoding == DW_ATE_signed || encoding == DW_ATE_signed_char || encoding == DW_ATE_signed_fixed;
}

bool isStructure(const Die &die) {
  return die.isValid() && (die.getTag() == DW_TAG_structure_type || die.getTag() == DW_TAG_class_type ||
                           die.getTag() == DW_TAG_union_type);
}

bool sameField(const model::Field &a, const model::Field &b) {
  return a.name == b.name && a.typeName == b.typeName && a.bitOffset == b.bitOffset && a.bitSize == b.bitSize;
}

// Adds `field` unless the variant has it already (same name, type and place); a repeat goes to `repeats`.
void addField(std::vector<model::Field> &fields, model::Field field, std::vector<model::Field> &repeats) {
  for (const model::Field &kept : fields)
    if (sameField(kept, field)) {
      repeats.push_back(std::move(field));
      return;
    }
  fields.push_back(std::move(field));
}

// rustc (1.9x) quirk: when an async fn moves a captured argument into a local of the same name, the
// DWARF of each suspend state lists the member twice, both at the local's offset. The capture (upvar)
// still occupies its own bytes, where the Unresumed state has it: -Zprint-type-sizes shows it there,
// and the poll function copies it from there into the local. So the repeat is put back at that offset.
// Coroutine states are told by rustc's "__state" discriminant.
void placeRepeatedUpvars(model::Type &type, std::size_t firstVariant,
                         const std::vector<std::vector<model::Field>> &repeats) {
  if (!type.discriminant || type.discriminant->name != "__state") return;
  const model::Variant *unresumed = nullptr;
  for (std::size_t i = firstVariant; i < type.variants.size(); ++i)
    if (type.variants[i].name == "Unresumed") unresumed = &type.variants[i];
  if (!unresumed) return;
  std::vector<std::vector<model::Field>> placed(type.variants.size());
  for (std::size_t i = firstVariant; i < type.variants.size(); ++i) {
    if (&type.variants[i] == unresumed) continue;
    for (const model::Field &repeat : repeats[i - firstVariant])
      for (const model::Field &upvar : unresumed->fields)
        if (upvar.name == repeat.name && upvar.typeName == repeat.typeName && upvar.bitSize == repeat.bitSize &&
            upvar.bitOffset != repeat.bitOffset) {
          model::Field moved = repeat;
          moved.bitOffset = upvar.bitOffset;
          placed[i].push_back(std::move(moved));
          break;
        }
  }
  for (std::size_t i = firstVariant; i < type.variants.size(); ++i)
    for (model::Field &field : placed[i]) {
      std::vector<model::Field> ignored;
      addField(type.variants[i].fields, std::move(field), ignored);
    }
}

} // namespace

bool isSignedType(Die type) {
  for (int depth = 0; depth < kMaxTypeDepth && type.isValid(); ++depth) {
    type = resolveSignature(type);
    switch (type.getTag()) {
    case DW_TAG_typedef:
    case DW_TAG_const_type:
    case DW_TAG_volatile_type:
    case DW_TAG_atomic_type:
    case DW_TAG_immutable_type:
      type = referencedDie(type, DW_AT_type);
      continue;
    case DW_TAG_base_type: return isSignedEncoding(unsignedAttribute(type, DW_AT_encoding).value_or(0));
    case DW_TAG_enumeration_type: {
      if (referencedDie(type, DW_AT_type).isValid()) {
        type = referencedDie(type, DW_AT_type);
        continue;
      }
      if (auto encoding = unsignedAttribute(type, DW_AT_encoding)) return isSignedEncoding(*encoding);
      for (const Die &child : type.children())
        if (auto value = child.find(DW_AT_const_value); value && value->getForm() == DW_FORM_sdata) return true;
      return false;
    }
    default: return false;
    }
  }
  return false;
}

model::DiscriminantValue valueOfWidth(std::uint64_t raw, std::uint64_t byteSize, bool isSigned) {
  if (byteSize >= 1 && byteSize < 8) {
    const unsigned bits = static_cast<unsigned>(byteSize * 8);
    const std::uint64_t mask = (std::uint64_t{1} << bits) - 1;
    raw &= mask;
    if (isSigned && (raw >> (bits - 1)) != 0) raw |= ~mask;
  }
  return model::DiscriminantValue{raw, isSigned};
}

ConstantRead readConstant(const llvm::DWARFFormValue &value, std::uint64_t byteSize, bool isSigned,
                          bool littleEndian) {
  ConstantRead read;
  const auto form = value.getForm();
  if (form != DW_FORM_data16 && (value.isFormClass(llvm::DWARFFormValue::FC_Constant) || form == DW_FORM_implicit_const)) {
    read.value = valueOfWidth(value.getRawUValue(), byteSize, isSigned);
    return read;
  }
  auto block = value.getAsBlock();
  if (!block || block->empty() || block->size() > 16 || form == DW_FORM_exprloc) {
    read.problem = "is not a constant";
    return read;
  }
  const std::size_t size = block->size();
  auto byteAt = [&](std::size_t significance) { // 0: the least significant byte
    return static_cast<std::uint64_t>((*block)[littleEndian ? significance : size - 1 - significance]);
  };
  std::uint64_t low = 0;
  for (std::size_t i = 0; i < std::min<std::size_t>(size, 8); ++i) low |= byteAt(i) << (8 * i);
  if (size > 8) {
    const std::uint64_t extension = isSigned && (low >> 63) != 0 ? 0xff : 0;
    for (std::size_t i = 8; i < size; ++i)
      if (byteAt(i) != extension) {
        read.problem = "is wider than 64 bits";
        return read;
      }
  }
  read.value = valueOfWidth(low, size <= 8 ? std::min<std::uint64_t>(size, byteSize == 0 ? size : byteSize) : 8,
                            isSigned);
  return read;
}

void TypeBuilder::readVariantPart(const Die &part, const Die &owner, model::Type &type) {
  // The value's width and signedness: the discriminant member's type, else the part's own DW_AT_type
  // (a discriminant that is not stored), else 8 unsigned bytes.
  std::uint64_t width = 8;
  bool isSigned = false;
  const Die discriminantMember = referencedDie(part, DW_AT_discr);
  if (discriminantMember.isValid()) {
    std::optional<model::Field> field;
    if (discriminantMember.getTag() == DW_TAG_member) field = readMember(discriminantMember, false);
    if (field && !field->bitField) {
      isSigned = isSignedType(referencedType(discriminantMember));
      if (!type.discriminant) {
        model::Discriminant discriminant;
        discriminant.name = field->name;
        discriminant.typeName = field->typeName;
        discriminant.bitOffset = field->bitOffset;
        discriminant.byteSize = field->byteSize;
        discriminant.isSigned = isSigned;
        type.discriminant = std::move(discriminant);
      }
      width = field->byteSize;
    } else {
      warn(part, "DW_AT_discr does not name a readable member");
    }
  } else if (Die discriminantType = referencedType(part); discriminantType.isValid()) {
    width = shapeOf(discriminantType, abi_).size;
    isSigned = isSignedType(discriminantType);
  }

  const std::size_t firstVariant = type.variants.size();
  std::vector<std::vector<model::Field>> repeats; // per variant of this part: members listed twice
  for (const Die &child : part.children()) {
    const Tag tag = child.getTag();
    if (tag == DW_TAG_member && child != discriminantMember) {
      // Not DWARF that rustc writes: a member beside the variants is common to all of them.
      if (auto field = readMember(child, false)) type.fields.push_back(std::move(*field));
      continue;
    }
    if (tag != DW_TAG_variant) continue;
    model::Variant variant;
    if (auto value = child.find(DW_AT_discr_value)) {
      ConstantRead read = readConstant(*value, width, isSigned, abi_.littleEndian);
      variant.discriminant = read.value;
      if (!read.value) warn(child, std::string("DW_AT_discr_value ") + read.problem);
    }
    if (auto list = child.find(DW_AT_discr_list)) readDiscriminantList(child, *list, width, isSigned, variant);
    std::vector<model::Field> &repeated = repeats.emplace_back();

    std::vector<Die> members;
    for (const Die &member : child.children())
      if (member.getTag() == DW_TAG_member && !isDeclaration(member)) members.push_back(member);
    // rustc wraps each variant's fields in a struct of its own, nested in the enum, as the variant's only
    // member (named after the variant, or "0", "1", … for coroutine states, whose struct has the name).
    const Die wrapper = members.size() == 1 ? referencedType(members.front()) : Die();
    const auto ownerSize = unsignedAttribute(owner, DW_AT_byte_size);
    const bool wrapped = isStructure(wrapper) && !isDeclaration(wrapper) &&
                         (wrapper.getParent() == owner ||
                          (ownerSize && unsignedAttribute(wrapper, DW_AT_byte_size) == ownerSize));
    if (wrapped) {
      const char *name = rawName(wrapper);
      if (!name) name = rawName(members.front());
      if (name) variant.name = name;
      auto base = constantMemberOffset(members.front());
      if (!base) {
        warn(members.front(), "variant offset is not a constant");
        base = 0;
      }
      for (const Die &member : wrapper.children()) {
        if (member.getTag() != DW_TAG_member) continue;
        if (auto field = readMember(member, false)) {
          field->bitOffset += *base * 8;
          addField(variant.fields, std::move(*field), repeated);
        }
      }
    } else {
      for (const Die &member : members)
        if (auto field = readMember(member, false)) addField(variant.fields, std::move(*field), repeated);
    }
    type.variants.push_back(std::move(variant));
  }
  placeRepeatedUpvars(type, firstVariant, repeats);
}

void TypeBuilder::readDiscriminantList(const Die &variantDie, const llvm::DWARFFormValue &value,
                                       std::uint64_t width, bool isSigned, model::Variant &variant) {
  auto block = value.getAsBlock();
  if (!block) {
    warn(variantDie, "DW_AT_discr_list is not a block");
    return;
  }
  const llvm::DWARFUnit *unit = variantDie.getDwarfUnit();
  llvm::DataExtractor data(llvm::StringRef(reinterpret_cast<const char *>(block->data()), block->size()),
                           unit->isLittleEndian(), unit->getAddressByteSize());
  llvm::DataExtractor::Cursor cursor(0);
  // DWARF 5 §5.7.10: LEB128 values, signed exactly when the discriminant's type is.
  auto readValue = [&] {
    const std::uint64_t raw =
        isSigned ? static_cast<std::uint64_t>(data.getSLEB128(cursor)) : data.getULEB128(cursor);
    return valueOfWidth(raw, width, isSigned);
  };
  while (cursor && cursor.tell() < block->size()) {
    const std::uint8_t kind = data.getU8(cursor);
    if (kind == DW_DSC_label) {
      const model::DiscriminantValue label = readValue();
      if (cursor) variant.discriminantRanges.emplace_back(label, label);
    } else if (kind == DW_DSC_range) {
      const model::DiscriminantValue low = readValue();
      const model::DiscriminantValue high = readValue();
      if (cursor) variant.discriminantRanges.emplace_back(low, high);
    } else {
      warn(variantDie, "DW_AT_discr_list has an unknown entry kind");
      break;
    }
  }
  if (!cursor) {
    llvm::consumeError(cursor.takeError());
    warn(variantDie, "DW_AT_discr_list is truncated");
  }
}

} // namespace memlayout::dwarf
