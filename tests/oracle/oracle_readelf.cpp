// tests/oracle/oracle_readelf.cpp: checks memlayout's --segments --sections JSON against `readelf -lSW`, every field.
//
// Usage: oracle_readelf [--skip REASON] [--missing-ok] MEMLAYOUT READELF FILE
// Exit: 0 all fields agree; 1 a mismatch or a failure (each printed); 77 skipped (absent input or tool).
//
// readelf's text is parsed on its own terms (columns and tokens, never our output), except for one
// tie-break: a section name containing a space is split from its type with the help of our name.
// Layout notes for binutils 2.40 with -W:
//   section:  "  [%2u] " name padded to 17 (longer names in full) " " type "%-15s" (older versions
//             truncate to 15: "SYMTAB SECTION ") " " addr off size es " %3s " flags lk inf al
//   segment:  "  %-14.14s " type, then offset vaddr paddr filesz memsz, "%c%c%c " flags ("R E"), align
//   mapping:  "   %2.2d     " then each section name followed by a space
#include "posix_regex.h"
#include "subprocess.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

namespace {

using Json = nlohmann::json;
using memlayout::testing::Regex;
using memlayout::testing::runProcess;

constexpr int kSkip = 77;

struct ReadelfSection {
  unsigned index = 0;
  std::string prefix; // name and type columns, as printed
  std::string name, type, flags;
  std::uint64_t addr = 0, offset = 0, size = 0, entsize = 0, align = 0, link = 0, info = 0;
};

struct ReadelfSegment {
  std::string type, flags; // flags as printed: "R E"
  std::uint64_t offset = 0, vaddr = 0, paddr = 0, filesz = 0, memsz = 0, align = 0;
};

struct Readelf {
  std::optional<std::uint64_t> sectionCount, segmentCount; // from "There are N ..." lines
  bool noSections = false, noSegments = false;
  std::vector<ReadelfSection> sections;
  std::vector<ReadelfSegment> segments;
  bool haveMapping = false;
  std::map<unsigned, std::vector<std::string>> mapping; // segment index → section names
  std::vector<std::string> unparsed;                    // lines inside a table we could not read
};

std::string rstrip(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.pop_back();
  return s;
}

std::string strip(const std::string &s) {
  std::size_t b = s.find_first_not_of(" \t");
  return b == std::string::npos ? std::string() : rstrip(s.substr(b));
}

bool isLowerHex(const std::string &s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  });
}

std::optional<std::uint64_t> parseNumber(std::string s, int base) {
  if (base == 16 && (s.rfind("0x", 0) == 0 || s.rfind("0X", 0) == 0)) s = s.substr(2);
  if (s.empty()) return std::nullopt;
  std::uint64_t value = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value, base);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return value;
}

std::string hex(std::uint64_t v) {
  std::ostringstream os;
  os << "0x" << std::hex << v;
  return os.str();
}

struct Token {
  std::size_t start;
  std::string text;
};

std::vector<Token> tokenize(const std::string &s) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    if (i >= s.size()) break;
    std::size_t j = i;
    while (j < s.size() && s[j] != ' ') ++j;
    tokens.push_back({i, s.substr(i, j - i)});
    i = j;
  }
  return tokens;
}

// Splits "name<pad to 17> type<pad>" into name and type (see the layout notes above).
void splitNameAndType(const std::string &prefix, std::string &name, std::string &type) {
  std::string p = rstrip(prefix);
  if (p.size() > 17 && p[17] == ' ') {
    name = rstrip(p.substr(0, 17));
    type = strip(p.substr(18));
    return;
  }
  std::size_t space = p.find(' ', 17);
  if (space == std::string::npos) {
    name = p;
    type.clear();
    return;
  }
  name = p.substr(0, space);
  type = strip(p.substr(space + 1));
}

std::optional<ReadelfSection> parseSectionLine(const std::string &line) {
  static const Regex head(R"(^ *\[ *([0-9]+)\] )");
  std::vector<std::string> m;
  if (!head.search(line, &m)) return std::nullopt;
  ReadelfSection s;
  s.index = static_cast<unsigned>(std::stoul(m[1]));
  std::string rest = line.substr(m[0].size());
  std::vector<Token> t = tokenize(rest);
  if (t.size() < 8) return std::nullopt;
  std::size_t k = t.size();
  auto al = parseNumber(t[--k].text, 10), inf = parseNumber(t[--k].text, 10), lk = parseNumber(t[--k].text, 10);
  // The flags column may be empty; flag letters are never lowercase hex digits, entsize always is.
  if (!isLowerHex(t[k - 1].text)) s.flags = t[--k].text;
  if (k < 5) return std::nullopt;
  auto es = parseNumber(t[--k].text, 16), size = parseNumber(t[--k].text, 16), off = parseNumber(t[--k].text, 16);
  const Token &addrToken = t[--k];
  auto addr = parseNumber(addrToken.text, 16);
  if (!al || !inf || !lk || !es || !size || !off || !addr || !isLowerHex(addrToken.text)) return std::nullopt;
  s.align = *al;
  s.info = *inf;
  s.link = *lk;
  s.entsize = *es;
  s.size = *size;
  s.offset = *off;
  s.addr = *addr;
  s.prefix = rest.substr(0, addrToken.start);
  splitNameAndType(s.prefix, s.name, s.type);
  return s;
}

std::optional<ReadelfSegment> parseSegmentLine(const std::string &line) {
  static const Regex tail(
      R"(^(0x[0-9a-f]+) +(0x[0-9a-f]+) +(0x[0-9a-f]+) +(0x[0-9a-f]+) +(0x[0-9a-f]+) ([R ][W ][E ]) (0x[0-9a-f]+|0) *$)");
  if (line.size() < 18 || line.compare(0, 2, "  ") != 0 || line[16] != ' ') return std::nullopt;
  ReadelfSegment s;
  s.type = rstrip(line.substr(2, 14));
  std::string rest = line.substr(17);
  std::vector<std::string> m;
  if (!tail.search(rest, &m)) return std::nullopt;
  s.offset = *parseNumber(m[1], 16);
  s.vaddr = *parseNumber(m[2], 16);
  s.paddr = *parseNumber(m[3], 16);
  s.filesz = *parseNumber(m[4], 16);
  s.memsz = *parseNumber(m[5], 16);
  s.flags = m[6];
  s.align = *parseNumber(m[7], 16);
  return s;
}

Readelf parseReadelf(const std::string &text) {
  static const Regex count(R"(^There (are|is) ([0-9]+) (section|program) headers?)");
  static const Regex mappingLine(R"(^ +([0-9]+) ?(.*)$)");
  enum class State { None, Sections, Segments, Mapping } state = State::None;
  Readelf r;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    line = rstrip(line);
    std::vector<std::string> m;
    if (count.search(line, &m)) {
      (m[3] == "section" ? r.sectionCount : r.segmentCount) = std::stoull(m[2]);
      state = State::None;
      continue;
    }
    if (line == "There are no sections in this file.") {
      r.noSections = true;
      continue;
    }
    if (line == "There are no program headers in this file.") {
      r.noSegments = true;
      continue;
    }
    if (line == "Section Headers:") {
      state = State::Sections;
      std::getline(in, line); // "  [Nr] Name  Type ..."
      continue;
    }
    if (line == "Program Headers:") {
      state = State::Segments;
      std::getline(in, line); // "  Type  Offset ..."
      continue;
    }
    if (line == " Section to Segment mapping:") {
      state = State::Mapping;
      r.haveMapping = true;
      std::getline(in, line); // "  Segment Sections..."
      continue;
    }
    switch (state) {
    case State::None: break;
    case State::Sections:
      if (line.rfind("  [", 0) != 0) {
        state = State::None;
        break;
      }
      if (auto s = parseSectionLine(line)) r.sections.push_back(*s);
      else r.unparsed.push_back(line);
      break;
    case State::Segments:
      if (line.empty()) {
        state = State::None;
        break;
      }
      if (line.find("[Requesting program interpreter:") != std::string::npos) break;
      if (auto s = parseSegmentLine(line)) r.segments.push_back(*s);
      else r.unparsed.push_back(line);
      break;
    case State::Mapping:
      if (line.empty()) {
        state = State::None;
        break;
      }
      if (mappingLine.search(line, &m)) {
        std::vector<std::string> names;
        for (const Token &t : tokenize(m[2])) names.push_back(t.text);
        r.mapping[static_cast<unsigned>(std::stoul(m[1]))] = names;
      } else {
        r.unparsed.push_back(line);
      }
      break;
    }
  }
  return r;
}

// A readelf name for a type it does not know ("LOOS+0x1234", "<unknown>: 1234", "00001234: <unknown>"),
// decoded; nullopt for a real name. A segment's "<unknown>: " form may have lost trailing digits to
// the 14-column truncation, so only its leading digits are known.
struct GenericType {
  std::uint64_t value = 0;
  std::string leadingDigits; // set for the truncatable "<unknown>: " form, else empty
};

std::optional<GenericType> decodeGenericType(const std::string &name) {
  static const Regex plus(R"(^(LOOS|LOPROC|LOUSER)\+0x([0-9a-f]+)$)");
  static const Regex unknownSegment(R"(^<unknown>: ?([0-9a-f]+)$)");
  static const Regex unknownSection(R"(^([0-9a-f]+): <unknown>$)");
  std::vector<std::string> m;
  if (plus.search(name, &m)) {
    const std::map<std::string, std::uint64_t> bases{{"LOOS", 0x60000000}, {"LOPROC", 0x70000000},
                                                     {"LOUSER", 0x80000000}};
    return GenericType{bases.at(m[1]) + *parseNumber(m[2], 16), {}};
  }
  if (unknownSection.search(name, &m)) return GenericType{*parseNumber(m[1], 16), {}};
  if (unknownSegment.search(name, &m)) return GenericType{0, m[1]};
  return std::nullopt;
}

class Comparison {
public:
  explicit Comparison(std::string file) : file_(std::move(file)) {}

  void mismatch(const std::string &where, const std::string &field, const std::string &ours,
                const std::string &theirs) {
    std::cout << "MISMATCH " << file_ << ": " << where << " " << field << ": ours " << ours << ", readelf "
              << theirs << "\n";
    ++count_;
  }
  void problem(const std::string &what) {
    std::cout << "FAIL " << file_ << ": " << what << "\n";
    ++count_;
  }
  void number(const std::string &where, const std::string &field, const Json &ours, std::uint64_t theirs) {
    if (!ours.is_number_unsigned()) {
      mismatch(where, field, ours.dump() + " (not a non-negative integer)", hex(theirs));
      return;
    }
    std::uint64_t value = ours.get<std::uint64_t>();
    if (value != theirs)
      mismatch(where, field, hex(value) + " (" + std::to_string(value) + ")",
               hex(theirs) + " (" + std::to_string(theirs) + ")");
  }
  void text(const std::string &where, const std::string &field, const Json &ours, const std::string &theirs) {
    if (!ours.is_string()) mismatch(where, field, ours.dump(), "\"" + theirs + "\"");
    else if (ours.get<std::string>() != theirs)
      mismatch(where, field, "\"" + ours.get<std::string>() + "\"", "\"" + theirs + "\"");
  }
  int count() const { return count_; }

private:
  std::string file_;
  int count_ = 0;
};

std::string joinNames(const std::vector<std::string> &names) {
  std::string out = "[";
  for (std::size_t i = 0; i < names.size(); ++i) out += (i ? " " : "") + names[i];
  return out + "]";
}

std::string joinIndices(const std::vector<unsigned> &v) {
  std::string out = "[";
  for (std::size_t i = 0; i < v.size(); ++i) out += (i ? " " : "") + std::to_string(v[i]);
  return out + "]";
}

// The generic ELF type names readelf prints, with their values (gABI and GNU; processor-specific
// names depend on e_machine and are left out).
const std::map<std::string, std::uint64_t> kSegmentTypeCodes{
    {"NULL", 0},          {"LOAD", 1},          {"DYNAMIC", 2},         {"INTERP", 3},
    {"NOTE", 4},          {"SHLIB", 5},         {"PHDR", 6},            {"TLS", 7},
    {"GNU_EH_FRAME", 0x6474e550}, {"GNU_STACK", 0x6474e551}, {"GNU_RELRO", 0x6474e552},
    {"GNU_PROPERTY", 0x6474e553}, {"GNU_SFRAME", 0x6474e554}};
const std::map<std::string, std::uint64_t> kSectionTypeCodes{
    {"NULL", 0},           {"PROGBITS", 1},        {"SYMTAB", 2},        {"STRTAB", 3},
    {"RELA", 4},           {"HASH", 5},            {"DYNAMIC", 6},       {"NOTE", 7},
    {"NOBITS", 8},         {"REL", 9},             {"SHLIB", 10},        {"DYNSYM", 11},
    {"INIT_ARRAY", 14},    {"FINI_ARRAY", 15},     {"PREINIT_ARRAY", 16}, {"GROUP", 17},
    {"SYMTAB SECTION INDICES", 18}, {"SYMTAB SECTION ", 18}, {"RELR", 19},
    {"GNU_HASH", 0x6ffffff6}, {"VERDEF", 0x6ffffffd}, {"VERNEED", 0x6ffffffe}, {"VERSYM", 0x6fffffff},
    {"GNU_ATTRIBUTES", 0x6ffffff5}, {"GNU_LIBLIST", 0x6ffffff7}};

// Our type against readelf's, for a segment (printed in 14 columns, truncated) or a section (15
// columns; truncated by older binutils, printed in full by 2.40 with -W).
void compareType(Comparison &c, const std::string &where, const Json &ours, const Json &oursCode,
                 const std::string &theirs, std::size_t width) {
  if (!ours.is_string() || !oursCode.is_number_unsigned()) {
    c.mismatch(where, "type/type_code", ours.dump() + "/" + oursCode.dump(), "\"" + theirs + "\"");
    return;
  }
  const std::string type = ours.get<std::string>();
  const std::uint64_t code = oursCode.get<std::uint64_t>();
  if (auto generic = decodeGenericType(theirs)) {
    // readelf has no name for it: compare the value; if ours has no name either, it must be 0x<code>.
    bool same = generic->value == code;
    if (!generic->leadingDigits.empty()) {
      const std::string digits = hex(code).substr(2);
      same = theirs.size() >= width ? digits.rfind(generic->leadingDigits, 0) == 0 : digits == generic->leadingDigits;
    }
    if (!same) c.mismatch(where, "type_code", hex(code), "\"" + theirs + "\"");
    if (type.rfind("0x", 0) == 0 && type != hex(code))
      c.mismatch(where, "type", "\"" + type + "\" (type_code " + hex(code) + ")", "\"" + theirs + "\"");
    return;
  }
  bool same = type == theirs || (theirs.size() == width && type.substr(0, width) == theirs);
  if (!same) c.mismatch(where, "type", "\"" + type + "\"", "\"" + theirs + "\"");
  // For the names every ELF file uses, the value behind the name is known too.
  const auto &codes = width == 14 ? kSegmentTypeCodes : kSectionTypeCodes;
  if (auto it = codes.find(theirs); it != codes.end() && it->second != code)
    c.mismatch(where, "type_code", hex(code), hex(it->second) + " (\"" + theirs + "\")");
}

std::string ourFlags(const std::string &readelfFlags) {
  std::string f = readelfFlags;
  if (f.size() == 3) {
    f[0] = f[0] == 'R' ? 'R' : '-';
    f[1] = f[1] == 'W' ? 'W' : '-';
    f[2] = f[2] == 'E' ? 'X' : '-';
  }
  return f;
}

int compare(const std::string &file, const Json &ours, const Readelf &theirs) {
  Comparison c(file);
  if (ours.value("schema", "") != "memlayout/1") c.problem("\"schema\" is " + ours.value("schema", Json()).dump());
  if (ours.value("file", Json()) != Json(file)) c.text("top level", "file", ours.value("file", Json()), file);
  if (!ours.contains("segments") || !ours["segments"].is_array()) c.problem("no \"segments\" array");
  if (!ours.contains("sections") || !ours["sections"].is_array()) c.problem("no \"sections\" array");
  if (c.count()) return c.count();
  for (const auto &line : theirs.unparsed) c.problem("could not parse readelf line: \"" + line + "\"");

  const Json &segments = ours["segments"];
  const Json &sections = ours["sections"];

  // Sections, in index order.
  std::size_t readelfSections = theirs.noSections ? 0 : theirs.sections.size();
  if (theirs.sectionCount && !theirs.noSections && *theirs.sectionCount != theirs.sections.size())
    c.problem("readelf announced " + std::to_string(*theirs.sectionCount) + " sections but listed " +
              std::to_string(theirs.sections.size()));
  if (sections.size() != readelfSections)
    c.mismatch("file", "section count", std::to_string(sections.size()), std::to_string(readelfSections));
  std::vector<std::string> names; // readelf's, by index
  for (std::size_t i = 0; i < std::min(sections.size(), theirs.sections.size()); ++i) {
    const Json &s = sections[i];
    ReadelfSection r = theirs.sections[i];
    const std::string where = "section[" + std::to_string(i) + "]";
    if (r.index != i) c.problem("readelf listed section " + std::to_string(r.index) + " at position " + std::to_string(i));
    c.number(where, "index", s.value("index", Json()), r.index);
    // A name with a space in it: let our name break the tie between name and type columns.
    if (s.value("name", Json()).is_string()) {
      std::string oursName = s["name"].get<std::string>();
      if (oursName != r.name && oursName.find(' ') != std::string::npos && r.prefix.rfind(oursName + " ", 0) == 0) {
        r.name = oursName;
        r.type = strip(r.prefix.substr(oursName.size()));
      }
    }
    names.push_back(r.name);
    c.text(where + " (" + r.name + ")", "name", s.value("name", Json()), r.name);
    compareType(c, where + " (" + r.name + ")", s.value("type", Json()), s.value("type_code", Json()), r.type, 15);
    c.text(where + " (" + r.name + ")", "flags", s.value("flags", Json()), r.flags);
    c.number(where + " (" + r.name + ")", "addr", s.value("addr", Json()), r.addr);
    c.number(where + " (" + r.name + ")", "offset", s.value("offset", Json()), r.offset);
    c.number(where + " (" + r.name + ")", "size", s.value("size", Json()), r.size);
    c.number(where + " (" + r.name + ")", "align", s.value("align", Json()), r.align);
    c.number(where + " (" + r.name + ")", "entsize", s.value("entsize", Json()), r.entsize);
    c.number(where + " (" + r.name + ")", "link", s.value("link", Json()), r.link);
    c.number(where + " (" + r.name + ")", "info", s.value("info", Json()), r.info);
  }

  // Segments, in index order.
  std::size_t readelfSegments = theirs.noSegments ? 0 : theirs.segments.size();
  if (theirs.segmentCount && *theirs.segmentCount != theirs.segments.size())
    c.problem("readelf announced " + std::to_string(*theirs.segmentCount) + " program headers but listed " +
              std::to_string(theirs.segments.size()));
  if (segments.size() != readelfSegments)
    c.mismatch("file", "segment count", std::to_string(segments.size()), std::to_string(readelfSegments));
  for (std::size_t i = 0; i < std::min(segments.size(), theirs.segments.size()); ++i) {
    const Json &s = segments[i];
    const ReadelfSegment &r = theirs.segments[i];
    const std::string where = "segment[" + std::to_string(i) + "] (" + r.type + ")";
    c.number(where, "index", s.value("index", Json()), i);
    compareType(c, where, s.value("type", Json()), s.value("type_code", Json()), r.type, 14);
    c.text(where, "flags", s.value("flags", Json()), ourFlags(r.flags));
    c.number(where, "offset", s.value("offset", Json()), r.offset);
    c.number(where, "vaddr", s.value("vaddr", Json()), r.vaddr);
    c.number(where, "paddr", s.value("paddr", Json()), r.paddr);
    c.number(where, "filesz", s.value("filesz", Json()), r.filesz);
    c.number(where, "memsz", s.value("memsz", Json()), r.memsz);
    c.number(where, "align", s.value("align", Json()), r.align);
  }

  // Section-to-segment map. readelf names sections in index order; ours lists them by address.
  if (!segments.empty() && !sections.empty() && !theirs.haveMapping && readelfSections > 0)
    c.problem("readelf printed no \"Section to Segment mapping\"");
  std::map<std::string, unsigned> nameCount;
  for (const auto &n : names) ++nameCount[n];
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const Json &s = segments[i];
    const std::string where = "segment[" + std::to_string(i) + "] (" + s.value("type", std::string("?")) + ")";
    std::vector<std::string> mine;
    if (s.contains("sections") && s["sections"].is_array()) {
      for (const auto &n : s["sections"])
        mine.push_back(n.is_string() ? n.get<std::string>() : n.dump());
    } else {
      c.problem(where + " has no \"sections\" array");
      continue;
    }
    std::vector<std::string> expected;
    if (auto it = theirs.mapping.find(static_cast<unsigned>(i)); it != theirs.mapping.end()) expected = it->second;
    else if (theirs.haveMapping) c.problem("readelf's mapping has no line for segment " + std::to_string(i));
    std::vector<std::string> a = mine, b = expected;
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    if (a != b) c.mismatch(where, "sections (as a set)", joinNames(mine), joinNames(expected));

    // Ours must be in ascending address order: give each name the lowest-addressed unused section
    // of that name that claims this segment.
    std::multimap<std::string, std::uint64_t> candidates;
    for (const auto &sec : sections) {
      if (!sec.contains("segments") || !sec["segments"].is_array()) continue;
      for (const auto &seg : sec["segments"])
        if (seg.is_number_unsigned() && seg.get<std::uint64_t>() == i)
          candidates.emplace(sec.value("name", std::string()), sec.value("addr", std::uint64_t{0}));
    }
    std::uint64_t previous = 0;
    std::string previousName;
    for (const auto &n : mine) {
      auto range = candidates.equal_range(n);
      if (range.first == range.second) continue; // reported by the per-section check below
      auto best = std::min_element(range.first, range.second,
                                   [](const auto &x, const auto &y) { return x.second < y.second; });
      std::uint64_t addr = best->second;
      candidates.erase(best);
      if (!previousName.empty() && addr < previous)
        c.mismatch(where, "sections order", "\"" + n + "\" at " + hex(addr) + " after \"" + previousName + "\" at " + hex(previous),
                   "ascending addresses");
      previous = addr;
      previousName = n;
    }
  }
  // Each section's `segments`: exactly the segments whose mapping line names it.
  for (std::size_t i = 0; i < sections.size() && i < names.size(); ++i) {
    const Json &sec = sections[i];
    const std::string where = "section[" + std::to_string(i) + "] (" + names[i] + ")";
    std::vector<unsigned> mine;
    if (!sec.contains("segments") || !sec["segments"].is_array()) {
      c.problem(where + " has no \"segments\" array");
      continue;
    }
    for (const auto &v : sec["segments"]) mine.push_back(v.is_number_unsigned() ? v.get<unsigned>() : 0xffffffffu);
    std::sort(mine.begin(), mine.end());
    if (std::adjacent_find(mine.begin(), mine.end()) != mine.end())
      c.mismatch(where, "segments", joinIndices(mine) + " (repeats an index)", "each segment once");
    std::vector<unsigned> expected;
    for (const auto &[segment, list] : theirs.mapping)
      if (std::count(list.begin(), list.end(), names[i]) > 0) expected.push_back(segment);
    if (names[i].empty() || nameCount[names[i]] == 1) {
      if (mine != expected) c.mismatch(where, "segments", joinIndices(mine), joinIndices(expected));
      continue;
    }
    // Several sections share this name: compare how many of them each segment holds.
    if (i != 0 && std::find(names.begin(), names.begin() + static_cast<std::ptrdiff_t>(i), names[i]) !=
                      names.begin() + static_cast<std::ptrdiff_t>(i))
      continue; // checked with the first section of this name
    for (const auto &[segment, list] : theirs.mapping) {
      auto theirCount = static_cast<std::size_t>(std::count(list.begin(), list.end(), names[i]));
      std::size_t ourCount = 0;
      for (std::size_t j = 0; j < sections.size() && j < names.size(); ++j) {
        if (names[j] != names[i] || !sections[j].contains("segments")) continue;
        for (const auto &v : sections[j]["segments"])
          if (v.is_number_unsigned() && v.get<unsigned>() == segment) ++ourCount;
      }
      if (ourCount != theirCount)
        c.mismatch("sections named \"" + names[i] + "\"", "held by segment " + std::to_string(segment),
                   std::to_string(ourCount), std::to_string(theirCount));
    }
  }
  return c.count();
}

bool isExecutable(const std::string &path) {
  if (path.find('/') != std::string::npos) return access(path.c_str(), X_OK) == 0;
  const char *env = std::getenv("PATH");
  std::stringstream dirs(env ? env : "");
  std::string dir;
  while (std::getline(dirs, dir, ':'))
    if (!dir.empty() && access((dir + "/" + path).c_str(), X_OK) == 0) return true;
  return false;
}

int usage() {
  std::cerr << "usage: oracle_readelf [--skip REASON] [--missing-ok] MEMLAYOUT READELF FILE\n";
  return 2;
}

} // namespace

int main(int argc, char **argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  bool missingOk = false;
  std::vector<std::string> positional;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--skip") {
      std::cout << "SKIP: " << (i + 1 < args.size() ? args[i + 1] : std::string("no reason given")) << "\n";
      return kSkip;
    }
    if (args[i] == "--missing-ok") missingOk = true;
    else positional.push_back(args[i]);
  }
  if (positional.size() != 3) return usage();
  const std::string &memlayout = positional[0], &readelf = positional[1], &file = positional[2];

  if (readelf.empty() || readelf.find("NOTFOUND") != std::string::npos || !isExecutable(readelf)) {
    std::cout << "SKIP: readelf not found ('" << readelf << "')\n";
    return kSkip;
  }
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) {
    if (missingOk) {
      std::cout << "SKIP: " << file << " does not exist on this machine\n";
      return kSkip;
    }
    std::cout << "FAIL " << file << ": does not exist (build the 'samples' and 'test_inputs' targets first)\n";
    return 1;
  }

  const std::vector<std::string> env{"LC_ALL=C"};
  auto ours = runProcess({memlayout, file, "--segments", "--sections", "--format", "json"}, env, 120);
  if (!ours.started || ours.timedOut || ours.signal != 0 || ours.exitCode != 0) {
    std::cout << "FAIL " << file << ": memlayout " << ours.describe() << "\n" << ours.err;
    return 1;
  }
  if (!ours.err.empty()) std::cout << "note: memlayout wrote to stderr:\n" << rstrip(ours.err) << "\n";
  Json json;
  try {
    json = Json::parse(ours.out);
  } catch (const std::exception &e) {
    std::cout << "FAIL " << file << ": memlayout printed invalid JSON: " << e.what() << "\n";
    return 1;
  }

  auto theirs = runProcess({readelf, "-lSW", file}, env, 120);
  if (!theirs.started || theirs.timedOut || theirs.signal != 0) {
    std::cout << "FAIL " << file << ": readelf " << theirs.describe() << "\n" << theirs.err;
    return 1;
  }
  if (!theirs.err.empty()) std::cout << "note: readelf wrote to stderr:\n" << rstrip(theirs.err) << "\n";
  Readelf parsed = parseReadelf(theirs.out);

  int mismatches = compare(file, json, parsed);
  if (mismatches != 0) {
    std::cout << mismatches << " difference(s) between memlayout and readelf for " << file << "\n";
    return 1;
  }
  std::cout << "OK " << file << ": " << json["segments"].size() << " segments, " << json["sections"].size()
            << " sections, section-to-segment map agree with readelf\n";
  return 0;
}
