// Name patterns for --struct, nearest-name hints, and the --types listing.
#include "analysis/select.h"

#include "analysis/discriminant.h"
#include "support/type_paths.h"

#include <llvm/ADT/StringRef.h>

#include <algorithm>
#include <cctype>
#include <numeric>
#include <tuple>

namespace memlayout::analysis {
namespace {

bool isOpening(char c) { return c == '<' || c == '(' || c == '[' || c == '{'; }
bool isClosing(char c) { return c == '>' || c == ')' || c == ']' || c == '}'; }

std::string withoutSpaces(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text)
    if (!std::isspace(static_cast<unsigned char>(c))) out += c;
  return out;
}

std::string lowercase(std::string_view text) {
  std::string out(text);
  for (char &c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// A template's name without its arguments ("Pair<int, long>" → "Pair"), for hints only.
std::string_view withoutArguments(std::string_view name) {
  std::size_t open = name.find('<');
  return open == std::string_view::npos || open == 0 ? name : name.substr(0, open);
}

} // namespace

std::string_view lastComponent(std::string_view qualifiedName) {
  int depth = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < qualifiedName.size(); ++i) {
    const char c = qualifiedName[i];
    if (isOpening(c)) ++depth;
    else if (isClosing(c)) depth = std::max(0, depth - 1); // "operator>" and friends must not go negative
    else if (c == ':' && depth == 0 && i + 1 < qualifiedName.size() && qualifiedName[i + 1] == ':') {
      start = i + 2;
      ++i;
    }
  }
  return qualifiedName.substr(start);
}

std::string shortName(std::string_view qualifiedName) {
  return withoutSpaces(support::shortenTypePaths(qualifiedName));
}

bool isGlob(std::string_view pattern) { return pattern.find_first_of("*?") != std::string_view::npos; }

bool globMatch(std::string_view pattern, std::string_view text) {
  // Iterative matcher with one backtrack point: linear in practice, no recursion on hostile patterns.
  std::size_t p = 0, t = 0, starP = std::string_view::npos, starT = 0;
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      starP = p++;
      starT = t;
    } else if (starP != std::string_view::npos) {
      p = starP + 1;
      t = ++starT;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

NameMatcher::NameMatcher(std::vector<std::string> patterns) {
  for (auto &text : patterns) {
    Pattern pattern;
    pattern.compact = withoutSpaces(text);
    pattern.glob = analysis::isGlob(text);
    pattern.text = std::move(text);
    patterns_.push_back(std::move(pattern));
  }
}

bool NameMatcher::matches(std::size_t index, std::string_view qualifiedName) const {
  // Called for every named type of a large binary (dwarf::TypeQuery::wants): allocate only when a name
  // has spaces or generic arguments to normalise.
  const Pattern &pattern = patterns_[index];
  auto test = [&](std::string_view form) {
    // A loop, not find_first_of, which calls memchr over the set for every character of the name.
    if (std::any_of(form.begin(), form.end(), [](char c) { return c == ' ' || c == '\t'; })) {
      const std::string compact = withoutSpaces(form);
      return pattern.glob ? globMatch(pattern.compact, compact) : compact == pattern.compact;
    }
    return pattern.glob ? globMatch(pattern.compact, form) : form == pattern.compact;
  };
  if (test(qualifiedName)) return true;
  // Without a scope the last component is the name itself, and no short form differs from it (most
  // names of a C program, each of which a --struct query tests).
  if (qualifiedName.find(':') == std::string_view::npos) return false;
  if (test(lastComponent(qualifiedName))) return true;
  // The short form differs from the last component only inside brackets; a plain pattern without
  // brackets cannot equal a form that has them.
  constexpr std::string_view kBrackets = "<([{";
  if (qualifiedName.find("::") == std::string_view::npos || qualifiedName.find_first_of(kBrackets) == std::string_view::npos)
    return false;
  if (!pattern.glob && pattern.compact.find_first_of(kBrackets) == std::string::npos) return false;
  return test(shortName(qualifiedName));
}

bool NameMatcher::matches(std::string_view qualifiedName) const {
  if (qualifiedName.empty()) return false;
  for (std::size_t i = 0; i < patterns_.size(); ++i)
    if (matches(i, qualifiedName)) return true;
  return false;
}

bool NameMatcher::namesExplicitly(std::string_view qualifiedName) const {
  for (std::size_t i = 0; i < patterns_.size(); ++i)
    if (!patterns_[i].glob && matches(i, qualifiedName)) return true;
  return false;
}

std::vector<std::string> nearestNames(std::string_view wanted, const std::vector<std::string> &names,
                                      std::size_t limit) {
  // Wildcards say nothing about spelling: compare with the literal part of a glob.
  std::string target;
  for (char c : lowercase(withoutSpaces(wanted)))
    if (c != '*' && c != '?') target += c;
  if (target.empty() || limit == 0) return {};
  const unsigned threshold = static_cast<unsigned>(std::max<std::size_t>(2, target.size() / 3));
  const llvm::StringRef targetRef(target);

  std::vector<std::tuple<unsigned, std::size_t, std::size_t>> ranked; // distance, length, index
  for (std::size_t i = 0; i < names.size(); ++i) {
    const std::string &name = names[i];
    if (name.empty()) continue;
    const std::string last = lowercase(withoutSpaces(lastComponent(name)));
    const std::string forms[] = {lowercase(withoutSpaces(name)), last, lowercase(shortName(name)),
                                 std::string(withoutArguments(last))};
    unsigned best = threshold + 1;
    for (const std::string &form : forms) {
      unsigned distance = targetRef.edit_distance(form, true, threshold + 1);
      best = std::min(best, distance);
    }
    if (best <= threshold) ranked.emplace_back(best, name.size(), i);
  }
  std::sort(ranked.begin(), ranked.end());
  std::vector<std::string> out;
  for (const auto &[distance, length, index] : ranked) {
    if (out.size() == limit) break;
    if (std::find(out.begin(), out.end(), names[index]) == out.end()) out.push_back(names[index]);
  }
  return out;
}

std::vector<std::size_t> selectTypes(const model::TypeTable &table, const NameMatcher &matcher,
                                     std::vector<std::size_t> &unmatched) {
  // Pattern by pattern, as the user listed them; a type two patterns match is shown once, where first met.
  std::vector<std::size_t> chosen;
  std::vector<bool> taken(table.types.size(), false);
  unmatched.clear();
  // Within a pattern, by name, then unit and declaration: the order must not depend on how the table
  // was read (all types, only the matches, or from the type index), so output is the same every time.
  auto before = [&](std::size_t a, std::size_t b) {
    const model::Type &x = table.types[a], &y = table.types[b];
    const std::string noFile;
    const std::string &xf = x.decl ? x.decl->file : noFile, &yf = y.decl ? y.decl->file : noFile;
    const unsigned xl = x.decl ? x.decl->line : 0, yl = y.decl ? y.decl->line : 0;
    return std::tie(x.name, x.unit, xf, xl) < std::tie(y.name, y.unit, yf, yl);
  };
  for (std::size_t p = 0; p < matcher.size(); ++p) {
    std::vector<std::size_t> matches;
    for (std::size_t t = 0; t < table.types.size(); ++t) {
      const model::Type &type = table.types[t];
      if (!type.selected || type.name.empty() || !matcher.matches(p, type.name)) continue;
      matches.push_back(t);
    }
    if (matches.empty()) unmatched.push_back(p);
    std::stable_sort(matches.begin(), matches.end(), before);
    for (std::size_t t : matches) {
      if (!taken[t]) chosen.push_back(t);
      taken[t] = true;
    }
  }
  return chosen;
}

bool isListed(const model::Type &type) {
  if (!type.selected || type.name.empty()) return false;
  if (type.kind != model::Kind::Enum) return true;
  // Enums with data (Rust) have layouts worth listing; C-like enums are just an integer.
  return !type.fields.empty() || hasData(type);
}

std::vector<std::size_t> listTypes(const model::TypeTable &table, const std::vector<model::Layout> &layouts,
                                   const ListQuery &query) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < table.types.size(); ++i)
    if (isListed(table.types[i]) && layouts[i].padding >= query.minPadding) out.push_back(i);
  if (query.sort) {
    auto name = [&](std::size_t i) -> const std::string & { return table.types[i].name; };
    switch (*query.sort) {
    case SortKey::Size:
      std::stable_sort(out.begin(), out.end(), [&](std::size_t a, std::size_t b) {
        return table.types[a].size != table.types[b].size ? table.types[a].size > table.types[b].size : name(a) < name(b);
      });
      break;
    case SortKey::Padding:
      std::stable_sort(out.begin(), out.end(), [&](std::size_t a, std::size_t b) {
        return layouts[a].padding != layouts[b].padding ? layouts[a].padding > layouts[b].padding : name(a) < name(b);
      });
      break;
    case SortKey::Name:
      std::stable_sort(out.begin(), out.end(), [&](std::size_t a, std::size_t b) { return name(a) < name(b); });
      break;
    }
  }
  if (query.top && out.size() > *query.top) out.resize(static_cast<std::size_t>(*query.top));
  return out;
}

} // namespace memlayout::analysis
