// Text output: the sections the user asked for, in a fixed order, separated by blank lines.
#include "report/render.h"
#include "report/check_render.h"
#include "report/text_elf.h"
#include "report/text_types.h"

namespace memlayout::report {
std::string trimLineEnds(const std::string &text) {
  std::string out;
  out.reserve(text.size());
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    std::size_t stop = end == std::string::npos ? text.size() : end;
    std::size_t last = stop;
    while (last > start && text[last - 1] == ' ') --last;
    out.append(text, start, last - start);
    if (end == std::string::npos) break;
    out += '\n';
    start = end + 1;
  }
  return out;
}

void renderText(const Report &report, bool color, Output &out) {
  const Palette palette(color);
  const model::Binary &binary = *report.binary;
  Parts parts(out);
  auto add = [&](const std::string &part) { parts.add(trimLineEnds(part)); };
  if (report.summary) add(textSummary(binary, palette, textMostPadding(report, palette)));
  if (report.header) add(textHeader(binary, palette));
  if (report.segments) add(textSegments(binary, palette));
  if (report.sections) add(textSections(binary, palette));
  if (report.structs) add(textStructs(report, palette));
  if (report.types) textTypeList(report, palette, parts.next());
  add(textCheck(report, palette));
  add(textSaved(report));
}

std::string renderText(const Report &report, bool color) {
  return renderToString([&](Output &out) { renderText(report, color, out); });
}

} // namespace memlayout::report
