// Markdown for types; internal to report/.
#pragma once

#include "report/output.h"
#include "report/report.h"

#include <string>

namespace memlayout::report {

std::string markdownStructs(const Report &report);     // a heading, a facts line and a table per type
void markdownTypeList(const Report &report, Output &out); // one table, one row per type, streamed
std::string markdownMostPadding(const Report &report); // summary: the padding wasters ("" without DWARF)
// Markdown table cells: pipes escaped; code spans for names.
std::string markdownCell(const std::string &text);
std::string markdownCode(const std::string &text);

} // namespace memlayout::report
