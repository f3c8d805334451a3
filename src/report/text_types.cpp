// Text renderings of type layouts: pahole-style field-offset tables (--struct), the one-line-per-type
// listing (--types) and the summary's padding wasters. Pure functions of the Report.
#include "report/text_types.h"

#include "report/enum_words.h"
#include "report/text_table.h"
#include "report/type_names.h"
#include "report/units.h"

#include <fmt/format.h>

#include <algorithm>

namespace memlayout::report {
namespace {

using What = model::LayoutItem::What;

std::string count(std::uint64_t n, std::string_view one, std::string_view many) { return countOf(n, one, many); }

std::string boundaryLine(const model::CacheLineBoundary &boundary, std::uint64_t rowOffset,
                         const std::vector<TableLine> &lines) {
  std::string text = fmt::format("--- cacheline {} boundary ({} bytes)", boundary.line, boundary.offset);
  if (rowOffset > boundary.offset) text += fmt::format(" was {} ago", count(rowOffset - boundary.offset, "byte", "bytes"));
  if (!boundary.straddledBy.empty()) {
    std::string names;
    for (std::size_t row : boundary.straddledBy) {
      std::string name = row < lines.size() ? lines[row].field : "?";
      name.erase(0, name.find_first_not_of(' '));
      names += (names.empty() ? "" : ", ") + name;
    }
    text += ", inside " + names;
  }
  return text + " ---";
}

} // namespace

std::string typeTitleLine(const TypeEntry &entry, const Palette &palette) {
  const model::Type &type = *entry.type;
  std::string out = palette.heading(fmt::format("{} {}", kindName(type.kind), displayName(type)));
  out += fmt::format(" — {}", languageName(type.language));
  const std::string origin = originText(type);
  if (!origin.empty()) out += ", " + origin;
  if (entry.layoutsWithName > 1)
    out += fmt::format(" (layout {} of {} named {})", entry.layoutNumber, entry.layoutsWithName, displayName(type));
  return out + "\n";
}

std::string suggestionText(const TypeEntry &entry, const Palette &palette) {
  const model::Type &type = *entry.type;
  const model::Suggestion &s = *entry.facts.suggestion;
  using Status = model::Suggestion::Status;
  auto note = [&palette](std::string_view text) { return palette.dim(fmt::format("  /* --suggest: {} */", text)) + "\n"; };
  switch (s.status) {
  case Status::NoHoles: return note("no holes to remove");
  case Status::NoGain:
    return note(s.likelyReprC ? "no field order found that makes it smaller (its holes say repr(C): rustc leaves none)"
                              : "no field order found that makes it smaller");
  case Status::Union: return note("a union's members overlap by design; nothing to reorder");
  case Status::Packed: return note("packed: there is no alignment padding to remove");
  case Status::VirtualBases: return note("the ABI places virtual bases; not reordered");
  case Status::Rust: return note("rustc already reorders the fields of repr(Rust) types; a repr(C) type keeps this order");
  case Status::SystemHeader:
    return note("declared in a system header, so its layout is part of an ABI; name it with --struct to see an order anyway");
  case Status::Enum: return note("an enum has no fields to reorder");
  case Status::Reordered: break;
  }
  std::string out = palette.heading(fmt::format("  --suggest: this order gives {} instead of {} (saves {}), padding {}",
                                                count(s.size, "byte", "bytes"), type.size, count(type.size - s.size, "byte", "bytes"),
                                                s.padding)) +
                    "\n";
  if (s.likelyReprC)
    out += palette.dim("  /* its holes say repr(C) (rustc leaves none in repr(Rust) types): reorder the declaration */") + "\n";
  std::size_t typeWidth = 4, offsetWidth = 6;
  for (int index : s.order) typeWidth = std::max(typeWidth, type.fields[static_cast<std::size_t>(index)].typeName.size());
  typeWidth = std::min<std::size_t>(typeWidth, 40);
  out += fmt::format("    {:>{}}  {:>5}  {:<{}}  {}\n", "offset", offsetWidth, "size", "type", typeWidth, "field");
  for (std::size_t i = 0; i < s.order.size(); ++i) {
    const model::Field &f = type.fields[static_cast<std::size_t>(s.order[i])];
    const std::uint64_t bit = s.bitOffsets[i];
    out += fmt::format("    {:>{}}  {:>5}  {:<{}}  {}\n", f.bitField ? byteAndBit(bit) : std::to_string(bit / 8),
                       offsetWidth, f.byteSize, f.typeName, typeWidth, fieldLabel(f));
  }
  return out;
}

std::string nicheNotes(const TypeEntry &entry, const Palette &palette) {
  constexpr std::size_t kShown = 8;
  const model::TypeFacts &facts = entry.facts;
  std::string out;
  for (std::size_t i = 0; i < facts.niches.size() && i < kShown; ++i)
    out += palette.dim("  /* niche: " + nicheSentence(facts.niches[i], false) + " */") + "\n";
  if (facts.niches.size() > kShown)
    out += palette.dim(fmt::format("  /* … and {} more niches (--format json lists them) */", facts.niches.size() - kShown)) + "\n";
  if (facts.option) out += palette.dim("  /* " + optionSentence(*entry.type, *facts.option, false) + " */") + "\n";
  return out;
}

std::string textStruct(const TypeEntry &entry, const Report &report, const Palette &palette) {
  const model::Type &type = *entry.type;
  const model::TypeFacts &facts = entry.facts;
  if (type.kind == model::Kind::Enum) return textEnum(entry, report, palette);

  std::vector<TableLine> lines;
  lines.reserve(facts.rows.size());
  for (std::size_t i = 0; i < facts.rows.size(); ++i)
    lines.push_back(facts.rows[i].what == What::Field ? fieldTableLine(type.fields, report, facts.rows, i)
                                                      : gapTableLine(facts.rows[i]));
  TableWidths widths;
  measureTable(lines, widths);

  std::string out = typeTitleLine(entry, palette);
  out += tableHeading(widths, palette);
  std::size_t nextBoundary = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    while (nextBoundary < facts.cacheLines.boundaries.size() && facts.cacheLines.boundaries[nextBoundary].beforeRow == i) {
      out += palette.dim("  " + boundaryLine(facts.cacheLines.boundaries[nextBoundary], facts.rows[i].bitOffset / 8, lines)) + "\n";
      ++nextBoundary;
    }
    out += formatTableLine(lines[i], widths, palette);
  }

  // Totals in pahole's words.
  const model::Layout &layout = facts.layout;
  const model::CacheLines &cl = facts.cacheLines;
  std::vector<std::string> totals;
  totals.push_back(fmt::format("size: {}, align: {}, cachelines: {}, members: {}", type.size, type.align, cl.count,
                               type.fields.size()));
  std::uint64_t bitfieldBits = 0, bitHoles = 0;
  for (const auto &f : type.fields)
    if (f.bitField) bitfieldBits += f.bitSize;
  // pahole's "sum members": the type's own members, without base classes (they have their own sums)
  // and without bit-fields (counted in "sum bitfield members").
  std::uint64_t sumMembers = 0;
  for (const auto &f : type.fields)
    if (!f.base && !f.bitField) sumMembers += f.bitSize / 8;
  if (type.kind != model::Kind::Union)
    totals.push_back(fmt::format("sum members: {}, holes: {}, sum holes: {}", sumMembers, layout.holes.size(),
                                 layout.holeBytes));
  for (const auto &item : layout.items)
    if (item.what == What::BitHole) ++bitHoles;
  if (bitfieldBits > 0 || bitHoles > 0)
    totals.push_back(fmt::format("sum bitfield members: {} bits, bit holes: {}, sum bit holes: {} bits", bitfieldBits,
                                 bitHoles, layout.bitHoleBits));
  if (layout.trailingPadding > 0) totals.push_back(fmt::format("padding: {}", layout.trailingPadding));
  if (cl.lastLineBytes > 0) totals.push_back(fmt::format("last cacheline: {} bytes", cl.lastLineBytes));
  if (type.packed) totals.push_back("packed: members sit where their alignment would not put them");
  std::uint64_t memberAlign = 0;
  for (const auto &f : type.fields) memberAlign = std::max(memberAlign, f.align);
  if (memberAlign > 0 && type.align > memberAlign)
    totals.push_back(fmt::format("aligned({}): more than its members need ({})", type.align, memberAlign));
  for (const auto &text : totals) out += palette.dim("  /* " + text + " */") + "\n";
  out += nicheNotes(entry, palette);
  if (facts.suggestion) out += suggestionText(entry, palette);
  return out;
}

std::string textStructs(const Report &report, const Palette &palette) {
  std::string out;
  for (const auto &entry : report.structEntries) out += (out.empty() ? "" : "\n") + textStruct(entry, report, palette);
  return out;
}

std::string textTypeListHeading(const Report &report, const Palette &palette) {
  const TypeList &list = report.typeList;
  std::string what = fmt::format("{} of {}", count(list.types.size(), "type", "types"), report.binary->path);
  std::vector<std::string> how;
  if (list.minPadding > 0) how.push_back(fmt::format("padding at least {}", count(list.minPadding, "byte", "bytes")));
  if (!list.sortedBy.empty())
    how.push_back(fmt::format("by {}{}", list.sortedBy, list.sortedBy == "name" ? "" : ", largest first"));
  else
    how.push_back("in the order of the debug info");
  if (list.top) how.push_back(fmt::format("top {} of {}", *list.top, list.candidates));
  std::string out = palette.heading(what);
  for (const auto &h : how) out += ", " + h;
  out += "\n";
  out += palette.dim(fmt::format("  {:>9}  {:>5}  {:>7}  {:>5}{}  {:<6}  {:<8}  {}", "size", "align", "padding", "holes",
                                 report.suggest ? "    saves" : "", "kind", "language", "name")) +
         "\n";
  return out;
}

std::string textTypeListRow(const TypeEntry &entry, const Report &report) {
  const model::Type &type = *entry.type;
  const model::Layout &layout = entry.facts.layout;
  std::string saves;
  if (report.suggest) {
    const auto &s = entry.facts.suggestion;
    saves = s && s->status == model::Suggestion::Status::Reordered ? fmt::format("  {:>7}", type.size - s->size)
                                                                  : fmt::format("  {:>7}", "");
  }
  return fmt::format("  {:>9}  {:>5}  {:>7}  {:>5}{}  {:<6}  {:<8}  {}\n", type.size, type.align, layout.padding,
                     layout.holes.size(), saves, kindName(type.kind), languageName(type.language), displayName(type));
}

std::string textTypeListTotals(const TypeListTotals &totals, const Palette &palette) {
  const double share = totals.bytes ? 100.0 * static_cast<double>(totals.padding) / static_cast<double>(totals.bytes) : 0.0;
  return palette.dim(fmt::format("  total: {}, {} in all, {} of padding ({:.1f}%) in {}",
                                 count(totals.types, "type", "types"), count(totals.bytes, "byte", "bytes"),
                                 count(totals.padding, "byte", "bytes"), share, count(totals.holes, "hole", "holes"))) +
         "\n";
}

void textTypeList(const Report &report, const Palette &palette, Output &out) {
  out << trimLineEnds(textTypeListHeading(report, palette));
  TypeListTotals totals;
  for (std::size_t i = 0; i < report.typeList.types.size(); ++i) {
    const TypeEntry entry = report.typeList.entry(i);
    out << trimLineEnds(textTypeListRow(entry, report));
    ++totals.types;
    totals.bytes += entry.type->size;
    totals.padding += entry.facts.layout.padding;
    totals.holes += entry.facts.layout.holes.size();
  }
  if (report.typeList.types.empty()) out << palette.dim("  no type matches") + "\n";
  out << trimLineEnds(textTypeListTotals(totals, palette));
}

std::string textMostPadding(const Report &report, const Palette &palette) {
  if (!report.typesRead && report.typesProblem.empty()) return "";
  std::string out = palette.heading("Types that waste the most padding") + "\n";
  if (!report.typesProblem.empty()) return out + "  types could not be read: " + report.typesProblem + "\n";
  if (report.mostPadding.empty()) return out + "  none: no type has holes or trailing padding\n";
  out += palette.dim(fmt::format("  {:>7}  {:>9}  {:>5}  {}", "padding", "size", "holes", "type")) + "\n";
  for (const auto &entry : report.mostPadding)
    out += fmt::format("  {:>7}  {:>9}  {:>5}  {} {}\n", entry.facts.layout.padding, entry.type->size,
                       entry.facts.layout.holes.size(), kindName(entry.type->kind), displayName(*entry.type));
  return out;
}

} // namespace memlayout::report
