// Text for --check/--diff, made for CI logs: the verdict first, then each changed type and its changes.
#include "report/check_render.h"

#include "report/check_words.h"

#include <fmt/format.h>

namespace memlayout::report {

std::string textCheck(const Report &report, const Palette &palette) {
  if (!report.check) return "";
  const model::CheckResult &check = *report.check;
  const std::string summary = checkSummaryLine(check);
  std::string out = (check.passed() ? palette.good(summary) : palette.bad(summary)) + "\n";
  if (const std::string note = compilerNote(check); !note.empty()) out += palette.warn("note: " + note) + "\n";
  for (const auto &type : check.types) {
    if (!type.before && !type.after && type.changes.empty()) continue;
    const std::string where = type.before || type.after ? declLocation(type.decl(), report.sourceRoot) : "";
    out += fmt::format("\n{}{}  {}\n", where.empty() ? "" : palette.dim(where) + "  ", palette.heading(typeTitle(type)),
                       typeSizeText(type));
    for (const auto &change : type.changes) {
      const std::string marker = fmt::format("{:<6}", changeMarker(change));
      const std::string shown = change.regression ? palette.bad(marker) : isImprovement(change) ? palette.good(marker) : marker;
      out += fmt::format("  {}  {}\n", shown, describeChange(type, change));
    }
  }
  if (const std::string line = suppressedLine(check); !line.empty()) out += "\n" + palette.dim(line) + "\n";
  return out;
}

std::string textSaved(const Report &report) { return report.saved ? savedLine(*report.saved) + "\n" : ""; }

} // namespace memlayout::report
