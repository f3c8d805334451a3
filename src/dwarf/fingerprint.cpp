// Definition fingerprints (fingerprint.h): per-abbreviation plans over the raw bytes of each DIE.
#include "dwarf/fingerprint.h"

#include "dwarf/dies.h"

#include <llvm/ADT/StringExtras.h>
#include <llvm/Support/xxhash.h>

namespace memlayout::dwarf {
namespace {

using namespace llvm::dwarf;

void appendNumber(std::string &bytes, std::uint64_t value) {
  bytes.append(reinterpret_cast<const char *>(&value), sizeof value);
}

void appendPrint(std::string &bytes, const Fingerprint &print) {
  appendNumber(bytes, print.low);
  appendNumber(bytes, print.high);
}

void appendValue(std::string &bytes, const RawValue &value) {
  bytes += static_cast<char>(value.kind);
  appendNumber(bytes, value.value);
  bytes.append(value.bytes);
}

Fingerprint hashOf(const std::string &bytes) {
  const llvm::XXH128_hash_t hash = llvm::xxh3_128bits(llvm::arrayRefFromStringRef(bytes));
  return {hash.low64, hash.high64};
}

bool isReference(Form form) {
  switch (form) {
  case DW_FORM_ref1:
  case DW_FORM_ref2:
  case DW_FORM_ref4:
  case DW_FORM_ref8:
  case DW_FORM_ref_udata:
  case DW_FORM_ref_addr:
  case DW_FORM_ref_sig8:
  case DW_FORM_GNU_ref_alt:
  case DW_FORM_ref_sup4:
  case DW_FORM_ref_sup8: return true;
  default: return false;
  }
}

// Forms whose encoded value means something else in another unit: indices into per-unit tables.
bool isUnitIndex(Form form) {
  switch (form) {
  case DW_FORM_strx:
  case DW_FORM_strx1:
  case DW_FORM_strx2:
  case DW_FORM_strx3:
  case DW_FORM_strx4:
  case DW_FORM_GNU_str_index: return true;
  default: return false;
  }
}

// Constants, whose form a compiler picks per unit (gcc writes one struct's DW_AT_decl_column as
// implicit_const in one unit and data1 in the next): hashed by value, whatever the form.
bool isConstant(Form form) {
  switch (form) {
  case DW_FORM_data1:
  case DW_FORM_data2:
  case DW_FORM_data4:
  case DW_FORM_data8:
  case DW_FORM_udata:
  case DW_FORM_sdata:
  case DW_FORM_implicit_const:
  case DW_FORM_flag:
  case DW_FORM_flag_present: return true;
  default: return false;
  }
}

// Forms relocations apply to in a relocatable object.
bool isRelocated(Form form) {
  switch (form) {
  case DW_FORM_strp:
  case DW_FORM_line_strp:
  case DW_FORM_sec_offset:
  case DW_FORM_addr:
  case DW_FORM_strp_sup:
  case DW_FORM_GNU_strp_alt: return true;
  default: return false;
  }
}

} // namespace

DefinitionFingerprints::DefinitionFingerprints(const RawUnit &raw, llvm::DWARFUnit &unit, DeclFiles &declFiles)
    : raw_(raw), unit_(unit), declFiles_(declFiles), plans_(raw.abbreviationCount()),
      typeBuffers_(static_cast<std::size_t>(kMaxTypeDepth) + 2), bodyBuffers_(static_cast<std::size_t>(kMaxTypeDepth) + 2) {
  slots_.assign(raw.dies().size() * kSlotsPerDie, 0);
}

const DefinitionFingerprints::Plan &DefinitionFingerprints::planOf(std::uint32_t abbreviation) {
  Plan &plan = plans_[abbreviation];
  if (plan.made) return plan;
  plan.made = true;
  std::string &identity = planBuffer_;
  identity.clear();
  appendNumber(identity, raw_.abbreviationTag(abbreviation));
  const llvm::ArrayRef<RawUnit::Step> steps = raw_.steps(abbreviation);
  plan.ops.reserve(steps.size());
  // The ops cover the steps in order, each step once: appendDie walks both together.
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const RawUnit::Step &step = steps[i];
    const bool constant = isConstant(step.form);
    appendNumber(identity, (std::uint64_t{step.name} << 16) | (constant ? 0xffffu : static_cast<unsigned>(step.form)));
    Op op{Op::Copy, static_cast<std::uint16_t>(i), step.size};
    const bool local = step.form == DW_FORM_ref1 || step.form == DW_FORM_ref2 || step.form == DW_FORM_ref4 ||
                       step.form == DW_FORM_ref8;
    if (step.name == DW_AT_decl_file) op.kind = Op::File;
    else if (step.name == DW_AT_type && local) op.kind = Op::Local;
    else if (step.name == DW_AT_type && isReference(step.form)) op.kind = Op::Chain;
    else if (isReference(step.form) && step.form != DW_FORM_ref_sig8) op.kind = Op::Skip;
    else if (constant && step.size >= 1 && step.size <= 8) op.kind = Op::Number;
    else if (step.form == DW_FORM_implicit_const || step.form == DW_FORM_flag_present) op.kind = Op::Implicit;
    else if (constant || isUnitIndex(step.form) || (raw_.relocatable() && isRelocated(step.form))) op.kind = Op::Decode;
    else if (step.size == RawUnit::kVariable) op.kind = Op::Encoded;
    if (op.kind == Op::Copy && !plan.ops.empty() && plan.ops.back().kind == Op::Copy) {
      plan.ops.back().size += op.size; // one copy for a run of fixed-size attributes
      continue;
    }
    plan.ops.push_back(op);
  }
  plan.identity = llvm::xxh3_64bits(llvm::arrayRefFromStringRef(identity));
  return plan;
}

void DefinitionFingerprints::appendDie(std::string &bytes, std::uint32_t die, int depth, Mode mode) {
  const std::uint32_t abbreviation = raw_.die(die).abbreviation;
  const Plan &plan = planOf(abbreviation);
  const llvm::ArrayRef<RawUnit::Step> steps = raw_.steps(abbreviation);
  appendNumber(bytes, plan.identity);
  const char *data = raw_.bytes();
  std::uint64_t offset = raw_.attributesAt(die);
  for (const Op &op : plan.ops) {
    if (op.kind == Op::Copy) {
      bytes.append(data + offset, op.size);
      offset += op.size;
      continue;
    }
    const RawUnit::Step &step = steps[op.step];
    switch (op.kind) {
    case Op::Number: appendNumber(bytes, raw_.fixedAt(offset, step.size)); break;
    case Op::Implicit:
      appendNumber(bytes, step.form == DW_FORM_flag_present ? 1 : static_cast<std::uint64_t>(step.implicitConst));
      break;
    case Op::Local: {
      RawValue reference;
      reference.kind = RawValue::Kind::UnitRef;
      reference.value = raw_.unitOffset() + raw_.fixedAt(offset, step.size);
      appendPrint(bytes, typeOf(reference, depth, mode));
      break;
    }
    case Op::Encoded: {
      const std::uint64_t start = offset;
      raw_.skip(step, offset);
      bytes.append(data + start, offset - start);
      continue;
    }
    case Op::Decode: {
      const RawValue value = raw_.decode(step, offset);
      if (value.kind == RawValue::Kind::Constant) appendNumber(bytes, value.value); // the identity says so
      else appendValue(bytes, value);
      break;
    }
    case Op::File: {
      const RawValue value = step.size >= 1 && step.size <= 8 && isConstant(step.form)
                                 ? RawValue{RawValue::Kind::Constant, step.form, raw_.fixedAt(offset, step.size), {}}
                                 : raw_.decode(step, offset);
      if (value.kind == RawValue::Kind::Constant) appendPrint(bytes, fileOf(value.value));
      else appendValue(bytes, value);
      break;
    }
    case Op::Chain: appendPrint(bytes, typeOf(raw_.decode(step, offset), depth, mode)); break;
    case Op::Skip:
    case Op::Copy: break;
    }
    if (step.size != RawUnit::kVariable) offset += step.size;
    else raw_.skip(step, offset);
  }
}

Fingerprint DefinitionFingerprints::fileOf(std::uint64_t index) {
  // Nearly every member names its file: small numbers are looked up by position.
  constexpr std::uint64_t kDirect = 4096;
  if (index < kDirect && index < filesByNumber_.size() && filesByNumber_[index]) return *filesByNumber_[index];
  Fingerprint print{~std::uint64_t{0}, ~std::uint64_t{0} - 2}; // no name: all alike
  if (auto identity = declFiles_.identity(unit_, index)) print = {identity->low64, identity->high64};
  if (index < kDirect) {
    if (index >= filesByNumber_.size()) filesByNumber_.resize(index + 1);
    filesByNumber_[index] = print;
  }
  return print;
}

namespace {

bool isPointerLike(Tag tag) {
  return tag == DW_TAG_pointer_type || tag == DW_TAG_reference_type || tag == DW_TAG_rvalue_reference_type ||
         tag == DW_TAG_ptr_to_member_type;
}

// Named types whose name is all a declaration of them shows.
bool isNamedByName(Tag tag) {
  return isTypeOfInterest(tag) || tag == DW_TAG_typedef || tag == DW_TAG_base_type || tag == DW_TAG_unspecified_type;
}

// A stand-in for what damaged DWARF makes unreachable: a type that holds itself, or nests too deep.
Fingerprint standIn(int depth) { return {~std::uint64_t{0}, static_cast<std::uint64_t>(depth)}; }

} // namespace

Fingerprint DefinitionFingerprints::typeOf(const RawValue &reference, int depth, Mode mode) {
  if (depth > kMaxTypeDepth) return standIn(depth);
  // Out of the unit (or nowhere): the reference itself names the type.
  auto referenceItself = [&] {
    std::string &bytes = typeBuffers_[static_cast<std::size_t>(depth)];
    bytes.clear();
    appendValue(bytes, reference);
    return hashOf(bytes);
  };
  const std::uint32_t type =
      reference.kind == RawValue::Kind::UnitRef ? raw_.indexOf(reference.value) : RawUnit::kNone;
  if (type != RawUnit::kNone) { // nearly every reference: a DIE of this unit, memoized by its index
    std::uint32_t &slot = slots_[std::size_t{type} * kSlotsPerDie + static_cast<unsigned>(mode)];
    if (slot != 0) return prints_[slot - 1];
    prints_.push_back(standIn(depth));
    slot = static_cast<std::uint32_t>(prints_.size());
    const std::uint32_t at = slot - 1;
    const Fingerprint print = typeBytes(type, depth, mode);
    prints_[at] = print; // by index: prints_ grows while typeBytes runs
    return print;
  }
  const std::pair<unsigned, std::uint64_t> key{static_cast<unsigned>(reference.kind) | (unsigned(mode) << 8),
                                               reference.value};
  auto [slot, inserted] = types_.try_emplace(key, standIn(depth));
  if (!inserted) return slot->second;
  const Fingerprint print = referenceItself();
  types_[key] = print;
  return print;
}

Fingerprint DefinitionFingerprints::typeBytes(std::uint32_t type, int depth, Mode mode) {
  std::string &bytes = typeBuffers_[static_cast<std::size_t>(depth)];
  bytes.clear();
  const RawUnit::Die &die = raw_.die(type);
  const bool named = raw_.has(type, rawBit(RawAttribute::Name)) != 0;
  if (isTypeOfInterest(die.tag) && (mode == Mode::Layout || !named)) {
    appendPrint(bytes, bodyOf(type, depth + 1)); // its name is part of its attributes
  } else if (mode == Mode::Name && named && isNamedByName(die.tag)) {
    appendNumber(bytes, die.tag);
    RawValue values[kRawAttributes];
    raw_.read(type, values, rawBit(RawAttribute::Name));
    appendValue(bytes, values[static_cast<std::size_t>(RawAttribute::Name)]);
  } else {
    const Mode next = isPointerLike(die.tag) ? Mode::Name : mode;
    appendDie(bytes, type, depth + 1, next);
    // An array's bounds, a function type's parameters.
    if (die.tag == DW_TAG_array_type || die.tag == DW_TAG_subroutine_type)
      for (std::uint32_t child = type + 1; child < die.end; child = raw_.die(child).end)
        appendDie(bytes, child, depth + 1, next);
  }
  return hashOf(bytes);
}

Fingerprint DefinitionFingerprints::bodyOf(std::uint32_t die, int depth) {
  if (depth > kMaxTypeDepth) return standIn(depth);
  std::uint32_t &slot = slots_[std::size_t{die} * kSlotsPerDie + 2];
  if (slot != 0) return prints_[slot - 1];
  prints_.push_back(standIn(depth));
  slot = static_cast<std::uint32_t>(prints_.size());
  const std::uint32_t at = slot - 1;
  std::string &bytes = bodyBuffers_[static_cast<std::size_t>(depth)];
  bytes.clear();
  appendDie(bytes, die, depth, Mode::Layout);
  appendMembers(bytes, die, depth);
  const Fingerprint print = hashOf(bytes);
  prints_[at] = print;
  return print;
}

void DefinitionFingerprints::appendMembers(std::string &bytes, std::uint32_t die, int depth) {
  const std::uint32_t end = raw_.die(die).end;
  for (std::uint32_t child = die + 1; child < end; child = raw_.die(child).end) {
    const Tag tag = raw_.die(child).tag;
    if (tag == DW_TAG_subprogram || tag == DW_TAG_template_type_parameter) {
      appendNumber(bytes, tag); // no bytes of the layout
      continue;
    }
    appendDie(bytes, child, depth, Mode::Layout);
    // A variant part's variants; nested type definitions are bodies of their own.
    if (tag == DW_TAG_variant_part || tag == DW_TAG_variant) appendMembers(bytes, child, depth);
  }
}

Fingerprint DefinitionFingerprints::of(std::uint32_t die, std::string_view qualifiedName) {
  std::string &bytes = definitionBuffer_;
  bytes.assign(qualifiedName);
  bytes += '\0';
  appendPrint(bytes, bodyOf(die, 0));
  return hashOf(bytes);
}

} // namespace memlayout::dwarf
