// tests/oracle/types_pahole.cpp: the pahole listing parser and its hole/padding statements in the SPEC's terms (format notes in types_pahole.h).
#include "types_pahole.h"

#include "posix_regex.h"

#include <algorithm>
#include <charconv>
#include <sstream>

namespace memlayout::testing {
namespace {

std::string trimBlanks(const std::string &s) {
  const std::size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

std::uint64_t toNumber(const std::string &s) {
  std::uint64_t value = 0;
  std::from_chars(s.data(), s.data() + s.size(), value);
  return value;
}

std::int64_t toSigned(const std::string &s) {
  std::int64_t value = 0;
  std::from_chars(s.data(), s.data() + s.size(), value);
  return value;
}

// "struct Dog : Animal {" → keyword struct, name Dog; "typedef struct {" → keyword struct, name "".
bool parseHeader(const std::string &line, PaholeType &type) {
  std::string text = trimBlanks(line);
  if (text.size() < 2 || text.back() != '{') return false;
  text = trimBlanks(text.substr(0, text.size() - 1));
  if (text.rfind("typedef ", 0) == 0) {
    type.keyword = trimBlanks(text.substr(8));
    return type.keyword == "struct" || type.keyword == "union" || type.keyword == "class";
  }
  const std::size_t space = text.find(' ');
  if (space == std::string::npos) return false;
  type.keyword = text.substr(0, space);
  if (type.keyword != "struct" && type.keyword != "union" && type.keyword != "class") return false;
  std::string rest = text.substr(space + 1);
  int angle = 0; // cut the base list at " : " outside template brackets
  for (std::size_t i = 0; i < rest.size(); ++i) {
    if (rest[i] == '<') ++angle;
    if (rest[i] == '>') --angle;
    if (angle == 0 && rest.compare(i, 3, " : ") == 0) {
      rest = rest.substr(0, i);
      break;
    }
  }
  type.name = trimBlanks(rest);
  return true;
}

// The member's name from the text before its offset comment: "int x;", "unsigned int low:3;",
// "char data[];", "} named_inner;", "};", "/* struct Left <ancestor>; */".
void parseMemberText(const std::string &before, PaholeMember &member) {
  std::string text = trimBlanks(before);
  if (text.find("<ancestor>") != std::string::npos) {
    member.ancestor = true;
    const std::size_t start = text.find("/*") + 2, end = text.find("<ancestor>");
    member.name = trimBlanks(text.substr(start, end - start));
    return;
  }
  if (!text.empty() && text.back() == ';') text.pop_back();
  text = trimBlanks(text);
  const std::size_t cut = text.find_last_of(" \t}*");
  std::string name = cut == std::string::npos ? text : text.substr(cut + 1);
  if (const std::size_t colon = name.find(':'); colon != std::string::npos) {
    member.bitWidth = toNumber(name.substr(colon + 1));
    name = name.substr(0, colon);
  }
  if (const std::size_t bracket = name.find('['); bracket != std::string::npos) name.resize(bracket);
  member.name = name;
}

} // namespace

PaholeListing parsePahole(const std::string &text) {
  PaholeListing listing;
  const Regex offsetComment("/\\*[ ]*([0-9]+)(:[ ]*([0-9]+))?[ ]+([0-9]+)[ ]*\\*/[ ]*$");
  const Regex byteHole("XXX (-?[0-9]+) bytes? hole");
  const Regex bitHole("XXX (-?[0-9]+) bits? hole");
  const Regex sizeLine("/\\* size: ([0-9]+),");
  const Regex paddingLine("/\\* padding: ([0-9]+) \\*/");
  const Regex bitPaddingLine("/\\* bit_padding: ([0-9]+) bits? \\*/");
  std::istringstream in(text);
  std::string line;
  int depth = 0;          // brace depth; 1 = inside a type's block
  bool inComment = false; // inside a multi-line /* … */ (pahole's vtable listing)
  PaholeType type;
  std::vector<std::string> groups;
  while (std::getline(in, line)) {
    if (depth == 0) {
      if (line.empty() || line[0] == '\t' || line[0] == ' ') continue;
      type = PaholeType{};
      if (parseHeader(line, type)) {
        depth = 1;
        type.text = line + "\n";
      }
      continue;
    }
    type.text += line + "\n";
    const std::string trimmed = trimBlanks(line);
    if (inComment) {
      if (trimmed.find("*/") != std::string::npos) inComment = false;
      continue;
    }
    if (trimmed.rfind("/*", 0) == 0 && trimmed.find("*/") == std::string::npos) {
      inComment = true;
      continue;
    }
    const bool closes = !trimmed.empty() && trimmed.front() == '}';
    const bool opens = !trimmed.empty() && trimmed.back() == '{';
    if (closes) --depth;
    if (depth == 0) { // the type's own closing line: "};", "} event_t;", "} __attribute__((…));"
      std::string rest = trimBlanks(trimmed.substr(1));
      if (type.name.empty()) {
        const std::size_t end = rest.find_first_of(" ;");
        type.name = rest.substr(0, end);
      }
      if (type.name.empty())
        listing.errors.push_back("a type block without a name:\n" + type.text);
      else
        listing.types.push_back(std::move(type));
      continue;
    }
    if (depth == 1) {
      if (offsetComment.search(line, &groups)) {
        PaholeMember member;
        member.line = trimmed;
        member.offset = toNumber(groups[1]);
        member.bitField = !groups[2].empty();
        member.bitInUnit = member.bitField ? toNumber(groups[3]) : 0;
        member.size = toNumber(groups[4]);
        parseMemberText(line.substr(0, line.rfind("/*")), member);
        if (member.bitField && member.bitWidth == 0)
          listing.errors.push_back("bit-field without a width: " + trimmed);
        type.members.push_back(std::move(member));
      } else if (byteHole.search(trimmed, &groups)) {
        type.holes.push_back({false, toSigned(groups[1]), type.members.size(), trimmed});
      } else if (bitHole.search(trimmed, &groups)) {
        type.holes.push_back({true, toSigned(groups[1]), type.members.size(), trimmed});
      } else if (sizeLine.search(trimmed, &groups)) {
        type.size = toNumber(groups[1]);
      } else if (paddingLine.search(trimmed, &groups)) {
        type.padding = toNumber(groups[1]);
      } else if (bitPaddingLine.search(trimmed, &groups)) {
        type.bitPadding = toNumber(groups[1]);
      } else if (trimmed.find("BRAIN FART ALERT") != std::string::npos) {
        type.brainFart = true;
      }
    }
    if (opens) ++depth;
  }
  if (depth != 0) listing.errors.push_back("the listing ends inside a type:\n" + type.text);
  return listing;
}

PaholeClaim paholeClaim(const PaholeType &type) {
  PaholeClaim claim;
  if (!type.size) {
    claim.state = PaholeClaim::State::Silent;
    claim.why = "pahole prints no size, holes or padding for this " + type.keyword;
    return claim;
  }
  const std::uint64_t size = *type.size;
  std::vector<ByteRange> holes;
  for (const PaholeHole &hole : type.holes) {
    if (hole.before >= type.members.size()) {
      claim.state = PaholeClaim::State::Impossible;
      claim.why = "'" + hole.line + "' follows the last member";
      return claim;
    }
    const std::uint64_t endBit = type.members[hole.before].firstBit();
    const std::int64_t bits = hole.bits ? hole.amount : hole.amount * 8;
    const std::uint64_t endAligned = hole.bits ? endBit : endBit / 8 * 8;
    if (bits <= 0 || static_cast<std::uint64_t>(bits) > endAligned) {
      claim.state = PaholeClaim::State::Impossible;
      claim.why = "'" + hole.line + "' cannot end at bit " + std::to_string(endAligned) +
                  " (where '" + type.members[hole.before].line + "' starts)";
      return claim;
    }
    const std::uint64_t beginBit = endAligned - static_cast<std::uint64_t>(bits);
    const std::uint64_t firstByte = (beginBit + 7) / 8, endByte = endAligned / 8;
    if (endByte > firstByte) holes.push_back({firstByte, endByte - firstByte});
  }
  std::sort(holes.begin(), holes.end(),
            [](const ByteRange &a, const ByteRange &b) { return a.offset < b.offset; });
  for (const ByteRange &hole : holes) {
    if (!claim.padding.holes.empty() && claim.padding.holes.back().end() >= hole.offset) {
      ByteRange &last = claim.padding.holes.back();
      last.size = std::max(last.end(), hole.end()) - last.offset;
    } else {
      claim.padding.holes.push_back(hole);
    }
  }
  const std::uint64_t padding = type.padding.value_or(0);
  const std::uint64_t bitPaddingBytes = type.bitPadding.value_or(0) / 8;
  if (padding + bitPaddingBytes > size) {
    claim.state = PaholeClaim::State::Impossible;
    claim.why = "padding " + std::to_string(padding) + " exceeds size " + std::to_string(size);
    return claim;
  }
  claim.padding.trailing = padding + bitPaddingBytes;
  return claim;
}

} // namespace memlayout::testing
