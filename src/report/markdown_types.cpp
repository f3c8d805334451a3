// Markdown for types: GitHub tables for pull requests (a layout per type, one table for --types).
#include "report/markdown_types.h"

#include "report/enum_words.h"
#include "report/type_names.h"
#include "report/units.h"

#include <fmt/format.h>

namespace memlayout::report {
namespace {

using What = model::LayoutItem::What;

const model::Field *rowField(const model::Type &type, const Report &report, const model::LayoutRow &row) {
  const model::Type *owner = &type;
  if (row.owner >= 0) {
    if (!report.table || static_cast<std::size_t>(row.owner) >= report.table->types.size()) return nullptr;
    owner = &report.table->types[static_cast<std::size_t>(row.owner)];
  }
  if (row.field < 0 || static_cast<std::size_t>(row.field) >= owner->fields.size()) return nullptr;
  return &owner->fields[static_cast<std::size_t>(row.field)];
}

std::string enumMarkdown(const model::Type &type) {
  std::string out = "| value | name |\n|--:|---|\n";
  for (const auto &v : type.variants)
    out += fmt::format("| {} | {} |\n", discriminantText(v), markdownCode(v.name));
  return out;
}

// Niches and what Option<T> costs, for Rust types: a list after the table.
std::string nichesMarkdown(const TypeEntry &entry) {
  const model::TypeFacts &facts = entry.facts;
  std::string out;
  if (!facts.niches.empty()) {
    out += "\nNiches (invalid values a wrapping enum can use):\n\n";
    for (const auto &niche : facts.niches) out += "- " + markdownCell(nicheSentence(niche, true)) + "\n";
  }
  if (facts.option) out += "\n" + markdownCell(optionSentence(*entry.type, *facts.option, true)) + ".\n";
  return out;
}

// An enum with data: the discriminant sentence, then one table whose first column names the variant
// and the value that selects it.
std::string variantsMarkdown(const TypeEntry &entry, const Report &report) {
  const model::Type &type = *entry.type;
  const model::TypeFacts &facts = entry.facts;
  const model::DiscriminantFacts *d = facts.discriminant ? &*facts.discriminant : nullptr;
  std::string out;
  if (d) out += markdownCell(discriminantSentence(type, *d, true)) + ".\n\n";
  out += "| variant | offset | size | align | type | field | note |\n|---|--:|--:|--:|---|---|---|\n";
  for (std::size_t i = 0; i < type.variants.size(); ++i) {
    const model::Variant &variant = type.variants[i];
    const bool owner = d && d->owner == static_cast<int>(i);
    std::string first = markdownCode(variant.name) + (d ? " " + markdownCell(variantSelector(variant, d, owner)) : "");
    static const std::vector<model::LayoutRow> kNoRows;
    const std::vector<model::LayoutRow> &rows = i < facts.variantRows.size() ? facts.variantRows[i] : kNoRows;
    if (rows.empty()) out += fmt::format("| {} | | | | | | |\n", first);
    for (const model::LayoutRow &row : rows) {
      std::string depth;
      for (unsigned k = 0; k < row.depth; ++k) depth += "&nbsp;&nbsp;";
      if (row.what == What::Discriminant) {
        out += fmt::format("| {} | {} | {} | | {} | {} | |\n", first, row.bitOffset / 8, row.bitSize / 8,
                           d ? markdownCode(d->typeName) : "",
                           d && d->kind == model::DiscriminantFacts::Kind::Niche ? "niche value" : "tag");
      } else if (row.what == What::Hole) {
        out += fmt::format("| {} | {} | {} | | | | {} |\n", first, row.bitOffset / 8, row.bitSize / 8,
                           row.depth == 0 ? "unused by this variant" : "**hole** of " + byteCount(row.bitSize / 8));
      } else if (row.what == What::TrailingPadding) {
        out += fmt::format("| {} | {} | {} | | | | padding{} |\n", first, row.bitOffset / 8, row.bitSize / 8,
                           row.depth > 0 ? " (nested)" : "");
      } else if (row.what == What::Field) {
        const std::vector<model::Field> *fields = &variant.fields;
        if (row.owner >= 0) {
          if (!report.table || static_cast<std::size_t>(row.owner) >= report.table->types.size()) continue;
          fields = &report.table->types[static_cast<std::size_t>(row.owner)].fields;
        }
        if (row.field < 0 || static_cast<std::size_t>(row.field) >= fields->size()) continue;
        const model::Field &f = (*fields)[static_cast<std::size_t>(row.field)];
        std::string note;
        if (owner && row.depth == 0 && d && row.bitOffset / 8 <= d->offset && d->offset + d->size <= (row.bitOffset + row.bitSize) / 8)
          note = "holds the niche";
        out += fmt::format("| {} | {} | {} | {} | {} | {}{} | {} |\n", first, row.bitOffset / 8, fieldBytes(f),
                           f.align ? std::to_string(f.align) : "", markdownCode(f.typeName), depth,
                           markdownCode(fieldLabel(f)), note);
      } else {
        continue;
      }
      first.clear(); // the variant is named on its first line only
    }
  }
  return out;
}

std::string structMarkdown(const TypeEntry &entry, const Report &report) {
  const model::Type &type = *entry.type;
  const model::TypeFacts &facts = entry.facts;
  std::string out = fmt::format("### `{} {}`\n\n", kindName(type.kind), markdownCell(displayName(type)));
  std::string origin = originText(type);
  out += fmt::format("{}{}. ", languageName(type.language), origin.empty() ? "" : ", " + markdownCell(origin));
  if (entry.layoutsWithName > 1) out += fmt::format("Layout {} of {} under this name. ", entry.layoutNumber, entry.layoutsWithName);
  if (type.kind == model::Kind::Enum && !facts.variantLayouts.empty())
    return out + fmt::format("Size {}, align {}, {} variant{}, padding {} (bytes no variant uses).\n\n", byteCount(type.size),
                             type.align, type.variants.size(), type.variants.size() == 1 ? "" : "s",
                             byteCount(facts.layout.padding)) +
           variantsMarkdown(entry, report) + nichesMarkdown(entry);
  if (type.kind == model::Kind::Enum)
    return out + fmt::format("Size {}, align {}.\n\n", byteCount(type.size), type.align) + enumMarkdown(type) +
           nichesMarkdown(entry);
  out += fmt::format("Size {}, align {}, {} cache line{} of {} bytes; {} hole{} ({}), padding {}{}.\n\n",
                     byteCount(type.size), type.align, facts.cacheLines.count, facts.cacheLines.count == 1 ? "" : "s",
                     facts.cacheLines.lineSize, facts.layout.holes.size(), facts.layout.holes.size() == 1 ? "" : "s",
                     byteCount(facts.layout.holeBytes), byteCount(facts.layout.padding), type.packed ? ", packed" : "");
  out += "| offset | size | align | type | field | note |\n|--:|--:|--:|---|---|---|\n";
  for (std::size_t index = 0; index < facts.rows.size(); ++index) {
    const model::LayoutRow &row = facts.rows[index];
    const bool expandedBelow = index + 1 < facts.rows.size() && facts.rows[index + 1].depth > row.depth;
    std::string depth; // GitHub collapses spaces in cells; non-breaking ones indent nested fields
    for (unsigned d = 0; d < row.depth; ++d) depth += "&nbsp;&nbsp;";
    if (row.what == What::Hole) {
      out += fmt::format("| {} | {} | | | | **hole** of {}, try to pack |\n", row.bitOffset / 8, row.bitSize / 8,
                         byteCount(row.bitSize / 8));
      continue;
    }
    if (row.what == What::BitHole) {
      out += fmt::format("| {}:{} | | | | | bit hole of {} bit{} |\n", row.bitOffset / 8, row.bitOffset % 8,
                         row.bitSize, row.bitSize == 1 ? "" : "s");
      continue;
    }
    if (row.what == What::TrailingPadding) {
      out += fmt::format("| {} | {} | | | | padding{} |\n", row.bitOffset / 8, row.bitSize / 8,
                         row.depth > 0 ? " (nested)" : "");
      continue;
    }
    const model::Field *f = rowField(type, report, row);
    if (!f) continue;
    const bool runtime = f->virtualBase && f->bitSize == 0;
    std::string offset = runtime ? "?" : f->bitField ? fmt::format("{}:{}", row.bitOffset / 8, row.bitOffset % 8)
                                                     : std::to_string(row.bitOffset / 8);
    std::string note;
    if (f->virtualBase) note = runtime ? "virtual base: offset known only at run time" : "virtual base, placed by the ABI";
    else if (f->base) note = "base";
    if (f->artificial) note += (note.empty() ? "" : "; ") + artificialLabel(*f);
    if (row.emptyOverlap) note += (note.empty() ? "" : "; ") + std::string("empty: takes no space");
    if (row.tailPaddingOf >= 0) note += (note.empty() ? "" : "; ") + std::string("in a base's tail padding");
    if (row.arrayCount > 0 && expandedBelow) note += (note.empty() ? "" : "; ") + fmt::format("× {}, element 0 below", row.arrayCount);
    if (row.lastLine > row.firstLine && !runtime)
      note += (note.empty() ? "" : "; ") + fmt::format("straddles cache line {}", row.lastLine);
    out += fmt::format("| {} | {} | {} | {} | {}{} | {} |\n", offset, f->bitField ? f->byteSize : fieldBytes(*f), f->align ? std::to_string(f->align) : "",
                       markdownCode(f->typeName), depth, markdownCode(fieldLabel(*f)), note);
  }
  out += nichesMarkdown(entry);
  if (facts.suggestion && facts.suggestion->status == model::Suggestion::Status::Reordered) {
    const auto &s = *facts.suggestion;
    out += fmt::format("\nSuggested order: {} instead of {} (saves {}):", byteCount(s.size), type.size, byteCount(type.size - s.size));
    for (std::size_t i = 0; i < s.order.size(); ++i)
      out += fmt::format("{} {}", i ? "," : "", markdownCode(fieldLabel(type.fields[static_cast<std::size_t>(s.order[i])])));
    out += "\n";
  }
  return out;
}

} // namespace

std::string markdownCell(const std::string &text) {
  std::string out;
  for (char c : text) {
    if (c == '|') out += '\\';
    out += c;
  }
  return out;
}

std::string markdownCode(const std::string &text) { return text.empty() ? "" : "`" + markdownCell(text) + "`"; }

std::string markdownStructs(const Report &report) {
  std::string out;
  for (const auto &entry : report.structEntries) out += (out.empty() ? "" : "\n") + structMarkdown(entry, report);
  return out;
}

void markdownTypeList(const Report &report, Output &out) {
  const TypeList &list = report.typeList;
  out << fmt::format("### Types of `{}`\n\n", markdownCell(report.binary->path));
  out << fmt::format("{} type{}{}.\n\n", list.types.size(), list.types.size() == 1 ? "" : "s",
                     list.sortedBy.empty() ? ", in the order of the debug info" : ", by " + list.sortedBy);
  out << "| name | kind | size | align | padding | holes | language |\n|---|---|--:|--:|--:|--:|---|\n";
  for (std::size_t i = 0; i < list.types.size(); ++i) {
    const TypeEntry entry = list.entry(i);
    out << fmt::format("| {} | {} | {} | {} | {} | {} | {} |\n", markdownCode(displayName(*entry.type)),
                       kindName(entry.type->kind), entry.type->size, entry.type->align, entry.facts.layout.padding,
                       entry.facts.layout.holes.size(), languageName(entry.type->language));
  }
}

std::string markdownMostPadding(const Report &report) {
  if (!report.typesRead) return "";
  std::string out = "### Types that waste the most padding\n\n";
  if (report.mostPadding.empty()) return out + "None: no type has holes or trailing padding.\n";
  out += "| type | size | padding | holes |\n|---|--:|--:|--:|\n";
  for (const auto &entry : report.mostPadding)
    out += fmt::format("| {} | {} | {} | {} |\n", markdownCode(std::string(kindName(entry.type->kind)) + " " +
                                                               displayName(*entry.type)),
                       entry.type->size, entry.facts.layout.padding, entry.facts.layout.holes.size());
  return out;
}

} // namespace memlayout::report
