// One unit's DIE tree decoded straight from the section bytes, without LLVM's DWARFUnit extraction:
// each DIE's offset, tag, parent and subtree end, found with plans made once per abbreviation (most
// abbreviations have fixed-size forms only, so most DIEs are stepped over by one addition); the handful
// of attributes fingerprints and names need are decoded on demand.
#pragma once

#include <llvm/ADT/ArrayRef.h>
#include <llvm/ADT/StringRef.h>
#include <llvm/BinaryFormat/Dwarf.h>
#include <llvm/DebugInfo/DWARF/DWARFDataExtractor.h>
#include <llvm/Support/Endian.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

namespace llvm {
class DWARFUnit;
}

namespace memlayout::dwarf {

// strx and its kin: an index into the unit's string offsets, so the same value means another string in
// another unit.
bool isStringIndex(llvm::dwarf::Form form);

// The attributes RawUnit::read decodes by name: what naming and picking definitions need. (Fingerprints
// walk every attribute with steps() and decode().)
enum class RawAttribute : std::uint8_t { Name, Type, Declaration, Signature, Specification, Count_ };
inline constexpr std::size_t kRawAttributes = static_cast<std::size_t>(RawAttribute::Count_);
using RawAttributeMask = std::uint16_t;
constexpr RawAttributeMask rawBit(RawAttribute attribute) {
  return static_cast<RawAttributeMask>(1u << static_cast<unsigned>(attribute));
}

// One attribute's value, classified so that equal values compare equal whatever form each unit chose.
struct RawValue {
  enum class Kind : std::uint8_t {
    Absent,
    Constant,   // data1..8, udata, sdata (sign-extended bits), implicit_const, flags, sec_offset, addresses
    Block,      // block*, exprloc, data16: `bytes`
    Text,       // DW_FORM_string: `bytes` without the NUL
    StrOffset,  // strp, or strx resolved through the unit's string offsets: a .debug_str offset
    LineStr,    // line_strp: a .debug_line_str offset
    AltStr,     // strp_sup, GNU_strp_alt: an offset into a supplementary file
    UnitRef,    // a DIE of this unit, by section offset (ref1..8, ref_udata, ref_addr landing here)
    SectionRef, // ref_addr into another unit: section offset
    Signature,  // ref_sig8
    AltRef,     // GNU_ref_alt, ref_sup4/8
    Unreadable  // a form whose value could not be resolved (a bad strx index)
  };
  Kind kind = Kind::Absent;
  llvm::dwarf::Form form{};
  std::uint64_t value = 0;
  std::string_view bytes;
  explicit operator bool() const { return kind != Kind::Absent; }
  // A flag as LLVM's hasFlag reads it: a flag or unsigned constant that is not zero.
  bool isSet() const { return kind == Kind::Constant && form != llvm::dwarf::DW_FORM_sdata && value != 0; }
};

class RawUnit {
public:
  static constexpr std::uint32_t kNone = ~std::uint32_t{0};
  struct Die {
    std::uint32_t offset; // from the unit's start
    std::uint32_t end;    // index past the last DIE of its subtree
    std::uint32_t parent; // kNone for the unit DIE
    std::uint32_t abbreviation;
    llvm::dwarf::Tag tag;
    std::uint8_t codeSize; // bytes of its abbreviation code: its attributes follow
  };
  // One attribute of an abbreviation, as the walk steps over it.
  struct Step {
    llvm::dwarf::Attribute name{};
    llvm::dwarf::Form form{};
    std::int8_t attribute = -1; // RawAttribute, or -1 when read() never decodes it
    std::uint8_t size = 0;      // fixed size; kVariable when it must be decoded to be skipped
    std::int64_t implicitConst = 0;
  };
  static constexpr std::uint8_t kVariable = 255;

  // Decodes `unit`'s DIE tree; nullopt when the bytes cannot be walked (damaged, or a form this reader
  // does not step over, such as DW_FORM_indirect): callers then read the unit through LLVM alone.
  static std::optional<RawUnit> read(const llvm::DWARFUnit &unit);

  llvm::ArrayRef<Die> dies() const { return {dies_.get(), count_}; }
  // The structs, classes, unions, enums and typedefs among them, in order: what naming and offering
  // definitions looks at (raw_plan.cpp), gathered by the walk so that nothing walks every DIE again.
  llvm::ArrayRef<std::uint32_t> typesAndTypedefs() const { return typesAndTypedefs_; }
  const Die &die(std::uint32_t index) const { return dies_[index]; }
  std::uint64_t sectionOffset(std::uint32_t index) const { return unitOffset_ + dies_[index].offset; }
  // The DIE at a section offset, kNone when no DIE of this unit starts there.
  std::uint32_t indexOf(std::uint64_t sectionOffset) const {
    return indexOf(sectionOffset, [this](std::uint32_t index) { return dies_[index].offset; });
  }
  // The same, reading each DIE's offset from the unit's start through `offsetOf(index)`: a reader that
  // keeps its own copy of the offsets beside what it looks up next (fingerprints) stays in its own array.
  template <typename OffsetOf>
  std::uint32_t indexOf(std::uint64_t sectionOffset, OffsetOf offsetOf) const {
    if (sectionOffset < unitOffset_ || sectionOffset >= end_) return kNone;
    const auto relative = static_cast<std::uint32_t>(sectionOffset - unitOffset_);
    // At most 16 DIEs start in a bucket (each takes a byte at least), mostly one or two.
    for (std::uint32_t index = firstInBucket_[relative / kBucket]; index < count_; ++index) {
      const std::uint32_t offset = offsetOf(index);
      if (offset == relative) return index;
      if (offset > relative) break;
    }
    return kNone;
  }
  const llvm::DWARFUnit &unit() const { return *unit_; }

  // Fills the `wanted` attributes of DIE `index`, absent when it has not got them (the rest of `out`
  // is left as it was).
  void read(std::uint32_t index, RawValue (&out)[kRawAttributes], RawAttributeMask wanted) const;
  // Which of `wanted` DIE `index` has, known from its abbreviation without reading it.
  RawAttributeMask has(std::uint32_t index, RawAttributeMask wanted) const {
    return static_cast<RawAttributeMask>(abbreviations_[dies_[index].abbreviation].present & wanted);
  }
  // A name's text: strp/strx/line_strp/string, when it lies wholly inside its section.
  std::optional<std::string_view> text(const RawValue &value) const;
  // Whether text() has the value's text, without reading the text: a string offset inside its section
  // with a NUL somewhere after it (its section's last byte, nearly always).
  bool hasText(const RawValue &value) const;

  // Attribute by attribute, for readers of their own (fingerprints): the abbreviations, the steps of
  // one, where a DIE's attributes start, and stepping over or decoding one attribute at an offset.
  // For a DIE walk() accepted these cannot run past the unit.
  std::size_t abbreviationCount() const { return abbreviations_.size(); }
  llvm::dwarf::Tag abbreviationTag(std::uint32_t abbreviation) const { return abbreviations_[abbreviation].tag; }
  llvm::ArrayRef<Step> steps(std::uint32_t abbreviation) const {
    const Abbreviation &entry = abbreviations_[abbreviation];
    return llvm::ArrayRef<Step>(steps_).slice(entry.firstStep, entry.steps);
  }
  std::uint64_t attributesAt(std::uint32_t index) const {
    return unitOffset_ + dies_[index].offset + dies_[index].codeSize;
  }
  bool skip(const Step &step, std::uint64_t &offset) const;
  RawValue decode(const Step &step, std::uint64_t offset) const;
  const char *bytes() const { return data_.data(); }
  std::size_t sectionSize() const { return data_.size(); }
  bool littleEndian() const { return littleEndian_; }
  std::uint64_t unitOffset() const { return unitOffset_; }
  // Where the unit's bytes end: every DIE walk() accepted lies wholly before it.
  std::uint64_t unitEnd() const { return end_; }
  // An unsigned value of `size` (at most 8) bytes at `offset`, in the section's byte order; no
  // relocation applied.
  std::uint64_t fixedAt(std::uint64_t offset, unsigned size) const {
    const char *at = data_.data() + offset;
    const llvm::endianness order = littleEndian_ ? llvm::endianness::little : llvm::endianness::big;
    switch (size) {
    case 1: return static_cast<unsigned char>(*at);
    case 2: return llvm::support::endian::read<std::uint16_t>(at, order);
    case 4: return llvm::support::endian::read<std::uint32_t>(at, order);
    case 8: return llvm::support::endian::read<std::uint64_t>(at, order);
    default: {
      std::uint64_t value = 0;
      for (unsigned i = 0; i < size; ++i)
        value |= std::uint64_t{static_cast<unsigned char>(at[i])} << (8 * (littleEndian_ ? i : size - 1 - i));
      return value;
    }
    }
  }
  // Relocations apply to this unit's section offsets and addresses (an ELF relocatable object).
  bool relocatable() const { return relocatable_; }
  // Some attribute's form is an index into a table whose base the unit's first DIE gives (strx, addrx,
  // rnglistx, loclistx): LLVM decodes those only once it has extracted that DIE itself.
  bool indexed() const { return indexed_; }

private:
  struct Abbreviation {
    llvm::dwarf::Tag tag{};
    bool children = false;
    bool listed = false; // typesAndTypedefs() lists its DIEs
    std::uint32_t fixedSize = kNone; // all attributes' bytes when every form has a fixed size
    RawAttributeMask present = 0;    // the RawAttributes it has
    std::uint32_t firstStep = 0, steps = 0;
  };

  explicit RawUnit(const llvm::DWARFUnit &unit);
  bool plan();
  bool walk();

  const llvm::DWARFUnit *unit_;
  llvm::DWARFDataExtractor extractor_; // for values relocations may apply to (relocatable objects)
  bool relocatable_ = false, littleEndian_ = true, indexed_ = false;
  llvm::StringRef data_;               // the whole section
  std::uint64_t unitOffset_ = 0, end_ = 0;
  llvm::dwarf::FormParams params_;
  std::vector<Step> steps_;
  std::vector<Abbreviation> abbreviations_;
  std::vector<std::uint32_t> byCode_; // abbreviation code → index into abbreviations_ (kNone: none)
  // Not a vector: filled in one pass over storage that is neither zeroed first nor checked per DIE.
  std::unique_ptr<Die[]> dies_;
  std::uint32_t count_ = 0;
  static constexpr std::uint32_t kBucket = 16;
  // For each 16 bytes of the unit, the first DIE that starts in them or later: indexOf's start.
  std::vector<std::uint32_t> firstInBucket_;
  std::vector<std::uint32_t> typesAndTypedefs_;
};

} // namespace memlayout::dwarf
