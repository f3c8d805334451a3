// Text output: the sections the user asked for, in a fixed order, separated by blank lines.
#include "report/render.h"
#include "report/text_elf.h"

namespace memlayout::report {

std::string renderText(const Report &report, bool color) {
  const Palette palette(color);
  const model::Binary &binary = *report.binary;
  std::string out;
  auto add = [&out](std::string part) {
    if (part.empty()) return;
    if (!out.empty()) out += '\n';
    out += part;
  };
  if (report.summary) add(textSummary(binary, palette));
  if (report.header) add(textHeader(binary, palette));
  if (report.segments) add(textSegments(binary, palette));
  if (report.sections) add(textSections(binary, palette));
  return out;
}

} // namespace memlayout::report
