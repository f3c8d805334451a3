// Die (die.h): attributes, parents, children and references of raw DIEs, as LLVM gives them for its own.
#include "dwarf/die.h"

#include <llvm/DebugInfo/DWARF/DWARFUnit.h>

namespace memlayout::dwarf {

std::optional<llvm::DWARFFormValue> Die::findRaw(llvm::dwarf::Attribute attribute) const {
  const std::uint32_t abbreviation = raw_->die(index_).abbreviation;
  std::uint64_t offset = raw_->attributesAt(index_);
  for (const RawUnit::Step &step : raw_->steps(abbreviation)) {
    if (step.name == attribute) {
      // As DWARFAbbreviationDeclaration::getAttributeValue reads it.
      if (step.form == llvm::dwarf::DW_FORM_implicit_const)
        return llvm::DWARFFormValue::createFromSValue(step.form, step.implicitConst);
      const llvm::DWARFUnit &unit = raw_->unit();
      llvm::DWARFFormValue value(step.form);
      if (value.extractValue(unit.getDebugInfoExtractor(), &offset, unit.getFormParams(), &unit)) return value;
      return std::nullopt;
    }
    if (step.size != RawUnit::kVariable) offset += step.size;
    else if (!raw_->skip(step, offset)) return std::nullopt; // the walk stepped over it: cannot happen
  }
  return std::nullopt;
}

Die Die::getParent() const {
  if (!raw_) return Die(llvm_.getParent());
  const std::uint32_t parent = raw_->die(index_).parent;
  return parent == RawUnit::kNone ? Die() : Die(*raw_, parent);
}

Die Die::getUnitDIE() const {
  if (!raw_) return llvm_.isValid() ? Die(llvm_.getDwarfUnit()->getUnitDIE()) : Die();
  return Die(*raw_, 0);
}

Die::Children Die::children() const {
  if (!raw_) return {iterator(llvm_.begin()), iterator(llvm_.end())};
  return {iterator(raw_, index_ + 1), iterator(raw_, raw_->die(index_).end)};
}

Die Die::getAttributeValueAsReferencedDie(const llvm::DWARFFormValue &value) const {
  if (!raw_) return Die(llvm_.getAttributeValueAsReferencedDie(value));
  llvm::DWARFUnit &unit = const_cast<llvm::DWARFUnit &>(raw_->unit());
  std::optional<std::uint64_t> target;
  if (auto relative = value.getAsRelativeReference(); relative && value.getUnit() == &unit)
    target = unit.getOffset() + *relative;
  else if (auto offset = value.getAsDebugInfoReference(); offset && *offset >= unit.getOffset() &&
                                                           *offset < unit.getNextUnitOffset())
    target = *offset;
  if (target) {
    const std::uint32_t index = raw_->indexOf(*target);
    return index == RawUnit::kNone ? Die() : Die(*raw_, index);
  }
  // Into another unit (or a type unit): LLVM follows it from this unit's DIE, which it reads alone.
  return Die(unit.getUnitDIE(true).getAttributeValueAsReferencedDie(value));
}

} // namespace memlayout::dwarf
