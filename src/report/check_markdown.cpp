// Markdown for --check/--diff, made for pull-request comments: the verdict as a heading, one table of
// every change, and the new layout of each regressed type with holes, folded in <details>.
#include "report/check_render.h"

#include "report/check_words.h"
#include "report/markdown_types.h"
#include "report/text_table.h"

#include <fmt/format.h>

#include <algorithm>

namespace memlayout::report {
namespace {

std::string orDash(const std::string &cell) { return cell.empty() ? "—" : cell; }

// Inside <summary> Markdown is not parsed: names are HTML.
std::string html(const std::string &text) {
  std::string out;
  for (char c : text) {
    switch (c) {
    case '<': out += "&lt;"; break;
    case '>': out += "&gt;"; break;
    case '&': out += "&amp;"; break;
    case '"': out += "&quot;"; break;
    default: out += c;
    }
  }
  return out;
}

std::string heading(const model::CheckResult &check) {
  const CheckCounts n = countChanges(check);
  if (n.regressions == 0) return "### memlayout: ✅ no layout regressions\n";
  return fmt::format("### memlayout: ❌ {} in {}\n", countOf(n.regressions, "layout regression", "layout regressions"),
                     countOf(n.typesWithRegressions, "type", "types"));
}

std::string scopeLine(const model::CheckResult &check) {
  const CheckCounts n = countChanges(check);
  std::string changes = countOf(check.types.size(), "type changed", "types changed");
  if (n.improvements) changes += ", " + countOf(n.improvements, "improvement", "improvements");
  return fmt::format("{} {} ({} mode): {} compared, {}.\n", check.diff ? "Compared with" : "Compared with the baseline",
                     markdownCode(check.baseline), modeName(check.policy.mode),
                     countOf(check.typesCompared, "type", "types"), changes);
}

std::string changesTable(const model::CheckResult &check) {
  std::string out = "| type | change | before | after |\n|---|---|---|---|\n";
  for (const auto &type : check.types)
    for (const auto &change : type.changes) {
      const ChangeWords w = changeWords(type, change, true);
      const std::string mark = change.regression ? "❌ " : isImprovement(change) ? "✅ " : "";
      out += fmt::format("| {} | {}{} | {} | {} |\n", markdownCode(type.name), mark, w.what, orDash(w.before),
                         orDash(w.after));
    }
  return out;
}

bool hasHoles(const model::TypeSnapshot &t) {
  if (!t.holes.empty()) return true;
  return std::any_of(t.variants.begin(), t.variants.end(), [](const auto &v) { return !v.holes.empty(); });
}

struct LayoutLine {
  std::uint64_t bitOffset;
  int rank; // at one offset: discriminant, then fields, then holes
  std::string text;
};

std::string fieldLine(const model::SnapshotField &f, const std::string &prefix) {
  std::string label = f.base ? f.type + " (base)" : f.name.empty() ? "(anonymous)" : f.name;
  if (f.bitSize) label += ":" + std::to_string(*f.bitSize);
  std::string offset = !f.offset ? "?" : f.bitOffset ? byteAndBit(*f.bitOffset) : std::to_string(*f.offset);
  return fmt::format("| {} | {} | {} | {} |\n", offset, f.size, markdownCode(prefix + label), markdownCode(f.type));
}

void addFields(std::vector<LayoutLine> &lines, const std::vector<model::SnapshotField> &fields,
               const std::vector<model::ByteRange> &holes, const std::string &prefix) {
  const std::uint64_t unknown = UINT64_MAX;
  for (const auto &f : fields)
    lines.push_back({f.bitOffset ? *f.bitOffset : f.offset ? *f.offset * 8 : unknown, 1, fieldLine(f, prefix)});
  for (const auto &h : holes)
    lines.push_back({h.offset * 8, 2,
                     fmt::format("| {} | {} | **hole**{} | |\n", h.offset, h.size,
                                 prefix.empty() ? "" : " in " + markdownCode(prefix.substr(0, prefix.size() - 1)))});
}

std::string layoutTable(const model::TypeSnapshot &t) {
  std::string out = "| offset | size | field | type |\n|--:|--:|---|---|\n";
  std::vector<LayoutLine> lines;
  addFields(lines, t.fields, t.holes, "");
  std::stable_sort(lines.begin(), lines.end(),
                   [](const auto &a, const auto &b) { return std::tie(a.bitOffset, a.rank) < std::tie(b.bitOffset, b.rank); });
  for (const auto &l : lines) out += l.text;
  if (t.discriminant)
    out += fmt::format("| {} | {} | discriminant ({}) | |\n", t.discriminant->offset, t.discriminant->size,
                       t.discriminant->kind);
  for (const auto &v : t.variants) {
    if (v.fields.empty() && v.holes.empty()) continue;
    std::vector<LayoutLine> variant;
    addFields(variant, v.fields, v.holes, v.name + ".");
    std::stable_sort(variant.begin(), variant.end(), [](const auto &a, const auto &b) {
      return std::tie(a.bitOffset, a.rank) < std::tie(b.bitOffset, b.rank);
    });
    for (const auto &l : variant) out += l.text;
  }
  if (t.trailingPadding)
    out += fmt::format("| {} | {} | padding | |\n", t.size - t.trailingPadding, t.trailingPadding);
  return out;
}

std::string newLayouts(const model::CheckResult &check) {
  std::string out;
  for (const auto &type : check.types) {
    if (!type.regression() || !type.after || !hasHoles(*type.after)) continue;
    const model::TypeSnapshot &t = *type.after;
    std::uint64_t holeBytes = 0, holes = t.holes.size();
    for (const auto &h : t.holes) holeBytes += h.size;
    for (const auto &v : t.variants) {
      holes += v.holes.size();
      for (const auto &h : v.holes) holeBytes += h.size;
    }
    out += fmt::format("\n<details><summary>New layout of <code>{}</code>: {}, {} ({}), padding {}</summary>\n\n",
                       html(type.name), countOf(t.size, "byte", "bytes"), countOf(holes, "hole", "holes"),
                       countOf(holeBytes, "byte", "bytes"), countOf(t.padding, "byte", "bytes"));
    out += layoutTable(t) + "\n</details>\n";
  }
  return out;
}

} // namespace

std::string markdownCheck(const Report &report) {
  std::string out;
  if (report.check) {
    const model::CheckResult &check = *report.check;
    out += heading(check) + "\n" + scopeLine(check);
    if (const std::string note = compilerNote(check); !note.empty()) out += "\n> **Note:** " + markdownCell(note) + ".\n";
    if (!check.types.empty()) out += "\n" + changesTable(check) + newLayouts(check);
    if (const std::string line = suppressedLine(check); !line.empty()) out += "\n" + markdownCell(line) + ".\n";
  }
  if (report.saved) out += (out.empty() ? "" : "\n") + markdownCell(savedLine(*report.saved)) + ".\n";
  return out;
}

} // namespace memlayout::report
