// Definition fingerprints (fingerprint.h): per-abbreviation plans over the raw bytes of each DIE.
#include "dwarf/fingerprint.h"

#include "dwarf/dies.h"

#include <llvm/ADT/StringExtras.h>
#include <llvm/Support/xxhash.h>

#include <algorithm>
#include <cstring>

namespace memlayout::dwarf {
namespace {

using namespace llvm::dwarf;

Fingerprint hashOf(llvm::ArrayRef<std::uint8_t> bytes) {
  const llvm::XXH128_hash_t hash = llvm::xxh3_128bits(bytes);
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

// The value of a constant that has no bytes (implicit_const, flag_present).
std::uint64_t implicitValue(const RawUnit::Step &step) {
  return step.form == DW_FORM_flag_present ? 1 : static_cast<std::uint64_t>(step.implicitConst);
}

} // namespace

DefinitionFingerprints::DefinitionFingerprints(const RawUnit &raw)
    : raw_(raw), plans_(raw.abbreviationCount()),
      typeBuffers_(static_cast<std::size_t>(kMaxTypeDepth) + 2), bodyBuffers_(static_cast<std::size_t>(kMaxTypeDepth) + 2),
      direct_(raw.littleEndian() && raw.unitEnd() + 8 <= raw.sectionSize()) {
}

void DefinitionFingerprints::appendValue(Bytes &bytes, const RawValue &value) {
  const char kind = static_cast<char>(value.kind);
  bytes.append(&kind, 1);
  bytes.number(value.value);
  bytes.number(value.bytes.size()); // so that what follows cannot pass for more of these bytes
  bytes.append(value.bytes.data(), value.bytes.size());
}

const DefinitionFingerprints::Plan &DefinitionFingerprints::makePlan(std::uint32_t abbreviation) {
  Plan &plan = plans_[abbreviation];
  plan.made = true;
  Bytes &identity = planBuffer_;
  identity.clear();
  const Tag tag = raw_.abbreviationTag(abbreviation);
  identity.number(tag);
  const llvm::ArrayRef<RawUnit::Step> steps = raw_.steps(abbreviation);
  // Where anything was written (DW_AT_decl_file, _line, _column) is left out. A member's shows nowhere;
  // a type's shows as that of the first unit that has its layout, whichever unit builds it: the merge
  // keeps one of identical layouts, the first, whatever their declarations (TypeMerger). So copies of a
  // header that differ only there are one definition, and no line table is read for a unit that builds
  // nothing.
  auto unshownDecl = [](Attribute name) {
    return name == DW_AT_decl_file || name == DW_AT_decl_line || name == DW_AT_decl_column;
  };
  plan.fixed = std::none_of(steps.begin(), steps.end(),
                            [](const RawUnit::Step &step) { return step.size == RawUnit::kVariable; });
  plan.ops.reserve(steps.size());
  // One op per attribute, in order (fixed plans leave out those that add nothing). Both kinds of plan
  // append the same bytes for the same values: one abbreviation's identity may be fixed in one unit
  // and not in the next (a constant as data1 there, udata here).
  std::uint32_t at = 0;
  bool placed = true; // every attribute so far has a fixed size: `at` is where this one starts
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const RawUnit::Step &step = steps[i];
    if (placed && step.name == DW_AT_name && step.form == DW_FORM_strp && !raw_.relocatable()) {
      plan.nameAt = at;
      plan.nameSize = step.size;
    }
    placed = placed && step.size != RawUnit::kVariable;
    const bool constant = isConstant(step.form);
    const bool unshown = unshownDecl(step.name);
    if (!unshown)
      identity.number((std::uint64_t{step.name} << 16) | (constant ? 0xffffu : static_cast<unsigned>(step.form)));
    Op op{Op::Copy, step.size, static_cast<std::uint16_t>(i), at,
          step.size >= 8 ? ~std::uint64_t{0} : (std::uint64_t{1} << (8 * step.size)) - 1};
    const bool local = step.form == DW_FORM_ref1 || step.form == DW_FORM_ref2 || step.form == DW_FORM_ref4 ||
                       step.form == DW_FORM_ref8;
    if (unshown) op.kind = Op::Skip;
    else if (step.name == DW_AT_type && local) op.kind = Op::Local;
    else if (step.name == DW_AT_type && isReference(step.form)) op.kind = Op::Chain;
    else if (isReference(step.form) && step.form != DW_FORM_ref_sig8) op.kind = Op::Skip;
    else if (step.form == DW_FORM_implicit_const || step.form == DW_FORM_flag_present) op.kind = Op::Implicit;
    else if (constant && step.size >= 1 && step.size <= 8) op.kind = Op::Word;
    else if (constant || isStringIndex(step.form) || (raw_.relocatable() && isRelocated(step.form))) op.kind = Op::Decode;
    else if (step.size == RawUnit::kVariable) op.kind = Op::Encoded;
    else if (step.size >= 1 && step.size <= 8) op.kind = Op::Word; // copied as it is, as a number
    if (step.size != RawUnit::kVariable) at += step.size;
    const bool nothing = op.kind == Op::Skip || (op.kind == Op::Copy && op.size == 0);
    if (plan.fixed && nothing) continue;
    plan.ops.push_back(op);
    switch (op.kind) {
    case Op::Word:
    case Op::Implicit: plan.appends += 8; break;
    case Op::Local: plan.appends += 16; break;
    case Op::Copy: plan.appends += op.size; break;
    default: break;
    }
  }
  plan.bytes = at;
  plan.identity = llvm::xxh3_64bits(identity.bytes());
  plan.simple = plan.fixed && direct_ && std::all_of(plan.ops.begin(), plan.ops.end(), [](const Op &op) {
    return op.kind == Op::Word || op.kind == Op::Local;
  });
  return plan;
}

void DefinitionFingerprints::appendDie(Bytes &bytes, std::uint32_t die, int depth, Mode mode) {
  const Plan &plan = planOf(raw_.die(die).abbreviation);
  bytes.number(plan.identity);
  if (!plan.fixed) {
    appendInOrder(bytes, plan, die, depth, mode);
    return;
  }
  if (direct_) appendFixed<true>(bytes, plan, die, depth, mode);
  else appendFixed<false>(bytes, plan, die, depth, mode);
}

template <bool Direct>
void DefinitionFingerprints::appendFixed(Bytes &bytes, const Plan &plan, std::uint32_t die, int depth, Mode mode) {
  const char *data = raw_.bytes();
  const std::uint64_t start = raw_.attributesAt(die);
  auto valueOf = [&](const Op &op) -> std::uint64_t {
    if constexpr (!Direct) {
      return raw_.fixedAt(start + op.at, op.size);
    } else {
      std::uint64_t word = 0;
      std::memcpy(&word, data + start + op.at, sizeof word);
      return word & op.mask;
    }
  };
  const llvm::ArrayRef<RawUnit::Step> steps = raw_.steps(raw_.die(die).abbreviation);
  // Room for what the ops put through the cursor; the rare ops that append on their own commit the
  // cursor first and make the room again after.
  char *out = bytes.room(plan.appends);
  auto onItsOwn = [&](auto append) {
    bytes.commit(out);
    append();
    out = bytes.room(plan.appends);
  };
  for (const Op &op : plan.ops) {
    switch (op.kind) {
    case Op::Word: out = Bytes::put(out, valueOf(op)); break;
    case Op::Local: {
      const std::uint32_t type = localIndex(raw_.unitOffset() + valueOf(op));
      if (type != RawUnit::kNone) out = Bytes::put(out, localType(type, depth, mode));
      else onItsOwn([&] { appendReference(bytes, raw_.unitOffset() + valueOf(op), depth, mode); });
      break;
    }
    case Op::Implicit: out = Bytes::put(out, implicitValue(steps[op.step])); break;
    case Op::Copy:
      std::memcpy(out, data + start + op.at, op.size);
      out += op.size;
      break;
    case Op::Decode: onItsOwn([&] { appendDecoded(bytes, steps[op.step], start + op.at); }); break;
    case Op::Chain:
      onItsOwn([&] { bytes.print(typeOf(raw_.decode(steps[op.step], start + op.at), depth, mode)); });
      break;
    case Op::Encoded:
    case Op::Skip: break; // not in fixed plans
    }
  }
  bytes.commit(out);
}

void DefinitionFingerprints::appendInOrder(Bytes &bytes, const Plan &plan, std::uint32_t die, int depth, Mode mode) {
  const llvm::ArrayRef<RawUnit::Step> steps = raw_.steps(raw_.die(die).abbreviation);
  const char *data = raw_.bytes();
  std::uint64_t offset = raw_.attributesAt(die);
  for (const Op &op : plan.ops) {
    const RawUnit::Step &step = steps[op.step];
    switch (op.kind) {
    case Op::Word: bytes.number(raw_.fixedAt(offset, step.size)); break;
    case Op::Implicit: bytes.number(implicitValue(step)); break;
    case Op::Local: {
      const std::uint64_t target = raw_.unitOffset() + raw_.fixedAt(offset, step.size);
      const std::uint32_t type = localIndex(target);
      if (type != RawUnit::kNone) bytes.print(localType(type, depth, mode));
      else appendReference(bytes, target, depth, mode);
      break;
    }
    case Op::Encoded: {
      const std::uint64_t start = offset;
      raw_.skip(step, offset);
      bytes.append(data + start, offset - start);
      continue;
    }
    case Op::Copy: bytes.append(data + offset, step.size); break;
    case Op::Decode: appendDecoded(bytes, step, offset); break;
    case Op::Chain: bytes.print(typeOf(raw_.decode(step, offset), depth, mode)); break;
    case Op::Skip: break;
    }
    if (step.size != RawUnit::kVariable) offset += step.size;
    else raw_.skip(step, offset);
  }
}

void DefinitionFingerprints::appendDecoded(Bytes &bytes, const RawUnit::Step &step, std::uint64_t offset) {
  const RawValue value = raw_.decode(step, offset);
  if (value.kind == RawValue::Kind::Constant) bytes.number(value.value); // the identity says so
  else appendValue(bytes, value);
}

void DefinitionFingerprints::appendReference(Bytes &bytes, std::uint64_t target, int depth, Mode mode) {
  RawValue reference;
  reference.kind = RawValue::Kind::UnitRef;
  reference.value = target;
  bytes.print(typeOf(reference, depth, mode));
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
    Bytes &bytes = typeBuffers_[static_cast<std::size_t>(depth)];
    bytes.clear();
    appendValue(bytes, reference);
    return hashOf(bytes.bytes());
  };
  const std::uint32_t type =
      reference.kind == RawValue::Kind::UnitRef ? localIndex(reference.value) : RawUnit::kNone;
  if (type != RawUnit::kNone) return localType(type, depth, mode); // nearly every reference
  const std::pair<unsigned, std::uint64_t> key{static_cast<unsigned>(reference.kind) | (unsigned(mode) << 8),
                                               reference.value};
  auto [slot, inserted] = types_.try_emplace(key, standIn(depth));
  if (!inserted) return slot->second;
  const Fingerprint print = referenceItself();
  types_[key] = print;
  return print;
}

Fingerprint DefinitionFingerprints::newLocalType(std::uint32_t type, int depth, Mode mode) {
  if (depth > kMaxTypeDepth) return standIn(depth);
  std::uint32_t &slot = entries_[type].slots[static_cast<unsigned>(mode)];
  if (slot != 0) return prints_[slot - 1];
  prints_.push_back(standIn(depth));
  slot = static_cast<std::uint32_t>(prints_.size());
  const std::uint32_t at = slot - 1;
  const Fingerprint print = typeBytes(type, depth, mode);
  prints_[at] = print; // by index: prints_ grows while typeBytes runs
  return print;
}

Fingerprint DefinitionFingerprints::typeBytes(std::uint32_t type, int depth, Mode mode) {
  Bytes &bytes = typeBuffers_[static_cast<std::size_t>(depth)];
  bytes.clear();
  const RawUnit::Die &die = raw_.die(type);
  const bool named = raw_.has(type, rawBit(RawAttribute::Name)) != 0;
  if (isTypeOfInterest(die.tag) && (mode == Mode::Layout || !named)) {
    // Its body's print (its name is part of its attributes), told apart by a constant rather than hashed
    // again: a bijection, so no two bodies meet.
    const Fingerprint body = bodyOf(type, depth + 1);
    return {body.low ^ 0x9e3779b97f4a7c15u, body.high};
  }
  if (mode == Mode::Name && named && isNamedByName(die.tag)) {
    // A name in .debug_str: the print is the tag and the offset as they are, no hash (a hash meets one
    // only by a chance of 2^-112: its low word under 2^16, its high word that offset). Others are hashed.
    const Plan &plan = planOf(die.abbreviation);
    if (plan.nameSize != 0) return {die.tag, raw_.fixedAt(raw_.attributesAt(type) + plan.nameAt, plan.nameSize)};
    RawValue values[kRawAttributes];
    raw_.read(type, values, rawBit(RawAttribute::Name));
    const RawValue &name = values[static_cast<std::size_t>(RawAttribute::Name)];
    if (name.kind == RawValue::Kind::StrOffset) return {die.tag, name.value};
    bytes.number(die.tag);
    appendValue(bytes, name);
  } else {
    const Mode next = isPointerLike(die.tag) ? Mode::Name : mode;
    appendDie(bytes, type, depth + 1, next);
    // An array's bounds, a function type's parameters.
    if (die.tag == DW_TAG_array_type || die.tag == DW_TAG_subroutine_type)
      for (std::uint32_t child = type + 1; child < die.end; child = raw_.die(child).end)
        appendDie(bytes, child, depth + 1, next);
  }
  return hashOf(bytes.bytes());
}

Fingerprint DefinitionFingerprints::bodyOf(std::uint32_t die, int depth) {
  if (depth > kMaxTypeDepth) return standIn(depth);
  std::uint32_t &slot = entries_[die].slots[2];
  if (slot != 0) return prints_[slot - 1];
  prints_.push_back(standIn(depth));
  slot = static_cast<std::uint32_t>(prints_.size());
  const std::uint32_t at = slot - 1;
  Bytes &bytes = bodyBuffers_[static_cast<std::size_t>(depth)];
  bytes.clear();
  appendDie(bytes, die, depth, Mode::Layout);
  appendMembers(bytes, die, depth);
  const Fingerprint print = hashOf(bytes.bytes());
  prints_[at] = print;
  return print;
}

// appendDie's bytes for a simple plan, in Layout mode: a member as gcc writes most of them (name, type,
// offset) costs no call, and no dispatch but Word or Local.
void DefinitionFingerprints::appendSimple(Bytes &bytes, const Plan &plan, std::uint32_t die, int depth) {
  const char *attributes = raw_.bytes() + raw_.attributesAt(die);
  char *out = bytes.room(sizeof plan.identity + plan.appends);
  out = Bytes::put(out, plan.identity);
  for (const Op &op : plan.ops) {
    std::uint64_t word = 0;
    std::memcpy(&word, attributes + op.at, sizeof word);
    word &= op.mask;
    if (op.kind == Op::Word) {
      out = Bytes::put(out, word);
      continue;
    }
    const std::uint32_t type = localIndex(raw_.unitOffset() + word);
    if (type != RawUnit::kNone) {
      out = Bytes::put(out, localType(type, depth, Mode::Layout));
    } else {
      bytes.commit(out);
      appendReference(bytes, raw_.unitOffset() + word, depth, Mode::Layout);
      out = bytes.room(plan.appends);
    }
  }
  bytes.commit(out);
}

void DefinitionFingerprints::appendMembers(Bytes &bytes, std::uint32_t die, int depth) {
  const std::uint32_t end = raw_.die(die).end;
  for (std::uint32_t child = die + 1; child < end; child = raw_.die(child).end) {
    const Tag tag = raw_.die(child).tag;
    if (tag == DW_TAG_subprogram || tag == DW_TAG_template_type_parameter) {
      bytes.number(tag); // no bytes of the layout
      continue;
    }
    const Plan &plan = planOf(raw_.die(child).abbreviation);
    if (plan.simple) appendSimple(bytes, plan, child, depth);
    else appendDie(bytes, child, depth, Mode::Layout);
    // A variant part's variants; nested type definitions are bodies of their own.
    if (tag == DW_TAG_variant_part || tag == DW_TAG_variant) appendMembers(bytes, child, depth);
  }
}

Fingerprint DefinitionFingerprints::bodyOfDefinition(std::uint32_t die) {
  // Made on the first call: a query for one type fingerprints nothing in most units.
  if (!entries_) {
    const llvm::ArrayRef<RawUnit::Die> dies = raw_.dies();
    entries_ = std::make_unique_for_overwrite<Entry[]>(dies.size());
    for (std::size_t i = 0; i < dies.size(); ++i) entries_[i] = {dies[i].offset, {0, 0, 0}};
  }
  return bodyOf(die, 0);
}

Fingerprint DefinitionFingerprints::of(std::uint32_t die, std::string_view qualifiedName) {
  RawValue values[kRawAttributes];
  raw_.read(die, values, rawBit(RawAttribute::Name));
  const RawValue &name = values[static_cast<std::size_t>(RawAttribute::Name)];
  if (name.kind == RawValue::Kind::StrOffset)
    if (const auto text = raw_.text(name); text && *text == qualifiedName) return ofNamedAt(die, name.value);
  const Fingerprint body = bodyOfDefinition(die);
  Bytes &bytes = definitionBuffer_;
  bytes.clear();
  bytes.append(qualifiedName.data(), qualifiedName.size());
  bytes.append("", 1);
  bytes.print(body);
  return hashOf(bytes.bytes());
}

Fingerprint DefinitionFingerprints::ofNamedAt(std::uint32_t die, std::uint64_t nameOffset) {
  const Fingerprint body = bodyOfDefinition(die);
  Bytes &bytes = definitionBuffer_;
  bytes.clear();
  bytes.append("", 1); // no name's text starts with a NUL
  bytes.number(nameOffset);
  bytes.print(body);
  return hashOf(bytes.bytes());
}

} // namespace memlayout::dwarf
