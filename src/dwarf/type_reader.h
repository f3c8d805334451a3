// readTypes: the aggregate and enum types a file's DWARF describes, as a model::TypeTable.
#pragma once

#include "model/type.h"

#include <llvm/Support/Error.h>

#include <functional>
#include <string>
#include <string_view>

namespace llvm::object {
class ObjectFile;
}

namespace memlayout::dwarf {

struct TypeQuery {
  // Called with each named type's qualified name; only types it accepts are built (plus the
  // aggregates they nest, with Type::selected = false). Empty: every type.
  std::function<bool(std::string_view qualifiedName)> wants;
  // Threads reading units; 0: one per core. The result is the same for any number.
  unsigned threads = 0;
  // Called on the calling thread after each unit is merged: (units done, units in all).
  std::function<void(std::size_t done, std::size_t total)> progress;
};

// Walks every compile unit and type unit (DWARF 4 .debug_types and DWARF 5 DW_UT_type), building
// structs, classes, unions and enums from their definitions (declarations are skipped; a typedef
// naming an anonymous aggregate gives it its name). Identical layouts seen in several units are
// kept once. Recoverable damage becomes TypeTable::warnings.
// Errors: NoDebugInfo when the file has no .debug_info; CorruptDwarf when it cannot be read at all.
llvm::Expected<model::TypeTable> readTypes(const llvm::object::ObjectFile &object, const std::string &path,
                                           const TypeQuery &query = {});

} // namespace memlayout::dwarf
