// The CI gate as plain values: a snapshot of type layouts (from a baseline file or a binary), the policy
// that judges changes, and the changes a comparison found.
#pragma once

#include "model/facts.h"
#include "model/type.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace memlayout::model {

// ---- Snapshots: what a comparison looks at, the same whether read from JSON or from DWARF ----

struct SnapshotField {
  std::string name;              // "" for anonymous members; "0", "1", … for tuple fields
  std::string type;
  std::optional<std::uint64_t> offset; // bytes; nullopt for a virtual base at a run-time offset
  std::uint64_t size = 0;              // bytes
  std::optional<std::uint64_t> bitOffset, bitSize; // bit-fields only
  bool base = false;
  bool artificial = false;
};

struct SnapshotVariant {
  std::string name;
  std::string discriminant;      // the value as JSON writes it ("0", "-3", "9223372036854775808"), "null" for the niche owner
  std::vector<SnapshotField> fields;
  std::vector<ByteRange> holes;
  std::uint64_t padding = 0;
};

struct SnapshotDiscriminant {
  std::string kind;              // "tag" or "niche"
  std::uint64_t offset = 0;
  std::uint64_t size = 0;
};

struct TypeSnapshot {
  std::string name;
  std::string kind;              // "struct", "class", "union", "enum", "tuple" (SPEC names)
  std::string language;          // "C", "C++", "Rust", …
  std::uint64_t size = 0;
  std::uint64_t align = 0;
  std::optional<Decl> decl;
  std::string unit;              // compile unit name ("" when unknown); tells same-named types apart
  std::vector<SnapshotField> fields; // in offset order; empty for enums with data (fields in variants)
  std::vector<ByteRange> holes;
  std::uint64_t trailingPadding = 0;
  std::uint64_t padding = 0;
  std::optional<SnapshotDiscriminant> discriminant; // enums with data
  std::vector<SnapshotVariant> variants;            // enums: with data, or C-like enumerators (no fields)
};

// What machine the layouts are for: a baseline for another target cannot judge this one.
struct Target {
  unsigned elfClass = 64;        // 32 or 64
  std::string machine;           // "x86-64", "i386", … (ElfHeader::machine)
  bool bigEndian = false;
};

struct Snapshot {
  std::string source;                // the baseline file or the other binary, as given
  std::optional<Target> target;      // absent in a plain `--types --format json` file
  std::vector<std::string> compilers; // "gcc 14.2.0", "clang 19.1.7", "rustc 1.95.0"; sorted, distinct
  std::vector<std::string> selection; // the --struct patterns it was saved with; empty: every type
  std::vector<TypeSnapshot> types;
};

// ---- Policy: which changes fail the build ----

// Every change a comparison reports (JSON "change" values; the first 13 are the SPEC's).
enum class ChangeKind {
  Size, Align, Padding, Hole, FieldMoved, FieldAdded, FieldRemoved, FieldType,
  VariantAdded, VariantRemoved, Discriminant, TypeAdded, TypeRemoved,
  SizeLimit,    // additive: the type is larger than its max_size
  PaddingLimit, // additive: it has more padding than its max_padding
};

inline constexpr std::array<std::string_view, 15> kChangeKindNames = {
    "size", "align", "padding", "hole", "field-moved", "field-added", "field-removed", "field-type",
    "variant-added", "variant-removed", "discriminant", "type-added", "type-removed", "size-limit",
    "padding-limit"};

inline std::string_view changeKindName(ChangeKind kind) {
  const auto i = static_cast<std::size_t>(kind);
  return i < kChangeKindNames.size() ? kChangeKindNames[i] : std::string_view("change");
}

// What counts as a regression, in the words of the policy (`fail_on` / --fail-on). Sizes have a
// direction; field-moved applies to types whose field order is fixed (C, C++, and Rust types listed
// in Policy::fixedLayout, e.g. repr(C) — DWARF does not record the repr).
enum class Rule {
  SizeGrew, SizeShrank, Align, PaddingGrew, PaddingShrank, Hole, FieldMoved, FieldAdded,
  FieldRemoved, FieldType, VariantAdded, VariantRemoved, Discriminant, TypeAdded, TypeRemoved,
};

inline constexpr std::array<std::string_view, 15> kRuleNames = {
    "size-grew", "size-shrank", "align", "padding-grew", "padding-shrank", "hole", "field-moved",
    "field-added", "field-removed", "field-type", "variant-added", "variant-removed", "discriminant",
    "type-added", "type-removed"};

inline std::string_view ruleName(Rule rule) {
  const auto i = static_cast<std::size_t>(rule);
  return i < kRuleNames.size() ? kRuleNames[i] : std::string_view("change");
}

inline std::optional<Rule> ruleNamed(std::string_view name) {
  for (std::size_t i = 0; i < kRuleNames.size(); ++i)
    if (kRuleNames[i] == name) return static_cast<Rule>(i);
  return std::nullopt;
}

// The default: size or padding grew, a type disappeared, a field of a fixed-layout type moved.
inline std::vector<Rule> defaultRules() {
  return {Rule::SizeGrew, Rule::PaddingGrew, Rule::TypeRemoved, Rule::FieldMoved};
}

// Per-type ceilings, whatever the baseline says. `pattern` is a --struct style name or glob.
struct Limit {
  std::string pattern;
  std::optional<std::uint64_t> maxSize;
  std::optional<std::uint64_t> maxPadding;
};

struct Policy {
  enum class Mode {
    Ratchet, // `<=`: only the changes named by `failOn` fail; improvements pass and can be saved back
    Exact,   // `==`: every change fails (the baseline pins every layout)
  };
  Mode mode = Mode::Ratchet;
  std::vector<Rule> failOn = defaultRules();
  std::vector<Limit> limits;
  std::vector<std::string> suppress;    // globs: types whose changes are left out of the report
  std::vector<std::string> fixedLayout; // globs: Rust types whose field order is an ABI (repr(C))
};

// The policy as a baseline file or the command line states it: only what is said; merged by cli.
struct PolicySettings {
  std::optional<Policy::Mode> mode;
  std::optional<std::vector<Rule>> failOn;
  std::vector<Limit> limits;
  std::vector<std::string> suppress;
  std::vector<std::string> fixedLayout;
  bool empty() const { return !mode && !failOn && limits.empty() && suppress.empty() && fixedLayout.empty(); }
};

// ---- Results ----

// A before/after value: a number (bytes, offsets), a string (type names, "tag"/"niche"), or absent.
using CheckValue = std::variant<std::monostate, std::uint64_t, std::string>;

struct Change {
  ChangeKind kind = ChangeKind::Size;
  std::string field;               // the field or variant it is about; "Variant.field" inside a variant; "" for the type
  CheckValue before, after;
  // Where it happens in the new layout (a hole's or added field's offset), when that helps the reader.
  std::optional<std::uint64_t> offset;
  std::optional<std::uint64_t> beforeSize, afterSize; // field-type: the field's bytes on each side
  std::optional<std::uint64_t> limit;                 // size-limit / padding-limit
  bool regression = false;
};

// One type that changed (only those are kept), with both sides for the renderers' before/after tables.
struct TypeComparison {
  std::string name;
  std::optional<TypeSnapshot> before; // absent for type-added
  std::optional<TypeSnapshot> after;  // absent for type-removed
  std::vector<Change> changes;        // in ChangeKind order, then by offset
  bool regression() const {
    for (const auto &c : changes)
      if (c.regression) return true;
    return false;
  }
  // The declaration to point at: the new one, else the old one.
  const std::optional<Decl> &decl() const { return after ? after->decl : before->decl; }
};

struct CheckResult {
  std::string baseline;            // path of the baseline, or the OTHER file of --diff
  bool diff = false;               // --diff (two binaries) rather than --check
  Policy policy;                   // the policy in force, after merging file and command line
  std::vector<TypeComparison> types; // types with changes, by name
  std::uint64_t typesBefore = 0, typesAfter = 0, typesCompared = 0; // compared: present on both sides
  std::uint64_t suppressed = 0;    // changes left out because a suppression glob matched their type
  std::vector<std::string> compilersBefore, compilersAfter; // differ: say so, the compiler may be why
  bool passed() const {
    for (const auto &t : types)
      if (t.regression()) return false;
    return true;
  }
  std::uint64_t regressions() const {
    std::uint64_t n = 0;
    for (const auto &t : types)
      for (const auto &c : t.changes) n += c.regression ? 1 : 0;
    return n;
  }
};

} // namespace memlayout::model
