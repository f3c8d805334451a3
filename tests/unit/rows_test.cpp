// Table rows, --expand and cache lines on hand-built types: absolute offsets, nested holes, straddles,
// tail-padding reuse, empty bases, placed and run-time virtual bases.
#include "analysis/cachelines.h"
#include "analysis/layout.h"
#include "analysis/rows.h"
#include "analysis/type_facts.h"
#include "model_builders.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace memlayout::analysis {
namespace {

using What = model::LayoutItem::What;

model::Field field(std::string name, std::uint64_t offset, std::uint64_t size, int typeIndex = -1) {
  return testing::makeField(std::move(name), "", offset, size, std::min<std::uint64_t>(size, 8), typeIndex);
}

model::Type type(std::string name, std::uint64_t size, std::vector<model::Field> fields) {
  model::Type t;
  t.name = std::move(name);
  t.size = size;
  t.align = 8;
  t.fields = std::move(fields);
  return t;
}

TEST(CacheLines, CrossesCacheline) {
  // The sample's struct crosses_cacheline: 80 bytes, straddler at 60-69 crosses the 64-byte boundary.
  auto t = type("crosses_cacheline", 80,
                {field("header", 0, 56), field("count", 56, 4), field("straddler", 60, 10), field("tail", 72, 8)});
  auto layout = computeLayout(t);
  auto rows = layoutRows(t, layout, nullptr, false);
  auto lines = markCacheLines(rows, t.size, 64);
  EXPECT_EQ(lines.count, 2u);
  EXPECT_EQ(lines.lastLineBytes, 16u);
  ASSERT_EQ(rows.size(), 5u); // four fields and the 2-byte hole
  EXPECT_EQ(rows[2].firstLine, 0u);
  EXPECT_EQ(rows[2].lastLine, 1u);
  EXPECT_EQ(rows[3].what, What::Hole);
  ASSERT_EQ(lines.boundaries.size(), 1u);
  EXPECT_EQ(lines.boundaries[0].line, 1u);
  EXPECT_EQ(lines.boundaries[0].offset, 64u);
  EXPECT_EQ(lines.boundaries[0].beforeRow, 3u); // before the hole at 70
  EXPECT_EQ(lines.boundaries[0].straddledBy, (std::vector<std::size_t>{2}));
}

TEST(CacheLines, SmallLinesAndExactMultiples) {
  auto t = type("T", 64, {field("a", 0, 16), field("b", 16, 16), field("c", 32, 32)});
  auto rows = layoutRows(t, computeLayout(t), nullptr, false);
  auto lines = markCacheLines(rows, t.size, 16);
  EXPECT_EQ(lines.count, 4u);
  EXPECT_EQ(lines.lastLineBytes, 0u); // pahole prints no "last cacheline" then
  ASSERT_EQ(lines.boundaries.size(), 2u); // before b (line 1) and c (line 2); line 3 lies inside c
  EXPECT_EQ(lines.boundaries[0].beforeRow, 1u);
  EXPECT_TRUE(lines.boundaries[0].straddledBy.empty());
  EXPECT_EQ(rows[2].firstLine, 2u);
  EXPECT_EQ(rows[2].lastLine, 3u);
  std::vector<model::LayoutRow> none;
  EXPECT_EQ(markCacheLines(none, 0, 64).count, 0u);
}

TEST(Expand, NestedAggregatesAtAbsoluteOffsets) {
  model::TypeTable table;
  table.types.push_back(type("point", 8, {field("x", 0, 4), field("y", 4, 4)}));
  table.types[0].align = 4;
  table.types.push_back(type("inner", 16, {field("tag", 0, 1), field("weight", 8, 8)}));
  model::Field vertices = field("vertices", 4, 40, 0);
  vertices.arrayCount = 5;
  vertices.align = 4;
  auto polygon = type("polygon", 72, {field("closed", 0, 1), vertices, field("named", 48, 16, 1), field("p", 64, 8)});
  auto layout = computeLayout(polygon);

  auto flat = layoutRows(polygon, layout, &table, false);
  EXPECT_EQ(flat.size(), layout.items.size());

  auto rows = layoutRows(polygon, layout, &table, true);
  std::vector<std::tuple<What, std::uint64_t, unsigned, int>> got; // what, byte offset, depth, owner
  for (const auto &r : rows) got.emplace_back(r.what, r.bitOffset / 8, r.depth, r.owner);
  const std::vector<std::tuple<What, std::uint64_t, unsigned, int>> want = {
      {What::Field, 0, 0, -1}, {What::Hole, 1, 0, -1},  {What::Field, 4, 0, -1},  // closed, hole, vertices
      {What::Field, 4, 1, 0},  {What::Field, 8, 1, 0},                             // element 0: x, y
      {What::Hole, 44, 0, -1}, {What::Field, 48, 0, -1},                           // hole, named
      {What::Field, 48, 1, 1}, {What::Hole, 49, 1, 1},  {What::Field, 56, 1, 1},  // tag, nested hole, weight
      {What::Field, 64, 0, -1}};
  EXPECT_EQ(got, want);
  EXPECT_EQ(rows[2].arrayCount, 5u);
}

TEST(Expand, CorruptSelfReferenceStops) {
  model::TypeTable table;
  table.types.push_back(type("loop", 8, {field("self", 0, 8, 0)}));
  auto rows = layoutRows(table.types[0], computeLayout(table.types[0]), &table, true);
  EXPECT_LE(rows.size(), 16u);
  model::Field bad = field("bad", 0, 8, 99); // index past the table
  auto t = type("T", 8, {bad});
  EXPECT_EQ(layoutRows(t, computeLayout(t), &table, true).size(), 1u);
}

TEST(Rows, TailPaddingReuseAndEmptyBases) {
  model::TypeTable table;
  table.types.push_back(type("NonPodBase", 8, {field("value", 0, 4), field("flag", 4, 1)}));
  table.types.push_back(type("Empty", 1, {}));
  model::Field base = field("NonPodBase", 0, 8, 0);
  base.base = true;
  base.bitSize = 5 * 8; // the base covers its data size; its tail padding is free for the derived class
  auto reuses = type("ReusesTailPadding", 8, {base, field("extra", 5, 1)});
  auto rows = layoutRows(reuses, computeLayout(reuses), &table, false);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1].tailPaddingOf, 0);
  EXPECT_EQ(computeLayout(reuses).holeBytes, 0u);

  model::Field empty = field("Empty", 0, 1, 1);
  empty.base = true;
  auto ebo = type("EmptyBaseOptimized", 4, {empty, field("value", 0, 4)});
  rows = layoutRows(ebo, computeLayout(ebo), &table, false);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_TRUE(rows[0].emptyOverlap);
  EXPECT_EQ(rows[1].tailPaddingOf, -1); // sharing an empty base's byte is not tail-padding reuse

  auto without = type("WithoutNoUniqueAddress", 8, {field("empty", 0, 1, 1), field("value", 4, 4)});
  rows = layoutRows(without, computeLayout(without), &table, false);
  EXPECT_FALSE(rows[0].emptyOverlap); // takes its byte: nothing overlaps it
}

TEST(Rows, VirtualBases) {
  // Diamond as gcc lays it out: Left and Right cover their nvsize (12), own in Right's tail padding,
  // VirtualBase placed by the ABI at 32: 4 bytes of padding, not 8.
  model::Field left = field("Left", 0, 16);
  left.base = true;
  left.bitSize = 12 * 8;
  model::Field right = field("Right", 16, 16);
  right.base = true;
  right.bitSize = 12 * 8;
  model::Field vbase = field("VirtualBase", 32, 4);
  vbase.base = vbase.virtualBase = true;
  auto diamond = type("Diamond", 40, {left, right, field("own", 28, 4), vbase});
  diamond.hasVirtualBases = true;
  auto layout = computeLayout(diamond);
  EXPECT_EQ(layout.trailingPadding, 4u);
  EXPECT_EQ(layout.holeBytes, 4u);
  auto rows = layoutRows(diamond, layout, nullptr, false);
  ASSERT_EQ(rows.size(), 6u);
  EXPECT_EQ(rows[3].tailPaddingOf, 1); // own, in Right
  EXPECT_EQ(rows[4].bitOffset, 32u * 8);
  EXPECT_EQ(rows[4].bitSize, 32u);

  // Offset known only at run time: listed, covers nothing.
  diamond.fields[3].bitSize = 0;
  layout = computeLayout(diamond);
  EXPECT_EQ(layout.trailingPadding, 8u);
  rows = layoutRows(diamond, layout, nullptr, false);
  auto lines = markCacheLines(rows, diamond.size, 64);
  EXPECT_EQ(lines.count, 1u);
}

TEST(TypeFacts, FlexibleArraySplitsHoleFromPadding) {
  // struct { size_t length; char tag; int data[]; }: clang and pahole see a 3-byte hole before data
  // and 4 bytes of trailing padding after it, not 7 bytes of padding.
  model::Field data = field("data", 12, 0);
  data.align = 4;
  auto t = type("flexible_array", 16, {field("length", 0, 8), field("tag", 8, 1), data});
  auto facts = analyzeType(t, nullptr, {});
  ASSERT_EQ(facts.layout.holes.size(), 1u);
  EXPECT_EQ(facts.layout.holes[0].offset, 9u);
  EXPECT_EQ(facts.layout.holes[0].size, 3u);
  EXPECT_EQ(facts.layout.trailingPadding, 4u);
  ASSERT_EQ(facts.rows.size(), 5u);
  EXPECT_EQ(facts.rows[3].field, 2); // data, at 12, between the hole and the padding
  EXPECT_EQ(facts.rows[3].bitOffset, 96u);
}

TEST(TypeFacts, CLikeEnumHasNoPadding) {
  model::Type e = type("color", 4, {});
  e.kind = model::Kind::Enum;
  e.variants = {{"RED", model::DiscriminantValue{0, false}, {}, {}}};
  auto facts = analyzeType(e, nullptr, {});
  EXPECT_EQ(facts.layout.padding, 0u);
  EXPECT_TRUE(facts.rows.empty());
  EXPECT_FALSE(facts.suggestion.has_value());
  EXPECT_TRUE(analyzeType(e, nullptr, {64, false, true, false}).suggestion.has_value());
}

TEST(TypeFacts, VariantsLaidOverTheWholeEnum) {
  model::Type e = type("Message", 24, {});
  e.kind = model::Kind::Enum;
  e.language = model::Language::Rust;
  model::Variant quit{"Quit", model::DiscriminantValue{0, false}, {}, {}};
  model::Variant move{"Move", model::DiscriminantValue{1, false}, {}, {field("x", 4, 4), field("y", 16, 8)}};
  e.variants = {quit, move};
  model::TypeFacts facts = analyzeType(e, nullptr, {});
  ASSERT_EQ(facts.variantLayouts.size(), 2u);
  ASSERT_EQ(facts.variantLayouts[0].items.size(), 1u); // a fieldless variant: all padding (no discriminant given)
  EXPECT_EQ(facts.variantLayouts[0].trailingPadding, 24u);
  EXPECT_EQ(facts.variantLayouts[1].holeBytes, 4u + 8u); // 0-3 and 8-15: without a discriminant nobody uses them
  e.discriminant = model::Discriminant{"", "u32", 0, 4, false};
  facts = analyzeType(e, nullptr, {});
  EXPECT_EQ(facts.variantLayouts[1].holeBytes, 8u); // 0-3 hold the tag
}

} // namespace
} // namespace memlayout::analysis
