// Niche rules, one by one, on hand-built Rust types: free values by field type, nesting at absolute
// offsets, arrays, fat pointers, fieldless enums (rustc's largest free run), enums with data (what the
// tag or the used niche leaves), and what Option<T> costs.
#include "analysis/niches.h"
#include "rust_models.h"

#include <gtest/gtest.h>

#include <limits>

namespace memlayout::analysis {
namespace {

using namespace memlayout::testing;
using Why = model::Niche::Why;

constexpr std::uint64_t kMany = std::numeric_limits<std::uint64_t>::max();

// The niches of a struct with one field of this type at offset 8.
std::vector<model::Niche> ofOneField(const std::string &typeName, std::uint64_t size, const model::TypeTable *table = nullptr,
                                     std::int32_t typeIndex = -1) {
  const model::Type t = rustType("S", model::Kind::Struct, 8 + size, 8,
                                 {rustField("head", "u64", 0, 8), rustField("f", typeName, 8, size, 0, typeIndex)});
  return findNiches(t, table);
}

void expectOne(const std::vector<model::Niche> &niches, Why why, std::uint64_t available, std::uint64_t size) {
  ASSERT_EQ(niches.size(), 1u);
  EXPECT_EQ(niches[0].why, why);
  EXPECT_EQ(niches[0].available, available);
  EXPECT_EQ(niches[0].offset, 8u);
  EXPECT_EQ(niches[0].size, size);
  EXPECT_EQ(niches[0].field, "f");
}

TEST(NicheRules, ByFieldType) {
  expectOne(ofOneField("bool", 1), Why::Bool, 254, 1);
  expectOne(ofOneField("char", 4), Why::Char, 4294967296ull - 0x110000, 4);
  expectOne(ofOneField("&u8", 8), Why::Pointer, 1, 8);
  expectOne(ofOneField("&mut samples::Point", 8), Why::Pointer, 1, 8);
  expectOne(ofOneField("alloc::boxed::Box<i32, alloc::alloc::Global>", 8), Why::Pointer, 1, 8);
  expectOne(ofOneField("core::ptr::non_null::NonNull<u8>", 8), Why::Pointer, 1, 8);
  expectOne(ofOneField("core::ptr::unique::Unique<u8>", 8), Why::Pointer, 1, 8);
  expectOne(ofOneField("fn(i32) -> i32", 8), Why::Pointer, 1, 8);
  expectOne(ofOneField("unsafe extern \"C\" fn()", 8), Why::Pointer, 1, 8);
  expectOne(ofOneField("core::num::nonzero::NonZero<u32>", 4), Why::NonZero, 1, 4);
  expectOne(ofOneField("core::num::nonzero::NonZeroU64", 8), Why::NonZero, 1, 8); // rustc before 1.79
  expectOne(ofOneField("core::num::niche_types::UsizeNoHighBit", 8), Why::ValidRange, std::uint64_t{1} << 63, 8);
  expectOne(ofOneField("core::num::niche_types::UsizeNoHighBit", 4), Why::ValidRange, std::uint64_t{1} << 31, 4);
  expectOne(ofOneField("core::num::niche_types::Nanoseconds", 4), Why::ValidRange, 4294967296ull - 1000000000ull, 4);
  expectOne(ofOneField("core::num::niche_types::I32NotAllOnes", 4), Why::ValidRange, 1, 4);
  expectOne(ofOneField("core::num::niche_types::NonZeroU8Inner", 1), Why::NonZero, 1, 1);
  // No invalid values: raw pointers, integers, floats, an unknown niche type.
  EXPECT_TRUE(ofOneField("*const u8", 8).empty());
  EXPECT_TRUE(ofOneField("u32", 4).empty());
  EXPECT_TRUE(ofOneField("f64", 8).empty());
  EXPECT_TRUE(ofOneField("core::num::niche_types::SomethingNew", 4).empty());
  EXPECT_TRUE(ofOneField("bool", 0).empty()); // zero-size: nothing to hold a value
}

TEST(NicheRules, NestedFieldsAtAbsoluteOffsetsWithPaths) {
  model::TypeTable table;
  table.types.push_back(rustType("Flagged", model::Kind::Struct, 8, 4, {rustField("x", "u32", 0, 4), rustField("flag", "bool", 4, 1)}));
  table.types.push_back(rustType("Outer", model::Kind::Struct, 16, 4,
                                 {rustField("id", "u32", 0, 4), rustField("inner", "Flagged", 8, 8, 4, 0)}));
  const auto niches = findNiches(table.types[1], &table);
  ASSERT_EQ(niches.size(), 1u);
  EXPECT_EQ(niches[0].offset, 12u);
  EXPECT_EQ(niches[0].field, "inner.flag");
  EXPECT_EQ(niches[0].typeName, "bool");
  EXPECT_TRUE(findNiches(table.types[1], nullptr).empty()); // without the table nothing is known inside
}

TEST(NicheRules, StringHasTwoAndTheCapacityIsTheLargest) {
  model::TypeTable table;
  const std::int32_t string = addString(table);
  auto niches = findNiches(table.types[static_cast<std::size_t>(string)], &table);
  ASSERT_EQ(niches.size(), 2u);
  EXPECT_EQ(niches[0].field, "vec.buf.inner.cap");
  EXPECT_EQ(niches[0].available, std::uint64_t{1} << 63);
  EXPECT_EQ(niches[1].field, "vec.buf.inner.ptr");
  EXPECT_EQ(niches[1].offset, 8u);
  EXPECT_EQ(niches[1].available, 1u);
}

TEST(NicheRules, ArraysGiveTheirFirstElements) {
  model::Field flags = rustField("flags", "[bool; 4]", 2, 4, 1);
  flags.arrayCount = 4;
  model::Field none = rustField("empty", "[bool; 0]", 6, 0, 1);
  const model::Type t = rustType("A", model::Kind::Struct, 6, 1, {rustField("n", "u16", 0, 2), flags, none});
  const auto niches = findNiches(t, nullptr);
  ASSERT_EQ(niches.size(), 1u);
  EXPECT_EQ(niches[0].offset, 2u);
  EXPECT_EQ(niches[0].size, 1u);
  EXPECT_EQ(niches[0].field, "flags[0]");
  EXPECT_EQ(niches[0].available, 254u);
}

TEST(NicheRules, FatPointersGiveTheirDataPointer) {
  EXPECT_EQ(ofOneField("&[u8]", 16).at(0).size, 8u); // without the parts: the first word
  model::TypeTable table;
  table.types.push_back(rustType("&dyn samples::Shape", model::Kind::Struct, 16, 8,
                                 {rustField("pointer", "*const dyn samples::Shape", 0, 8), rustField("vtable", "&[usize; 4]", 8, 8)}));
  const auto niches = ofOneField("&dyn samples::Shape", 16, &table, 0);
  ASSERT_EQ(niches.size(), 2u);
  EXPECT_EQ(niches[0].offset, 8u);
  EXPECT_EQ(niches[0].size, 8u);
  EXPECT_EQ(niches[0].field, "f.pointer");
  EXPECT_EQ(niches[0].typeName, "&dyn samples::Shape");
  EXPECT_EQ(niches[1].offset, 16u);
  EXPECT_EQ(niches[1].field, "f.vtable");
  // NonNull<[u8]> wraps a fat raw pointer: its data pointer is two levels down.
  table.types.push_back(rustType("*const [u8]", model::Kind::Struct, 16, 8,
                                 {rustField("data_ptr", "*const u8", 0, 8), rustField("length", "usize", 8, 8)}));
  table.types.push_back(rustType("core::ptr::non_null::NonNull<[u8]>", model::Kind::Struct, 16, 8,
                                 {rustField("pointer", "*const [u8]", 0, 16, 8, 1)}));
  const auto wrapped = findNiches(table.types[2], &table);
  ASSERT_EQ(wrapped.size(), 1u);
  EXPECT_EQ(wrapped[0].offset, 0u);
  EXPECT_EQ(wrapped[0].size, 8u);
  EXPECT_EQ(wrapped[0].field, "pointer.data_ptr");
}

TEST(NicheRules, ZeroSizeMarkersDoNotMakeAPointerFat) {
  // Unique<u8> { pointer: NonNull<u8>, _marker: PhantomData<u8> } is one word, not two.
  model::TypeTable table;
  table.types.push_back(rustType("core::ptr::non_null::NonNull<u8>", model::Kind::Struct, 8, 8,
                                 {rustField("pointer", "*const u8", 0, 8)}));
  table.types.push_back(rustType("core::ptr::unique::Unique<u8>", model::Kind::Struct, 8, 8,
                                 {rustField("pointer", "core::ptr::non_null::NonNull<u8>", 0, 8, 8, 0),
                                  rustField("_marker", "core::marker::PhantomData<u8>", 8, 0, 1)}));
  const auto niches = ofOneField("core::ptr::unique::Unique<u8>", 8, &table, 1);
  ASSERT_EQ(niches.size(), 1u);
  EXPECT_EQ(niches[0].size, 8u);
  EXPECT_EQ(niches[0].field, "f");
}

TEST(NicheRules, TypesThatAreTheirOwnNiche) {
  const model::Type nonNull = rustType("core::ptr::non_null::NonNull<u8>", model::Kind::Struct, 8, 8,
                                       {rustField("pointer", "*const u8", 0, 8)});
  auto niches = findNiches(nonNull, nullptr);
  ASSERT_EQ(niches.size(), 1u);
  EXPECT_EQ(niches[0].field, "");
  EXPECT_EQ(niches[0].why, Why::Pointer);
  const model::Type cap = rustType("core::num::niche_types::UsizeNoHighBit", model::Kind::Struct, 8, 8, {rustField("0", "usize", 0, 8)});
  EXPECT_EQ(findNiches(cap, nullptr).at(0).available, std::uint64_t{1} << 63);
}

TEST(NicheRules, FieldlessEnumsUseTheLargestFreeRun) {
  // rustc 1.95: Option<ReprU8Gaps> stores None as 6, inside the largest gap 6..=199.
  auto gaps = findNiches(fieldless("ReprU8Gaps", 1, {1, 5, 200}, false), nullptr);
  ASSERT_EQ(gaps.size(), 1u);
  EXPECT_EQ(gaps[0].available, 194u);
  EXPECT_EQ(gaps[0].why, Why::Enum);
  EXPECT_EQ(gaps[0].field, "");
  EXPECT_EQ(findNiches(fieldless("Direction", 1, {0, 1, 2}, false), nullptr).at(0).available, 253u);
  EXPECT_EQ(findNiches(fieldless("ReprI8Negative", 1, {-3, 0, 7}, true), nullptr).at(0).available, 245u);
  EXPECT_EQ(findNiches(fieldless("ReprI32", 4, {-1, 0}, true), nullptr).at(0).available, 4294967294ull);
  EXPECT_EQ(findNiches(fieldless("Wide", 8, {0}, false), nullptr).at(0).available, kMany); // 2^64 - 1
  // Nested: the field's path names it.
  model::TypeTable table;
  table.types.push_back(fieldless("Direction", 1, {0, 1, 2}, false));
  const auto nested = ofOneField("Direction", 1, &table, 0);
  ASSERT_EQ(nested.size(), 1u);
  EXPECT_EQ(nested[0].field, "f");
  EXPECT_EQ(nested[0].available, 253u);
}

TEST(NicheRules, EnumsWithDataLeaveWhatTheyDoNotUse) {
  // A tag: its unused values.
  auto tag = findNiches(tagged(), nullptr);
  ASSERT_EQ(tag.size(), 1u);
  EXPECT_EQ(tag[0].why, Why::EnumTag);
  EXPECT_EQ(tag[0].field, "(tag)");
  EXPECT_EQ(tag[0].available, 253u);
  // A niche: what is left after the other variants' values (Option<Option<bool>> stores None as 3).
  auto optionBool = findNiches(optionOf("bool", 1, 2), nullptr);
  ASSERT_EQ(optionBool.size(), 1u);
  EXPECT_EQ(optionBool[0].why, Why::EnumNiche);
  EXPECT_EQ(optionBool[0].field, "Some.0");
  EXPECT_EQ(optionBool[0].available, 253u);
  EXPECT_TRUE(findNiches(optionOf("alloc::boxed::Box<i32, alloc::alloc::Global>", 8, 0), nullptr).empty()); // used up
  EXPECT_EQ(findNiches(optionOf("char", 4, 0x110000), nullptr).at(0).available, 4294967296ull - 0x110000 - 1);
  // Message reserves 0x8000000000000000..=0x8000000000000003 (Write's own value in the run included).
  model::TypeTable table;
  const model::Type m = message(addString(table));
  auto niches = findNiches(m, &table);
  ASSERT_EQ(niches.size(), 1u);
  EXPECT_EQ(niches[0].field, "Write.0.vec.buf.inner.cap");
  EXPECT_EQ(niches[0].available, (std::uint64_t{1} << 63) - 4);
  // Inside a struct: the path goes on through the enum.
  table.types.push_back(optionOf("bool", 1, 2));
  const auto nested = ofOneField("core::option::Option<bool>", 1, &table, static_cast<std::int32_t>(table.types.size() - 1));
  ASSERT_EQ(nested.size(), 1u);
  EXPECT_EQ(nested[0].field, "f.Some.0");
  EXPECT_EQ(nested[0].offset, 8u);
  // The variants of a tagged enum are not always there: their fields give no niche, only the tag.
  model::Type t = tagged();
  t.variants[0].fields[0].typeName = "bool";
  EXPECT_EQ(findNiches(t, nullptr).size(), 1u);
}

TEST(NicheRules, NoneForUnionsOtherLanguagesAndCycles) {
  model::Type u = rustType("IntOrFloat", model::Kind::Union, 4, 4, {rustField("b", "bool", 0, 1), rustField("f", "f32", 0, 4)});
  EXPECT_TRUE(findNiches(u, nullptr).empty());
  model::Type c = rustType("s", model::Kind::Struct, 1, 1, {rustField("b", "bool", 0, 1)});
  c.language = model::Language::C;
  EXPECT_TRUE(findNiches(c, nullptr).empty());
  // Corrupt debug info: a type inside itself.
  model::TypeTable table;
  table.types.push_back(rustType("Loop", model::Kind::Struct, 8, 8, {rustField("again", "Loop", 0, 8, 8, 0), rustField("b", "bool", 0, 1)}));
  const auto niches = findNiches(table.types[0], &table);
  EXPECT_EQ(niches.size(), 1u);
}

TEST(NicheRules, ManyNichesAreCapped) {
  model::Type t = rustType("Flags", model::Kind::Struct, 200, 1);
  for (std::uint64_t i = 0; i < 200; ++i) t.fields.push_back(rustField("b" + std::to_string(i), "bool", i, 1));
  const auto niches = findNiches(t, nullptr);
  EXPECT_EQ(niches.size(), 64u);
  EXPECT_EQ(niches.front().offset, 0u);
  EXPECT_EQ(niches.back().offset, 63u);
}

TEST(LargestFreeRun, AroundTheCircle) {
  EXPECT_EQ(largestFreeRun({{0, 0}, {1, 1}}, 1), 254u);
  EXPECT_EQ(largestFreeRun({{1, 1}, {5, 5}, {200, 200}}, 1), 194u);
  EXPECT_EQ(largestFreeRun({{0xfd, 0xfd}, {0, 0}, {7, 7}}, 1), 245u);
  EXPECT_EQ(largestFreeRun({{250, 5}}, 1), 244u); // a range that wraps
  EXPECT_EQ(largestFreeRun({{0, 0}, {0, 0}}, 1), 255u);
  EXPECT_EQ(largestFreeRun({{0x1fd, 0x1fd}}, 1), 255u); // bits beyond the width ignored
  EXPECT_EQ(largestFreeRun({}, 1), 256u);
  EXPECT_EQ(largestFreeRun({}, 8), kMany);
  EXPECT_EQ(largestFreeRun({{5, 5}}, 8), kMany); // 2^64 - 1
  EXPECT_EQ(largestFreeRun({{0, 3}}, 8), kMany - 3);
  EXPECT_EQ(largestFreeRun({{0, 0}}, 16), kMany); // wider than we count
  EXPECT_EQ(largestFreeRun({{0, 0}}, 0), 0u);
}

TEST(OptionCost, FreeExactlyWithANiche) {
  const model::Type efficient = rustType("samples::Efficient", model::Kind::Struct, 12, 4,
                                         {rustField("a", "i32", 0, 4), rustField("b", "i32", 4, 4), rustField("c", "i16", 8, 2)});
  auto cost = optionCost(efficient, findNiches(efficient, nullptr));
  ASSERT_TRUE(cost.has_value());
  EXPECT_FALSE(cost->free);
  EXPECT_EQ(cost->size, 16u);
  const model::Type tuple = rustType("(i32, f64, u8)", model::Kind::Tuple, 16, 8,
                                     {rustField("1", "f64", 0, 8), rustField("0", "i32", 8, 4), rustField("2", "u8", 12, 1)});
  EXPECT_EQ(optionCost(tuple, {})->size, 24u);
  const model::Type flagged = rustType("Flagged", model::Kind::Struct, 8, 4, {rustField("x", "u32", 0, 4), rustField("flag", "bool", 4, 1)});
  cost = optionCost(flagged, findNiches(flagged, nullptr));
  EXPECT_TRUE(cost->free);
  EXPECT_EQ(cost->size, 8u);
  EXPECT_EQ(optionCost(rustType("Unit", model::Kind::Struct, 0, 1), {})->size, 1u);
  model::Type c = efficient;
  c.language = model::Language::C;
  EXPECT_FALSE(optionCost(c, {}).has_value());
  c.language = model::Language::Rust;
  c.align = 0;
  EXPECT_FALSE(optionCost(c, {}).has_value());
}

TEST(DiscriminantValues, AllButTheOwner) {
  model::TypeTable table;
  const model::Type m = message(addString(table));
  const ValueRanges values = discriminantValues(m, 2);
  ASSERT_EQ(values.size(), 3u);
  EXPECT_EQ(values[2].first, 0x8000000000000003ull);
  model::Type r = tagged();
  r.variants[2].discriminant.reset();
  r.variants[2].discriminantRanges = {{{2, false}, {9, false}}};
  EXPECT_EQ(discriminantValues(r, -1).back(), std::make_pair(std::uint64_t{2}, std::uint64_t{9}));
}

} // namespace
} // namespace memlayout::analysis
