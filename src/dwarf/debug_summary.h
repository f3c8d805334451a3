// What debug information a file carries: DWARF or not, its version(s), compression, languages.
#pragma once

#include "model/binary.h"

#include <llvm/Support/Error.h>

#include <string>

namespace llvm::object {
class ObjectFile;
}

namespace memlayout::dwarf {

// Reads section headers and unit headers (plus each compile unit's first DIE for its language).
// Errors: CorruptDwarf when a compressed debug section cannot be decompressed or claims an absurd size.
llvm::Expected<model::DebugInfo> readDebugSummary(const llvm::object::ObjectFile &object, const std::string &path);

} // namespace memlayout::dwarf
