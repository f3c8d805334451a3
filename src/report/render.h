// Turns a Report into the bytes for stdout. Pure: no I/O, no parsing; one renderer per format.
#pragma once

#include "report/report.h"

#include <string>

namespace memlayout::report {

std::string render(const Report &report, const RenderOptions &options);

std::string renderText(const Report &report, bool color);
std::string renderJson(const Report &report);
std::string renderMarkdown(const Report &report);
// Workflow commands for --check/--diff (without a check: the text rendering, uncoloured).
std::string renderGithub(const Report &report);

} // namespace memlayout::report
