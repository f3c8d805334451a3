// The file --save-baseline writes: whole Type objects as --types --format json prints them, plus what a
// later --check needs to judge fairly (target, compilers, the selection, the policy).
#pragma once

#include "model/check.h"
#include "report/report.h"

#include <string>
#include <vector>

namespace memlayout::report {

struct BaselineContents {
  std::string file;                    // the binary, as given
  model::Target target;
  std::vector<std::string> compilers;
  std::vector<std::string> selection;  // --struct patterns; empty: every type
  model::PolicySettings policy;        // written only when something is set
  std::vector<TypeEntry> entries;      // facts as for --types --format json (whole)
};

std::string baselineJson(const BaselineContents &contents);

} // namespace memlayout::report
