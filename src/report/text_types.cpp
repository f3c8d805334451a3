// Text renderings of type layouts: pahole-style field-offset tables (--struct), the one-line-per-type
// listing (--types) and the summary's padding wasters. Pure functions of the Report.
#include "report/text_types.h"

#include "report/type_names.h"
#include "report/units.h"

#include <fmt/format.h>

#include <algorithm>

namespace memlayout::report {
namespace {

using What = model::LayoutItem::What;

std::string count(std::uint64_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

std::string indent(unsigned depth) { return std::string(2 * static_cast<std::size_t>(depth), ' '); }

const model::Type *rowOwner(const model::Type &type, const Report &report, const model::LayoutRow &row) {
  if (row.owner < 0) return &type;
  if (!report.table || static_cast<std::size_t>(row.owner) >= report.table->types.size()) return nullptr;
  return &report.table->types[static_cast<std::size_t>(row.owner)];
}

const model::Field *rowField(const model::Type *owner, const model::LayoutRow &row) {
  if (!owner || row.what != What::Field || row.field < 0 || static_cast<std::size_t>(row.field) >= owner->fields.size())
    return nullptr;
  return &owner->fields[static_cast<std::size_t>(row.field)];
}

std::string byteAndBit(std::uint64_t bitOffset) { return fmt::format("{}:{}", bitOffset / 8, bitOffset % 8); }

std::string straddleNote(const model::LayoutRow &row, std::uint64_t lineSize) {
  if (row.lastLine <= row.firstLine) return "";
  if (row.lastLine == row.firstLine + 1)
    return fmt::format("straddles cacheline {} boundary ({} bytes)", row.lastLine, row.lastLine * lineSize);
  return fmt::format("straddles cacheline boundaries {} to {} ({} to {} bytes)", row.firstLine + 1, row.lastLine,
                     (row.firstLine + 1) * lineSize, row.lastLine * lineSize);
}

// One table line before formatting: either field cells or a comment spanning the type and field columns.
struct Line {
  std::string offset, size, align, type, field, note;
  std::string comment; // hole, bit hole, padding
  bool warn = false;   // draws the eye: a hole or a straddle
};

Line fieldLine(const model::Type &type, const Report &report, const std::vector<model::LayoutRow> &rows,
               std::size_t index) {
  const model::LayoutRow &row = rows[index];
  const model::Type *owner = rowOwner(type, report, row);
  const model::Field *field = rowField(owner, row);
  Line line;
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
  if (row.tailPaddingOf >= 0 && owner && static_cast<std::size_t>(row.tailPaddingOf) < owner->fields.size())
    notes.push_back("in the tail padding of " + fieldLabel(owner->fields[static_cast<std::size_t>(row.tailPaddingOf)]));
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

Line gapLine(const model::LayoutRow &row) {
  Line line;
  const std::string pad = indent(row.depth);
  switch (row.what) {
  case What::Hole:
    line.offset = std::to_string(row.bitOffset / 8);
    line.size = std::to_string(row.bitSize / 8);
    line.comment = pad + fmt::format("/* XXX {} hole, try to pack */", count(row.bitSize / 8, "byte", "bytes"));
    line.warn = true;
    break;
  case What::BitHole:
    line.offset = byteAndBit(row.bitOffset);
    line.comment = pad + fmt::format("/* XXX {} hole, try to pack */", count(row.bitSize, "bit", "bits"));
    line.warn = true;
    break;
  case What::TrailingPadding:
    line.offset = std::to_string(row.bitOffset / 8);
    line.size = std::to_string(row.bitSize / 8);
    line.comment = pad + fmt::format("/* padding: {} */", count(row.bitSize / 8, "byte", "bytes"));
    break;
  case What::Field: break;
  }
  return line;
}

std::string boundaryLine(const model::CacheLineBoundary &boundary, std::uint64_t rowOffset,
                         const std::vector<Line> &lines) {
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

std::string titleLine(const TypeEntry &entry, const Palette &palette) {
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
  case Status::NoGain: return note("no field order found that makes it smaller");
  case Status::Union: return note("a union's members overlap by design; nothing to reorder");
  case Status::Packed: return note("packed: there is no alignment padding to remove");
  case Status::VirtualBases: return note("the ABI places virtual bases; not reordered");
  case Status::Rust: return note("rustc already reorders the fields of repr(Rust) structs; a repr(C) struct keeps this order");
  case Status::SystemHeader:
    return note("declared in a system header, so its layout is part of an ABI; name it with --struct to see an order anyway");
  case Status::Enum: return note("an enum has no fields to reorder");
  case Status::Reordered: break;
  }
  std::string out = palette.heading(fmt::format("  --suggest: this order gives {} instead of {} (saves {}), padding {}",
                                                count(s.size, "byte", "bytes"), type.size, count(type.size - s.size, "byte", "bytes"),
                                                s.padding)) +
                    "\n";
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

std::string enumText(const TypeEntry &entry, const Palette &palette) {
  const model::Type &type = *entry.type;
  std::string out = titleLine(entry, palette);
  std::string facts = fmt::format("  size: {}, align: {}", type.size, type.align);
  if (!type.underlyingType.empty()) facts += ", underlying type: " + type.underlyingType;
  out += facts + fmt::format(", {}\n", count(type.variants.size(), "enumerator", "enumerators"));
  std::size_t valueWidth = 5;
  for (const auto &v : type.variants) valueWidth = std::max(valueWidth, discriminantText(v).size());
  out += fmt::format("  {:>{}}  {}\n", "value", valueWidth, "name");
  for (std::size_t i = 0; i < type.variants.size(); ++i) {
    const model::Variant &v = type.variants[i];
    out += fmt::format("  {:>{}}  {}\n", discriminantText(v), valueWidth, v.name);
    if (v.fields.empty() || i >= entry.facts.variantLayouts.size()) continue;
    // An enum with data: each variant's fields over the whole enum, with their holes.
    for (const auto &item : entry.facts.variantLayouts[i].items) {
      if (item.what == What::Field && item.field >= 0 && static_cast<std::size_t>(item.field) < v.fields.size()) {
        const model::Field &f = v.fields[static_cast<std::size_t>(item.field)];
        out += fmt::format("  {:>{}}    {:>6}  {:>4}  {}  {}\n", "", valueWidth,
                           f.bitField ? byteAndBit(item.bitOffset) : std::to_string(item.bitOffset / 8), f.byteSize,
                           f.typeName, fieldLabel(f));
      } else if (item.what == What::Hole || item.what == What::TrailingPadding) {
        out += palette.dim(fmt::format("  {:>{}}    {:>6}  {:>4}  /* {} {} */", "", valueWidth, item.bitOffset / 8,
                                       item.bitSize / 8, item.what == What::Hole ? "XXX hole:" : "padding:",
                                       count(item.bitSize / 8, "byte", "bytes"))) +
               "\n";
      }
    }
  }
  if (entry.facts.suggestion) out += suggestionText(entry, palette);
  return out;
}

} // namespace

std::string textStruct(const TypeEntry &entry, const Report &report, const Palette &palette) {
  const model::Type &type = *entry.type;
  const model::TypeFacts &facts = entry.facts;
  if (type.kind == model::Kind::Enum && type.fields.empty()) return enumText(entry, palette);

  std::vector<Line> lines;
  lines.reserve(facts.rows.size());
  for (std::size_t i = 0; i < facts.rows.size(); ++i)
    lines.push_back(facts.rows[i].what == What::Field ? fieldLine(type, report, facts.rows, i) : gapLine(facts.rows[i]));

  std::size_t offsetWidth = 6, sizeWidth = 4, typeWidth = 4, fieldWidth = 5;
  for (const Line &line : lines) {
    offsetWidth = std::max(offsetWidth, line.offset.size());
    sizeWidth = std::max(sizeWidth, line.size.size());
    if (line.comment.empty()) {
      typeWidth = std::max(typeWidth, line.type.size());
      fieldWidth = std::max(fieldWidth, line.field.size());
    }
  }
  // A long template name widens its own line only, not the whole table.
  typeWidth = std::min<std::size_t>(typeWidth, 40);
  fieldWidth = std::min<std::size_t>(fieldWidth, 32);

  std::string out = titleLine(entry, palette);
  out += palette.dim(fmt::format("  {:>{}}  {:>{}}  {:>5}  {:<{}}  {}", "offset", offsetWidth, "size", sizeWidth, "align",
                                 "type", typeWidth, "field")) +
         "\n";
  std::size_t nextBoundary = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    while (nextBoundary < facts.cacheLines.boundaries.size() && facts.cacheLines.boundaries[nextBoundary].beforeRow == i) {
      out += palette.dim("  " + boundaryLine(facts.cacheLines.boundaries[nextBoundary], facts.rows[i].bitOffset / 8, lines)) + "\n";
      ++nextBoundary;
    }
    const Line &line = lines[i];
    if (!line.comment.empty()) {
      std::string text = fmt::format("  {:>{}}  {:>{}}  {:>5}  ", line.offset, offsetWidth, line.size, sizeWidth, "");
      out += text + (line.warn ? palette.warn(line.comment) : palette.dim(line.comment)) + "\n";
      continue;
    }
    std::string text = fmt::format("  {:>{}}  {:>{}}  {:>5}  {:<{}}  {:<{}}", line.offset, offsetWidth, line.size,
                                   sizeWidth, line.align, line.type, typeWidth, line.field, fieldWidth);
    if (!line.note.empty()) text += "  " + (line.warn ? palette.warn(line.note) : palette.dim(line.note));
    out += text + "\n";
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
  std::string what = fmt::format("{} of {}", count(list.entries.size(), "type", "types"), report.binary->path);
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

std::string textTypeListTotals(const Report &report, const Palette &palette) {
  std::uint64_t bytes = 0, padding = 0, holes = 0;
  for (const auto &entry : report.typeList.entries) {
    bytes += entry.type->size;
    padding += entry.facts.layout.padding;
    holes += entry.facts.layout.holes.size();
  }
  const double share = bytes ? 100.0 * static_cast<double>(padding) / static_cast<double>(bytes) : 0.0;
  return palette.dim(fmt::format("  total: {}, {} in all, {} of padding ({:.1f}%) in {}",
                                 count(report.typeList.entries.size(), "type", "types"), count(bytes, "byte", "bytes"),
                                 count(padding, "byte", "bytes"), share, count(holes, "hole", "holes"))) +
         "\n";
}

std::string textTypeList(const Report &report, const Palette &palette) {
  std::string out = textTypeListHeading(report, palette);
  for (const auto &entry : report.typeList.entries) out += textTypeListRow(entry, report);
  if (report.typeList.entries.empty()) out += palette.dim("  no type matches") + "\n";
  return out + textTypeListTotals(report, palette);
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
