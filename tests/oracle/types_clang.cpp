// tests/oracle/types_clang.cpp: the clang record-layout dump parser (format notes in types_clang.h).
#include "types_clang.h"

#include <charconv>
#include <sstream>

namespace memlayout::testing {
namespace {

bool endsWith(const std::string &s, const std::string &suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string trimSpaces(const std::string &s) {
  const std::size_t b = s.find_first_not_of(' ');
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(' ') - b + 1);
}

std::optional<std::uint64_t> number(const std::string &s) {
  std::uint64_t value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return std::nullopt;
  return value;
}

// "key=123" anywhere in `text`.
std::optional<std::uint64_t> keyValue(const std::string &text, const std::string &key) {
  std::size_t at = 0;
  while ((at = text.find(key + "=", at)) != std::string::npos) {
    // Whole key only: "align=" must not match inside "nvalign=".
    if (at == 0 || text[at - 1] == ' ' || text[at - 1] == '[' || text[at - 1] == ',') {
      std::size_t b = at + key.size() + 1, e = b;
      while (e < text.size() && text[e] >= '0' && text[e] <= '9') ++e;
      return number(text.substr(b, e - b));
    }
    at += key.size();
  }
  return std::nullopt;
}

// The offset column: "12", "1:2-13" (byte 1, bits 2 to 13 counted from that byte), "4:-".
bool parseOffset(const std::string &column, ClangField &field) {
  const std::size_t colon = column.find(':');
  if (colon == std::string::npos) {
    auto value = number(column);
    if (!value) return false;
    field.offset = *value;
    return true;
  }
  auto byte = number(column.substr(0, colon));
  if (!byte) return false;
  field.bitField = true;
  field.offset = *byte;
  const std::string bits = column.substr(colon + 1);
  if (bits == "-") { // zero-width
    field.bitOffset = *byte * 8;
    field.bitWidth = 0;
    return true;
  }
  const std::size_t dash = bits.find('-');
  if (dash == std::string::npos) return false;
  auto first = number(bits.substr(0, dash)), last = number(bits.substr(dash + 1));
  if (!first || !last || *last < *first) return false;
  field.bitOffset = *byte * 8 + *first;
  field.bitWidth = *last - *first + 1;
  return true;
}

bool parseField(const std::string &offsetColumn, std::string content, ClangField &field) {
  field.line = trimSpaces(offsetColumn) + " | " + content;
  if (!parseOffset(offsetColumn, field)) return false;
  if (endsWith(content, " (empty)")) {
    field.empty = true;
    content.resize(content.size() - 8);
  }
  if (content.front() == '(' && endsWith(content, " vtable pointer)")) {
    field.kind = ClangField::Kind::Vptr;
    return true;
  }
  for (const auto &[suffix, kind] :
       {std::pair{std::string(" (primary virtual base)"), ClangField::Kind::VirtualBase},
        std::pair{std::string(" (virtual base)"), ClangField::Kind::VirtualBase},
        std::pair{std::string(" (primary base)"), ClangField::Kind::Base},
        std::pair{std::string(" (base)"), ClangField::Kind::Base}}) {
    if (endsWith(content, suffix)) {
      field.kind = kind;
      field.type = content.substr(0, content.size() - suffix.size());
      if (endsWith(field.type, " (empty)")) { // "struct Empty (base) (empty)" was cut above
        field.empty = true;
        field.type.resize(field.type.size() - 8);
      }
      return true;
    }
  }
  // "TYPE NAME"; an anonymous member or unnamed bit-field prints "TYPE " (no name).
  const std::size_t space = content.rfind(' ');
  if (space == std::string::npos) return false;
  field.kind = ClangField::Kind::Member;
  field.name = content.substr(space + 1);
  field.type = trimSpaces(content.substr(0, space));
  field.anonymousAt = unnamedLocation(field.type);
  return !field.type.empty();
}

} // namespace

std::string unnamedLocation(const std::string &name) {
  for (const char *marker : {"(unnamed at ", "(anonymous at "}) {
    const std::size_t at = name.find(marker);
    if (at == std::string::npos) continue;
    const std::size_t begin = at + std::string(marker).size();
    const std::size_t end = name.find(')', begin);
    if (end != std::string::npos) return name.substr(begin, end - begin);
  }
  return "";
}

ClangDump parseClangDump(const std::string &text) {
  ClangDump dump;
  std::istringstream in(text);
  std::string line;
  ClangRecord *record = nullptr;
  bool haveHeader = false;
  auto finish = [&] {
    // align is never 0 (an empty C struct has sizeof 0 but align 1): a 0 means no sizes line.
    if (record && (!haveHeader || record->align == 0))
      dump.errors.push_back("record without a header or sizes:\n" + record->text);
  };
  while (std::getline(in, line)) {
    if (line.find("*** Dumping AST Record Layout") != std::string::npos) {
      finish();
      dump.records.emplace_back();
      record = &dump.records.back();
      haveHeader = false;
      continue;
    }
    const std::size_t bar = line.find('|');
    if (!record || bar == std::string::npos) continue;
    record->text += line + "\n";
    const std::string offsetColumn = trimSpaces(line.substr(0, bar));
    std::string content = line.substr(bar + 1);
    if (!content.empty() && content.front() == ' ') content.erase(0, 1);
    if (offsetColumn.empty()) { // [sizeof=…, dsize=…, align=…, / nvsize=…, nvalign=…]
      if (auto v = keyValue(content, "sizeof")) record->size = *v;
      if (auto v = keyValue(content, "align")) record->align = *v;
      if (auto v = keyValue(content, "dsize")) record->dsize = *v;
      if (auto v = keyValue(content, "nvsize")) record->nvsize = *v;
      continue;
    }
    std::size_t spaces = 0;
    while (spaces < content.size() && content[spaces] == ' ') ++spaces;
    if (spaces == 0) {
      if (haveHeader) {
        dump.errors.push_back("second header line in a record: " + line);
        continue;
      }
      haveHeader = true;
      std::string header = content;
      if (endsWith(header, " (empty)")) {
        record->empty = true;
        header.resize(header.size() - 8);
      }
      const std::size_t space = header.find(' ');
      if (space == std::string::npos) {
        dump.errors.push_back("record header without a keyword: " + line);
        continue;
      }
      record->keyword = header.substr(0, space);
      record->name = header.substr(space + 1);
      record->unnamedAt = unnamedLocation(record->name);
      continue;
    }
    if (spaces != 2) continue; // a member of a field, or of a base: the field's own layout
    ClangField field;
    if (!parseField(offsetColumn, content.substr(2), field))
      dump.errors.push_back("cannot read field line: " + line);
    else
      record->fields.push_back(std::move(field));
  }
  finish();
  return dump;
}

} // namespace memlayout::testing
