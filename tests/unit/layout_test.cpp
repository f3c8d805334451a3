// computeLayout on hand-built types: holes, trailing padding, bit-fields, unions, overlaps, flexible arrays.
#include "analysis/layout.h"

#include "model_builders.h"
#include <gtest/gtest.h>

namespace memlayout::analysis {
namespace {

using What = model::LayoutItem::What;

model::Field field(std::string name, std::uint64_t byteOffset, std::uint64_t byteSize) {
  return testing::makeField(std::move(name), "", byteOffset, byteSize);
}

model::Field bits(std::string name, std::uint64_t bitOffset, std::uint64_t width, std::uint64_t storage = 4) {
  return testing::makeBitField(std::move(name), bitOffset, width, storage);
}

model::Type type(std::uint64_t size, std::vector<model::Field> fields, model::Kind kind = model::Kind::Struct) {
  model::Type t;
  t.name = "T";
  t.kind = kind;
  t.size = size;
  t.fields = std::move(fields);
  return t;
}

// For a type whose fields do not overlap, the items tile it: every bit is a field, a hole, a bit hole
// or padding exactly once (fields + holes + trailing padding = size).
void expectItemsTileTheType(const model::Type &t, const model::Layout &l) {
  std::uint64_t cursor = 0;
  for (const auto &item : l.items) {
    EXPECT_EQ(item.bitOffset, cursor) << "gap or overlap before bit " << item.bitOffset;
    cursor = item.bitOffset + item.bitSize;
  }
  EXPECT_EQ(cursor, t.size * 8);
  EXPECT_EQ(l.padding, l.holeBytes + l.trailingPadding);
}

TEST(Layout, HoleBetweenCharAndInt) {
  // struct { char c; int i; char d; } on x86-64: c@0, 3-byte hole, i@4, d@8, 3 bytes trailing padding.
  auto t = type(12, {field("c", 0, 1), field("i", 4, 4), field("d", 8, 1)});
  auto l = computeLayout(t);
  ASSERT_EQ(l.holes.size(), 1u);
  EXPECT_EQ(l.holes[0].offset, 1u);
  EXPECT_EQ(l.holes[0].size, 3u);
  EXPECT_EQ(l.trailingPadding, 3u);
  EXPECT_EQ(l.padding, 6u);
  EXPECT_EQ(l.sumMembers, 6u);
  ASSERT_EQ(l.items.size(), 5u);
  EXPECT_EQ(l.items[1].what, What::Hole);
  EXPECT_EQ(l.items[4].what, What::TrailingPadding);
  expectItemsTileTheType(t, l);
}

TEST(Layout, TheTutorialsEfficientIsTwelveBytes) {
  // Rust's Efficient {a: i32, b: i32, c: i16}: 10 bytes of fields, 2 of trailing padding.
  auto l = computeLayout(type(12, {field("a", 0, 4), field("b", 4, 4), field("c", 8, 2)}));
  EXPECT_TRUE(l.holes.empty());
  EXPECT_EQ(l.trailingPadding, 2u);
  EXPECT_EQ(l.sumMembers, 10u);
}

TEST(Layout, FieldsAreOrderedByOffsetNotDeclaration) {
  auto l = computeLayout(type(8, {field("b", 4, 4), field("a", 0, 4)}));
  ASSERT_EQ(l.items.size(), 2u);
  EXPECT_EQ(l.items[0].field, 1);
  EXPECT_EQ(l.items[1].field, 0);
}

TEST(Layout, BitFieldsSharingBytesMakeBitHolesNotHoles) {
  // struct { unsigned a:3; unsigned b:7; int c; }: a@0..3, b@3..10, 22 unused bits, c@4.
  auto t = type(8, {bits("a", 0, 3), bits("b", 3, 7), field("c", 4, 4)});
  auto l = computeLayout(t);
  expectItemsTileTheType(t, l);
  ASSERT_EQ(l.holes.size(), 1u); // bytes 2 and 3 are untouched: a 2-byte hole
  EXPECT_EQ(l.holes[0].offset, 2u);
  EXPECT_EQ(l.holes[0].size, 2u);
  EXPECT_EQ(l.bitHoleBits, 6u); // bits 10..16 of byte 1
  EXPECT_EQ(l.trailingPadding, 0u);
}

TEST(Layout, BitFieldGapInsideOneByte) {
  // a:2 at bit 0, b:2 at bit 5: the gap is 3 bits inside byte 0, not a hole.
  auto t = type(4, {bits("a", 0, 2), bits("b", 5, 2)});
  auto l = computeLayout(t);
  expectItemsTileTheType(t, l);
  EXPECT_TRUE(l.holes.empty());
  EXPECT_EQ(l.bitHoleBits, 3u + 1u); // bits 2..5, then bit 7 before the trailing bytes
  EXPECT_EQ(l.trailingPadding, 3u);
}

TEST(Layout, UnionMembersOverlapWithoutHoles) {
  auto l = computeLayout(type(8, {field("i", 0, 4), field("d", 0, 8), field("c", 0, 1)}, model::Kind::Union));
  EXPECT_TRUE(l.holes.empty());
  EXPECT_EQ(l.trailingPadding, 0u);
  auto small = computeLayout(type(8, {field("i", 0, 4), field("c", 0, 1)}, model::Kind::Union));
  EXPECT_EQ(small.trailingPadding, 4u); // aligned(8) union of smaller members
}

TEST(Layout, DerivedMemberInBaseTailPaddingIsNotAHoleOrAnError) {
  // struct B { int i; char c; } (size 8, 3 bytes tail padding); struct D : B { char d; } with d@5.
  model::Field base = field("B", 0, 8);
  base.base = true;
  auto l = computeLayout(type(8, {base, field("d", 5, 1)}));
  EXPECT_TRUE(l.holes.empty());
  EXPECT_EQ(l.trailingPadding, 0u);
}

TEST(Layout, FlexibleArrayTakesNoRoom) {
  // struct { int n; char data[]; }: data@4 with size 0.
  auto l = computeLayout(type(4, {field("n", 0, 4), field("data", 4, 0)}));
  EXPECT_TRUE(l.holes.empty());
  EXPECT_EQ(l.trailingPadding, 0u);
  EXPECT_EQ(l.items.size(), 2u);
}

TEST(Layout, PackedHasNoPadding) {
  auto l = computeLayout(type(5, {field("c", 0, 1), field("i", 1, 4)}));
  EXPECT_EQ(l.padding, 0u);
}

TEST(Layout, VirtualBaseCoversNothing) {
  model::Field vptr = field("_vptr", 0, 8);
  vptr.artificial = true;
  model::Field vbase = field("V", 0, 4);
  vbase.base = vbase.virtualBase = true;
  auto l = computeLayout(type(16, {vptr, field("x", 8, 4), vbase}));
  EXPECT_EQ(l.trailingPadding, 4u);
  EXPECT_EQ(l.items.size(), 4u);
}

TEST(Layout, EmptyStructIsAllPadding) {
  auto l = computeLayout(type(1, {}));
  EXPECT_EQ(l.trailingPadding, 1u);
  EXPECT_EQ(l.sumMembers, 0u);
}

} // namespace
} // namespace memlayout::analysis
