// Where a file's types come from: the persistent type index when it has them, else the DWARF (and the
// index is written for next time). The only user of cache/.
#pragma once

#include "dwarf/type_reader.h"
#include "model/binary.h"
#include "model/type.h"

#include <llvm/Support/Error.h>

#include <string>
#include <vector>

namespace memlayout::elf {
class ElfInput;
}

namespace memlayout::cli {

struct TypeSource {
  bool useCache = true;         // false: --no-cache (no index read or written)
  std::string cacheDirectory;   // "" : no cache
  unsigned threads = 0;         // --jobs
  bool showProgress = false;    // a progress line on stderr for long DWARF reads (stderr is a terminal)
};

// The cache settings, threads and progress line for `options`.
struct Options;
TypeSource typeSourceFor(const Options &options);

// The types of `path`. `patterns` non-empty: only the types they match (with the types those nest and
// every name seen), as dwarf::readTypes with a `wants` filter; empty: every type.
// Errors: those of dwarf::readTypes.
llvm::Expected<model::TypeTable> readTypesOf(const elf::ElfInput &input, const model::Binary &binary,
                                             const std::string &path, const std::vector<std::string> &patterns,
                                             const TypeSource &source);

} // namespace memlayout::cli
