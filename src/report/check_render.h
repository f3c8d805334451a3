// The --check/--diff sections of each format and the --save-baseline line; internal to report/.
#pragma once

#include "report/color.h"
#include "report/report.h"

#include <nlohmann/json.hpp>

#include <string>

namespace memlayout::report {

// Text for logs: the summary line, the compiler note, each changed type with one line per change, the
// suppressed count ("" without report.check).
std::string textCheck(const Report &report, const Palette &palette);
// "baseline written to F (N types)" or why it was not ("" without report.saved).
std::string textSaved(const Report &report);

// The SPEC's "check" object with additive keys (mode, counts, compilers, per-change offsets and decl).
nlohmann::ordered_json checkJson(const Report &report);
// {"path", "types", "written"} for report.saved.
nlohmann::ordered_json savedBaselineJson(const Report &report);

// For pull-request comments: a heading with the verdict, one table of every change, and the new layout
// of each regressed type that has holes.
std::string markdownCheck(const Report &report);

} // namespace memlayout::report
