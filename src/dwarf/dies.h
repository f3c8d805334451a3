// Small accessors over Die shared by the type reader: flags, names, references.
#pragma once

#include "dwarf/die.h"
#include "dwarf/warnings.h"

#include <llvm/BinaryFormat/Dwarf.h>
#include <llvm/DebugInfo/DWARF/DWARFFormValue.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <unordered_map>

namespace llvm {
class DWARFContext;
class DWARFDebugAbbrev;
class DWARFUnit;
} // namespace llvm

namespace memlayout::dwarf {

inline bool hasFlag(const Die &die, llvm::dwarf::Attribute attribute) {
  auto value = die.find(attribute);
  return value && value->getAsUnsignedConstant().value_or(0) != 0;
}

inline bool isDeclaration(const Die &die) { return hasFlag(die, llvm::dwarf::DW_AT_declaration); }

// DW_AT_name, or nullptr when absent or unreadable.
inline const char *rawName(const Die &die) {
  return llvm::dwarf::toString(die.find(llvm::dwarf::DW_AT_name), nullptr);
}

inline std::optional<std::uint64_t> unsignedAttribute(const Die &die, llvm::dwarf::Attribute attribute) {
  return llvm::dwarf::toUnsigned(die.find(attribute));
}

// DW_AT_alignment when it is a plausible alignment (a power of two up to 4 GiB); damaged values, which
// would overflow the bit arithmetic of layouts, read as absent.
inline std::optional<std::uint64_t> alignmentAttribute(const Die &die) {
  auto align = unsignedAttribute(die, llvm::dwarf::DW_AT_alignment);
  if (!align || *align == 0 || *align > (std::uint64_t{1} << 32) || (*align & (*align - 1)) != 0) return std::nullopt;
  return align;
}

// Units are read on several threads at once, each through a private copy (context.h). What a unit
// refers to outside itself must not make two threads parse the context's shared units at once: while a
// PrivateTypeUnits is alive on a thread, the type units DW_FORM_ref_sig8 names are read into private
// copies it owns (freed with it), and references into other units (DW_FORM_ref_addr) are followed
// under one lock. `abbreviations` is the thread's own .debug_abbrev reader; both must outlive this.
class PrivateTypeUnits {
public:
  PrivateTypeUnits(llvm::DWARFContext &context, const llvm::DWARFDebugAbbrev &abbreviations, Warnings &warnings);
  ~PrivateTypeUnits();
  PrivateTypeUnits(const PrivateTypeUnits &) = delete;
  PrivateTypeUnits &operator=(const PrivateTypeUnits &) = delete;

  // The type DIE of the type unit with `signature`, read privately; invalid when there is none.
  llvm::DWARFDie typeDie(const llvm::DWARFUnit &from, std::uint64_t signature);
  static PrivateTypeUnits *current();

private:
  llvm::DWARFContext &context_;
  const llvm::DWARFDebugAbbrev &abbreviations_;
  Warnings &warnings_;
  std::unordered_map<std::uint64_t, std::unique_ptr<llvm::DWARFUnit>> units_;
  PrivateTypeUnits *previous_;
};

// The DIE `attribute` refers to, invalid when there is none. Unlike LLVM 19's
// getAttributeValueAsReferencedDie, follows DW_FORM_ref_sig8 (gcc's DWARF 4 .debug_types) too.
Die referencedDie(const Die &die, llvm::dwarf::Attribute attribute = llvm::dwarf::DW_AT_type);
// The same, from a reference value already read off `die`.
Die referencedDie(const Die &die, const llvm::DWARFFormValue &value);

// A DIE that stands for a type-unit definition (DW_AT_signature: clang's declarations, gcc's bare
// stand-ins) → that definition; any other DIE → itself.
Die resolveSignature(const Die &die);

// referencedDie, then resolveSignature.
inline Die referencedType(const Die &die,
                                     llvm::dwarf::Attribute attribute = llvm::dwarf::DW_AT_type) {
  return resolveSignature(referencedDie(die, attribute));
}

inline bool isAggregateTag(llvm::dwarf::Tag tag) {
  return tag == llvm::dwarf::DW_TAG_structure_type || tag == llvm::dwarf::DW_TAG_class_type ||
         tag == llvm::dwarf::DW_TAG_union_type;
}

inline bool isTypeOfInterest(llvm::dwarf::Tag tag) {
  return isAggregateTag(tag) || tag == llvm::dwarf::DW_TAG_enumeration_type;
}

} // namespace memlayout::dwarf
