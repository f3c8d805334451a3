// Turns a Report into the bytes for stdout. Pure: no I/O, no parsing; one renderer per format.
#pragma once

#include "report/output.h"
#include "report/report.h"

#include <string>

namespace memlayout::report {

// Streams the rendering to `out` (stdout for the program: a long --types listing is written as it is
// made). Rendering cannot fail, so nothing partial is ever left: every error comes before it starts.
void render(const Report &report, const RenderOptions &options, Output &out);
std::string render(const Report &report, const RenderOptions &options);

void renderText(const Report &report, bool color, Output &out);
void renderJson(const Report &report, Output &out);
void renderMarkdown(const Report &report, Output &out);
// Workflow commands for --check/--diff (without a check: the text rendering, uncoloured).
void renderGithub(const Report &report, Output &out);
// The same, collected in a string.
std::string renderText(const Report &report, bool color);
std::string renderJson(const Report &report);
std::string renderMarkdown(const Report &report);
std::string renderGithub(const Report &report);

} // namespace memlayout::report
