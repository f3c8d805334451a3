// The error lines for type actions: no DWARF (naming a debuglink when there is one), and --struct
// names that match nothing (with the nearest names).
#pragma once

#include "analysis/select.h"
#include "cli/options.h"
#include "elf/elf_reader.h"
#include "model/binary.h"
#include "model/type.h"

#include <llvm/Support/Error.h>

#include <string>

namespace memlayout::cli {

// "'FILE': message" → "message", for problems shown inside the output rather than as the error line.
std::string withoutFile(const std::string &message, const std::string &file);

// A readTypes error for `file`, in the SPEC's words when the file has no DWARF.
llvm::Error typeReadingError(llvm::Error error, const std::string &file, const model::Binary &binary,
                             const elf::ElfInput &input);

// --struct pattern number `pattern` matched nothing in `table` (read from `file`).
llvm::Error noMatchError(const std::string &file, const analysis::NameMatcher &matcher, std::size_t pattern,
                         const model::TypeTable &table, std::vector<std::string> alsoKnown = {});

} // namespace memlayout::cli
