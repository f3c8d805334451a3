// Tag vs niche, the niche's field path, per-variant layouts with the discriminant's bytes, and the
// enum's own padding (bytes no variant uses), on hand-built Rust enums.
#include "analysis/discriminant.h"
#include "analysis/type_facts.h"
#include "rust_models.h"

#include <gtest/gtest.h>

namespace memlayout::analysis {
namespace {

using namespace memlayout::testing;
using What = model::LayoutItem::What;
using Kind = model::DiscriminantFacts::Kind;

TEST(Discriminant, MessageKeepsItInStringsCapacity) {
  model::TypeTable table;
  const std::int32_t string = addString(table);
  table.types.push_back(message(string));
  const model::Type &m = table.types.back();
  EXPECT_TRUE(hasData(m));
  EXPECT_EQ(nicheOwner(m), 2);
  auto d = classifyDiscriminant(m, &table);
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->kind, Kind::Niche);
  EXPECT_EQ(d->offset, 0u);
  EXPECT_EQ(d->size, 8u);
  EXPECT_EQ(d->typeName, "u64");
  EXPECT_EQ(d->owner, 2);
  EXPECT_EQ(d->field, "Write.0.vec.buf.inner.cap");
  ASSERT_TRUE(d->nicheWhy.has_value());
  EXPECT_EQ(*d->nicheWhy, model::Niche::Why::ValidRange);
}

TEST(Discriminant, NichePathWithoutTableStopsAtTheOwnersField) {
  model::TypeTable table;
  const std::int32_t string = addString(table);
  const model::Type m = message(string);
  auto d = classifyDiscriminant(m, nullptr);
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->kind, Kind::Niche);
  EXPECT_EQ(d->field, "Write.0");
  EXPECT_FALSE(d->nicheWhy.has_value());
}

TEST(Discriminant, StructuralPathWhenNoRuleKnowsTheType) {
  // The niche sits in a type no rule knows (a user type with a narrowed range): the path still
  // follows the nesting as far as the table tells.
  model::TypeTable table;
  table.types.push_back(rustType("Inner", model::Kind::Struct, 8, 4, {rustField("a", "u32", 0, 4), rustField("odd", "Odd", 4, 4)}));
  table.types.back().selected = false;
  model::Type e = rustType("Wrap", model::Kind::Enum, 8, 4);
  e.discriminant = discriminantAt(4, 4, "u32");
  e.variants = {variant("Full", std::nullopt, {rustField("0", "Inner", 0, 8, 4, 0)}), variant("Empty", 7)};
  auto d = classifyDiscriminant(e, &table);
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->kind, Kind::Niche);
  EXPECT_EQ(d->field, "Full.0.odd");
}

TEST(Discriminant, TagWhenEveryVariantHasAValue) {
  const model::Type e = tagged();
  auto d = classifyDiscriminant(e, nullptr);
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->kind, Kind::Tag);
  EXPECT_EQ(d->offset, 0u);
  EXPECT_EQ(d->size, 1u);
  EXPECT_EQ(d->owner, -1);
  EXPECT_TRUE(d->field.empty());
}

TEST(Discriminant, ValuelessVariantBesideTheTagIsNoNiche) {
  // A default variant (no value) whose fields leave the discriminant's bytes alone: still a tag.
  model::Type e = rustType("T", model::Kind::Enum, 16, 8);
  e.discriminant = discriminantAt(0, 1, "u8");
  e.variants = {variant("A", 0), variant("Other", std::nullopt, {rustField("0", "u64", 8, 8)})};
  EXPECT_EQ(nicheOwner(e), -1);
  EXPECT_EQ(classifyDiscriminant(e, nullptr)->kind, Kind::Tag);
  // A variant selected by ranges (DW_AT_discr_list) owns nothing either.
  model::Type r = e;
  r.variants[1].discriminantRanges = {{{1, false}, {5, false}}};
  r.variants[1].fields = {rustField("0", "u64", 0, 8)};
  EXPECT_EQ(nicheOwner(r), -1);
}

TEST(Discriminant, NoneForCLikeEnumsAndSingleVariants) {
  const model::Type c = fieldless("Direction", 1, {0, 1, 2}, false);
  EXPECT_FALSE(hasData(c));
  EXPECT_FALSE(classifyDiscriminant(c, nullptr).has_value());
  model::Type one = rustType("One", model::Kind::Enum, 4, 4);
  one.variants = {variant("Only", std::nullopt, {rustField("0", "u32", 0, 4)})};
  EXPECT_TRUE(hasData(one));
  EXPECT_FALSE(classifyDiscriminant(one, nullptr).has_value());
  const model::Layout l = variantLayout(one, 0, std::nullopt);
  EXPECT_EQ(l.padding, 0u);
  EXPECT_EQ(l.items.size(), 1u);
}

TEST(VariantLayout, TheDiscriminantsBytesAreUsed) {
  model::TypeTable table;
  const std::int32_t string = addString(table);
  const model::Type m = message(string);
  const auto d = classifyDiscriminant(m, &table);

  const model::Layout quit = variantLayout(m, 0, d);
  ASSERT_EQ(quit.items.size(), 2u);
  EXPECT_EQ(quit.items[0].what, What::Discriminant);
  EXPECT_EQ(quit.items[0].bitOffset, 0u);
  EXPECT_EQ(quit.items[0].bitSize, 64u);
  EXPECT_EQ(quit.items[0].field, -1);
  EXPECT_EQ(quit.items[1].what, What::TrailingPadding);
  EXPECT_EQ(quit.padding, 16u);
  EXPECT_TRUE(quit.holes.empty());

  const model::Layout move = variantLayout(m, 1, d);
  ASSERT_EQ(move.items.size(), 4u);
  EXPECT_EQ(move.items[0].what, What::Discriminant);
  EXPECT_EQ(move.items[1].field, 0); // x, an index into the variant's fields
  EXPECT_EQ(move.items[2].field, 1);
  EXPECT_EQ(move.trailingPadding, 8u);
  EXPECT_EQ(move.sumMembers, 8u); // the discriminant is not a member

  const model::Layout write = variantLayout(m, 2, d); // the owner: its String holds the niche
  ASSERT_EQ(write.items.size(), 1u);
  EXPECT_EQ(write.items[0].what, What::Field);
  EXPECT_EQ(write.padding, 0u);

  const model::Layout color = variantLayout(m, 3, d);
  EXPECT_EQ(color.trailingPadding, 4u);
  EXPECT_TRUE(color.holes.empty());
  EXPECT_EQ(variantLayout(m, 9, d).items.size(), 0u); // out of range: nothing
}

TEST(VariantLayout, TaggedHolesArePerVariant) {
  const model::Type e = tagged();
  const auto d = classifyDiscriminant(e, nullptr);
  const model::Layout a = variantLayout(e, 0, d);
  ASSERT_EQ(a.holes.size(), 1u);
  EXPECT_EQ(a.holes[0].offset, 2u);
  EXPECT_EQ(a.holes[0].size, 2u);
  EXPECT_EQ(a.padding, 2u);
  const model::Layout b = variantLayout(e, 1, d);
  EXPECT_EQ(b.trailingPadding, 7u);
  EXPECT_EQ(b.items.front().what, What::Discriminant);
}

TEST(EnumLayout, PaddingIsWhatNoVariantUses) {
  const model::Layout e = enumLayout(tagged());
  EXPECT_EQ(e.padding, 2u); // bytes 2 and 3: A's alignment gap, unused by B and C too
  ASSERT_EQ(e.holes.size(), 1u);
  EXPECT_EQ(e.holes[0].offset, 2u);
  for (const auto &item : e.items) EXPECT_NE(item.what, What::Field);

  model::TypeTable table;
  const model::Layout m = enumLayout(message(addString(table)));
  EXPECT_EQ(m.padding, 0u); // a niche enum's bytes are never waste
  EXPECT_TRUE(m.items.empty());

  // A tag after the data, a variant that leaves a hole nobody fills: the hole is padding.
  model::Type t = rustType("T", model::Kind::Enum, 16, 8);
  t.discriminant = discriminantAt(12, 1, "u8");
  t.variants = {variant("A", 0, {rustField("0", "u32", 0, 4)}), variant("B", 1, {rustField("0", "u16", 0, 2)})};
  const model::Layout l = enumLayout(t);
  ASSERT_EQ(l.holes.size(), 1u);
  EXPECT_EQ(l.holes[0].offset, 4u);
  EXPECT_EQ(l.holes[0].size, 8u);
  EXPECT_EQ(l.trailingPadding, 3u);
  EXPECT_EQ(l.padding, 11u);
}

TEST(TypeFactsForEnums, VariantsDiscriminantNichesAndRows) {
  model::TypeTable table;
  const std::int32_t string = addString(table);
  table.types.push_back(message(string));
  const model::Type &m = table.types.back();
  const model::TypeFacts facts = analyzeType(m, &table, {});
  EXPECT_TRUE(facts.rows.empty()); // an enum's tables are its variants'
  ASSERT_EQ(facts.variantLayouts.size(), 4u);
  ASSERT_EQ(facts.variantRows.size(), 4u);
  EXPECT_EQ(facts.variantRows[1].size(), 4u);
  EXPECT_EQ(facts.variantRows[1][0].what, What::Discriminant);
  ASSERT_TRUE(facts.discriminant.has_value());
  EXPECT_EQ(facts.discriminant->kind, Kind::Niche);
  ASSERT_EQ(facts.niches.size(), 1u);
  EXPECT_EQ(facts.niches[0].available, (std::uint64_t{1} << 63) - 4);
  ASSERT_TRUE(facts.option.has_value());
  EXPECT_TRUE(facts.option->free);
  EXPECT_EQ(facts.layout.padding, 0u);

  // --expand reaches into the variant's fields.
  const model::TypeFacts expanded = analyzeType(m, &table, {64, true, false, false});
  EXPECT_GT(expanded.variantRows[2].size(), 4u);
  EXPECT_EQ(expanded.variantRows[2][1].depth, 1u);

  // --types: the same facts without rows, or only the layout.
  const model::TypeFacts listed = listedTypeFacts(m, &table, typeLayout(m), true, true);
  EXPECT_EQ(listed.variantLayouts.size(), 4u);
  EXPECT_TRUE(listed.variantRows.empty());
  EXPECT_EQ(listed.niches.size(), 1u);
  ASSERT_TRUE(listed.suggestion.has_value());
  EXPECT_EQ(listed.suggestion->status, model::Suggestion::Status::Rust);
  const model::TypeFacts bare = listedTypeFacts(m, &table, typeLayout(m), false, false);
  EXPECT_TRUE(bare.variantLayouts.empty());
  EXPECT_TRUE(bare.niches.empty());
}

} // namespace
} // namespace memlayout::analysis
