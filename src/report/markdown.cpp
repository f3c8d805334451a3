// Markdown output for pull requests and wikis: GitHub tables, code spans for names and numbers.
#include "report/render.h"

#include "report/markdown_types.h"
#include "report/units.h"

#include <fmt/format.h>

namespace memlayout::report {
namespace {

// Table cells must not break the table: escape the pipe.
std::string cell(const std::string &text) {
  std::string out;
  for (char c : text) {
    if (c == '|') out += '\\';
    out += c;
  }
  return out;
}

std::string code(const std::string &text) { return text.empty() ? "" : "`" + cell(text) + "`"; }

std::string headerMarkdown(const model::Binary &binary) {
  const auto &h = binary.header;
  std::string out = fmt::format("### ELF header of `{}`\n\n| field | value |\n|---|---|\n", cell(binary.path));
  auto row = [&out](std::string_view label, const std::string &value) { out += fmt::format("| {} | {} |\n", label, value); };
  row("class", fmt::format("ELF{}, {}-endian", h.elfClass, h.bigEndian ? "big" : "little"));
  row("machine", h.machine);
  row("type", fmt::format("{} ({})", h.type, h.typeDescription));
  row("OS/ABI", h.osAbi);
  row("entry", code(hex(h.entry)));
  row("interpreter", h.interpreter ? code(*h.interpreter) : "none");
  row("build-id", h.buildId ? code(*h.buildId) : "none");
  row("debuglink", h.debugLink ? code(h.debugLink->file) : "none");
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
  std::string out = fmt::format("### Segments of `{}`\n\n", cell(binary.path));
  if (binary.segments.empty()) return out + "No program headers.\n";
  out += "| # | type | flags | offset | vaddr | filesz | memsz | align | sections |\n"
         "|--:|---|---|--:|--:|--:|--:|--:|---|\n";
  for (const auto &s : binary.segments) {
    std::string names;
    for (unsigned index : s.sections) names += (names.empty() ? "" : " ") + code(binary.sections[index].name);
    std::string memsz = code(hex(s.memsz));
    if (s.isLoad() && s.memoryOnlyBytes() > 0) memsz += fmt::format(" (+{} bss)", humanSize(s.memoryOnlyBytes()));
    out += fmt::format("| {} | {} | `{}` | {} | {} | {} | {} | {} | {} |\n", s.index, s.type, s.flags,
                       code(hex(s.offset)), code(hex(s.vaddr)), code(hex(s.filesz)), memsz, code(hex(s.align)), names);
  }
  return out;
}

std::string sectionsMarkdown(const model::Binary &binary) {
  std::string out = fmt::format("### Sections of `{}`\n\n", cell(binary.path));
  if (binary.sections.empty()) return out + "No section headers.\n";
  out += "| # | name | type | flags | addr | offset | size | align | segments |\n"
         "|--:|---|---|---|--:|--:|--:|--:|---|\n";
  for (const auto &s : binary.sections) {
    std::string segments;
    for (unsigned index : s.segments) segments += (segments.empty() ? "" : " ") + std::to_string(index);
    out += fmt::format("| {} | {} | {} | {} | {} | {} | {} ({}) | {} | {} |\n", s.index, code(s.name), s.type,
                       code(s.flags), code(hex(s.addr)), code(hex(s.offset)), grouped(s.size), humanSize(s.size),
                       s.align, segments);
  }
  return out;
}

} // namespace

std::string renderMarkdown(const Report &report) {
  const model::Binary &binary = *report.binary;
  std::string out;
  auto add = [&out](const std::string &part) {
    if (!part.empty()) out += (out.empty() ? "" : "\n") + part;
  };
  if (report.summary || report.header) add(headerMarkdown(binary));
  if (report.summary || report.segments) add(segmentsMarkdown(binary));
  if (report.sections) add(sectionsMarkdown(binary));
  if (report.summary) add(markdownMostPadding(report));
  if (report.structs) add(markdownStructs(report));
  if (report.types) add(markdownTypeList(report));
  return out;
}

} // namespace memlayout::report
