// A DIE as the type builder reads it: one of a RawUnit (the raw walk, no LLVM extraction of the unit)
// or an llvm::DWARFDie (units the raw walk could not read, other units, type units), behind the few
// DWARFDie calls the builder makes, under DWARFDie's names.
#pragma once

#include "dwarf/raw_unit.h"

#include <llvm/DebugInfo/DWARF/DWARFDie.h>
#include <llvm/DebugInfo/DWARF/DWARFFormValue.h>

#include <cstdint>
#include <optional>

namespace memlayout::dwarf {

class Die {
public:
  Die() = default;
  Die(const llvm::DWARFDie &die) : llvm_(die) {} // NOLINT: an LLVM DIE is a Die
  Die(const RawUnit &raw, std::uint32_t index) : raw_(index < raw.dies().size() ? &raw : nullptr), index_(index) {}

  bool isValid() const { return raw_ != nullptr || llvm_.isValid(); }
  explicit operator bool() const { return isValid(); }
  llvm::dwarf::Tag getTag() const { return raw_ ? raw_->die(index_).tag : llvm_.getTag(); }
  llvm::DWARFUnit *getDwarfUnit() const {
    return raw_ ? const_cast<llvm::DWARFUnit *>(&raw_->unit()) : llvm_.getDwarfUnit();
  }
  // Its section offset.
  std::uint64_t getOffset() const { return raw_ ? raw_->sectionOffset(index_) : llvm_.getOffset(); }
  std::optional<llvm::DWARFFormValue> find(llvm::dwarf::Attribute attribute) const {
    return raw_ ? findRaw(attribute) : llvm_.find(attribute);
  }
  // The same DIE, however each was reached.
  bool operator==(const Die &other) const {
    if (!isValid() || !other.isValid()) return isValid() == other.isValid();
    return getDwarfUnit() == other.getDwarfUnit() && getOffset() == other.getOffset();
  }
  bool operator!=(const Die &other) const { return !(*this == other); }
  Die getParent() const;
  // Its unit's first DIE (DWARFUnit::getUnitDIE): a raw DIE's from the raw walk, so that LLVM need not
  // extract it.
  Die getUnitDIE() const;
  // The DIE a reference read off this one leads to (DWARFDie::getAttributeValueAsReferencedDie).
  Die getAttributeValueAsReferencedDie(const llvm::DWARFFormValue &value) const;

  class iterator {
  public:
    iterator() = default;
    iterator(const RawUnit *raw, std::uint32_t index) : raw_(raw), index_(index) {}
    explicit iterator(llvm::DWARFDie::iterator it) : it_(it) {}
    Die operator*() const { return raw_ ? Die(*raw_, index_) : Die(*it_); }
    iterator &operator++() {
      if (raw_) index_ = raw_->die(index_).end; // past this child's subtree: its next sibling
      else ++it_;
      return *this;
    }
    bool operator==(const iterator &other) const {
      return raw_ ? index_ == other.index_ : it_ == other.it_;
    }
    bool operator!=(const iterator &other) const { return !(*this == other); }

  private:
    const RawUnit *raw_ = nullptr;
    std::uint32_t index_ = 0;
    llvm::DWARFDie::iterator it_;
  };
  struct Children {
    iterator first, last;
    iterator begin() const { return first; }
    iterator end() const { return last; }
  };
  Children children() const;

private:
  std::optional<llvm::DWARFFormValue> findRaw(llvm::dwarf::Attribute attribute) const;

  llvm::DWARFDie llvm_;
  const RawUnit *raw_ = nullptr;
  std::uint32_t index_ = 0;
};

} // namespace memlayout::dwarf
