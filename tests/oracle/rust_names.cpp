// tests/oracle/rust_names.cpp: rustc-to-DWARF type name matching (rules in rust_names.h).
#include "rust_names.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

namespace memlayout::testing {
namespace {

bool isIdentChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }
bool startsSegment(std::string_view s, std::size_t i) { return i < s.size() && (isIdentChar(s[i]) || s[i] == '{'); }

// Index one past the '}' matching the '{' at `open`, or npos.
std::size_t closingBrace(std::string_view s, std::size_t open) {
  int depth = 0;
  for (std::size_t i = open; i < s.size(); ++i) {
    if (s[i] == '{') ++depth;
    else if (s[i] == '}' && --depth == 0) return i + 1;
  }
  return std::string_view::npos;
}

// "std::rt::lang_start<()>::{closure#0}" → "std::rt::lang_start::{closure#0}<()>": DWARF puts the
// generic arguments of a closure's or future's enclosing function after the env's name.
std::string moveGenericsToEnd(std::string_view path) {
  std::string bare, arguments;
  int depth = 0;
  std::size_t groupStart = 0;
  for (std::size_t i = 0; i < path.size(); ++i) {
    const char c = path[i];
    if (c == '<') {
      if (depth++ == 0) groupStart = i + 1;
      continue;
    }
    if (c == '>' && depth > 0) {
      if (--depth == 0) {
        if (!arguments.empty()) arguments += ", ";
        arguments += path.substr(groupStart, i - groupStart);
      }
      continue;
    }
    if (depth == 0) bare += c;
  }
  return arguments.empty() ? bare : bare + "<" + arguments + ">";
}

std::string replaceAll(std::string text, std::string_view from, std::string_view to) {
  for (std::size_t at = 0; (at = text.find(from, at)) != std::string::npos; at += to.size())
    text.replace(at, from.size(), to);
  return text;
}

struct Form {
  std::string_view prefix;
  std::string_view kind;
};
constexpr std::array<Form, 3> kForms{{{"{closure@", "closure"},
                                      {"{async block@", "async block"},
                                      {"{async fn body of ", "async fn"}}};

// "samples/rust/samples.rs:359:19: 359:32" → file, line, column; false for a def path (which may
// hold spans of its own inside generic arguments, so the file must come first).
bool parseSpan(std::string_view inner, RustcSpan &span) {
  const std::size_t rs = inner.find(".rs:");
  if (rs == std::string_view::npos || inner.substr(0, rs).find_first_of("{<:") != std::string_view::npos) return false;
  span.file = std::string(inner.substr(0, rs + 3));
  std::string_view rest = inner.substr(rs + 4);
  unsigned *targets[2] = {&span.line, &span.column};
  for (unsigned *target : targets) {
    std::size_t digits = 0;
    unsigned value = 0;
    while (digits < rest.size() && std::isdigit(static_cast<unsigned char>(rest[digits])))
      value = value * 10 + static_cast<unsigned>(rest[digits++] - '0');
    if (digits == 0) return false;
    *target = value;
    rest.remove_prefix(digits);
    if (!rest.empty() && rest[0] == ':') rest.remove_prefix(1);
  }
  return true;
}

// Rewrites rustc's braced names into DWARF paths (see rust_names.h).
std::string rewriteBraced(std::string_view name, const std::map<std::string, std::string> &spans) {
  std::string out;
  for (std::size_t i = 0; i < name.size();) {
    const Form *form = nullptr;
    for (const Form &candidate : kForms)
      if (name.substr(i, candidate.prefix.size()) == candidate.prefix) form = &candidate;
    const std::size_t end = form ? closingBrace(name, i) : std::string_view::npos;
    if (!form || end == std::string_view::npos) {
      out += name[i++];
      continue;
    }
    const std::string text(name.substr(i, end - i));
    const std::string_view inner = name.substr(i + form->prefix.size(), end - 1 - i - form->prefix.size());
    RustcSpan span;
    if (auto found = spans.find(text); found != spans.end()) {
      out += found->second;
    } else if (form->kind == "async fn") {
      std::string_view path = inner;
      if (path.size() >= 2 && path.substr(path.size() - 2) == "()") path.remove_suffix(2);
      out += moveGenericsToEnd(std::string(path) + "::{async_fn_env#0}");
    } else if (!inner.empty() && inner.front() == '<') {
      // `{closure@<u32 as Sum>::sum<…>::{closure#0}}`: DWARF names the impl `{impl#N}`, which the
      // rustc spelling does not give.
      out += "{unmatchable qualified-path " + std::string(form->kind) + "}";
    } else if (!parseSpan(inner, span)) { // a def path: `std::fmt::format::{closure#0}`
      std::string path = replaceAll(rewriteBraced(inner, spans), "{closure#", "{closure_env#");
      path = replaceAll(path, "{async_block#", "{async_block_env#");
      out += moveGenericsToEnd(path);
    } else {
      out += "{unresolved " + std::string(form->kind) + "}"; // matches nothing
    }
    i = end;
  }
  return out;
}

NameTokens tokenize(std::string_view s) {
  NameTokens tokens;
  for (std::size_t i = 0; i < s.size();) {
    const char c = s[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (startsSegment(s, i)) {
      NameToken path;
      path.isPath = true;
      for (;;) {
        std::size_t end = i;
        if (s[i] == '{') {
          end = closingBrace(s, i);
          if (end == std::string_view::npos) end = s.size();
        } else {
          while (end < s.size() && isIdentChar(s[end])) ++end;
        }
        path.segments.emplace_back(s.substr(i, end - i));
        i = end;
        if (s.substr(i, 2) == "::" && startsSegment(s, i + 2)) i += 2;
        else break;
      }
      tokens.push_back(std::move(path));
    } else if (c == '\'' && i + 1 < s.size() && isIdentChar(s[i + 1])) {
      std::size_t end = i + 1;
      while (end < s.size() && isIdentChar(s[end])) ++end;
      tokens.push_back({false, {}, std::string(s.substr(i, end - i))});
      i = end;
    } else if (c == '"') {
      std::size_t end = s.find('"', i + 1);
      end = end == std::string_view::npos ? s.size() : end + 1;
      tokens.push_back({false, {}, std::string(s.substr(i, end - i))});
      i = end;
    } else if (s.substr(i, 2) == "->") {
      tokens.push_back({false, {}, "->"});
      i += 2;
    } else {
      tokens.push_back({false, {}, std::string(1, c)});
      ++i;
    }
  }
  return tokens;
}

bool isPunct(const NameTokens &tokens, std::size_t i, std::string_view text) {
  return i < tokens.size() && !tokens[i].isPath && tokens[i].text == text;
}

// Removes the token at `i` with one comma beside it (the one after, else the one before).
void eraseArgument(NameTokens &tokens, std::size_t i) {
  if (isPunct(tokens, i + 1, ",")) tokens.erase(tokens.begin() + static_cast<std::ptrdiff_t>(i), tokens.begin() + static_cast<std::ptrdiff_t>(i + 2));
  else if (i > 0 && isPunct(tokens, i - 1, ",")) tokens.erase(tokens.begin() + static_cast<std::ptrdiff_t>(i - 1), tokens.begin() + static_cast<std::ptrdiff_t>(i + 1));
  else tokens.erase(tokens.begin() + static_cast<std::ptrdiff_t>(i));
}

// Lifetimes, the defaulted `Global` allocator argument and the empty `<>` they leave.
NameTokens normalize(NameTokens tokens) {
  for (std::size_t i = 0; i < tokens.size();) {
    if (!tokens[i].isPath && tokens[i].text.size() > 1 && tokens[i].text[0] == '\'') {
      eraseArgument(tokens, i);
      continue;
    }
    ++i;
  }
  for (bool changed = true; changed;) {
    changed = false;
    std::vector<char> open; // innermost bracket before each token
    for (std::size_t i = 0; i < tokens.size() && !changed; ++i) {
      const NameToken &token = tokens[i];
      if (!token.isPath) {
        if (token.text == "<" || token.text == "(" || token.text == "[") open.push_back(token.text[0]);
        else if ((token.text == ">" || token.text == ")" || token.text == "]") && !open.empty()) open.pop_back();
        continue;
      }
      const bool global = token.segments.back() == "Global";
      if (global && !open.empty() && open.back() == '<' && i > 0 &&
          (isPunct(tokens, i - 1, "<") || isPunct(tokens, i - 1, ",")) &&
          (isPunct(tokens, i + 1, ">") || isPunct(tokens, i + 1, ","))) {
        eraseArgument(tokens, i);
        changed = true;
      }
    }
    for (std::size_t i = 0; i + 1 < tokens.size(); ++i)
      if (isPunct(tokens, i, "<") && isPunct(tokens, i + 1, ">")) {
        tokens.erase(tokens.begin() + static_cast<std::ptrdiff_t>(i), tokens.begin() + static_cast<std::ptrdiff_t>(i + 2));
        changed = true;
        break;
      }
  }
  return tokens;
}

bool isSubsequence(const std::vector<std::string> &part, std::size_t partBegin, std::size_t partEnd,
                   const std::vector<std::string> &whole, std::size_t wholeBegin, std::size_t wholeEnd) {
  std::size_t at = wholeBegin;
  for (std::size_t i = partBegin; i < partEnd; ++i) {
    while (at < wholeEnd && whole[at] != part[i]) ++at;
    if (at == wholeEnd) return false;
    ++at;
  }
  return true;
}

bool pathsMatch(const std::vector<std::string> &rustc, const std::vector<std::string> &dwarf,
                std::size_t dwarfBegin, const std::string &crate, bool allowCrateless, bool strict) {
  if (rustc.empty() || dwarf.size() <= dwarfBegin || rustc.back() != dwarf.back()) return false;
  const std::string &r0 = rustc.front();
  const std::string &d0 = dwarf[dwarfBegin];
  if (rustc.size() == 1) {
    if (dwarf.size() - dwarfBegin == 1) return true;
    return allowCrateless && d0 == crate && dwarf.size() - dwarfBegin == 2;
  }
  const bool sameRoot = r0 == d0 || (r0 == "std" && (d0 == "core" || d0 == "alloc"));
  if (sameRoot && dwarf.size() - dwarfBegin >= 2) {
    if (strict ? rustc.size() == dwarf.size() - dwarfBegin &&
                     std::equal(rustc.begin() + 1, rustc.end(), dwarf.begin() + static_cast<std::ptrdiff_t>(dwarfBegin) + 1)
               : isSubsequence(rustc, 1, rustc.size() - 1, dwarf, dwarfBegin + 1, dwarf.size() - 1))
      return true;
  }
  return allowCrateless && d0 == crate && pathsMatch(rustc, dwarf, dwarfBegin + 1, crate, false, strict);
}

} // namespace

std::vector<RustcSpan> findSpans(const std::string &rustcName) {
  std::vector<RustcSpan> spans;
  const std::string_view name = rustcName;
  for (std::size_t i = 0; i < name.size(); ++i) {
    for (const Form &form : kForms) {
      if (form.kind == "async fn" || name.substr(i, form.prefix.size()) != form.prefix) continue;
      const std::size_t end = closingBrace(name, i);
      if (end == std::string_view::npos) continue;
      RustcSpan span;
      span.text = std::string(name.substr(i, end - i));
      span.kind = std::string(form.kind);
      if (parseSpan(name.substr(i + form.prefix.size(), end - 1 - i - form.prefix.size()), span))
        spans.push_back(std::move(span));
    }
  }
  return spans;
}

NameTokens tokenizeRustcName(const std::string &name, const std::map<std::string, std::string> &spans) {
  return normalize(tokenize(rewriteBraced(name, spans)));
}

NameTokens tokenizeDwarfName(const std::string &name) { return normalize(tokenize(name)); }

bool namesMatch(const NameTokens &rustc, const NameTokens &dwarf, const std::string &crate, bool strict) {
  if (rustc.size() != dwarf.size()) return false;
  for (std::size_t i = 0; i < rustc.size(); ++i) {
    if (rustc[i].isPath != dwarf[i].isPath) return false;
    if (!rustc[i].isPath) {
      if (rustc[i].text != dwarf[i].text) return false;
    } else if (!pathsMatch(rustc[i].segments, dwarf[i].segments, 0, crate, true, strict)) {
      return false;
    }
  }
  return true;
}

bool isLocalName(const NameTokens &rustc) {
  static const std::array<std::string_view, 19> kSysroot{
      "std", "core", "alloc", "unwind", "panic_unwind", "panic_abort", "hashbrown", "std_detect",
      "compiler_builtins", "libc", "gimli", "addr2line", "object", "memchr", "miniz_oxide",
      "adler2", "rustc_demangle", "cfg_if", "proc_macro"};
  for (const NameToken &token : rustc)
    if (token.isPath)
      return token.segments.front().rfind("{unmatchable", 0) != 0 &&
             std::find(kSysroot.begin(), kSysroot.end(), token.segments.front()) == kSysroot.end();
  return false;
}

std::vector<std::string> pathsIn(const NameTokens &tokens) {
  std::vector<std::string> paths;
  for (const NameToken &token : tokens) {
    if (!token.isPath) continue;
    std::string joined;
    for (const std::string &segment : token.segments) joined += (joined.empty() ? "" : "::") + segment;
    paths.push_back(std::move(joined));
  }
  return paths;
}

std::string toString(const NameTokens &tokens) {
  std::string out;
  bool previousPath = false;
  for (const NameToken &token : tokens) {
    if (token.isPath) {
      if (previousPath) out += ' ';
      for (std::size_t i = 0; i < token.segments.size(); ++i) out += (i ? "::" : "") + token.segments[i];
    } else {
      out += token.text;
      if (token.text == ",") out += ' ';
    }
    previousPath = token.isPath;
  }
  return out;
}

} // namespace memlayout::testing
