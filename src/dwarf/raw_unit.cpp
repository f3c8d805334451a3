// RawUnit (raw_unit.h): abbreviation plans, the one-pass walk over a unit's DIEs, attributes on demand.
#include "dwarf/raw_unit.h"

#include "dwarf/dies.h"

#include <llvm/DebugInfo/DWARF/DWARFContext.h>
#include <llvm/DebugInfo/DWARF/DWARFUnit.h>
#include <llvm/Object/ObjectFile.h>

#include <algorithm>
#include <cstring>

namespace memlayout::dwarf {
namespace {

using namespace llvm::dwarf;

int attributeSlot(Attribute attribute) {
  switch (attribute) {
  case DW_AT_name: return static_cast<int>(RawAttribute::Name);
  case DW_AT_type: return static_cast<int>(RawAttribute::Type);
  case DW_AT_declaration: return static_cast<int>(RawAttribute::Declaration);
  case DW_AT_signature: return static_cast<int>(RawAttribute::Signature);
  case DW_AT_specification: return static_cast<int>(RawAttribute::Specification);
  default: return -1;
  }
}

// Forms whose length is encoded in the value; every other form this reader knows has a fixed size.
bool isVariable(Form form) {
  switch (form) {
  case DW_FORM_udata:
  case DW_FORM_sdata:
  case DW_FORM_ref_udata:
  case DW_FORM_strx:
  case DW_FORM_addrx:
  case DW_FORM_loclistx:
  case DW_FORM_rnglistx:
  case DW_FORM_GNU_addr_index:
  case DW_FORM_GNU_str_index:
  case DW_FORM_string:
  case DW_FORM_block1:
  case DW_FORM_block2:
  case DW_FORM_block4:
  case DW_FORM_block:
  case DW_FORM_exprloc: return true;
  default: return false;
  }
}

// A ULEB128 at `offset`, which it advances; false when it runs past `end`.
inline bool uleb(const char *data, std::uint64_t end, std::uint64_t &offset, std::uint64_t &value) {
  value = 0;
  unsigned shift = 0;
  while (offset < end) {
    const auto byte = static_cast<std::uint8_t>(data[offset++]);
    if (shift < 64) value |= std::uint64_t{byte & 0x7fu} << shift;
    if ((byte & 0x80u) == 0) return true;
    shift += 7;
  }
  return false;
}

// An SLEB128 at `offset`, which it advances; false when it runs past `end`.
bool sleb(const char *data, std::uint64_t end, std::uint64_t &offset, std::int64_t &value) {
  std::uint64_t result = 0;
  unsigned shift = 0;
  std::uint8_t byte = 0x80;
  while (byte & 0x80u) {
    if (offset >= end) return false;
    byte = static_cast<std::uint8_t>(data[offset++]);
    if (shift < 64) result |= std::uint64_t{byte & 0x7fu} << shift;
    shift += 7;
  }
  if (shift < 64 && (byte & 0x40u)) result |= ~std::uint64_t{0} << shift;
  value = static_cast<std::int64_t>(result);
  return true;
}

// The size of the forms compilers write most, as getFixedFormByteSize gives it (which is a call per
// attribute of every abbreviation); 0 for the others.
std::uint8_t commonFormSize(Form form, const llvm::dwarf::FormParams &params) {
  switch (form) {
  case DW_FORM_data1:
  case DW_FORM_ref1:
  case DW_FORM_flag: return 1;
  case DW_FORM_data2:
  case DW_FORM_ref2: return 2;
  case DW_FORM_data4:
  case DW_FORM_ref4: return 4;
  case DW_FORM_data8:
  case DW_FORM_ref8:
  case DW_FORM_ref_sig8: return 8;
  case DW_FORM_strp:
  case DW_FORM_line_strp:
  case DW_FORM_sec_offset: return static_cast<std::uint8_t>(params.getDwarfOffsetByteSize());
  case DW_FORM_addr: return params.AddrSize;
  default: return 0;
  }
}

// Forms LLVM decodes through bases its extraction of the unit's first DIE sets (str_offsets_base,
// addr_base, rnglists_base, loclists_base).
bool isIndexed(Form form) {
  if (isStringIndex(form)) return true;
  switch (form) {
  case DW_FORM_addrx:
  case DW_FORM_addrx1:
  case DW_FORM_addrx2:
  case DW_FORM_addrx3:
  case DW_FORM_addrx4:
  case DW_FORM_GNU_addr_index:
  case DW_FORM_rnglistx:
  case DW_FORM_loclistx: return true;
  default: return false;
  }
}

} // namespace

bool isStringIndex(llvm::dwarf::Form form) {
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

RawUnit::RawUnit(const llvm::DWARFUnit &unit)
    : unit_(&unit), extractor_(unit.getDebugInfoExtractor()), data_(unit.getInfoSection().Data),
      unitOffset_(unit.getOffset()), end_(unit.getNextUnitOffset()), params_(unit.getFormParams()) {
  littleEndian_ = unit.isLittleEndian();
  const llvm::object::ObjectFile *file = unit.getContext().getDWARFObj().getFile();
  relocatable_ = file == nullptr || file->isRelocatableObject();
}

std::optional<RawUnit> RawUnit::read(const llvm::DWARFUnit &unit) {
  RawUnit raw(unit);
  if (raw.end_ > raw.data_.size() || raw.end_ - raw.unitOffset_ > kNone || raw.params_.Version < 2 ||
      raw.params_.Version > 5 || !raw.plan() || !raw.walk())
    return std::nullopt;
  return raw;
}

bool RawUnit::plan() {
  // Read here, not through the unit's DWARFDebugAbbrev: LLVM's parse of a table costs more than the
  // walk of the unit's DIEs, and the raw path never needs it (readUnitTypes). Anything this reader
  // does not take as it is (a truncated or malformed table, repeated or sparse codes, a form it does
  // not step over) leaves the unit to LLVM.
  if (unit_->isDWOUnit()) return false;
  const llvm::StringRef section = unit_->getContext().getDWARFObj().getAbbrevSection();
  const char *data = section.data();
  const std::uint64_t end = section.size();
  std::uint64_t offset = unit_->getAbbreviationsOffset();
  if (offset >= end) return false;
  // Codes, tags, attributes and forms are nearly all below 128: one byte.
  auto number = [&](std::uint64_t &value) {
    if (offset < end && static_cast<std::uint8_t>(data[offset]) < 0x80) {
      value = static_cast<std::uint8_t>(data[offset++]);
      return true;
    }
    return uleb(data, end, offset, value);
  };
  std::vector<std::uint32_t> codes;
  std::uint64_t maxCode = 0;
  for (;;) {
    std::uint64_t code = 0, tag = 0;
    if (!number(code)) return false;
    if (code == 0) break;
    if (!number(tag) || tag == 0 || tag > 0xffff || code > kNone - 1 || offset >= end) return false;
    const auto children = static_cast<std::uint8_t>(data[offset++]);
    if (children != DW_CHILDREN_no && children != DW_CHILDREN_yes) return false;
    Abbreviation abbreviation;
    abbreviation.tag = static_cast<Tag>(tag);
    abbreviation.listed = isTypeOfInterest(abbreviation.tag) || abbreviation.tag == DW_TAG_typedef;
    abbreviation.children = children == DW_CHILDREN_yes;
    abbreviation.firstStep = static_cast<std::uint32_t>(steps_.size());
    std::uint64_t fixed = 0;
    bool allFixed = true;
    for (;;) {
      std::uint64_t name = 0, form = 0;
      if (!number(name) || !number(form)) return false;
      if (name == 0 && form == 0) break;
      if (name == 0 || form == 0 || name > 0xffff || form > 0xffff) return false;
      Step step;
      step.name = static_cast<Attribute>(name);
      step.form = static_cast<Form>(form);
      step.attribute = static_cast<std::int8_t>(attributeSlot(step.name));
      if (step.form == DW_FORM_implicit_const) {
        if (!sleb(data, end, offset, step.implicitConst)) return false;
      } else if (isVariable(step.form)) {
        step.size = kVariable;
        allFixed = false;
      } else if (const std::uint8_t common = commonFormSize(step.form, params_)) {
        step.size = common;
      } else {
        auto size = getFixedFormByteSize(step.form, params_);
        if (!size || *size >= kVariable) return false; // DW_FORM_indirect, or a form this reader does not know
        step.size = static_cast<std::uint8_t>(*size);
      }
      indexed_ |= isIndexed(step.form);
      if (step.size != kVariable) fixed += step.size;
      if (step.attribute >= 0) abbreviation.present |= static_cast<RawAttributeMask>(1u << step.attribute);
      steps_.push_back(step);
    }
    abbreviation.steps = static_cast<std::uint32_t>(steps_.size()) - abbreviation.firstStep;
    if (allFixed) abbreviation.fixedSize = static_cast<std::uint32_t>(fixed);
    maxCode = std::max(maxCode, code);
    codes.push_back(static_cast<std::uint32_t>(code));
    abbreviations_.push_back(abbreviation);
  }
  if (maxCode > 4 * codes.size() + 1024) return false; // sparse codes: not what compilers write
  byCode_.assign(maxCode + 1, kNone);
  for (std::uint32_t i = 0; i < codes.size(); ++i) {
    if (byCode_[codes[i]] != kNone) return false; // a code defined twice
    byCode_[codes[i]] = i;
  }
  return true;
}

bool RawUnit::skip(const Step &step, std::uint64_t &offset) const {
  const char *data = data_.data();
  std::uint64_t length = 0;
  switch (step.form) {
  case DW_FORM_string: {
    for (std::uint64_t stop = std::min(end_, offset + 16); offset < stop;) // names are mostly short
      if (data[offset++] == 0) return true;
    const void *nul = std::memchr(data + offset, 0, end_ - offset);
    if (!nul) return false;
    offset = static_cast<std::uint64_t>(static_cast<const char *>(nul) - data) + 1;
    return true;
  }
  case DW_FORM_block1:
    if (offset + 1 > end_) return false;
    length = static_cast<std::uint8_t>(data[offset]);
    offset += 1;
    break;
  case DW_FORM_block2:
    if (offset + 2 > end_) return false;
    length = extractor_.getU16(&offset);
    break;
  case DW_FORM_block4:
    if (offset + 4 > end_) return false;
    length = extractor_.getU32(&offset);
    break;
  case DW_FORM_block:
  case DW_FORM_exprloc:
    if (!uleb(data, end_, offset, length)) return false;
    break;
  default: // LEB128-encoded values
    return uleb(data, end_, offset, length);
  }
  if (length > end_ - offset) return false;
  offset += length;
  return true;
}

bool RawUnit::walk() {
  const char *data = data_.data();
  const std::uint64_t end = end_;
  std::uint64_t offset = unitOffset_ + unit_->getHeaderSize();
  // DIEs average 10 to 12 bytes: room for one per 8 bytes is nearly always enough.
  std::size_t capacity = std::max<std::size_t>(64, (end - unitOffset_) / 8);
  auto dies = std::make_unique_for_overwrite<Die[]>(capacity);
  std::uint32_t count = 0;
  // The DIE whose children are being read (kNone: the unit DIE is yet to come); the DIEs still open
  // are its chain of parents.
  std::uint32_t parent = kNone;
  // Each bucket first gets the last DIE that starts in it (one store per DIE, no branch), and after
  // the walk the first DIE that starts in it or later.
  const std::uint64_t buckets = (end - unitOffset_) / kBucket + 1;
  firstInBucket_.assign(buckets, kNone);
  std::uint32_t *lastIn = firstInBucket_.data();
  auto close = [&](std::uint32_t die) {
    dies[die].end = count;
    return dies[die].parent;
  };
  while (offset < end) {
    const std::uint64_t start = offset;
    std::uint64_t code = static_cast<std::uint8_t>(data[offset]);
    if (code < 0x80) {
      ++offset;
    } else {
      if (!uleb(data, end, offset, code)) return false;
      if (offset - start > 255) return false; // codes are small numbers
    }
    if (code == 0) { // the end of a list of children
      if (parent == kNone) continue;
      parent = close(parent);
      if (parent == kNone) break; // the unit DIE is closed: what follows is padding
      continue;
    }
    if (code >= byCode_.size()) return false;
    const std::uint32_t which = byCode_[code];
    if (which == kNone || count == kNone) return false;
    if (count == capacity) {
      const std::size_t more = capacity + capacity / 2;
      auto larger = std::make_unique_for_overwrite<Die[]>(more);
      std::memcpy(larger.get(), dies.get(), capacity * sizeof(Die));
      dies = std::move(larger);
      capacity = more;
    }
    const Abbreviation &abbreviation = abbreviations_[which];
    const auto relative = static_cast<std::uint32_t>(start - unitOffset_);
    lastIn[relative / kBucket] = count;
    dies[count] = {relative, count + 1, parent, which, abbreviation.tag, static_cast<std::uint8_t>(offset - start)};
    if (abbreviation.fixedSize != kNone) {
      offset += abbreviation.fixedSize;
    } else {
      const Step *step = steps_.data() + abbreviation.firstStep;
      for (const Step *last = step + abbreviation.steps; step != last; ++step) {
        if (step->size != kVariable) offset += step->size;
        else if (!skip(*step, offset)) return false;
        if (offset > end) return false;
      }
    }
    if (offset > end) return false;
    const std::uint32_t index = count++;
    if (abbreviation.listed) typesAndTypedefs_.push_back(index);
    if (abbreviation.children) parent = index;
    else if (parent == kNone) break; // a unit DIE without children
  }
  while (parent != kNone) parent = close(parent); // a truncated unit
  dies_ = std::move(dies);
  count_ = count;
  // The first DIE starting in a bucket or later is the one after the last that starts before it.
  std::uint32_t next = 0;
  for (std::uint64_t bucket = 0; bucket < buckets; ++bucket) {
    const std::uint32_t last = lastIn[bucket];
    lastIn[bucket] = next;
    if (last != kNone) next = last + 1;
  }
  return count != 0;
}

RawValue RawUnit::decode(const Step &step, std::uint64_t offset) const {
  RawValue value;
  value.kind = RawValue::Kind::Constant;
  value.form = step.form;
  const char *data = data_.data();
  // Relocations apply to 4- and 8-byte values only, and only in relocatable objects.
  auto fixed = [&](std::uint32_t size) -> std::uint64_t {
    if (relocatable_ && (size == 4 || size == 8)) return extractor_.getRelocatedValue(size, &offset);
    const std::uint64_t result = size <= 8 ? fixedAt(offset, size) : 0;
    offset += size;
    return result;
  };
  auto block = [&](std::uint64_t length) {
    value.kind = RawValue::Kind::Block;
    value.bytes = std::string_view(data + offset, length);
  };
  switch (step.form) {
  case DW_FORM_implicit_const: value.value = static_cast<std::uint64_t>(step.implicitConst); break;
  case DW_FORM_flag_present: value.value = 1; break;
  case DW_FORM_sdata: {
    std::int64_t result = 0;
    unsigned shift = 0;
    std::uint8_t byte = 0;
    do {
      byte = static_cast<std::uint8_t>(data[offset++]);
      if (shift < 64) result |= static_cast<std::int64_t>(std::uint64_t{byte & 0x7fu} << shift);
      shift += 7;
    } while (byte & 0x80u);
    if (shift < 64 && (byte & 0x40u)) result |= static_cast<std::int64_t>(~std::uint64_t{0} << shift);
    value.value = static_cast<std::uint64_t>(result);
    break;
  }
  case DW_FORM_udata: uleb(data, end_, offset, value.value); break;
  case DW_FORM_string:
    value.kind = RawValue::Kind::Text;
    value.bytes = std::string_view(data + offset); // walk() found its NUL inside the unit
    break;
  case DW_FORM_block1: block(static_cast<std::uint8_t>(data[offset++])); break;
  case DW_FORM_data1:
  case DW_FORM_data2:
  case DW_FORM_data4:
  case DW_FORM_data8:
  case DW_FORM_flag: value.value = fixedAt(offset, step.size); break;
  case DW_FORM_block2: block(fixed(2)); break;
  case DW_FORM_block4: block(fixed(4)); break;
  case DW_FORM_block:
  case DW_FORM_exprloc: {
    std::uint64_t length = 0;
    uleb(data, end_, offset, length);
    block(length);
    break;
  }
  case DW_FORM_data16: block(16); break;
  case DW_FORM_strp:
    value.kind = RawValue::Kind::StrOffset;
    value.value = fixed(params_.getDwarfOffsetByteSize());
    break;
  case DW_FORM_line_strp:
    value.kind = RawValue::Kind::LineStr;
    value.value = fixed(params_.getDwarfOffsetByteSize());
    break;
  case DW_FORM_strp_sup:
  case DW_FORM_GNU_strp_alt:
    value.kind = RawValue::Kind::AltStr;
    value.value = fixed(params_.getDwarfOffsetByteSize());
    break;
  case DW_FORM_strx:
  case DW_FORM_GNU_str_index:
  case DW_FORM_strx1:
  case DW_FORM_strx2:
  case DW_FORM_strx3:
  case DW_FORM_strx4: {
    std::uint64_t index = 0;
    if (step.size == kVariable) uleb(data, end_, offset, index);
    else index = fixed(step.size);
    auto resolved = unit_->getStringOffsetSectionItem(static_cast<std::uint32_t>(index));
    if (!resolved) {
      llvm::consumeError(resolved.takeError());
      value.kind = RawValue::Kind::Unreadable;
      break;
    }
    value.kind = RawValue::Kind::StrOffset;
    value.value = *resolved;
    break;
  }
  case DW_FORM_ref1:
  case DW_FORM_ref2:
  case DW_FORM_ref4:
  case DW_FORM_ref8:
    value.kind = RawValue::Kind::UnitRef;
    value.value = unitOffset_ + fixedAt(offset, step.size); // unit-relative: never relocated
    break;
  case DW_FORM_ref_udata:
    value.kind = RawValue::Kind::UnitRef;
    uleb(data, end_, offset, value.value);
    value.value += unitOffset_;
    break;
  case DW_FORM_ref_addr:
    value.value = fixed(params_.getRefAddrByteSize());
    value.kind = value.value >= unitOffset_ && value.value < end_ ? RawValue::Kind::UnitRef : RawValue::Kind::SectionRef;
    break;
  case DW_FORM_ref_sig8:
    value.kind = RawValue::Kind::Signature;
    value.value = fixedAt(offset, 8);
    break;
  case DW_FORM_GNU_ref_alt:
  case DW_FORM_ref_sup4:
  case DW_FORM_ref_sup8:
    value.kind = RawValue::Kind::AltRef;
    value.value = fixed(step.size);
    break;
  default:
    if (step.size == kVariable) uleb(data, end_, offset, value.value);
    else if (step.size <= 8) value.value = fixed(step.size);
    else block(step.size);
    break;
  }
  return value;
}

void RawUnit::read(std::uint32_t index, RawValue (&out)[kRawAttributes], RawAttributeMask wanted) const {
  for (unsigned attribute = 0; attribute < kRawAttributes; ++attribute)
    if (wanted & (RawAttributeMask{1} << attribute)) out[attribute] = RawValue{};
  const Die &die = dies_[index];
  const Abbreviation &abbreviation = abbreviations_[die.abbreviation];
  wanted = static_cast<RawAttributeMask>(wanted & abbreviation.present);
  if (wanted == 0) return;
  std::uint64_t offset = attributesAt(index);
  for (std::uint32_t i = 0; i < abbreviation.steps; ++i) {
    const Step &step = steps_[abbreviation.firstStep + i];
    if (step.attribute >= 0 && (wanted & (RawAttributeMask{1} << step.attribute)) != 0) {
      out[static_cast<std::size_t>(step.attribute)] = decode(step, offset);
      wanted = static_cast<RawAttributeMask>(wanted & ~(RawAttributeMask{1} << step.attribute));
      if (wanted == 0) return;
    }
    if (step.size != kVariable) offset += step.size;
    else skip(step, offset); // walk() stepped over this very DIE: it cannot fail now
  }
}

namespace {

// The section a string value's offset is into, empty for other values.
llvm::StringRef stringSection(const llvm::DWARFUnit &unit, const RawValue &value) {
  switch (value.kind) {
  case RawValue::Kind::StrOffset: return unit.getContext().getDWARFObj().getStrSection();
  case RawValue::Kind::LineStr: return unit.getContext().getDWARFObj().getLineStrSection();
  default: return {};
  }
}

} // namespace

bool RawUnit::hasText(const RawValue &value) const {
  if (value.kind == RawValue::Kind::Text) return true;
  const llvm::StringRef section = stringSection(*unit_, value);
  return value.value < section.size() && memrchr(section.data() + value.value, 0, section.size() - value.value);
}

std::optional<std::string_view> RawUnit::text(const RawValue &value) const {
  if (value.kind == RawValue::Kind::Text) return value.bytes;
  const llvm::StringRef section = stringSection(*unit_, value);
  if (value.value >= section.size()) return std::nullopt;
  const char *start = section.data() + value.value;
  const void *nul = std::memchr(start, 0, section.size() - value.value);
  if (!nul) return std::nullopt;
  return std::string_view(start, static_cast<std::size_t>(static_cast<const char *>(nul) - start));
}

} // namespace memlayout::dwarf
