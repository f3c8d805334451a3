// The gate's comparison on hand-built snapshots: every change kind with its values, both modes, fail_on,
// Rust field moves, suppressions, selections, same-named layouts, limits, order; and C layouts worked
// out by the ABI's rules, snapshotted and compared end to end.
#include "analysis/compare.h"

#include "analysis/snapshot.h"
#include "model_builders.h"
#include "rust_models.h"

#include <gtest/gtest.h>

namespace memlayout::analysis {
namespace {

using namespace memlayout::testing;
using model::ChangeKind;
using model::CheckValue;
using model::Rule;

model::SnapshotField field(std::string name, std::string type, std::uint64_t offset, std::uint64_t size) {
  return memlayout::testing::makeSnapshotField(std::move(name), std::move(type), offset, size);
}

model::TypeSnapshot type(std::string name, std::uint64_t size, std::uint64_t align,
                         std::vector<model::SnapshotField> fields = {}, std::string language = "C") {
  model::TypeSnapshot t;
  t.name = std::move(name);
  t.kind = "struct";
  t.language = std::move(language);
  t.size = size;
  t.align = align;
  t.fields = std::move(fields);
  return t;
}

model::Snapshot snapshotWith(std::vector<model::TypeSnapshot> types) {
  model::Snapshot s;
  s.types = std::move(types);
  return s;
}

model::CheckResult compare(std::vector<model::TypeSnapshot> before, std::vector<model::TypeSnapshot> after,
                           const model::Policy &policy = {}) {
  return compareSnapshots(snapshotWith(std::move(before)), snapshotWith(std::move(after)), policy);
}

// The one changed type's changes (fails the test when there is not exactly one).
const std::vector<model::Change> &changesOf(const model::CheckResult &r) {
  static const std::vector<model::Change> none;
  EXPECT_EQ(r.types.size(), 1u);
  return r.types.empty() ? none : r.types.front().changes;
}

const model::Change *find(const model::CheckResult &r, ChangeKind kind, const std::string &fieldName = "") {
  for (const auto &t : r.types)
    for (const auto &c : t.changes)
      if (c.kind == kind && c.field == fieldName) return &c;
  return nullptr;
}

CheckValue num(std::uint64_t n) { return n; }
CheckValue str(std::string s) { return s; }

model::Policy exact() {
  model::Policy p;
  p.mode = model::Policy::Mode::Exact;
  return p;
}

model::Policy failingOn(std::vector<Rule> rules) {
  model::Policy p;
  p.failOn = std::move(rules);
  return p;
}

TEST(Compare, IdenticalSnapshotsPass) {
  const auto point = type("Point", 8, 4, {field("x", "int", 0, 4), field("y", "int", 4, 4)});
  const auto r = compare({point, type("Other", 1, 1)}, {point, type("Other", 1, 1)});
  EXPECT_TRUE(r.types.empty());
  EXPECT_TRUE(r.passed());
  EXPECT_EQ(r.regressions(), 0u);
  EXPECT_EQ(r.typesBefore, 2u);
  EXPECT_EQ(r.typesAfter, 2u);
  EXPECT_EQ(r.typesCompared, 2u);
  EXPECT_EQ(r.suppressed, 0u);
  // Exact mode too: nothing changed, nothing fails.
  EXPECT_TRUE(compare({point}, {point}, exact()).passed());
}

TEST(Compare, CopiesCompilersSourceAndPolicy) {
  model::Snapshot before = snapshotWith({type("A", 4, 4)});
  before.source = "layouts.json";
  before.compilers = {"gcc 12.2.0"};
  model::Snapshot after = snapshotWith({type("A", 4, 4)});
  after.compilers = {"clang 19.1.7"};
  const auto r = compareSnapshots(before, after, exact());
  EXPECT_EQ(r.baseline, "layouts.json");
  EXPECT_EQ(r.compilersBefore, std::vector<std::string>{"gcc 12.2.0"});
  EXPECT_EQ(r.compilersAfter, std::vector<std::string>{"clang 19.1.7"});
  EXPECT_EQ(r.policy.mode, model::Policy::Mode::Exact);
}

TEST(Compare, SizeAlignPaddingByDirection) {
  auto before = type("T", 8, 4);
  before.padding = 2;
  auto grown = type("T", 16, 8);
  grown.padding = 6;
  const auto r = compare({before}, {grown});
  const auto &c = changesOf(r);
  ASSERT_EQ(c.size(), 3u);
  EXPECT_EQ(c[0].kind, ChangeKind::Size);
  EXPECT_EQ(c[0].before, num(8));
  EXPECT_EQ(c[0].after, num(16));
  EXPECT_TRUE(c[0].regression);
  EXPECT_EQ(c[1].kind, ChangeKind::Align);
  EXPECT_EQ(c[1].before, num(4));
  EXPECT_EQ(c[1].after, num(8));
  EXPECT_FALSE(c[1].regression); // not in the default fail_on
  EXPECT_EQ(c[2].kind, ChangeKind::Padding);
  EXPECT_EQ(c[2].after, num(6));
  EXPECT_TRUE(c[2].regression);
  EXPECT_FALSE(r.passed());
  EXPECT_EQ(r.regressions(), 2u);

  // The other way round the ratchet lets it pass, unless asked to fail on shrinking.
  const auto shrunk = compare({grown}, {before});
  EXPECT_EQ(changesOf(shrunk).size(), 3u);
  EXPECT_TRUE(shrunk.passed());
  const auto strict = compare({grown}, {before}, failingOn({Rule::SizeShrank, Rule::Align}));
  EXPECT_TRUE(find(strict, ChangeKind::Size)->regression);
  EXPECT_TRUE(find(strict, ChangeKind::Align)->regression);
  EXPECT_FALSE(find(strict, ChangeKind::Padding)->regression);
  EXPECT_TRUE(find(compare({grown}, {before}, failingOn({Rule::PaddingShrank})), ChangeKind::Padding)->regression);
  // fail_on without size-grew: growth passes.
  EXPECT_TRUE(compare({before}, {grown}, failingOn({Rule::TypeRemoved})).passed());
}

TEST(Compare, NewAndGrownHolesOnly) {
  // before: a @0 (1), hole 1..4, b @4 (4). after: a @0, c @1 (1), hole 2..8, b @8, hole 12..16, d @16.
  auto before = type("H", 8, 4, {field("a", "char", 0, 1), field("b", "int", 4, 4)});
  before.holes = {{1, 3}};
  auto after = type("H", 24, 8,
                    {field("a", "char", 0, 1), field("c", "char", 1, 1), field("b", "int", 8, 4),
                     field("d", "double", 16, 8)});
  after.holes = {{2, 6}, {12, 4}};
  const auto r = compare({before}, {after}, failingOn({Rule::Hole}));
  std::vector<const model::Change *> holes;
  for (const auto &c : changesOf(r))
    if (c.kind == ChangeKind::Hole) holes.push_back(&c);
  ASSERT_EQ(holes.size(), 2u);
  EXPECT_EQ(holes[0]->field, "c");
  EXPECT_EQ(holes[0]->before, num(2)); // bytes 2 and 3 were already a hole
  EXPECT_EQ(holes[0]->after, num(6));
  EXPECT_EQ(holes[0]->offset, 2u);
  EXPECT_TRUE(holes[0]->regression);
  EXPECT_EQ(holes[1]->field, "b");
  EXPECT_EQ(holes[1]->before, num(0));
  EXPECT_EQ(holes[1]->after, num(4));
  EXPECT_EQ(holes[1]->offset, 12u);
  EXPECT_FALSE(find(compare({before}, {after}), ChangeKind::Hole, "c")->regression); // not in the default fail_on

  // A hole that stays or shrinks is no news; one at the very start follows no field.
  auto smaller = type("H", 8, 4, {field("a", "char", 0, 1), field("x", "char", 1, 1), field("b", "int", 4, 4)});
  smaller.holes = {{2, 2}};
  EXPECT_EQ(find(compare({before}, {smaller}), ChangeKind::Hole, "x"), nullptr);
  EXPECT_TRUE(compare({before}, {before}).types.empty());
  auto front = type("F", 8, 4, {field("b", "int", 4, 4)});
  front.holes = {{0, 4}};
  const auto atStartResult = compare({type("F", 8, 4, {field("b", "int", 4, 4)})}, {front});
  const auto *atStart = find(atStartResult, ChangeKind::Hole, "");
  ASSERT_NE(atStart, nullptr);
  EXPECT_EQ(atStart->offset, 0u);
}

TEST(Compare, FieldsMovedAddedRemovedAndRetyped) {
  const auto before = type("F", 16, 8,
                           {field("a", "int", 0, 4), field("b", "int", 4, 4), field("gone", "long", 8, 8)});
  const auto after = type("F", 16, 8,
                          {field("b", "int", 0, 4), field("a", "unsigned int", 4, 4), field("new", "short", 8, 2),
                           field("tail", "short", 10, 2)});
  const auto r = compare({before}, {after}, exact());
  const auto &c = changesOf(r);
  // ChangeKind order, then offset: moved b (0), moved a (4); added new (8), tail (10); removed; type.
  ASSERT_EQ(c.size(), 6u);
  EXPECT_EQ(c[0].kind, ChangeKind::FieldMoved);
  EXPECT_EQ(c[0].field, "b");
  EXPECT_EQ(c[0].before, num(4));
  EXPECT_EQ(c[0].after, num(0));
  EXPECT_EQ(c[1].field, "a");
  EXPECT_EQ(c[2].kind, ChangeKind::FieldAdded);
  EXPECT_EQ(c[2].field, "new");
  EXPECT_EQ(c[2].after, str("short"));
  EXPECT_EQ(c[2].offset, 8u);
  EXPECT_EQ(c[2].afterSize, 2u);
  EXPECT_EQ(c[3].field, "tail");
  EXPECT_EQ(c[4].kind, ChangeKind::FieldRemoved);
  EXPECT_EQ(c[4].field, "gone");
  EXPECT_EQ(c[4].before, str("long"));
  EXPECT_EQ(c[4].beforeSize, 8u);
  EXPECT_EQ(c[5].kind, ChangeKind::FieldType);
  EXPECT_EQ(c[5].field, "a");
  EXPECT_EQ(c[5].before, str("int"));
  EXPECT_EQ(c[5].after, str("unsigned int"));
  EXPECT_EQ(c[5].beforeSize, 4u);
  EXPECT_EQ(c[5].afterSize, 4u);
  for (const auto &change : c) EXPECT_TRUE(change.regression) << model::changeKindName(change.kind);

  // Ratchet with the default rules: only the moves of this C struct fail.
  const auto d = compare({before}, {after});
  EXPECT_TRUE(find(d, ChangeKind::FieldMoved, "a")->regression);
  EXPECT_FALSE(find(d, ChangeKind::FieldAdded, "new")->regression);
  EXPECT_FALSE(find(d, ChangeKind::FieldRemoved, "gone")->regression);
  EXPECT_FALSE(find(d, ChangeKind::FieldType, "a")->regression);
  const auto f = compare({before}, {after}, failingOn({Rule::FieldAdded, Rule::FieldRemoved, Rule::FieldType}));
  EXPECT_FALSE(find(f, ChangeKind::FieldMoved, "a")->regression);
  EXPECT_TRUE(find(f, ChangeKind::FieldAdded, "new")->regression);
  EXPECT_TRUE(find(f, ChangeKind::FieldRemoved, "gone")->regression);
  EXPECT_TRUE(find(f, ChangeKind::FieldType, "a")->regression);
}

TEST(Compare, SameTypeNameOtherSizeIsAFieldTypeChange) {
  const auto r = compare({type("O", 8, 4, {field("in", "Inner", 0, 8)})}, {type("O", 12, 4, {field("in", "Inner", 0, 12)})});
  const auto *c = find(r, ChangeKind::FieldType, "in");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->before, str("Inner"));
  EXPECT_EQ(c->beforeSize, 8u);
  EXPECT_EQ(c->afterSize, 12u);
}

TEST(Compare, BitFieldsMoveByBitAndChangeWidth) {
  auto bits = [](std::uint64_t bitOffset, std::uint64_t width) {
    auto f = field("flag", "unsigned int", bitOffset / 8, (bitOffset + width - 1) / 8 - bitOffset / 8 + 1);
    f.bitOffset = bitOffset;
    f.bitSize = width;
    return f;
  };
  const auto r = compare({type("B", 4, 4, {bits(0, 3)})}, {type("B", 4, 4, {bits(2, 5)})});
  const auto *moved = find(r, ChangeKind::FieldMoved, "flag");
  ASSERT_NE(moved, nullptr);
  EXPECT_EQ(moved->before, str("bit 0"));
  EXPECT_EQ(moved->after, str("bit 2"));
  const auto *width = find(r, ChangeKind::FieldType, "flag");
  ASSERT_NE(width, nullptr);
  EXPECT_EQ(width->before, str("unsigned int:3"));
  EXPECT_EQ(width->after, str("unsigned int:5"));
}

TEST(Compare, AnonymousByPositionSameNamesInOrderBasesByType) {
  auto base = [](std::string typeName, std::uint64_t offset) {
    auto f = field("", std::move(typeName), offset, 4);
    f.base = true;
    return f;
  };
  const auto before = type("A", 20, 4,
                           {base("B1", 0), base("B2", 4), field("", "union {...}", 8, 4), field("", "struct {...}", 12, 4),
                            field("pad", "int", 16, 2), field("pad", "int", 18, 2)});
  // B1 dropped: B2 moves to 0, stays B2. The anonymous ones keep their order; the second "pad" moves.
  const auto after = type("A", 20, 4,
                          {base("B2", 0), field("", "union {...}", 4, 4), field("", "struct {...}", 8, 4),
                           field("pad", "int", 16, 2), field("pad", "int", 12, 2)});
  const auto r = compare({before}, {after}, exact());
  const auto *removed = find(r, ChangeKind::FieldRemoved, "B1");
  ASSERT_NE(removed, nullptr);
  EXPECT_EQ(removed->before, str("B1"));
  EXPECT_NE(find(r, ChangeKind::FieldMoved, "B2"), nullptr);
  int anonymousMoves = 0, pads = 0;
  for (const auto &c : changesOf(r)) {
    EXPECT_NE(c.kind, ChangeKind::FieldType) << c.field; // nothing paired with the wrong field
    EXPECT_NE(c.kind, ChangeKind::FieldAdded) << c.field;
    if (c.kind == ChangeKind::FieldMoved && c.field == "(anonymous)") ++anonymousMoves;
    if (c.kind == ChangeKind::FieldMoved && c.field == "pad") {
      ++pads;
      EXPECT_EQ(c.before, num(18));
      EXPECT_EQ(c.after, num(12));
    }
  }
  EXPECT_EQ(anonymousMoves, 2);
  EXPECT_EQ(pads, 1);
}

TEST(Compare, RustFieldMovesAreNotRegressionsUnlessFixed) {
  // rustc reorders repr(Rust) fields at will; a repr(C) type must be named in fixed_layout.
  const auto before = type("samples::Point", 16, 8, {field("x", "u8", 0, 1), field("y", "u64", 8, 8)}, "Rust");
  const auto after = type("samples::Point", 16, 8, {field("y", "u64", 0, 8), field("x", "u8", 8, 1)}, "Rust");
  const auto r = compare({before}, {after});
  ASSERT_EQ(changesOf(r).size(), 2u);
  EXPECT_FALSE(find(r, ChangeKind::FieldMoved, "x")->regression);
  EXPECT_TRUE(r.passed());

  model::Policy fixed;
  fixed.fixedLayout = {"samples::P*"};
  EXPECT_TRUE(find(compare({before}, {after}, fixed), ChangeKind::FieldMoved, "x")->regression);
  fixed.fixedLayout = {"Point"}; // --struct style: the last component names it
  EXPECT_FALSE(compare({before}, {after}, fixed).passed());
  fixed.fixedLayout = {"Other*"};
  EXPECT_TRUE(compare({before}, {after}, fixed).passed());
  EXPECT_FALSE(compare({before}, {after}, exact()).passed()); // exact pins everything
  // C++ and other languages fix their order.
  EXPECT_FALSE(compare({type("P", 16, 8, before.fields, "C++")}, {type("P", 16, 8, after.fields, "C++")}).passed());
}

model::TypeSnapshot rustEnum(std::string name, std::uint64_t size, std::string kind, std::uint64_t discOffset,
                             std::uint64_t discSize, std::vector<model::SnapshotVariant> variants) {
  auto t = type(std::move(name), size, 8, {}, "Rust");
  t.kind = "enum";
  t.discriminant = model::SnapshotDiscriminant{std::move(kind), discOffset, discSize};
  t.variants = std::move(variants);
  return t;
}

model::SnapshotVariant rustVariant(std::string name, std::string value, std::vector<model::SnapshotField> fields = {}) {
  model::SnapshotVariant v;
  v.name = std::move(name);
  v.discriminant = std::move(value);
  v.fields = std::move(fields);
  return v;
}

TEST(Compare, VariantsAndTheirFields) {
  const auto before = rustEnum("samples::Shape", 16, "tag", 0, 1,
                               {rustVariant("Circle", "0", {field("r", "f32", 4, 4)}),
                                rustVariant("Rect", "1", {field("w", "u32", 4, 4), field("h", "u32", 8, 4)}),
                                rustVariant("Dot", "2")});
  const auto after = rustEnum("samples::Shape", 16, "tag", 0, 1,
                              {rustVariant("Circle", "0", {field("r", "f64", 8, 8)}),
                               rustVariant("Rect", "1", {field("h", "u32", 4, 4), field("w", "u32", 8, 4), field("d", "u8", 12, 1)}),
                               rustVariant("Line", "2", {field("len", "u32", 4, 4)})});
  const auto r = compare({before}, {after}, exact());
  const auto *added = find(r, ChangeKind::VariantAdded, "Line");
  ASSERT_NE(added, nullptr);
  EXPECT_EQ(added->after, str("Line"));
  const auto *removed = find(r, ChangeKind::VariantRemoved, "Dot");
  ASSERT_NE(removed, nullptr);
  EXPECT_EQ(removed->before, str("Dot"));
  EXPECT_EQ(find(r, ChangeKind::FieldMoved, "Circle.r")->after, num(8));
  EXPECT_EQ(find(r, ChangeKind::FieldType, "Circle.r")->after, str("f64"));
  EXPECT_EQ(find(r, ChangeKind::FieldMoved, "Rect.h")->before, num(8));
  EXPECT_EQ(find(r, ChangeKind::FieldAdded, "Rect.d")->offset, 12u);
  EXPECT_EQ(find(r, ChangeKind::FieldAdded, "Line.len"), nullptr); // a new variant's fields are not news
  EXPECT_EQ(find(r, ChangeKind::Discriminant), nullptr);
  // Moves group by variant: all of Circle's before Rect's.
  std::vector<std::string> moves;
  for (const auto &c : changesOf(r))
    if (c.kind == ChangeKind::FieldMoved) moves.push_back(c.field);
  EXPECT_EQ(moves, (std::vector<std::string>{"Circle.r", "Rect.h", "Rect.w"}));

  // Ratchet: Rust moves pass, variant changes fail only when named.
  const auto d = compare({before}, {after});
  EXPECT_TRUE(d.passed());
  const auto named = compare({before}, {after}, failingOn({Rule::VariantAdded, Rule::VariantRemoved}));
  EXPECT_TRUE(find(named, ChangeKind::VariantAdded, "Line")->regression);
  EXPECT_TRUE(find(named, ChangeKind::VariantRemoved, "Dot")->regression);
  EXPECT_FALSE(find(named, ChangeKind::FieldMoved, "Rect.h")->regression);
}

TEST(Compare, DiscriminantKindPlaceAndValues) {
  const std::vector<model::SnapshotVariant> variants = {rustVariant("None", "0"),
                                                        rustVariant("Some", "1", {field("0", "u32", 4, 4)})};
  const auto tag = rustEnum("core::option::Option<u32>", 8, "tag", 0, 4, variants);
  // The niche breaks: tag becomes niche (before/after "tag"/"niche"), values are not compared then.
  auto niche = rustEnum("core::option::Option<u32>", 8, "niche", 4, 4,
                        {rustVariant("None", "0"), rustVariant("Some", "null", {field("0", "u32", 4, 4)})});
  const auto r = compare({tag}, {niche}, failingOn({Rule::Discriminant}));
  const auto &c = changesOf(r);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].kind, ChangeKind::Discriminant);
  EXPECT_EQ(c[0].field, "");
  EXPECT_EQ(c[0].before, str("tag"));
  EXPECT_EQ(c[0].after, str("niche"));
  EXPECT_TRUE(c[0].regression);
  EXPECT_TRUE(compare({tag}, {niche}).passed()); // not in the default fail_on

  // Same kind, other place.
  const auto wide = rustEnum("core::option::Option<u32>", 8, "tag", 0, 1, variants);
  const auto placeResult = compare({tag}, {wide});
  const auto *place = find(placeResult, ChangeKind::Discriminant);
  ASSERT_NE(place, nullptr);
  EXPECT_EQ(place->before, str("tag: 4 bytes at 0"));
  EXPECT_EQ(place->after, str("tag: 1 byte at 0"));

  // Same place, a variant renumbered.
  const auto renumbered = rustEnum("core::option::Option<u32>", 8, "tag", 0, 4,
                                   {rustVariant("None", "0"), rustVariant("Some", "7", {field("0", "u32", 4, 4)})});
  const auto valueResult = compare({tag}, {renumbered});
  const auto *value = find(valueResult, ChangeKind::Discriminant, "Some");
  ASSERT_NE(value, nullptr);
  EXPECT_EQ(value->before, str("1"));
  EXPECT_EQ(value->after, str("7"));

  // A discriminant that appears: nothing before.
  auto single = tag;
  single.discriminant.reset();
  const auto appearsResult = compare({single}, {tag});
  const auto *appears = find(appearsResult, ChangeKind::Discriminant);
  ASSERT_NE(appears, nullptr);
  EXPECT_EQ(appears->before, CheckValue{});
  EXPECT_EQ(appears->after, str("tag"));
}

TEST(Compare, CLikeEnumeratorsAddedRemovedRenumbered) {
  auto colours = [](std::vector<std::pair<std::string, std::string>> values) {
    auto t = type("Colour", 4, 4);
    t.kind = "enum";
    for (auto &[name, value] : values) t.variants.push_back(rustVariant(name, value));
    return t;
  };
  const auto r = compare({colours({{"Red", "0"}, {"Green", "1"}, {"Blue", "2"}})},
                         {colours({{"Red", "0"}, {"Blue", "1"}, {"Alpha", "2"}})});
  EXPECT_NE(find(r, ChangeKind::VariantRemoved, "Green"), nullptr);
  EXPECT_NE(find(r, ChangeKind::VariantAdded, "Alpha"), nullptr);
  const auto *blue = find(r, ChangeKind::Discriminant, "Blue");
  ASSERT_NE(blue, nullptr);
  EXPECT_EQ(blue->before, str("2"));
  EXPECT_EQ(blue->after, str("1"));
  EXPECT_TRUE(r.passed());
}

TEST(Compare, TypesAddedAndRemoved) {
  const auto r = compare({type("Old", 24, 8), type("Kept", 4, 4)}, {type("Kept", 4, 4), type("New", 16, 8)});
  ASSERT_EQ(r.types.size(), 2u);
  EXPECT_EQ(r.types[0].name, "New"); // by name
  ASSERT_EQ(r.types[0].changes.size(), 1u);
  EXPECT_EQ(r.types[0].changes[0].kind, ChangeKind::TypeAdded);
  EXPECT_EQ(r.types[0].changes[0].after, num(16));
  EXPECT_FALSE(r.types[0].changes[0].regression);
  EXPECT_FALSE(r.types[0].before.has_value());
  EXPECT_TRUE(r.types[0].after.has_value());
  EXPECT_EQ(r.types[1].name, "Old");
  EXPECT_EQ(r.types[1].changes[0].kind, ChangeKind::TypeRemoved);
  EXPECT_EQ(r.types[1].changes[0].before, num(24));
  EXPECT_TRUE(r.types[1].changes[0].regression);
  EXPECT_FALSE(r.types[1].after.has_value());
  EXPECT_EQ(r.typesCompared, 1u);
  EXPECT_EQ(r.regressions(), 1u);
  EXPECT_TRUE(find(compare({}, {type("New", 1, 1)}, failingOn({Rule::TypeAdded})), ChangeKind::TypeAdded)->regression);
  EXPECT_TRUE(compare({type("Old", 1, 1)}, {}, failingOn({Rule::SizeGrew})).passed());
}

TEST(Compare, SuppressedTypesAreCountedNotReported) {
  const auto before = type("samples::Noisy", 8, 4, {field("a", "int", 0, 4), field("b", "int", 4, 4)}, "Rust");
  const auto after = type("samples::Noisy", 12, 4, {field("b", "int", 0, 4), field("a", "int", 4, 4)}, "Rust");
  model::Policy policy;
  policy.suppress = {"samples::No*"};
  policy.limits = {{"*", 4, std::nullopt}};
  const auto r = compare({before, type("Gone", 4, 4)}, {after}, policy);
  // size, two moves and the size limit of Noisy; Gone is reported.
  EXPECT_EQ(r.suppressed, 4u);
  ASSERT_EQ(r.types.size(), 1u);
  EXPECT_EQ(r.types[0].name, "Gone");
  EXPECT_EQ(r.typesCompared, 0u);
  EXPECT_EQ(r.typesBefore, 2u);
  EXPECT_EQ(r.typesAfter, 1u);
  policy.suppress = {"Noisy", "Gone"}; // names as --struct takes them
  const auto all = compare({before, type("Gone", 4, 4)}, {after}, policy);
  EXPECT_TRUE(all.types.empty());
  EXPECT_EQ(all.suppressed, 5u);
  EXPECT_TRUE(all.passed());
}

TEST(Compare, SelectionOfTheBaselineLimitsTheOtherSide) {
  model::Snapshot before = snapshotWith({type("geo::Point", 8, 4)});
  before.selection = {"Point", "Line*"};
  model::Snapshot after = snapshotWith({type("geo::Point", 8, 4), type("geo::Polygon", 32, 8), type("LineSeg", 16, 8),
                                        type("geo::Point3", 12, 4)});
  const auto r = compareSnapshots(before, after, {});
  ASSERT_EQ(r.types.size(), 1u);
  EXPECT_EQ(r.types[0].name, "LineSeg");
  EXPECT_EQ(r.types[0].changes[0].kind, ChangeKind::TypeAdded);
  EXPECT_EQ(r.typesAfter, 2u);
  EXPECT_EQ(r.typesCompared, 1u);
}

TEST(Compare, SameNamedLayoutsPairByUnitThenDeclFileThenSize) {
  auto in = [](model::TypeSnapshot t, std::string unit, std::string file = "") {
    t.unit = std::move(unit);
    if (!file.empty()) t.decl = model::Decl{std::move(file), 3};
    return t;
  };
  // Two configurations of one name: only the one built from b.c grew.
  const auto r = compare({in(type("Cfg", 8, 4), "a.c"), in(type("Cfg", 16, 8), "b.c")},
                         {in(type("Cfg", 24, 8), "b.c"), in(type("Cfg", 8, 4), "a.c")});
  ASSERT_EQ(r.types.size(), 1u);
  EXPECT_EQ(r.types[0].after->unit, "b.c");
  EXPECT_EQ(changesOf(r)[0].before, num(16));
  EXPECT_EQ(changesOf(r)[0].after, num(24));
  EXPECT_EQ(r.typesCompared, 2u);

  // Units renamed: the declaration's file decides; then the size.
  const auto byFile = compare({in(type("Cfg", 8, 4), "old1.c", "cfg_a.h"), in(type("Cfg", 16, 8), "old2.c", "cfg_b.h")},
                              {in(type("Cfg", 12, 4), "new2.c", "cfg_a.h"), in(type("Cfg", 16, 8), "new1.c", "cfg_b.h")});
  ASSERT_EQ(byFile.types.size(), 1u);
  EXPECT_EQ(byFile.types[0].after->decl->file, "cfg_a.h");
  const auto bySize = compare({in(type("Cfg", 8, 4), "x.c"), in(type("Cfg", 16, 8), "y.c")},
                              {in(type("Cfg", 16, 8), "z.c"), in(type("Cfg", 8, 4), "w.c")});
  EXPECT_TRUE(bySize.types.empty());

  // One more layout after than before: the unpaired one is added; sorted by unit within the name.
  const auto extra = compare({in(type("Cfg", 8, 4), "a.c")},
                             {in(type("Cfg", 16, 8), "c.c"), in(type("Cfg", 8, 4), "a.c"), in(type("Cfg", 12, 4), "b.c")});
  ASSERT_EQ(extra.types.size(), 2u);
  EXPECT_EQ(extra.types[0].after->unit, "b.c");
  EXPECT_EQ(extra.types[1].after->unit, "c.c");
  EXPECT_EQ(extra.types[0].changes[0].kind, ChangeKind::TypeAdded);
}

TEST(Compare, LimitsApplyToEveryTypeAndAlwaysFail) {
  auto padded = type("samples::Big", 64, 8);
  padded.padding = 12;
  model::Policy policy;
  policy.failOn = {};
  policy.limits = {{"Big", 48, 8}, {"samples::*", 32, std::nullopt}, {"Other", 1, 0}};
  // Unchanged, and with nothing before: both judged; the tightest size ceiling is named.
  for (const auto &r : {compare({padded}, {padded}, policy), compare({}, {padded}, policy)}) {
    const auto *size = find(r, ChangeKind::SizeLimit);
    ASSERT_NE(size, nullptr);
    EXPECT_EQ(size->limit, 32u);
    EXPECT_EQ(size->after, num(64));
    EXPECT_TRUE(size->regression);
    const auto *pad = find(r, ChangeKind::PaddingLimit);
    ASSERT_NE(pad, nullptr);
    EXPECT_EQ(pad->limit, 8u);
    EXPECT_EQ(pad->after, num(12));
    EXPECT_TRUE(pad->regression);
    EXPECT_FALSE(r.passed());
  }
  policy.limits = {{"Big", 64, 12}}; // at the ceiling is fine
  EXPECT_TRUE(compare({padded}, {padded}, policy).types.empty());
}

TEST(Compare, ChangesInKindOrderThenOffset) {
  auto before = type("O", 8, 4, {field("a", "int", 0, 4), field("b", "int", 4, 4)});
  auto after = type("O", 16, 8, {field("z", "int", 12, 4), field("b", "int", 0, 4), field("a", "int", 8, 4)});
  after.padding = 4;
  after.holes = {{4, 4}};
  const auto r = compare({before}, {after});
  std::vector<std::pair<ChangeKind, std::string>> got;
  for (const auto &c : changesOf(r)) got.emplace_back(c.kind, c.field);
  const std::vector<std::pair<ChangeKind, std::string>> want = {
      {ChangeKind::Size, ""},       {ChangeKind::Align, ""},      {ChangeKind::Padding, ""},
      {ChangeKind::Hole, "b"},      {ChangeKind::FieldMoved, "b"}, {ChangeKind::FieldMoved, "a"},
      {ChangeKind::FieldAdded, "z"}};
  EXPECT_EQ(got, want);
}

// End to end from model types: struct { char a; int b; char c; } reordered to { int b; char a; char c; }
// (x86-64 C ABI: 12 bytes with 6 of padding → 8 bytes with 2), snapshotted and compared.
TEST(Compare, ReorderedCStructFromTheModel) {
  auto cType = [](std::vector<model::Field> fields, std::uint64_t size) {
    model::Type t;
    t.name = "samples::Reordered";
    t.language = model::Language::C;
    t.size = size;
    t.align = 4;
    t.fields = std::move(fields);
    return t;
  };
  model::TypeTable oldTable, newTable;
  oldTable.types.push_back(cType({makeField("a", "char", 0, 1), makeField("b", "int", 4, 4), makeField("c", "char", 8, 1)}, 12));
  newTable.types.push_back(cType({makeField("b", "int", 0, 4), makeField("a", "char", 4, 1), makeField("c", "char", 5, 1)}, 8));
  const auto r = compareSnapshots(snapshotOfTable(oldTable, nullptr), snapshotOfTable(newTable, nullptr), {});
  const auto &c = changesOf(r);
  ASSERT_EQ(c.size(), 5u);
  EXPECT_EQ(c[0].kind, ChangeKind::Size);
  EXPECT_EQ(c[0].after, num(8));
  EXPECT_FALSE(c[0].regression);
  EXPECT_EQ(c[1].kind, ChangeKind::Padding);
  EXPECT_EQ(c[1].before, num(6));
  EXPECT_EQ(c[1].after, num(2));
  EXPECT_FALSE(c[1].regression);
  EXPECT_EQ(c[2].field, "b");
  EXPECT_EQ(c[3].field, "a");
  EXPECT_EQ(c[3].after, num(4));
  EXPECT_EQ(c[4].field, "c");
  EXPECT_EQ(c[4].before, num(8));
  EXPECT_EQ(c[4].after, num(5));
  EXPECT_TRUE(c[4].regression);
  EXPECT_FALSE(r.passed());
  // And the way back: a hole appears after a (1..4) and padding grows.
  const auto back = compareSnapshots(snapshotOfTable(newTable, nullptr), snapshotOfTable(oldTable, nullptr),
                                     failingOn({Rule::Hole, Rule::PaddingGrew}));
  const auto *hole = find(back, ChangeKind::Hole, "a");
  ASSERT_NE(hole, nullptr);
  EXPECT_EQ(hole->offset, 1u);
  EXPECT_EQ(hole->after, num(3));
  EXPECT_TRUE(hole->regression);
  EXPECT_TRUE(find(back, ChangeKind::Padding)->regression);
}

// The Rust niche breaks: Option<Box<i32>> (8 bytes, None in the null pointer) becomes a tagged 16-byte
// enum when the payload loses its niche (Option<i64>: tag @0, payload @8).
TEST(Compare, RustNicheLostFromTheModel) {
  model::TypeTable oldTable, newTable;
  model::Type before = optionOf("alloc::boxed::Box<i32, alloc::alloc::Global>", 8, 0);
  before.name = "samples::Slot";
  oldTable.types.push_back(before);
  model::Type after = rustType("samples::Slot", model::Kind::Enum, 16, 8);
  after.discriminant = discriminantAt(0, 8, "u64");
  after.variants = {variant("None", 0), variant("Some", 1, {rustField("0", "i64", 8, 8)})};
  newTable.types.push_back(after);
  const auto r = compareSnapshots(snapshotOfTable(oldTable, nullptr), snapshotOfTable(newTable, nullptr), {});
  EXPECT_EQ(find(r, ChangeKind::Size)->after, num(16));
  EXPECT_TRUE(find(r, ChangeKind::Size)->regression);
  const auto *d = find(r, ChangeKind::Discriminant);
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->before, str("niche"));
  EXPECT_EQ(d->after, str("tag"));
  EXPECT_EQ(find(r, ChangeKind::FieldMoved, "Some.0")->after, num(8));
  EXPECT_FALSE(find(r, ChangeKind::FieldMoved, "Some.0")->regression);
  EXPECT_EQ(find(r, ChangeKind::FieldType, "Some.0")->after, str("i64"));
  EXPECT_FALSE(r.passed());
}

} // namespace
} // namespace memlayout::analysis
