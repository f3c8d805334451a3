// Reading a baseline: memlayout's own JSON (from --save-baseline, or --types/--struct --format json)
// back into a Snapshot, plus the policy the file states.
#pragma once

#include "model/check.h"

#include <llvm/Support/Error.h>

#include <string>
#include <string_view>

namespace memlayout::baseline {

struct Baseline {
  model::Snapshot snapshot;       // source = the path given
  model::PolicySettings policy;   // the file's "policy" object; empty when it has none
};

// Errors are BadBaseline (or Io when the file cannot be read), one line naming the baseline file.
llvm::Expected<Baseline> readBaseline(const std::string &path);
llvm::Expected<Baseline> parseBaseline(std::string_view text, const std::string &path);

// A "policy" object alone (also what --policy-style settings in a file look like); for tests and cli.
llvm::Expected<model::PolicySettings> parsePolicy(std::string_view json, const std::string &path);

} // namespace memlayout::baseline
