// JSON for types, per ../shared/SPEC.md "Type"; internal to report/.
#pragma once

#include "report/report.h"

#include <nlohmann/json.hpp>

namespace memlayout::report {

// One whole Type object (fields, holes, padding, variants), so the output can serve as a baseline.
nlohmann::ordered_json typeJson(const TypeEntry &entry);
// The "types" array: --struct entries, then --types entries not already listed.
nlohmann::ordered_json typesJson(const Report &report);
// Summary: the padding wasters, short form.
nlohmann::ordered_json mostPaddingJson(const Report &report);

} // namespace memlayout::report
