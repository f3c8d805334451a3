// Text renderings of type layouts; internal to report/.
#pragma once

#include "report/color.h"
#include "report/output.h"
#include "report/report.h"

#include <cstdint>
#include <string>

namespace memlayout::report {

// --struct: one field-offset table per type, in pahole's vocabulary, blank lines between.
std::string textStructs(const Report &report, const Palette &palette);
std::string textStruct(const TypeEntry &entry, const Report &report, const Palette &palette);

// --types: a heading, one line per type, a totals line, streamed to `out` row by row (the column
// widths do not depend on the other rows: the name comes last).
struct TypeListTotals {
  std::uint64_t types = 0, bytes = 0, padding = 0, holes = 0;
};
std::string textTypeListHeading(const Report &report, const Palette &palette);
std::string textTypeListRow(const TypeEntry &entry, const Report &report);
std::string textTypeListTotals(const TypeListTotals &totals, const Palette &palette);
void textTypeList(const Report &report, const Palette &palette, Output &out);

// Padded columns leave spaces at line ends; they only make diffs and goldens noisy.
std::string trimLineEnds(const std::string &text);

// Summary: "Types that waste the most padding" ("" when the file has no DWARF).
std::string textMostPadding(const Report &report, const Palette &palette);

// Pieces textStruct and textEnum share: the title line, --suggest's answer, and for Rust types the
// niches and what Option<T> costs, as pahole-style comments.
std::string typeTitleLine(const TypeEntry &entry, const Palette &palette);
std::string suggestionText(const TypeEntry &entry, const Palette &palette);
std::string nicheNotes(const TypeEntry &entry, const Palette &palette);

// Enums (text_enums.cpp). C-like: value and name of each enumerator. With data: where the discriminant
// lives and which values select which variant in one line, then each variant's fields, holes and
// padding over the whole enum, in the struct table's columns.
std::string textEnum(const TypeEntry &entry, const Report &report, const Palette &palette);

} // namespace memlayout::report
