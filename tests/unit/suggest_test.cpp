// --suggest on hand-built types: hole-free orders, fixed bases, bit-field runs, flexible arrays, refusals.
#include "analysis/suggest.h"

#include "analysis/layout.h"

#include "model_builders.h"
#include <gtest/gtest.h>

namespace memlayout::analysis {
namespace {

using Status = model::Suggestion::Status;

model::Field field(std::string name, std::uint64_t offset, std::uint64_t size, std::uint64_t align = 0) {
  return testing::makeField(std::move(name), "", offset, size, align);
}

model::Field bits(std::string name, std::uint64_t bitOffset, std::uint64_t width, std::uint64_t storage = 4) {
  return testing::makeBitField(std::move(name), bitOffset, width, storage);
}

model::Type type(std::uint64_t size, std::uint64_t align, std::vector<model::Field> fields) {
  model::Type t;
  t.name = "T";
  t.size = size;
  t.align = align;
  t.language = model::Language::C;
  t.fields = std::move(fields);
  return t;
}

model::Suggestion suggest(const model::Type &t, bool named = false) {
  return suggestFieldOrder(t, computeLayout(t), named);
}

std::vector<std::string> order(const model::Type &t, const model::Suggestion &s) {
  std::vector<std::string> out;
  for (int i : s.order) out.push_back(t.fields[static_cast<std::size_t>(i)].name);
  return out;
}

TEST(Suggest, HoleCharIntDouble) {
  // The sample's struct hole_char_int_double: 24 bytes; reordered, 16 (struct hole_free_reordered).
  auto t = type(24, 8, {field("c", 0, 1), field("i", 4, 4), field("d", 8, 1), field("x", 16, 8)});
  auto s = suggest(t);
  ASSERT_EQ(s.status, Status::Reordered);
  EXPECT_EQ(s.size, 16u);
  EXPECT_EQ(order(t, s), (std::vector<std::string>{"x", "i", "c", "d"}));
  EXPECT_EQ(s.bitOffsets, (std::vector<std::uint64_t>{0, 64, 96, 104}));
  EXPECT_EQ(s.padding, 2u);
}

TEST(Suggest, StableAmongEqualAlignment) {
  auto t = type(32, 8, {field("a", 0, 1), field("p", 8, 8), field("b", 16, 1), field("q", 24, 8)});
  auto s = suggest(t);
  ASSERT_EQ(s.status, Status::Reordered);
  EXPECT_EQ(order(t, s), (std::vector<std::string>{"p", "q", "a", "b"}));
  EXPECT_EQ(s.size, 24u);
}

TEST(Suggest, BasesAndVtablePointerStayFirst) {
  model::Field vptr = field("_vptr.Shape", 0, 8);
  vptr.artificial = true;
  model::Field base = field("Base", 8, 4);
  base.base = true;
  auto t = type(40, 8, {vptr, base, field("c", 12, 1), field("x", 16, 8), field("d", 24, 1), field("y", 32, 8)});
  auto s = suggest(t);
  ASSERT_EQ(s.status, Status::Reordered);
  // c and d fill the gap the base leaves (12-16); x and y follow at 16 and 24.
  EXPECT_EQ(order(t, s), (std::vector<std::string>{"_vptr.Shape", "Base", "c", "d", "x", "y"}));
  EXPECT_EQ(s.bitOffsets, (std::vector<std::uint64_t>{0, 64, 96, 104, 128, 192}));
  EXPECT_EQ(s.size, 32u);
  EXPECT_EQ(s.padding, 2u);
}

TEST(Suggest, BitFieldRunsMoveTogether) {
  // char c; (hole) unsigned a:3, b:5 in one int unit; char d; (hole) double x.
  auto t = type(24, 8, {field("c", 0, 1), bits("a", 32, 3), bits("b", 35, 5), field("d", 8, 1), field("x", 16, 8)});
  auto s = suggest(t);
  ASSERT_EQ(s.status, Status::Reordered);
  EXPECT_EQ(order(t, s), (std::vector<std::string>{"x", "a", "b", "c", "d"}));
  // The run keeps its bit positions inside its unit: a at bit 0 of byte 8, b at bit 3.
  EXPECT_EQ(s.bitOffsets[1], 64u);
  EXPECT_EQ(s.bitOffsets[2], 67u);
  EXPECT_EQ(s.size, 16u);
}

TEST(Suggest, SmallFieldsFillAlignmentGaps) {
  // int a; (hole) double x; char c; (hole) int b; short s: alignment order leaves a gap after b... none here,
  // but c then s pack behind the ints.
  auto t = type(32, 8, {field("a", 0, 4), field("x", 8, 8), field("c", 16, 1), field("b", 20, 4), field("s", 24, 2)});
  auto s = suggest(t);
  ASSERT_EQ(s.status, Status::Reordered);
  EXPECT_EQ(order(t, s), (std::vector<std::string>{"x", "a", "b", "s", "c"}));
  EXPECT_EQ(s.size, 24u);
}

TEST(Suggest, ZeroWidthBitFieldSplitsRuns) {
  // a:4 in the first int unit, b:4 forced into the second (int : 0): two runs, each movable.
  auto t = type(12, 4, {bits("a", 0, 4), bits("b", 32, 4), field("c", 8, 1)});
  auto s = suggest(t);
  EXPECT_NE(s.status, Status::Reordered); // nothing to gain: no byte holes
}

TEST(Suggest, FlexibleArrayStaysLast) {
  model::Field data = field("data", 12, 0, 4);
  data.bitSize = 0;
  auto t = type(24, 8, {field("tag", 0, 1), field("length", 8, 8), field("data", 16, 0, 4)});
  t.fields[2].bitSize = 0;
  auto s = suggest(t);
  ASSERT_EQ(s.status, Status::Reordered);
  EXPECT_EQ(order(t, s), (std::vector<std::string>{"length", "tag", "data"}));
  EXPECT_EQ(s.bitOffsets[2], 12u * 8);
  EXPECT_EQ(s.size, 16u);
}

TEST(Suggest, OnlyWhenItSavesBytes) {
  // polygon: char; point[5] (align 4); double: every order gives 56.
  auto t = type(56, 8, {field("closed", 0, 1), field("vertices", 4, 40, 4), field("perimeter", 48, 8)});
  EXPECT_EQ(suggest(t).status, Status::NoGain);
  auto tight = type(16, 8, {field("x", 0, 8), field("i", 8, 4), field("c", 12, 1)});
  EXPECT_EQ(suggest(tight).status, Status::NoHoles);
}

TEST(Suggest, Refusals) {
  auto holey = type(24, 8, {field("c", 0, 1), field("x", 8, 8), field("d", 16, 1)});
  auto u = holey;
  u.kind = model::Kind::Union;
  EXPECT_EQ(suggest(u).status, Status::Union);
  auto packed = holey;
  packed.packed = true;
  EXPECT_EQ(suggest(packed).status, Status::Packed);
  auto virt = holey;
  virt.hasVirtualBases = true;
  EXPECT_EQ(suggest(virt).status, Status::VirtualBases);
  auto e = holey;
  e.kind = model::Kind::Enum;
  EXPECT_EQ(suggest(e).status, Status::Enum);
}

TEST(Suggest, RustLeavesOrderToRustcUnlessHolesSayReprC) {
  // No holes: rustc reordered it (or it needs nothing); say so rather than "no holes".
  auto tight = type(16, 8, {field("x", 0, 8), field("c", 8, 1), field("d", 9, 1)});
  tight.language = model::Language::Rust;
  EXPECT_EQ(suggest(tight).status, Status::Rust);
  EXPECT_FALSE(suggest(tight).likelyReprC);
  // Holes: rustc leaves none in repr(Rust) types, so this is repr(C) and the order is offered.
  auto holey = type(24, 8, {field("c", 0, 1), field("x", 8, 8), field("d", 16, 1)});
  holey.language = model::Language::Rust;
  const auto s = suggest(holey);
  EXPECT_EQ(s.status, Status::Reordered);
  EXPECT_TRUE(s.likelyReprC);
  EXPECT_EQ(s.size, 16u);
  // InefficientC {a: i32, c: i16, b: i32}: a hole, but no order is smaller (12 either way).
  auto c = type(12, 4, {field("a", 0, 4), field("c", 4, 2), field("b", 8, 4)});
  c.language = model::Language::Rust;
  EXPECT_EQ(suggest(c).status, Status::NoGain);
  EXPECT_TRUE(suggest(c).likelyReprC);
  // A Rust enum with data: rustc orders each variant; a C-like one has nothing to order.
  auto withData = type(8, 4, {});
  withData.kind = model::Kind::Enum;
  withData.language = model::Language::Rust;
  withData.discriminant = model::Discriminant{};
  EXPECT_EQ(suggest(withData).status, Status::Rust);
  withData.discriminant.reset();
  EXPECT_EQ(suggest(withData).status, Status::Enum);
}

TEST(Suggest, SystemHeadersOnlyWhenNamed) {
  auto t = type(24, 8, {field("c", 0, 1), field("x", 8, 8), field("d", 16, 1)});
  t.decl = model::Decl{"/usr/include/x86_64-linux-gnu/bits/types/struct_FILE.h", 49};
  EXPECT_TRUE(isSystemHeader(t));
  EXPECT_EQ(suggest(t, false).status, Status::SystemHeader);
  EXPECT_EQ(suggest(t, true).status, Status::Reordered);
  t.decl = model::Decl{"samples/c/structs.h", 10};
  EXPECT_FALSE(isSystemHeader(t));
  EXPECT_EQ(suggest(t, false).status, Status::Reordered);
}

} // namespace
} // namespace memlayout::analysis
