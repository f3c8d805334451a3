// Which types the user asked for: --struct name patterns (exact, last path component, globs), the
// nearest names when nothing matches, and the --types listing (filter, sort, top).
#pragma once

#include "model/facts.h"
#include "model/type.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace memlayout::analysis {

// The last `::` component of a qualified name, split only outside brackets (<> () [] {}):
// "geo::Point" → "Point", "ns::Pair<int, long>" → "Pair<int, long>", "std::foo<a::b>" → "foo<a::b>".
std::string_view lastComponent(std::string_view qualifiedName);

// Every path shortened to its last component, generic arguments included, without whitespace, and
// without Rust's default allocator argument: "core::option::Option<alloc::boxed::Box<i32,
// alloc::alloc::Global>>" → "Option<Box<i32>>". What a user types for a long Rust or C++ name.
std::string shortName(std::string_view qualifiedName);

// `*` matches any run of characters (`::` included), `?` exactly one; every other character is literal,
// so `[`, `]`, `{` and `}` in Rust and C++ names mean themselves.
bool globMatch(std::string_view pattern, std::string_view text);
bool isGlob(std::string_view pattern);

// --struct patterns. A pattern matches a type whose qualified name, last component or short name equals
// it (whitespace ignored, so "Pair<int,long>" matches "Pair<int, long>") or, for a glob, matches it.
class NameMatcher {
public:
  explicit NameMatcher(std::vector<std::string> patterns);
  bool empty() const { return patterns_.empty(); }
  std::size_t size() const { return patterns_.size(); }
  const std::string &pattern(std::size_t index) const { return patterns_[index].text; }
  bool isGlob(std::size_t index) const { return patterns_[index].glob; }
  // Usable as dwarf::TypeQuery::wants.
  bool matches(std::string_view qualifiedName) const;
  bool matches(std::size_t index, std::string_view qualifiedName) const;
  // True when a pattern without wildcards matches the name: the user named this type explicitly.
  bool namesExplicitly(std::string_view qualifiedName) const;

private:
  struct Pattern {
    std::string text;    // as given
    std::string compact; // whitespace removed
    bool glob = false;
  };
  std::vector<Pattern> patterns_;
};

// Up to `limit` names from `names` closest to `wanted` by edit distance (case-insensitive, compared with
// the whole name, its last component and its short name), nearest first; none that are far off.
std::vector<std::string> nearestNames(std::string_view wanted, const std::vector<std::string> &names,
                                      std::size_t limit = 3);

// Indices into `table.types` of the types --struct shows: for each pattern in turn, the selected types it
// matches, by name (then unit and declaration), each type once. `unmatched` receives the indices of patterns that matched none.
std::vector<std::size_t> selectTypes(const model::TypeTable &table, const NameMatcher &matcher,
                                     std::vector<std::size_t> &unmatched);

// A type --types lists: named, selected (not only nested in one), and not a C-like enum, which has no
// padding to show (--struct still finds those).
bool isListed(const model::Type &type);

enum class SortKey { Size, Padding, Name };

struct ListQuery {
  std::optional<SortKey> sort;     // none: the order of the debug info (a listing can then stream)
  std::optional<std::uint64_t> top; // keep the first N after sorting
  std::uint64_t minPadding = 0;    // keep types with at least this many bytes of padding
};

// Indices into `table.types` to list, given each type's layout (parallel to table.types). Size and
// padding sort largest first, name ascending; ties keep the debug-info order.
std::vector<std::size_t> listTypes(const model::TypeTable &table, const std::vector<model::Layout> &layouts,
                                   const ListQuery &query);

} // namespace memlayout::analysis
