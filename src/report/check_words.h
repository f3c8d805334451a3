// The words for --check/--diff results, in one place for the text, Markdown and GitHub renderers so the
// three cannot drift: each change as a sentence and as table cells, the summary line, the notes.
#pragma once

#include "model/check.h"
#include "report/report.h"

#include <string>
#include <string_view>

namespace memlayout::report {

// One change in words. `sentence` stands alone ("size 8 → 12 bytes (+4)", "new hole: 3 bytes at offset
// 1, after a"); `what`, `before` and `after` are the same facts split for a table ("new hole after a",
// "", "3 bytes at offset 1"; "" where a side has nothing to show).
struct ChangeWords {
  std::string what, before, after;
  std::string sentence;
};

// `code` (Markdown): names of fields, variants and types as code spans, pipes escaped.
ChangeWords changeWords(const model::TypeComparison &type, const model::Change &change, bool code = false);
inline std::string describeChange(const model::TypeComparison &type, const model::Change &change) {
  return changeWords(type, change).sentence;
}

// Something got smaller or went away that only cost space: size or padding shrank, a hole closed or
// shrank. (The policy may still call it a regression, in exact mode.)
bool isImprovement(const model::Change &change);
// "FAIL" for a regression, "better" for an improvement that passes, "ok" for any other passing change.
std::string_view changeMarker(const model::Change &change);

// Counts over every type of a result.
struct CheckCounts {
  std::uint64_t regressions = 0, improvements = 0, others = 0; // others: neither
  std::uint64_t typesWithRegressions = 0;
};
CheckCounts countChanges(const model::CheckResult &check);

// "check: FAILED — 5 regressions in 3 types (baseline b.json, ratchet, 40 types compared)", or
// "check: passed — no regressions (2 improvements, 1 other change; baseline b.json, ratchet, …)";
// "diff: …" and "against OTHER" for --diff.
std::string checkSummaryLine(const model::CheckResult &check);
// "the baseline was built by gcc 14.2.0; this file by gcc 15.1.0 — layouts may differ because of the
// compiler", or "" when the compilers agree or one side does not say.
std::string compilerNote(const model::CheckResult &check);
// "suppressed: 3 changes in types matched by --suppress", or "" when none were.
std::string suppressedLine(const model::CheckResult &check);
// "baseline written to F (12 types)" or "baseline F not updated: the check found regressions".
std::string savedLine(const Report::SavedBaseline &saved);

// "ratchet" or "exact".
std::string_view modeName(model::Policy::Mode mode);
// The declaration's file relative to `sourceRoot` when the file is absolute and lies under it; else as
// DWARF gives it.
std::string declFile(const model::Decl &decl, const std::string &sourceRoot);
// "src/gate.c:12" (no ":line" when the line is unknown); "" without a declaration or file.
std::string declLocation(const std::optional<model::Decl> &decl, const std::string &sourceRoot);
// "struct gate_flipped" — the kind from whichever side exists.
std::string typeTitle(const model::TypeComparison &type);
// "8 → 12 bytes", "12 bytes", "new, 16 bytes", "12 bytes, removed".
std::string typeSizeText(const model::TypeComparison &type);

} // namespace memlayout::report
