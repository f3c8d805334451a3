// What a unit builds, decided from its raw bytes (raw_unit.h) without LLVM's DIE extraction: each
// definition named as Namer names it, fingerprinted, claimed; what is left is built from the same raw
// DIEs (die.h).
#pragma once

#include "dwarf/fingerprint.h"
#include "dwarf/raw_unit.h"
#include "dwarf/type_reader.h"
#include "dwarf/unit_reader.h"
#include "model/type.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace memlayout::dwarf {

struct RawPlan {
  std::vector<std::uint32_t> build;                              // DIE indices to build, in unit order
  std::vector<std::pair<std::uint32_t, std::string>> anonymous; // DIE index → the typedef name it takes
  std::vector<std::string> names;                                // UnitTypes::names (when the query filters)
};

// nullopt when the raw bytes cannot settle it the way Namer and the LLVM walk would, and the caller
// reads the unit through LLVM: another language than C, C++ or Rust, a name in a supplementary file, a
// typedef of a type in another unit, type-unit stand-ins, DW_AT_specification (out-of-scope definitions).
std::optional<RawPlan> planFromRaw(const RawUnit &raw, model::Language language, const TypeQuery &query,
                                   DefinitionFingerprints &prints, EarlierDefinitions &earlier, std::size_t order);

} // namespace memlayout::dwarf
