// One unit's structs, classes, unions and enums as model values: the per-unit half of readTypes.
// Results are self-contained (indices local to the unit) and merged afterwards (type_merger.h), so
// units can be read independently, later in parallel.
#pragma once

#include "dwarf/shapes.h"
#include "dwarf/type_reader.h"
#include "dwarf/warnings.h"
#include "model/type.h"

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

// Builds the definitions the query wants (plus the aggregates they nest, selected = false). Type
// units referenced with DW_FORM_ref_sig8 / DW_AT_signature are followed.
UnitTypes readUnitTypes(llvm::DWARFUnit &unit, const Abi &abi, const TypeQuery &query, Warnings &warnings);

} // namespace memlayout::dwarf
