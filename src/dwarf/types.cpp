// readTypes: walks compile and type units and builds model::Type values (stub until the reader lands).
#include "dwarf/type_reader.h"

#include "support/error.h"

#include <llvm/Object/ObjectFile.h>

namespace memlayout::dwarf {

llvm::Expected<model::TypeTable> readTypes(const llvm::object::ObjectFile &, const std::string &path,
                                           const TypeQuery &) {
  return support::makeError(support::ErrorKind::NoDebugInfo, path, "type reading is not implemented yet");
}

} // namespace memlayout::dwarf
