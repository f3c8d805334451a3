// Structs, classes, unions and enums from their DIEs: kind, names, size, alignment and packing, decl,
// enumerators.
#include "dwarf/type_builder.h"

#include "dwarf/dies.h"
#include "dwarf/language.h"
#include "dwarf/variants.h"

#include <llvm/DebugInfo/DWARF/DWARFUnit.h>
#include <llvm/Support/Format.h>

#include <algorithm>

namespace memlayout::dwarf {
using namespace llvm::dwarf;

model::Language modelLanguage(std::uint64_t dwLanguage) {
  const std::string name = languageName(dwLanguage);
  if (name == "C") return model::Language::C;
  if (name == "C++") return model::Language::Cpp;
  if (name == "Rust") return model::Language::Rust;
  return model::Language::Other;
}

namespace {

constexpr std::uint64_t kMaxTypeBytes = std::uint64_t{1} << 56;

model::Language languageOfUnit(const Die &unitDie) {
  auto language = unsignedAttribute(unitDie, DW_AT_language);
  return language ? modelLanguage(*language) : model::Language::Unknown;
}

model::Kind kindOf(Tag tag) {
  switch (tag) {
  case DW_TAG_class_type: return model::Kind::Class;
  case DW_TAG_union_type: return model::Kind::Union;
  case DW_TAG_enumeration_type: return model::Kind::Enum;
  default: return model::Kind::Struct;
  }
}

} // namespace

TypeBuilder::TypeBuilder(llvm::DWARFUnit &unit, const Die &unitDie, const Abi &abi, Warnings &warnings)
    : abi_(abi), warnings_(warnings), namer_(languageOfUnit(unitDie)), declFiles_(warnings) {
  unitLanguage_ = languageOfUnit(unitDie);
  languages_[&unit] = unitLanguage_;
  declFiles_.describe(unit, llvm::dwarf::toSectionOffset(unitDie.find(DW_AT_stmt_list)),
                      llvm::dwarf::toString(unitDie.find(DW_AT_comp_dir), nullptr));
  if (!unit.isTypeUnit())
    if (const char *name = rawName(unitDie)) unitName_ = name;
  // rustc names a unit "<crate root>/@/<codegen unit>", the latter with a hash that changes with the
  // compiler and flags: the crate root is what users know.
  if (unitLanguage_ == model::Language::Rust)
    if (auto at = unitName_.find("/@/"); at != std::string::npos) unitName_.erase(at);
}

model::Language TypeBuilder::languageOf(const Die &die) {
  llvm::DWARFUnit *unit = die.getDwarfUnit();
  auto [it, inserted] = languages_.try_emplace(unit, model::Language::Unknown);
  if (inserted) it->second = languageOfUnit(Die(unit->getUnitDIE()));
  // A type unit without DW_AT_language serves the units that refer to it.
  return it->second == model::Language::Unknown ? unitLanguage_ : it->second;
}

void TypeBuilder::warn(const Die &die, const std::string &what) {
  std::string text;
  llvm::raw_string_ostream out(text);
  if (die.isValid()) out << "DIE at " << llvm::format_hex(die.getOffset(), 10) << ": ";
  out << what;
  warnings_.add(out.str());
}

std::int32_t TypeBuilder::build(const Die &die, bool selected) {
  const DieKey key(die);
  if (auto found = built_.find(key); found != built_.end()) {
    if (selected && found->second >= 0) types_[static_cast<std::size_t>(found->second)].selected = true;
    return found->second;
  }
  if (inProgress_.count(key)) {
    warn(die, "type contains itself");
    return -1;
  }
  if (inProgress_.size() >= static_cast<std::size_t>(kMaxTypeDepth)) {
    warn(die, "types nested too deeply");
    return -1;
  }
  inProgress_.insert(key);
  ClassFacts facts;
  model::Type type = readAggregate(die, facts);
  inProgress_.erase(key);
  // Anonymous types only ever appear inside the types that hold them.
  type.selected = selected && !type.name.empty();
  const auto index = static_cast<std::int32_t>(types_.size());
  types_.push_back(std::move(type));
  facts_.push_back(facts);
  built_.emplace(key, index);
  return index;
}

namespace {

bool isRustTupleFieldName(const std::string &name) {
  return name.size() > 2 && name.rfind("__", 0) == 0 &&
         std::all_of(name.begin() + 2, name.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Tuple fields are __0, __1, …; the language says 0, 1, …
void renameRustTupleFields(std::vector<model::Field> &fields) {
  for (model::Field &field : fields)
    if (isRustTupleFieldName(field.name)) field.name.erase(0, 2);
}

} // namespace

bool isVariantStruct(const Die &die) {
  if (!isAggregateTag(die.getTag())) return false;
  const Die parent = die.getParent();
  if (!parent.isValid() || !isAggregateTag(parent.getTag())) return false;
  for (const Die &sibling : parent.children())
    if (sibling.getTag() == DW_TAG_variant_part) return true;
  return false;
}

model::Type TypeBuilder::readAggregate(const Die &die, ClassFacts &facts) {
  model::Type type;
  type.name = namer_.qualifiedName(die);
  type.kind = kindOf(die.getTag());
  type.language = languageOf(die);
  if (type.language == model::Language::Rust && type.name.rfind('(', 0) == 0) type.kind = model::Kind::Tuple;
  type.unit = unitName_;
  type.size = unsignedAttribute(die, DW_AT_byte_size).value_or(0);
  if (type.size == 0)
    if (auto bits = unsignedAttribute(die, DW_AT_bit_size)) type.size = *bits / 8 + (*bits % 8 != 0);
  if (type.size > kMaxTypeBytes) { // layouts are computed in bits: keep them far from overflowing
    warn(die, "type size out of range");
    type.size = 0;
  }
  if (auto file = unsignedAttribute(die, DW_AT_decl_file)) {
    if (auto name = declFiles_.name(*die.getDwarfUnit(), *file)) {
      model::Decl decl;
      decl.file = *name;
      decl.line = static_cast<unsigned>(unsignedAttribute(die, DW_AT_decl_line).value_or(0));
      type.decl = std::move(decl);
    }
  }
  if (type.kind == model::Kind::Enum) {
    readEnumerators(die, type);
    return type;
  }
  bool hasVariantPart = false;
  for (const Die &child : die.children()) {
    const Tag tag = child.getTag();
    if (tag == DW_TAG_variant_part) {
      // A Rust enum with data (rustc writes it as a struct holding a variant part), or an async fn's
      // or coroutine's states.
      hasVariantPart = true;
      readVariantPart(child, die, type);
      continue;
    }
    if (tag != DW_TAG_member && tag != DW_TAG_inheritance) continue;
    if (auto field = readMember(child, tag == DW_TAG_inheritance)) type.fields.push_back(std::move(*field));
  }
  if (type.language == model::Language::Rust) {
    renameRustTupleFields(type.fields);
    for (model::Variant &variant : type.variants) renameRustTupleFields(variant.fields);
  }
  if (hasVariantPart) {
    type.kind = model::Kind::Enum;
    computeEnumAlignment(die, type);
    facts.nvSize = type.size;
    return type;
  }
  computeAlignment(die, type);
  if (type.kind != model::Kind::Union) facts = layoutClass(type, types_, facts_);
  else facts.nvSize = type.size;
  return type;
}

void TypeBuilder::computeEnumAlignment(const Die &die, model::Type &type) {
  std::uint64_t maxAlign = 1;
  auto consider = [&](const std::vector<model::Field> &fields) {
    for (const model::Field &field : fields) maxAlign = std::max(maxAlign, field.align);
  };
  consider(type.fields);
  for (const model::Variant &variant : type.variants) consider(variant.fields);
  if (type.discriminant) maxAlign = std::max(maxAlign, scalarAlign(type.discriminant->byteSize, false, abi_));
  type.align = alignmentAttribute(die).value_or(maxAlign);
}

void TypeBuilder::computeAlignment(const Die &die, model::Type &type) {
  const auto given = alignmentAttribute(die);
  if (given && type.language == model::Language::Rust) {
    // rustc states every type's and member's alignment: a type aligned less than a member's type is
    // repr(packed) (no other way to get there), whether or not an offset shows it.
    std::uint64_t maxAlign = 1;
    bool misaligned = false;
    for (const model::Field &field : type.fields) {
      const std::uint64_t align = std::max<std::uint64_t>(field.align, 1);
      maxAlign = std::max(maxAlign, align);
      if (!field.bitField && field.bitOffset % (align * 8) != 0) misaligned = true;
    }
    type.align = *given;
    type.packed = misaligned || *given < maxAlign;
    return;
  }
  std::uint64_t maxAlign = 1;
  bool misaligned = false;
  for (model::Field &field : type.fields) {
    std::uint64_t align = std::max<std::uint64_t>(field.align, 1);
    if (!field.virtualBase && !field.bitField && field.bitOffset % (align * 8) != 0) {
      if (field.typeIndex >= 0) {
        // A struct member at an offset its alignment does not allow: either this type is packed or the
        // member's type is (a __packed struct inside an ordinary one, as the kernel's trace entries).
        // Only scalars tell the two apart, so the member's type is taken to be aligned to what its offset
        // allows.
        const std::uint64_t offset = field.bitOffset / 8;
        align = offset == 0 ? align : std::min(align, offset & ~(offset - 1));
        field.align = align;
      } else {
        misaligned = true;
      }
    }
    maxAlign = std::max(maxAlign, align);
  }
  if (type.size % maxAlign != 0) misaligned = true;
  // gcc's __attribute__((packed)) leaves no trace in DWARF but these misplacements.
  type.packed = misaligned;
  if (given) type.align = *given;
  else type.align = misaligned ? 1 : maxAlign;
}

void TypeBuilder::readEnumerators(const Die &die, model::Type &type) {
  Die underlying = referencedDie(die, DW_AT_type);
  if (underlying.isValid()) type.underlyingType = namer_.typeName(underlying);
  TypeShape shape = shapeOf(underlying, abi_);
  if (type.size == 0) type.size = shape.size;
  if (auto given = alignmentAttribute(die)) type.align = *given;
  else type.align = shape.align != 0 ? shape.align : scalarAlign(type.size, false, abi_);
  const bool isSigned = isSignedType(die);
  for (const Die &child : die.children()) {
    if (child.getTag() != DW_TAG_enumerator) continue;
    model::Variant variant;
    if (const char *name = rawName(child)) variant.name = name;
    auto value = child.find(DW_AT_const_value);
    // sdata holds the value sign-extended, udata/dataN zero-extended: both are brought to the enum's width.
    ConstantRead read = value ? readConstant(*value, type.size, isSigned, abi_.littleEndian) : ConstantRead{};
    variant.discriminant = read.value;
    if (!value || (!read.value && std::string_view(read.problem) == "is not a constant"))
      warn(child, "enumerator without a constant value");
    else if (!read.value)
      warn(child, std::string("enumerator value ") + read.problem);
    type.variants.push_back(std::move(variant));
  }
}

} // namespace memlayout::dwarf
