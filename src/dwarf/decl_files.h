// DW_AT_decl_file numbers → file names, from each unit's line-table header only (the line programs
// themselves are never decoded, so no per-unit row tables pile up on large inputs).
#pragma once

#include "dwarf/warnings.h"

#include <llvm/DebugInfo/DWARF/DWARFDebugLine.h>

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>

namespace llvm {
class DWARFUnit;
}

namespace memlayout::dwarf {

class DeclFiles {
public:
  explicit DeclFiles(Warnings &warnings) : warnings_(warnings) {}

  // The name of file `index` in `unit`'s line table as the DWARF gives it (joined with its include
  // directory, relative to the compilation directory when it is relative); nullopt when unknown.
  std::optional<std::string> name(llvm::DWARFUnit &unit, std::uint64_t index);

  // What `unit`'s first DIE says of its line table (DW_AT_stmt_list) and compilation directory, read by
  // the caller, so that LLVM need not extract that DIE to answer name().
  void describe(const llvm::DWARFUnit &unit, std::optional<std::uint64_t> lineTable, const char *compDir);

private:
  struct Table {
    bool parsed = false, described = false;
    std::optional<std::uint64_t> lineTable;
    std::string compDir;
    bool valid = false;
    llvm::DWARFDebugLine::Prologue prologue;
    std::unordered_map<std::uint64_t, std::optional<std::string>> names;
  };
  Table &tableOf(llvm::DWARFUnit &unit);

  Warnings &warnings_;
  std::unordered_map<const llvm::DWARFUnit *, Table> tables_;
};

} // namespace memlayout::dwarf
