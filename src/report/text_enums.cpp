// Text for enums: C-like enumerators with their values; Rust enums with data as one line on the
// discriminant and a block per variant in the struct table's columns.
#include "report/enum_words.h"
#include "report/text_table.h"
#include "report/text_types.h"
#include "report/type_names.h"

#include <fmt/format.h>

#include <algorithm>

namespace memlayout::report {
namespace {

using What = model::LayoutItem::What;

std::string enumeratorsText(const TypeEntry &entry, const Palette &palette) {
  const model::Type &type = *entry.type;
  std::string out = typeTitleLine(entry, palette);
  std::string facts = fmt::format("  size: {}, align: {}", type.size, type.align);
  if (!type.underlyingType.empty()) facts += ", underlying type: " + type.underlyingType;
  out += facts + fmt::format(", {}\n", countOf(type.variants.size(), "enumerator", "enumerators"));
  std::size_t valueWidth = 5;
  for (const auto &v : type.variants) valueWidth = std::max(valueWidth, discriminantText(v).size());
  out += fmt::format("  {:>{}}  {}\n", "value", valueWidth, "name");
  for (const auto &v : type.variants) out += fmt::format("  {:>{}}  {}\n", discriminantText(v), valueWidth, v.name);
  out += nicheNotes(entry, palette);
  if (entry.facts.suggestion) out += suggestionText(entry, palette);
  return out;
}

// The discriminant's bytes in a variant's table: the tag, or the niche value this variant stores.
TableLine discriminantLine(const model::LayoutRow &row, const model::DiscriminantFacts *d) {
  TableLine line;
  line.offset = std::to_string(row.bitOffset / 8);
  line.size = std::to_string(row.bitSize / 8);
  line.type = d && !d->typeName.empty() ? d->typeName : "?";
  line.field = d && d->kind == model::DiscriminantFacts::Kind::Niche ? "(niche value)" : "(tag)";
  return line;
}

} // namespace

std::string textEnum(const TypeEntry &entry, const Report &report, const Palette &palette) {
  const model::Type &type = *entry.type;
  const model::TypeFacts &facts = entry.facts;
  if (facts.variantLayouts.empty()) return enumeratorsText(entry, palette);

  const model::DiscriminantFacts *d = facts.discriminant ? &*facts.discriminant : nullptr;
  std::string out = typeTitleLine(entry, palette);
  out += fmt::format("  size: {}, align: {}, {}, padding: {} (bytes no variant uses)\n", type.size, type.align,
                     countOf(type.variants.size(), "variant", "variants"), facts.layout.padding);
  if (d) out += "  " + discriminantSentence(type, *d, false) + "\n";

  // One table for all variants, so their columns line up; a heading line before each variant.
  struct Block {
    std::string heading;
    std::vector<TableLine> lines;
  };
  std::vector<Block> blocks;
  TableWidths widths;
  for (std::size_t i = 0; i < type.variants.size(); ++i) {
    const model::Variant &variant = type.variants[i];
    const bool owner = d && d->owner == static_cast<int>(i);
    Block block;
    block.heading = "variant " + variant.name; // without a discriminant (one variant) nothing selects it
    if (d) block.heading += " " + variantSelector(variant, d, owner);
    static const std::vector<model::LayoutRow> kNoRows;
    const std::vector<model::LayoutRow> &rows = i < facts.variantRows.size() ? facts.variantRows[i] : kNoRows;
    for (std::size_t r = 0; r < rows.size(); ++r) {
      const model::LayoutRow &row = rows[r];
      if (row.what == What::Discriminant) {
        block.lines.push_back(discriminantLine(row, d));
        continue;
      }
      if (row.what == What::Hole && row.depth == 0) {
        // Not a hole to pack: other variants use these bytes, or the enum's alignment leaves them.
        TableLine line = gapTableLine(row);
        line.comment = fmt::format("/* {} unused by this variant */", countOf(row.bitSize / 8, "byte", "bytes"));
        line.warn = false;
        block.lines.push_back(std::move(line));
        continue;
      }
      if (row.what != What::Field) {
        block.lines.push_back(gapTableLine(row));
        continue;
      }
      TableLine line = fieldTableLine(variant.fields, report, rows, r);
      // The owner's field whose invalid values the other variants use.
      if (owner && row.depth == 0 && row.bitSize > 0 && row.bitOffset / 8 <= d->offset &&
          d->offset + d->size <= (row.bitOffset + row.bitSize) / 8)
        line.note += (line.note.empty() ? "" : "; ") + fmt::format("holds the niche (bytes {}..{})", d->offset, d->offset + d->size);
      block.lines.push_back(std::move(line));
    }
    measureTable(block.lines, widths);
    blocks.push_back(std::move(block));
  }
  out += tableHeading(widths, palette);
  for (const Block &block : blocks) {
    out += palette.heading("  " + block.heading) + "\n";
    for (const TableLine &line : block.lines) out += formatTableLine(line, widths, palette);
  }
  out += nicheNotes(entry, palette);
  if (facts.suggestion) out += suggestionText(entry, palette);
  return out;
}

} // namespace memlayout::report
