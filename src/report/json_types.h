// JSON for types, per ../shared/SPEC.md "Type"; internal to report/.
#pragma once

#include "report/output.h"
#include "report/report.h"

#include <nlohmann/json.hpp>

namespace memlayout::report {

// One whole Type object (fields, holes, padding, variants), so the output can serve as a baseline.
nlohmann::ordered_json typeJson(const TypeEntry &entry);
// The "types" array: --struct entries, then --types entries not already listed, as the text
// ordered_json::dump(2) gives it at `depth` (1: a key of the root object). Written to `out` type by
// type, so the whole array never exists, as a tree or as text (the kernel's is 10 MB of text).
void typesJson(const Report &report, int depth, Output &out);
// Summary: the padding wasters, short form.
nlohmann::ordered_json mostPaddingJson(const Report &report);

} // namespace memlayout::report
