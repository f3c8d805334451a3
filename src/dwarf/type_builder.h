// Builds model::Type values from DIEs of one unit, memoized per DIE; fields come from members.cpp.
#pragma once

#include "dwarf/decl_files.h"
#include "dwarf/die.h"
#include "dwarf/die_key.h"
#include "dwarf/names.h"
#include "dwarf/shapes.h"
#include "dwarf/virtual_bases.h"
#include "dwarf/warnings.h"
#include "model/type.h"

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace llvm {
class DWARFUnit;
}

namespace memlayout::dwarf {

class TypeBuilder {
public:
  // `unitDie`: the unit's first DIE, however it was read (language, name, line table).
  TypeBuilder(llvm::DWARFUnit &unit, const Die &unitDie, const Abi &abi, Warnings &warnings);

  Namer &namer() { return namer_; }
  model::Language unitLanguage() const { return unitLanguage_; }

  // Index of the type built from `die`, a struct/class/union/enum definition (built once; a later
  // call with selected = true marks it selected). -1 when it cannot be built: it contains itself or
  // nests too deep (damaged DWARF), with a warning.
  std::int32_t build(const Die &die, bool selected);

  std::vector<model::Type> takeTypes() { return std::move(types_); }

  DeclFiles &declFiles() { return declFiles_; }

private:
  model::Type readAggregate(const Die &die, ClassFacts &facts);
  void readEnumerators(const Die &die, model::Type &type);
  // members.cpp: one DW_TAG_member or DW_TAG_inheritance; nullopt for static members and damage.
  std::optional<model::Field> readMember(const Die &member, bool inheritance);
  // variants.cpp: a DW_TAG_variant_part of `owner` → type.discriminant (the first one given) and one
  // model::Variant per DW_TAG_variant, its fields at offsets from the start of `owner`.
  void readVariantPart(const Die &part, const Die &owner, model::Type &type);
  void readDiscriminantList(const Die &variantDie, const llvm::DWARFFormValue &value,
                            std::uint64_t width, bool isSigned, model::Variant &variant);
  void computeAlignment(const Die &die, model::Type &type);
  void computeEnumAlignment(const Die &die, model::Type &type);
  model::Language languageOf(const Die &die);
  void warn(const Die &die, const std::string &what);

  const Abi &abi_;
  Warnings &warnings_;
  Namer namer_;
  DeclFiles declFiles_;
  std::string unitName_;
  model::Language unitLanguage_ = model::Language::Unknown;
  std::unordered_map<const llvm::DWARFUnit *, model::Language> languages_;
  std::vector<model::Type> types_;
  std::vector<ClassFacts> facts_;
  std::unordered_map<DieKey, std::int32_t, DieKeyHash> built_;
  std::unordered_set<DieKey, DieKeyHash> inProgress_;
};

// DW_AT_language → model::Language.
model::Language modelLanguage(std::uint64_t dwLanguage);

// members.cpp: DW_AT_data_member_location as a constant byte offset (0 when absent, as for union
// members); nullopt when it is computed at run time.
std::optional<std::uint64_t> constantMemberOffset(const Die &member);

// A struct nested in a Rust enum (a struct with a DW_TAG_variant_part) holds one variant's fields; it is
// shown within its enum, never as a type of its own.
bool isVariantStruct(const Die &die);

} // namespace memlayout::dwarf
