// Line-table headers parsed once per unit, for the file names DW_AT_decl_file indexes.
#include "dwarf/decl_files.h"

#include "dwarf/dies.h"

#include <llvm/ADT/StringExtras.h>
#include <llvm/DebugInfo/DWARF/DWARFContext.h>
#include <llvm/DebugInfo/DWARF/DWARFUnit.h>

namespace memlayout::dwarf {
using namespace llvm::dwarf;

namespace {

bool isStringForm(std::uint64_t form) {
  switch (form) {
  case DW_FORM_string:
  case DW_FORM_strp:
  case DW_FORM_line_strp:
  case DW_FORM_strx:
  case DW_FORM_strx1:
  case DW_FORM_strx2:
  case DW_FORM_strx3:
  case DW_FORM_strx4:
  case DW_FORM_strp_sup:
  case DW_FORM_GNU_str_index: return true;
  default: return false;
  }
}

bool isConstantForm(std::uint64_t form) {
  return form == DW_FORM_data1 || form == DW_FORM_data2 || form == DW_FORM_data4 || form == DW_FORM_data8 ||
         form == DW_FORM_udata;
}

// Forms a line-table entry may use that LLVM 19's DWARFFormValue::extractValue implements. For any other
// it reaches llvm_unreachable, which release builds compile to running off the end of the function.
bool isExtractableForm(std::uint64_t form) {
  if (isStringForm(form) || isConstantForm(form)) return true;
  switch (form) {
  case DW_FORM_data16:
  case DW_FORM_block:
  case DW_FORM_block1:
  case DW_FORM_block2:
  case DW_FORM_block4:
  case DW_FORM_sdata:
  case DW_FORM_flag:
  case DW_FORM_sec_offset: return true;
  default: return false;
  }
}

struct EntryFormat {
  std::uint64_t contentType = 0;
  std::uint64_t form = 0;
};

// A DWARF 5 line-table header's directory and file tables, checked before LLVM parses them: every form
// extractable, the ones LLVM reads as constants constant (it dereferences the optional unchecked), paths
// strings, and entry counts no larger than the bytes left. Versions 2-4 need no check.
bool lineTableHeaderIsSafe(const llvm::DWARFDataExtractor &section, std::uint64_t offset) {
  llvm::DataExtractor::Cursor cursor(offset);
  auto [length, format] = section.getInitialLength(cursor);
  if (!cursor) {
    llvm::consumeError(cursor.takeError());
    return false;
  }
  const std::uint64_t unitEnd = cursor.tell() + length;
  const std::uint16_t version = section.getU16(cursor);
  if (!cursor || version < 5) {
    llvm::consumeError(cursor.takeError());
    return true; // LLVM reports what is wrong with older or truncated headers itself
  }
  const std::uint8_t addressSize = section.getU8(cursor);
  section.getU8(cursor); // segment selector size
  const std::uint64_t headerLength = section.getUnsigned(cursor, format == DWARF64 ? 8 : 4);
  const std::uint64_t headerEnd = std::min<std::uint64_t>({cursor.tell() + headerLength, unitEnd, section.size()});
  llvm::DWARFDataExtractor header(section, headerEnd);
  header.getU8(cursor); // minimum_instruction_length
  header.getU8(cursor); // maximum_operations_per_instruction
  header.getU8(cursor); // default_is_stmt
  header.getU8(cursor); // line_base
  header.getU8(cursor); // line_range
  const std::uint8_t opcodeBase = header.getU8(cursor);
  for (unsigned i = 1; i < opcodeBase; ++i) header.getU8(cursor);
  const llvm::dwarf::FormParams params{version, addressSize, format};
  auto formats = [&](bool files) {
    std::vector<EntryFormat> list;
    const std::uint8_t count = header.getU8(cursor);
    bool ok = true;
    for (unsigned i = 0; i < count && cursor; ++i) {
      EntryFormat entry{header.getULEB128(cursor), header.getULEB128(cursor)};
      if (!isExtractableForm(entry.form)) ok = false;
      if (entry.contentType == DW_LNCT_path && !isStringForm(entry.form)) ok = false;
      if (files && (entry.contentType == DW_LNCT_directory_index || entry.contentType == DW_LNCT_timestamp ||
                    entry.contentType == DW_LNCT_size) &&
          !isConstantForm(entry.form))
        ok = false;
      list.push_back(entry);
    }
    return ok ? std::optional<std::vector<EntryFormat>>(std::move(list)) : std::nullopt;
  };
  auto entriesFit = [&](std::uint64_t count) { return count <= headerEnd - std::min(cursor.tell(), headerEnd); };
  auto directoryFormats = formats(false);
  if (!directoryFormats || !cursor) {
    llvm::consumeError(cursor.takeError());
    return false;
  }
  const std::uint64_t directories = header.getULEB128(cursor);
  if (!cursor || !entriesFit(directories)) {
    llvm::consumeError(cursor.takeError());
    return false;
  }
  std::uint64_t at = cursor.tell();
  for (std::uint64_t i = 0; i < directories; ++i)
    for (const EntryFormat &entry : *directoryFormats)
      if (!llvm::DWARFFormValue::skipValue(static_cast<llvm::dwarf::Form>(entry.form), header, &at, params) ||
          at > headerEnd) {
        llvm::consumeError(cursor.takeError());
        return false;
      }
  llvm::consumeError(cursor.takeError());
  llvm::DataExtractor::Cursor files(at);
  cursor = std::move(files);
  auto fileFormats = formats(true);
  const std::uint64_t fileCount = header.getULEB128(cursor);
  const bool ok = fileFormats && cursor && entriesFit(fileCount);
  llvm::consumeError(cursor.takeError());
  return ok;
}

} // namespace

void DeclFiles::describe(const llvm::DWARFUnit &unit, std::optional<std::uint64_t> lineTable, const char *compDir) {
  Table &table = tables_[&unit];
  if (table.parsed) return;
  table.described = true;
  table.lineTable = lineTable;
  table.compDir = compDir ? compDir : "";
}

DeclFiles::Table &DeclFiles::tableOf(llvm::DWARFUnit &unit) {
  Table &table = tables_[&unit];
  if (table.parsed) return table;
  table.parsed = true;
  if (!table.described) {
    table.lineTable = llvm::dwarf::toSectionOffset(unit.getUnitDIE().find(llvm::dwarf::DW_AT_stmt_list));
    const char *compDir = unit.getCompilationDir();
    table.compDir = compDir ? compDir : "";
  }
  const auto offset = table.lineTable;
  if (!offset) return table;
  const llvm::DWARFObject &sections = unit.getContext().getDWARFObj();
  llvm::DWARFDataExtractor data(sections, sections.getLineSection(), sections.isLittleEndian(),
                                unit.getAddressByteSize());
  if (!lineTableHeaderIsSafe(data, *offset)) {
    warnings_.add("line table header at offset 0x" + llvm::utohexstr(*offset) +
                  " has directory or file entries in forms that cannot be read; declarations lose their file");
    return table;
  }
  std::uint64_t at = *offset;
  auto collect = [this](llvm::Error error) { warnings_.add(std::move(error)); };
  if (llvm::Error error = table.prologue.parse(data, &at, collect, unit.getContext(), &unit)) {
    warnings_.add(std::move(error));
    return table;
  }
  table.valid = true;
  return table;
}

std::optional<std::string> DeclFiles::name(llvm::DWARFUnit &unit, std::uint64_t index) {
  Table &table = tableOf(unit);
  if (!table.valid) return std::nullopt;
  auto [it, inserted] = table.names.try_emplace(index);
  if (!inserted) return it->second;
  std::string result;
  if (table.prologue.getFileNameByIndex(index, table.compDir,
                                        llvm::DILineInfoSpecifier::FileLineInfoKind::RelativeFilePath, result,
                                        llvm::sys::path::Style::posix))
    it->second = result;
  return it->second;
}

} // namespace memlayout::dwarf
