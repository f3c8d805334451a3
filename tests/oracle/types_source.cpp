// tests/oracle/types_source.cpp: source-text helpers for the type oracle (includes, typedef names, canonical type spellings).
#include "types_source.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace memlayout::testing {
namespace {

std::optional<std::string> readFile(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

bool isIdentifierChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// A run of builtin type keywords, in one spelling.
std::string canonicalBuiltin(const std::vector<std::string> &words) {
  int longs = 0, shorts = 0;
  bool isUnsigned = false, isSigned = false;
  std::string base;
  for (const std::string &w : words) {
    if (w == "long") ++longs;
    else if (w == "short") ++shorts;
    else if (w == "unsigned") isUnsigned = true;
    else if (w == "signed") isSigned = true;
    else if (w != "int") base = w;
  }
  if (base == "_Bool" || base == "bool") return "bool";
  if (base == "char") return isUnsigned ? "unsigned char" : isSigned ? "signed char" : "char";
  if (base == "double") return longs ? "long double" : "double";
  if (!base.empty()) return base; // float, and anything else kept as is
  std::string size = shorts ? "short" : longs == 1 ? "long" : longs >= 2 ? "long long" : "int";
  return isUnsigned ? "unsigned " + size : size;
}

bool isBuiltinWord(const std::string &w) {
  static const std::set<std::string> words{"signed", "unsigned", "short", "long", "int",
                                           "char",   "_Bool",    "bool",  "double", "float"};
  return words.count(w) != 0;
}

} // namespace

SourceFiles readSourceFiles(const std::string &root, const std::string &source) {
  SourceFiles files;
  std::vector<std::string> pending{source};
  while (!pending.empty()) {
    const std::string file = pending.back();
    pending.pop_back();
    if (std::find(files.local.begin(), files.local.end(), file) != files.local.end()) continue;
    files.local.push_back(file);
    auto text = readFile(root + "/" + file);
    if (!text) continue;
    std::istringstream in(*text);
    std::string line;
    while (std::getline(in, line)) {
      std::size_t at = line.find_first_not_of(" \t");
      if (at == std::string::npos || line[at] != '#') continue;
      at = line.find_first_not_of(" \t", at + 1);
      if (at == std::string::npos || line.compare(at, 7, "include") != 0) continue;
      at = line.find_first_of("<\"", at + 7);
      if (at == std::string::npos) continue;
      const char close = line[at] == '<' ? '>' : '"';
      const std::size_t end = line.find(close, at + 1);
      if (end == std::string::npos) continue;
      const std::string name = line.substr(at + 1, end - at - 1);
      if (close == '>') {
        if (std::find(files.systemIncludes.begin(), files.systemIncludes.end(), name) ==
            files.systemIncludes.end())
          files.systemIncludes.push_back(name);
      } else {
        const std::filesystem::path dir = std::filesystem::path(file).parent_path();
        pending.push_back((dir / name).lexically_normal().string());
      }
    }
  }
  return files;
}

std::optional<std::string> typedefNameAt(const std::string &root, const std::string &location) {
  // FILE:LINE:COL, FILE may itself hold colons only in odd paths: split from the right.
  const std::size_t colon2 = location.rfind(':');
  if (colon2 == std::string::npos || colon2 == 0) return std::nullopt;
  const std::size_t colon1 = location.rfind(':', colon2 - 1);
  if (colon1 == std::string::npos) return std::nullopt;
  const std::string file = location.substr(0, colon1);
  const unsigned long line = std::stoul(location.substr(colon1 + 1, colon2 - colon1 - 1));
  const unsigned long column = std::stoul(location.substr(colon2 + 1));
  auto text = readFile(file.front() == '/' ? file : root + "/" + file);
  if (!text || line == 0 || column == 0) return std::nullopt;
  std::size_t at = 0;
  for (unsigned long l = 1; l < line && at != std::string::npos; ++l) {
    at = text->find('\n', at);
    if (at != std::string::npos) ++at;
  }
  if (at == std::string::npos) return std::nullopt;
  const std::size_t lineStart = at;
  at += column - 1;
  // "typedef" must come before the keyword on its line.
  if (text->substr(lineStart, at - lineStart).find("typedef") == std::string::npos) return std::nullopt;
  std::size_t open = text->find('{', at);
  if (open == std::string::npos) return std::nullopt;
  int depth = 0;
  std::size_t i = open;
  for (; i < text->size(); ++i) {
    if ((*text)[i] == '{') ++depth;
    if ((*text)[i] == '}' && --depth == 0) break;
  }
  if (i >= text->size()) return std::nullopt;
  ++i;
  while (i < text->size() && std::isspace(static_cast<unsigned char>((*text)[i]))) ++i;
  std::size_t end = i;
  while (end < text->size() && isIdentifierChar((*text)[end])) ++end;
  if (end == i) return std::nullopt;
  return text->substr(i, end - i);
}

std::string canonicalTypeName(const std::string &name) {
  // Tokens: identifiers and single punctuation characters; spaces dropped.
  std::vector<std::string> tokens;
  for (std::size_t i = 0; i < name.size();) {
    if (std::isspace(static_cast<unsigned char>(name[i]))) {
      ++i;
    } else if (isIdentifierChar(name[i])) {
      std::size_t j = i;
      while (j < name.size() && isIdentifierChar(name[j])) ++j;
      tokens.push_back(name.substr(i, j - i));
      i = j;
    } else {
      tokens.push_back(std::string(1, name[i]));
      ++i;
    }
  }
  std::string out;
  bool lastWasWord = false;
  for (std::size_t i = 0; i < tokens.size();) {
    std::string piece;
    if (isBuiltinWord(tokens[i])) {
      std::vector<std::string> run;
      while (i < tokens.size() && isBuiltinWord(tokens[i])) run.push_back(tokens[i++]);
      piece = canonicalBuiltin(run);
    } else {
      piece = tokens[i++];
    }
    const bool isWord = isIdentifierChar(piece.front());
    if (isWord && lastWasWord) out += ' ';
    out += piece;
    lastWasWord = isIdentifierChar(piece.back());
  }
  return out;
}

std::string lastComponent(const std::string &name) {
  int angle = 0, paren = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i + 1 < name.size(); ++i) {
    const char c = name[i];
    if (c == '<') ++angle;
    else if (c == '>') --angle;
    else if (c == '(') ++paren;
    else if (c == ')') --paren;
    else if (c == ':' && name[i + 1] == ':' && angle == 0 && paren == 0) {
      start = i + 2;
      ++i;
    }
  }
  return name.substr(start);
}

} // namespace memlayout::testing
