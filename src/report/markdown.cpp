// Markdown output for pull requests and wikis: GitHub tables, code spans for names and numbers.
#include "report/render.h"

#include "report/check_render.h"
#include "report/markdown_types.h"
#include "report/units.h"

#include <fmt/format.h>

namespace memlayout::report {
namespace {

std::string headerMarkdown(const model::Binary &binary) {
  const auto &h = binary.header;
  std::string out = fmt::format("### ELF header of `{}`\n\n| field | value |\n|---|---|\n", markdownCell(binary.path));
  auto row = [&out](std::string_view label, const std::string &value) { out += fmt::format("| {} | {} |\n", label, value); };
  row("class", fmt::format("ELF{}, {}-endian", h.elfClass, h.bigEndian ? "big" : "little"));
  row("machine", h.machine);
  row("type", fmt::format("{} ({})", h.type, h.typeDescription));
  row("OS/ABI", h.osAbi);
  row("entry", markdownCode(hex(h.entry)));
  row("interpreter", h.interpreter ? markdownCode(*h.interpreter) : "none");
  row("build-id", h.buildId ? markdownCode(*h.buildId) : "none");
  row("debuglink", h.debugLink ? markdownCode(h.debugLink->file) : "none");
  std::string debug = "not examined";
  if (binary.debugInfo) {
    const auto &d = *binary.debugInfo;
    debug = !d.present          ? "none"
            : !d.problem.empty() ? fmt::format("{}, version unknown: {}", d.format, d.problem)
                                 : fmt::format("{} {}, {} in .debug_info, {}", d.format, d.version, humanSize(d.infoSize),
                                     d.compression.empty() ? "not compressed" : "compressed (" + d.compression + ")");
  }
  row("debug info", debug);
  row("file size", humanSize(binary.fileSize));
  return out;
}

std::string segmentsMarkdown(const model::Binary &binary) {
  std::string out = fmt::format("### Segments of `{}`\n\n", markdownCell(binary.path));
  if (binary.segments.empty()) return out + "No program headers.\n";
  out += "| # | type | flags | offset | vaddr | filesz | memsz | align | sections |\n"
         "|--:|---|---|--:|--:|--:|--:|--:|---|\n";
  for (const auto &s : binary.segments) {
    std::string names;
    for (unsigned index : s.sections) names += (names.empty() ? "" : " ") + markdownCode(binary.sections[index].name);
    std::string memsz = markdownCode(hex(s.memsz));
    if (s.isLoad() && s.memoryOnlyBytes() > 0) memsz += fmt::format(" (+{} bss)", humanSize(s.memoryOnlyBytes()));
    out += fmt::format("| {} | {} | `{}` | {} | {} | {} | {} | {} | {} |\n", s.index, s.type, s.flags,
                       markdownCode(hex(s.offset)), markdownCode(hex(s.vaddr)), markdownCode(hex(s.filesz)), memsz, markdownCode(hex(s.align)), names);
  }
  return out;
}

std::string sectionsMarkdown(const model::Binary &binary) {
  std::string out = fmt::format("### Sections of `{}`\n\n", markdownCell(binary.path));
  if (binary.sections.empty()) return out + "No section headers.\n";
  out += "| # | name | type | flags | addr | offset | size | align | segments |\n"
         "|--:|---|---|---|--:|--:|--:|--:|---|\n";
  for (const auto &s : binary.sections) {
    std::string segments;
    for (unsigned index : s.segments) segments += (segments.empty() ? "" : " ") + std::to_string(index);
    out += fmt::format("| {} | {} | {} | {} | {} | {} | {} ({}) | {} | {} |\n", s.index, markdownCode(s.name), s.type,
                       markdownCode(s.flags), markdownCode(hex(s.addr)), markdownCode(hex(s.offset)), grouped(s.size), humanSize(s.size),
                       s.align, segments);
  }
  return out;
}

} // namespace

void renderMarkdown(const Report &report, Output &out) {
  const model::Binary &binary = *report.binary;
  Parts parts(out);
  if (report.summary || report.header) parts.add(headerMarkdown(binary));
  if (report.summary || report.segments) parts.add(segmentsMarkdown(binary));
  if (report.sections) parts.add(sectionsMarkdown(binary));
  if (report.summary) parts.add(markdownMostPadding(report));
  if (report.structs) parts.add(markdownStructs(report));
  if (report.types) markdownTypeList(report, parts.next());
  parts.add(markdownCheck(report));
}

std::string renderMarkdown(const Report &report) {
  return renderToString([&](Output &out) { renderMarkdown(report, out); });
}

} // namespace memlayout::report
