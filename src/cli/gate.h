// The CI gate's steps: read the baseline or the other build, snapshot both sides, compare under the
// merged policy, and write a baseline. Returns values; run decides the exit code.
#pragma once

#include "cli/options.h"
#include "elf/elf_reader.h"
#include "model/binary.h"
#include "model/check.h"
#include "model/type.h"
#include "report/report.h"

#include <llvm/Support/Error.h>

#include <optional>

namespace memlayout::cli {

struct GateResult {
  std::optional<model::CheckResult> check;           // --check / --diff
  std::optional<report::Report::SavedBaseline> saved; // --save-baseline
  std::vector<std::string> warnings;                  // e.g. the other build's DWARF damage
};

// `table` holds every type of options.file (read without a --struct filter).
llvm::Expected<GateResult> runGate(const Options &options, const model::Binary &binary, const elf::ElfInput &input,
                                   const model::TypeTable &table);

// The policy in force: defaults, then the baseline file's settings, then the command line's.
model::Policy mergePolicy(const model::PolicySettings &file, const model::PolicySettings &commandLine);

} // namespace memlayout::cli
