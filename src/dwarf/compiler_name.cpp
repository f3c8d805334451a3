// Producer strings carry flags and vendor decorations; a baseline only needs to know whether the
// compiler that made the layouts changed, so keep the family and version.
#include "dwarf/compiler_name.h"

#include <cctype>

namespace memlayout::dwarf {
namespace {

bool looksLikeVersion(std::string_view word) {
  return !word.empty() && std::isdigit(static_cast<unsigned char>(word.front())) &&
         word.find('.') != std::string_view::npos;
}

// The first word after `marker` (or after the start when marker is empty).
std::string_view wordAfter(std::string_view text, std::string_view marker) {
  std::size_t at = text.find(marker);
  if (at == std::string_view::npos) return {};
  text.remove_prefix(at + marker.size());
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  std::size_t end = 0;
  while (end < text.size() && text[end] != ' ' && text[end] != ')' && text[end] != '(') ++end;
  return text.substr(0, end);
}

} // namespace

std::string compilerName(std::string_view producer) {
  // rustc: "clang LLVM (rustc version 1.95.0 (59807616e 2026-04-14))"
  if (auto version = wordAfter(producer, "rustc version "); looksLikeVersion(version))
    return "rustc " + std::string(version);
  // clang: "Debian clang version 19.1.7 (3~deb12u1)", "clang version 18.0.0 (https://…)"
  if (auto version = wordAfter(producer, "clang version "); looksLikeVersion(version))
    return "clang " + std::string(version);
  // gcc: "GNU C17 12.2.0 -mtune=generic …", "GNU C++17 12.2.0 …"; the assembler ("GNU AS 2.40") makes no types
  if (producer.starts_with("GNU ")) {
    std::string_view rest = producer.substr(4);
    if (rest.starts_with("AS ")) return "";
    std::string_view language = wordAfter(rest, "");
    std::string_view version = wordAfter(rest.substr(language.size()), "");
    if (looksLikeVersion(version)) return "gcc " + std::string(version);
  }
  // Anything else: its first two words, which usually name it and its version.
  std::string out;
  unsigned words = 0;
  for (std::size_t i = 0; i < producer.size() && words < 2;) {
    while (i < producer.size() && producer[i] == ' ') ++i;
    std::size_t end = producer.find(' ', i);
    if (end == std::string_view::npos) end = producer.size();
    if (end > i) {
      out += (words++ ? " " : "") + std::string(producer.substr(i, end - i));
    }
    i = end;
  }
  return out;
}

} // namespace memlayout::dwarf
