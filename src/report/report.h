// What the user asked for plus the model values that answer it: the one input of every renderer.
#pragma once

#include "model/binary.h"
#include "model/check.h"
#include "model/facts.h"
#include "model/type.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace memlayout::report {

// Github: GitHub Actions workflow commands (`::error file=…,line=…::…`), for --check/--diff.
enum class Format { Text, Json, Markdown, Github };

// One type to show, with what analysis found about it.
struct TypeEntry {
  const model::Type *type = nullptr;
  model::TypeFacts facts;
  unsigned layoutNumber = 0;    // several distinct layouts share the name: this is number n (1-based) ...
  unsigned layoutsWithName = 1; // ... of this many
};

// --types: one line per type, in the order to print.
struct TypeList {
  std::vector<const model::Type *> types;
  // The facts of types[i] (layout; suggestion with --suggest; everything for JSON), made as each row is
  // rendered: a listing of the kernel's types never holds the facts of all of them at once.
  std::function<model::TypeFacts(std::size_t)> factsOf;
  TypeEntry entry(std::size_t i) const { return TypeEntry{types[i], factsOf ? factsOf(i) : model::TypeFacts{}}; }
  std::string sortedBy;           // "size", "padding", "name", or "" for the order of the debug info
  std::uint64_t minPadding = 0;
  std::optional<std::uint64_t> top;
  std::uint64_t candidates = 0;   // types that passed the filters, before --top
};

struct Report {
  const model::Binary *binary = nullptr;
  bool summary = false;  // no action given: the one-screen overview
  bool header = false;
  bool segments = false;
  bool sections = false;
  bool structs = false;  // --struct: the layouts in `structEntries`
  bool types = false;    // --types: the listing in `typeList`

  std::vector<TypeEntry> structEntries;
  TypeList typeList;
  std::uint64_t cacheLine = 64;
  bool expand = false;
  bool suggest = false;
  // Names of the aggregates --expand nests (Field::typeIndex indexes this table's types).
  const model::TypeTable *table = nullptr;

  // Summary: the types that waste the most padding, when the file has DWARF whose types could be read.
  bool typesRead = false;
  std::string typesProblem;           // why types could not be read ("" when read or when there is no DWARF)
  std::vector<TypeEntry> mostPadding; // largest padding first; facts.layout filled

  // --check / --diff: the comparison; its declarations are shown relative to sourceRoot (an absolute
  // directory, "" for as DWARF gives them).
  const model::CheckResult *check = nullptr;
  std::string sourceRoot;
  // --save-baseline: what was written (the file itself is written by cli from baselineJson()).
  struct SavedBaseline {
    std::string path;
    std::uint64_t types = 0;
    bool skipped = false; // --check found regressions: the baseline was left as it was
  };
  std::optional<SavedBaseline> saved;
};

struct RenderOptions {
  Format format = Format::Text;
  bool color = false;    // text only; decided by the caller (terminal, NO_COLOR, --color)
};

} // namespace memlayout::report
