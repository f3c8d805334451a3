// One unit's structs, classes, unions and enums as model values: the per-unit half of readTypes.
// Results are self-contained (indices local to the unit) and merged afterwards (type_merger.h), so
// units can be read independently, later in parallel.
#pragma once

#include "dwarf/fingerprint.h"
#include "dwarf/shapes.h"
#include "dwarf/type_reader.h"
#include "dwarf/warnings.h"
#include "model/type.h"

#include <llvm/ADT/DenseMap.h>

#include <cstddef>
#include <mutex>
#include <string>
#include <vector>

namespace llvm {
class DWARFUnit;
}

namespace memlayout::dwarf {

struct UnitTypes {
  bool readable = false;           // the unit DIE could be read
  std::vector<model::Type> types;  // Field::typeIndex indexes this vector; nested types come first
  std::vector<std::string> names;  // every aggregate and enum name seen, when the query filters
};

// Which unit, in unit order, first claimed each definition (DefinitionFingerprints). A unit skips
// what an earlier one builds: the merge keeps the first of identical layouts anyway, so the result is
// the one every unit building everything would give, whichever threads run first.
class EarlierDefinitions {
public:
  // True when a unit before `unit` claimed `print`; otherwise `unit` holds the claim (the earliest wins).
  bool claimedBefore(const Fingerprint &print, std::size_t unit);
  // The same for each of `prints` at once (one lock for a unit's definitions): `claimed[i]` for prints[i].
  void claimedBefore(const std::vector<Fingerprint> &prints, std::size_t unit, std::vector<bool> &claimed);

private:
  bool claimLocked(const Fingerprint &print, std::size_t unit);
  std::mutex mutex_;
  llvm::DenseMap<Fingerprint, std::size_t, FingerprintInfo> first_;
};

// Builds the definitions the query wants (plus the aggregates they nest, selected = false). Type
// units referenced with DW_FORM_ref_sig8 / DW_AT_signature are followed.
// With `earlier`, the definitions an earlier unit (by `order`) builds are skipped unless nested in others.
UnitTypes readUnitTypes(llvm::DWARFUnit &unit, const Abi &abi, const TypeQuery &query, Warnings &warnings,
                        EarlierDefinitions *earlier = nullptr, std::size_t order = 0);

} // namespace memlayout::dwarf
