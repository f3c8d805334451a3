// Definition fingerprints (fingerprint.h): one pass over each DIE's attributes, names as string offsets.
#include "dwarf/fingerprint.h"

#include "dwarf/dies.h"

#include <llvm/ADT/StringExtras.h>
#include <llvm/BinaryFormat/Dwarf.h>
#include <llvm/DebugInfo/DWARF/DWARFAbbreviationDeclaration.h>
#include <llvm/DebugInfo/DWARF/DWARFUnit.h>
#include <llvm/Support/LEB128.h>
#include <llvm/Support/xxhash.h>

namespace memlayout::dwarf {
namespace {

using llvm::dwarf::Attribute;
using llvm::dwarf::Form;
using llvm::dwarf::Tag;

int slotOf(Attribute attribute) {
  using S = DefinitionFingerprints;
  switch (attribute) {
  case llvm::dwarf::DW_AT_name: return S::Name;
  case llvm::dwarf::DW_AT_type: return S::Type;
  case llvm::dwarf::DW_AT_data_member_location: return S::MemberLocation;
  case llvm::dwarf::DW_AT_data_bit_offset: return S::DataBitOffset;
  case llvm::dwarf::DW_AT_bit_offset: return S::BitOffset;
  case llvm::dwarf::DW_AT_byte_size: return S::ByteSize;
  case llvm::dwarf::DW_AT_bit_size: return S::BitSize;
  case llvm::dwarf::DW_AT_discr_value: return S::DiscrValue;
  case llvm::dwarf::DW_AT_const_value: return S::ConstValue;
  case llvm::dwarf::DW_AT_count: return S::Count;
  case llvm::dwarf::DW_AT_upper_bound: return S::UpperBound;
  case llvm::dwarf::DW_AT_decl_file: return S::DeclFile;
  case llvm::dwarf::DW_AT_decl_line: return S::DeclLine;
  default: return -1;
  }
}

void appendNumber(std::string &bytes, std::uint64_t value) {
  bytes.append(reinterpret_cast<const char *>(&value), sizeof value);
}

void appendPrint(std::string &bytes, const Fingerprint &print) {
  appendNumber(bytes, print.low);
  appendNumber(bytes, print.high);
}

Fingerprint hashOf(const std::string &bytes) {
  const llvm::XXH128_hash_t hash = llvm::xxh3_128bits(llvm::arrayRefFromStringRef(bytes));
  return {hash.low64, hash.high64};
}

// A constant as its bits, a block or expression (DWARF 2's member locations) as its bytes: equal values
// give equal bytes whatever form each unit chose; absent is distinct from every value.
void appendValue(std::string &bytes, const std::optional<llvm::DWARFFormValue> &value) {
  if (!value) {
    bytes += '\x01';
    return;
  }
  if (auto block = value->getAsBlock()) {
    bytes += '\x02';
    appendNumber(bytes, block->size());
    bytes.append(reinterpret_cast<const char *>(block->data()), block->size());
    return;
  }
  bytes += '\x03';
  appendNumber(bytes, value->getRawUValue());
}

constexpr DefinitionFingerprints::SlotMask bit(DefinitionFingerprints::Slot slot) {
  return static_cast<DefinitionFingerprints::SlotMask>(1u << slot);
}

using S = DefinitionFingerprints;
constexpr S::SlotMask kMemberSlots = bit(S::Name) | bit(S::Type) | bit(S::MemberLocation) | bit(S::DataBitOffset) |
                                     bit(S::BitOffset) | bit(S::ByteSize) | bit(S::BitSize) | bit(S::DiscrValue) |
                                     bit(S::ConstValue);

// Stand-in keys of chains_ for references that do not stay in the unit.
const void *const kSectionOffset = &kMaxTypeDepth;
const void *const kSignature = &kSectionOffset;

} // namespace

const std::vector<DefinitionFingerprints::PlanStep> &
DefinitionFingerprints::planOf(const llvm::DWARFAbbreviationDeclaration &declaration, const llvm::DWARFUnit &unit) {
  auto [slot, inserted] = plans_.try_emplace({&declaration, &unit});
  if (inserted) {
    for (const auto &spec : declaration.attributes()) {
      PlanStep step;
      step.slot = static_cast<std::int8_t>(slotOf(spec.Attr));
      if (spec.isImplicitConst()) step.size = PlanStep::kImplicitConst;
      else if (auto size = spec.getByteSize(unit); size && *size > 0 && *size < PlanStep::kImplicitConst)
        step.size = static_cast<std::uint8_t>(*size);
      slot->second.push_back(step);
    }
  }
  return slot->second;
}

void DefinitionFingerprints::read(const llvm::DWARFDie &die, Attributes &out, SlotMask wanted) {
  for (auto &slot : out) slot.reset();
  const llvm::DWARFAbbreviationDeclaration *declaration = die.getAbbreviationDeclarationPtr();
  if (!declaration) return;
  const llvm::DWARFUnit &unit = *die.getDwarfUnit();
  if (extractorUnit_ != &unit) {
    extractor_.emplace(unit.getDebugInfoExtractor());
    extractorUnit_ = &unit;
  }
  const std::vector<PlanStep> &plan = planOf(*declaration, unit);
  const llvm::dwarf::FormParams params = unit.getFormParams();
  std::uint64_t offset = die.getOffset() + llvm::getULEB128Size(declaration->getCode());
  std::size_t index = 0;
  for (const auto &spec : declaration->attributes()) {
    const PlanStep step = plan[index++];
    const bool want = step.slot >= 0 && (wanted & (SlotMask{1} << step.slot)) != 0;
    if (step.size == PlanStep::kImplicitConst) {
      if (want) out[static_cast<std::size_t>(step.slot)] = llvm::DWARFFormValue::createFromSValue(spec.Form, spec.getImplicitConstValue());
      continue;
    }
    if (!want) {
      if (step.size != 0) offset += step.size;
      else if (!llvm::DWARFFormValue::skipValue(spec.Form, *extractor_, &offset, params)) return;
      continue;
    }
    llvm::DWARFFormValue value(spec.Form);
    if (!value.extractValue(*extractor_, &offset, params, &unit)) return;
    out[static_cast<std::size_t>(step.slot)] = value;
  }
}

void DefinitionFingerprints::appendName(std::string &bytes, const llvm::DWARFUnit &unit,
                                        const std::optional<llvm::DWARFFormValue> &name) {
  if (!name) {
    bytes += '\x01';
    return;
  }
  switch (name->getForm()) {
  case llvm::dwarf::DW_FORM_strp:
    bytes += '\x02';
    appendNumber(bytes, name->getRawUValue());
    return;
  case llvm::dwarf::DW_FORM_line_strp:
    bytes += '\x03';
    appendNumber(bytes, name->getRawUValue());
    return;
  case llvm::dwarf::DW_FORM_GNU_strp_alt:
  case llvm::dwarf::DW_FORM_strp_sup:
    // Into a supplementary file (dwz) LLVM does not open: the offset is all that tells names apart.
    bytes += '\x05';
    appendNumber(bytes, name->getRawUValue());
    return;
  case llvm::dwarf::DW_FORM_strx:
  case llvm::dwarf::DW_FORM_strx1:
  case llvm::dwarf::DW_FORM_strx2:
  case llvm::dwarf::DW_FORM_strx3:
  case llvm::dwarf::DW_FORM_strx4:
  case llvm::dwarf::DW_FORM_GNU_str_index: {
    // An index into the unit's string offsets: the offset it holds is a .debug_str offset, as strp's.
    auto offset = unit.getStringOffsetSectionItem(static_cast<std::uint32_t>(name->getRawUValue()));
    if (offset) {
      bytes += '\x02';
      appendNumber(bytes, *offset);
      return;
    }
    llvm::consumeError(offset.takeError());
    break;
  }
  default: break;
  }
  bytes += '\x04';
  if (const char *text = llvm::dwarf::toString(*name, nullptr)) bytes += text;
  bytes += '\0';
}

void DefinitionFingerprints::appendDeclFile(std::string &bytes, const llvm::DWARFDie &die,
                                            const std::optional<llvm::DWARFFormValue> &file) {
  auto index = file ? file->getAsUnsignedConstant() : std::nullopt;
  if (!index) {
    bytes += '\x01';
    return;
  }
  llvm::DWARFUnit &unit = *die.getDwarfUnit();
  auto [slot, inserted] = files_.try_emplace({&unit, *index});
  if (inserted) {
    std::string fileBytes(1, '\x01');
    if (auto name = declFiles_.name(unit, *index)) {
      fileBytes[0] = '\x02';
      fileBytes.append(*name);
    }
    slot->second = hashOf(fileBytes);
  }
  appendPrint(bytes, slot->second);
}

Fingerprint DefinitionFingerprints::chainOf(const llvm::DWARFDie &holder, const llvm::DWARFFormValue &reference,
                                            int depth) {
  std::pair<const void *, std::uint64_t> key{nullptr, 0};
  switch (reference.getForm()) {
  case llvm::dwarf::DW_FORM_ref1:
  case llvm::dwarf::DW_FORM_ref2:
  case llvm::dwarf::DW_FORM_ref4:
  case llvm::dwarf::DW_FORM_ref8:
  case llvm::dwarf::DW_FORM_ref_udata:
    key = {holder.getDwarfUnit(), holder.getDwarfUnit()->getOffset() + reference.getRawUValue()};
    break;
  case llvm::dwarf::DW_FORM_ref_addr: key = {kSectionOffset, reference.getRawUValue()}; break;
  case llvm::dwarf::DW_FORM_ref_sig8: key = {kSignature, reference.getRawUValue()}; break;
  default: break;
  }
  if (key.first) {
    auto found = chains_.find(key);
    if (found != chains_.end()) return found->second;
    // A chain that leads back to itself (damaged DWARF) ends here, with this stand-in.
    chains_[key] = Fingerprint{~std::uint64_t{0}, static_cast<std::uint64_t>(depth)};
  }

  // One buffer per depth, kept between calls: most chains are short strings hashed millions of times.
  std::string &bytes = chainBuffers_[static_cast<std::size_t>(depth)];
  bytes.clear();
  const llvm::DWARFDie type = referencedDie(holder, reference);
  if (!type.isValid()) {
    bytes += '\x01';
  } else {
    Attributes attributes;
    read(type, attributes, bit(Name) | bit(ByteSize) | bit(Type));
    const Tag tag = type.getTag();
    appendNumber(bytes, tag);
    appendName(bytes, *type.getDwarfUnit(), attributes[Name]);
    appendValue(bytes, attributes[ByteSize]);
    if (tag == llvm::dwarf::DW_TAG_array_type) {
      Attributes range;
      for (const llvm::DWARFDie &child : type.children()) {
        read(child, range, bit(Count) | bit(UpperBound));
        appendValue(bytes, range[Count]);
        appendValue(bytes, range[UpperBound]);
      }
    }
    if (attributes[Type] && depth < kMaxTypeDepth) appendPrint(bytes, chainOf(type, *attributes[Type], depth + 1));
  }
  const Fingerprint print = hashOf(bytes);
  if (key.first) chains_[key] = print;
  return print;
}

void DefinitionFingerprints::appendMembers(std::string &bytes, const llvm::DWARFDie &die, int depth) {
  Attributes attributes;
  for (const llvm::DWARFDie &child : die.children()) {
    const Tag tag = child.getTag();
    appendNumber(bytes, tag);
    if (tag == llvm::dwarf::DW_TAG_subprogram || tag == llvm::dwarf::DW_TAG_template_type_parameter)
      continue; // no bytes of the layout
    read(child, attributes, kMemberSlots);
    appendName(bytes, *child.getDwarfUnit(), attributes[Name]);
    for (Slot slot : {MemberLocation, DataBitOffset, BitOffset, ByteSize, BitSize, DiscrValue, ConstValue})
      appendValue(bytes, attributes[slot]);
    if (tag == llvm::dwarf::DW_TAG_member || tag == llvm::dwarf::DW_TAG_inheritance) {
      if (attributes[Type]) appendPrint(bytes, chainOf(child, *attributes[Type], 0));
      else bytes += '\x01';
    }
    if ((tag == llvm::dwarf::DW_TAG_variant_part || tag == llvm::dwarf::DW_TAG_variant) && depth < 4)
      appendMembers(bytes, child, depth + 1);
  }
}

Fingerprint DefinitionFingerprints::of(const llvm::DWARFDie &die, const std::string &qualifiedName) {
  std::string &bytes = definitionBuffer_;
  bytes.assign(qualifiedName);
  bytes += '\0';
  Attributes attributes;
  read(die, attributes, bit(ByteSize) | bit(DeclFile) | bit(DeclLine));
  appendNumber(bytes, die.getTag());
  appendValue(bytes, attributes[ByteSize]);
  appendDeclFile(bytes, die, attributes[DeclFile]);
  appendValue(bytes, attributes[DeclLine]);
  appendMembers(bytes, die, 0);
  return hashOf(bytes);
}

} // namespace memlayout::dwarf
