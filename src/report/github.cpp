// GitHub Actions workflow commands for --check/--diff: one annotation per changed type, at its
// declaration, then the summary as a plain log line.
#include "report/render.h"

#include "report/check_words.h"

#include <fmt/format.h>

namespace memlayout::report {
namespace {

// https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts (escapeData, escapeProperty)
std::string escapeData(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
    case '%': out += "%25"; break;
    case '\r': out += "%0D"; break;
    case '\n': out += "%0A"; break;
    default: out += c;
    }
  }
  return out;
}

std::string escapeProperty(std::string_view text) {
  std::string out;
  for (char c : escapeData(text)) {
    switch (c) {
    case ':': out += "%3A"; break;
    case ',': out += "%2C"; break;
    default: out += c;
    }
  }
  return out;
}

// A plain log line carries no workflow command: a newline in a path must not start one.
std::string plainLine(std::string line) {
  for (char &c : line)
    if (c == '\n' || c == '\r') c = ' ';
  return line + "\n";
}

std::string annotation(const model::TypeComparison &type, const std::string &sourceRoot) {
  std::string properties;
  if (type.before || type.after) {
    const auto &decl = type.decl();
    if (decl && !decl->file.empty()) {
      properties = "file=" + escapeProperty(declFile(*decl, sourceRoot));
      if (decl->line) properties += fmt::format(",line={}", decl->line);
      properties += ",";
    }
  }
  properties += "title=" + escapeProperty("memlayout: " + type.name);
  std::string message;
  for (const auto &change : type.changes)
    message += (message.empty() ? "" : "%0A") + escapeData(fmt::format("[{}] {}", changeMarker(change), describeChange(type, change)));
  return fmt::format("::{} {}::{}\n", type.regression() ? "error" : "notice", properties, message);
}

} // namespace

void renderGithub(const Report &report, Output &stream) {
  if (!report.check) {
    renderText(report, false, stream);
    return;
  }
  const model::CheckResult &check = *report.check;
  std::string out;
  if (const std::string note = compilerNote(check); !note.empty())
    out += "::warning title=" + escapeProperty("memlayout: compilers differ") + "::" + escapeData(note) + "\n";
  for (const auto &type : check.types)
    if (!type.changes.empty()) out += annotation(type, report.sourceRoot);
  out += plainLine(checkSummaryLine(check));
  if (const std::string line = suppressedLine(check); !line.empty()) out += plainLine(line);
  if (report.saved) out += plainLine(savedLine(*report.saved));
  stream << out;
}

std::string renderGithub(const Report &report) {
  return renderToString([&](Output &out) { renderGithub(report, out); });
}

} // namespace memlayout::report
