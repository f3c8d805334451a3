// Field-offset table lines in pahole's vocabulary, shared by struct and enum text.
#include "report/text_table.h"

#include "report/type_names.h"

#include <fmt/format.h>

#include <algorithm>

namespace memlayout::report {
namespace {

using What = model::LayoutItem::What;

std::string indent(unsigned depth) { return std::string(2 * static_cast<std::size_t>(depth), ' '); }

const std::vector<model::Field> *rowFields(const std::vector<model::Field> &fields, const Report &report,
                                           const model::LayoutRow &row) {
  if (row.owner < 0) return &fields;
  if (!report.table || static_cast<std::size_t>(row.owner) >= report.table->types.size()) return nullptr;
  return &report.table->types[static_cast<std::size_t>(row.owner)].fields;
}

std::string straddleNote(const model::LayoutRow &row, std::uint64_t lineSize) {
  if (row.lastLine <= row.firstLine) return "";
  if (row.lastLine == row.firstLine + 1)
    return fmt::format("straddles cacheline {} boundary ({} bytes)", row.lastLine, row.lastLine * lineSize);
  return fmt::format("straddles cacheline boundaries {} to {} ({} to {} bytes)", row.firstLine + 1, row.lastLine,
                     (row.firstLine + 1) * lineSize, row.lastLine * lineSize);
}

} // namespace

std::string byteAndBit(std::uint64_t bitOffset) { return fmt::format("{}:{}", bitOffset / 8, bitOffset % 8); }

TableLine fieldTableLine(const std::vector<model::Field> &fields, const Report &report,
                         const std::vector<model::LayoutRow> &rows, std::size_t index) {
  const model::LayoutRow &row = rows[index];
  const std::vector<model::Field> *owner = rowFields(fields, report, row);
  const model::Field *field = owner && row.what == What::Field && row.field >= 0 &&
                                      static_cast<std::size_t>(row.field) < owner->size()
                                  ? &(*owner)[static_cast<std::size_t>(row.field)]
                                  : nullptr;
  TableLine line;
  if (!field) { // cannot happen with rows from analysis; keep the table whole anyway
    line.offset = std::to_string(row.bitOffset / 8);
    line.field = indent(row.depth) + "?";
    return line;
  }
  const bool runtimeOffset = field->virtualBase && field->bitSize == 0;
  line.offset = runtimeOffset ? "?" : field->bitField ? byteAndBit(row.bitOffset) : std::to_string(row.bitOffset / 8);
  line.size = std::to_string(field->bitField ? field->byteSize : fieldBytes(*field));
  line.align = field->align ? std::to_string(field->align) : "";
  line.type = field->typeName.empty() ? "?" : field->typeName;
  line.field = indent(row.depth) + fieldLabel(*field);
  std::vector<std::string> notes;
  if (field->virtualBase)
    notes.push_back(runtimeOffset ? "virtual base: offset known only at run time" : "virtual base, placed by the ABI");
  else if (isPartialBase(*field))
    notes.push_back(fmt::format("(base: its non-virtual part; {} with its virtual bases)", field->byteSize));
  else if (field->base)
    notes.push_back("(base)");
  if (field->artificial) notes.push_back("(" + artificialLabel(*field) + ")");
  if (row.emptyOverlap) notes.push_back(field->base ? "empty: takes no space" : "empty member sharing another's bytes: takes no space");
  if (row.tailPaddingOf >= 0 && static_cast<std::size_t>(row.tailPaddingOf) < owner->size())
    notes.push_back("in the tail padding of " + fieldLabel((*owner)[static_cast<std::size_t>(row.tailPaddingOf)]));
  if (row.arrayCount > 0 && index + 1 < rows.size() && rows[index + 1].depth > row.depth)
    notes.push_back(fmt::format("× {}, element 0 below", row.arrayCount));
  if (!runtimeOffset) {
    std::string straddle = straddleNote(row, report.cacheLine);
    if (!straddle.empty()) {
      notes.push_back(std::move(straddle));
      line.warn = true;
    }
  }
  for (const auto &note : notes) line.note += (line.note.empty() ? "" : "; ") + note;
  return line;
}

TableLine gapTableLine(const model::LayoutRow &row) {
  TableLine line;
  const std::string pad = indent(row.depth);
  switch (row.what) {
  case What::Hole:
    line.offset = std::to_string(row.bitOffset / 8);
    line.size = std::to_string(row.bitSize / 8);
    line.comment = pad + fmt::format("/* XXX {} hole, try to pack */", countOf(row.bitSize / 8, "byte", "bytes"));
    line.warn = true;
    break;
  case What::BitHole:
    line.offset = byteAndBit(row.bitOffset);
    line.comment = pad + fmt::format("/* XXX {} hole, try to pack */", countOf(row.bitSize, "bit", "bits"));
    line.warn = true;
    break;
  case What::TrailingPadding:
    line.offset = std::to_string(row.bitOffset / 8);
    line.size = std::to_string(row.bitSize / 8);
    line.comment = pad + fmt::format("/* padding: {} */", countOf(row.bitSize / 8, "byte", "bytes"));
    break;
  case What::Discriminant: // the enum renderer names it; a bare row still shows its bytes
    line.offset = std::to_string(row.bitOffset / 8);
    line.size = std::to_string(row.bitSize / 8);
    line.field = pad + "(discriminant)";
    break;
  case What::Field: break;
  }
  return line;
}

void measureTable(const std::vector<TableLine> &lines, TableWidths &widths) {
  for (const TableLine &line : lines) {
    widths.offset = std::max(widths.offset, line.offset.size());
    widths.size = std::max(widths.size, line.size.size());
    if (line.comment.empty()) {
      widths.type = std::max(widths.type, line.type.size());
      widths.field = std::max(widths.field, line.field.size());
    }
  }
  // A long template name widens its own line only, not the whole table.
  widths.type = std::min<std::size_t>(widths.type, 40);
  widths.field = std::min<std::size_t>(widths.field, 32);
}

std::string tableHeading(const TableWidths &w, const Palette &palette) {
  return palette.dim(fmt::format("  {:>{}}  {:>{}}  {:>5}  {:<{}}  {}", "offset", w.offset, "size", w.size, "align",
                                 "type", w.type, "field")) +
         "\n";
}

std::string formatTableLine(const TableLine &line, const TableWidths &w, const Palette &palette) {
  if (!line.comment.empty()) {
    std::string text = fmt::format("  {:>{}}  {:>{}}  {:>5}  ", line.offset, w.offset, line.size, w.size, "");
    return text + (line.warn ? palette.warn(line.comment) : palette.dim(line.comment)) + "\n";
  }
  std::string text = fmt::format("  {:>{}}  {:>{}}  {:>5}  {:<{}}  {:<{}}", line.offset, w.offset, line.size, w.size,
                                 line.align, line.type, w.type, line.field, w.field);
  if (!line.note.empty()) text += "  " + (line.warn ? palette.warn(line.note) : palette.dim(line.note));
  return text + "\n";
}

} // namespace memlayout::report
