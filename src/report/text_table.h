// The field-offset table that struct and enum text share: one line per layout row, column widths, and
// the formatted lines. Internal to report/.
#pragma once

#include "report/color.h"
#include "report/report.h"
#include "report/units.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace memlayout::report {

// One table line before formatting: either field cells or a comment spanning the type and field columns.
struct TableLine {
  std::string offset, size, align, type, field, note;
  std::string comment; // hole, bit hole, padding
  bool warn = false;   // draws the eye: a hole or a straddle
};

struct TableWidths {
  std::size_t offset = 6, size = 4, type = 4, field = 5;
};

std::string byteAndBit(std::uint64_t bitOffset);

// A field row. Rows of owner -1 are `fields` (the type's own, or a variant's); others resolve through
// report.table.
TableLine fieldTableLine(const std::vector<model::Field> &fields, const Report &report,
                         const std::vector<model::LayoutRow> &rows, std::size_t index);
// A hole, bit hole or trailing padding row.
TableLine gapTableLine(const model::LayoutRow &row);

// Widens `widths` to fit `lines`; long type and field names are capped (they widen their own line only).
void measureTable(const std::vector<TableLine> &lines, TableWidths &widths);
std::string tableHeading(const TableWidths &widths, const Palette &palette);
std::string formatTableLine(const TableLine &line, const TableWidths &widths, const Palette &palette);

} // namespace memlayout::report
