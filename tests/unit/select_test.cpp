// --struct name matching, nearest-name hints and the --types listing, on hand-built names and tables.
#include "analysis/select.h"

#include "analysis/type_facts.h"
#include "model_builders.h"

#include <gtest/gtest.h>

namespace memlayout::analysis {
namespace {

TEST(LastComponent, SplitsOutsideBrackets) {
  EXPECT_EQ(lastComponent("geo::Point"), "Point");
  EXPECT_EQ(lastComponent("geo::detail::Extent"), "Extent");
  EXPECT_EQ(lastComponent("ns::Pair<int, long>"), "Pair<int, long>");
  EXPECT_EQ(lastComponent("std::foo<a::b>"), "foo<a::b>");
  EXPECT_EQ(lastComponent("core::option::Option<alloc::boxed::Box<i32, alloc::alloc::Global>>"),
            "Option<alloc::boxed::Box<i32, alloc::alloc::Global>>");
  EXPECT_EQ(lastComponent("(i32, f64, u8)"), "(i32, f64, u8)");
  EXPECT_EQ(lastComponent("samples::main::{closure_env#0}"), "{closure_env#0}");
  EXPECT_EQ(lastComponent("(anonymous namespace)::Hidden"), "Hidden");
  EXPECT_EQ(lastComponent("Point"), "Point");
  // Unbalanced closers must not push the depth below zero.
  EXPECT_EQ(lastComponent("a>::b"), "b");
}

TEST(ShortName, ShortensEveryPath) {
  EXPECT_EQ(shortName("core::option::Option<alloc::boxed::Box<i32, alloc::alloc::Global>>"), "Option<Box<i32>>");
  EXPECT_EQ(shortName("alloc::vec::Vec<u8, alloc::alloc::Global>"), "Vec<u8>");
  EXPECT_EQ(shortName("std::map<std::string, int>"), "map<string,int>");
  EXPECT_EQ(shortName("(anonymous namespace)::Hidden"), "Hidden");
  EXPECT_EQ(shortName("Outer<int>::Inner"), "Inner");
  EXPECT_EQ(shortName("Point"), "Point");
  // A path after a keyword keeps the keyword: what `Box<dyn Debug>` typed by a user compacts to.
  EXPECT_EQ(shortName("alloc::boxed::Box<dyn core::fmt::Debug, alloc::alloc::Global>"), shortName("Box<dyn Debug>"));
}

TEST(Glob, StarAndQuestionOnly) {
  EXPECT_TRUE(globMatch("*", "anything::at::all"));
  EXPECT_TRUE(globMatch("geo::*", "geo::detail::Extent"));
  EXPECT_TRUE(globMatch("*Point", "geo::Point"));
  EXPECT_TRUE(globMatch("hole_*_double", "hole_char_int_double"));
  EXPECT_TRUE(globMatch("P?ir<int,long>", "Pair<int,long>"));
  EXPECT_FALSE(globMatch("P?ir", "Pir"));
  EXPECT_FALSE(globMatch("*Point", "geo::Points"));
  // Brackets are literal: no character classes, no braces.
  EXPECT_TRUE(globMatch("[u8; 4]", "[u8; 4]"));
  EXPECT_FALSE(globMatch("[abc]", "a"));
  EXPECT_TRUE(globMatch("{closure*}", "{closure_env#0}"));
  EXPECT_TRUE(globMatch("", ""));
  EXPECT_FALSE(globMatch("", "x"));
  EXPECT_TRUE(globMatch("a*b*c", "aXXbYYbZc"));
  EXPECT_TRUE(isGlob("a*"));
  EXPECT_FALSE(isGlob("Pair<int, long>"));
}

TEST(NameMatcher, QualifiedNameOrLastComponent) {
  NameMatcher m({"Point"});
  EXPECT_TRUE(m.matches("geo::Point"));
  EXPECT_TRUE(m.matches("Point"));
  EXPECT_FALSE(m.matches("geo::Points"));
  EXPECT_FALSE(m.matches("Point::Inner"));
  EXPECT_FALSE(m.matches("")); // anonymous types are never matched by name
  NameMatcher q({"geo::Point"});
  EXPECT_TRUE(q.matches("geo::Point"));
  EXPECT_FALSE(q.matches("other::Point"));
}

TEST(NameMatcher, CommasAndBracketsInNames) {
  NameMatcher m({"Pair<int, long>"});
  EXPECT_TRUE(m.matches("ns::Pair<int, long>"));
  EXPECT_TRUE(m.matches("Pair<int,long>")); // whitespace does not matter
  EXPECT_FALSE(m.matches("ns::Pair<int, int>"));
  EXPECT_FALSE(m.isGlob(0));
  NameMatcher nested({"foo<a::b>"});
  EXPECT_TRUE(nested.matches("std::foo<a::b>"));
  EXPECT_FALSE(nested.matches("std::foo<a::c>"));
  NameMatcher array({"[u8; 4]"});
  EXPECT_TRUE(array.matches("[u8; 4]"));
  NameMatcher tuple({"(i32, f64, u8)"});
  EXPECT_TRUE(tuple.matches("(i32, f64, u8)"));
}

TEST(NameMatcher, RustShortNames) {
  NameMatcher m({"Option<Box<i32>>"});
  EXPECT_TRUE(m.matches("core::option::Option<alloc::boxed::Box<i32, alloc::alloc::Global>>"));
  EXPECT_FALSE(m.matches("core::option::Option<alloc::boxed::Box<u32, alloc::alloc::Global>>"));
  NameMatcher full({"core::option::Option<alloc::boxed::Box<i32, alloc::alloc::Global>>"});
  EXPECT_TRUE(full.matches("core::option::Option<alloc::boxed::Box<i32, alloc::alloc::Global>>"));
}

TEST(NameMatcher, Globs) {
  NameMatcher m({"hole_*", "ns::Pair<*>"});
  EXPECT_TRUE(m.isGlob(0));
  EXPECT_TRUE(m.matches("hole_char_int_double"));
  EXPECT_TRUE(m.matches("ns::Pair<int, long>"));
  EXPECT_FALSE(m.matches("holes"));
  EXPECT_TRUE(m.matches(1, "ns::Pair<int, long>"));
  EXPECT_FALSE(m.matches(0, "ns::Pair<int, long>"));
  NameMatcher last({"Pa?r<*>"});
  EXPECT_TRUE(last.matches("ns::Pair<int, long>")); // a glob tried on the last component too
}

TEST(NameMatcher, NamesExplicitly) {
  NameMatcher m({"stat", "*_t"});
  EXPECT_TRUE(m.namesExplicitly("stat"));
  EXPECT_FALSE(m.namesExplicitly("pthread_mutex_t")); // matched by a glob only
}

TEST(NearestNames, RanksBySpelling) {
  const std::vector<std::string> names = {"geo::Point", "geo::detail::Extent", "ns::Pair<int, long>", "Dog",
                                          "hole_char_int_double", "Animal"};
  EXPECT_EQ(nearestNames("Piont", names), (std::vector<std::string>{"geo::Point"}));
  EXPECT_EQ(nearestNames("point", names).front(), "geo::Point"); // case does not matter
  EXPECT_EQ(nearestNames("Pair", names).front(), "ns::Pair<int, long>"); // template name without arguments
  EXPECT_EQ(nearestNames("hole_char_int_dbl", names).front(), "hole_char_int_double");
  EXPECT_EQ(nearestNames("Dgo*", names).front(), "Dog"); // wildcards are left out of the comparison
  EXPECT_TRUE(nearestNames("zzzzzzzzzzzz", names).empty());
  EXPECT_TRUE(nearestNames("Dog", {}).empty());
  EXPECT_LE(nearestNames("a", names, 3).size(), 3u);
}

model::Type named(std::string name, std::uint64_t size, std::vector<model::Field> fields = {},
                  model::Kind kind = model::Kind::Struct) {
  model::Type t;
  t.name = std::move(name);
  t.kind = kind;
  t.size = size;
  t.align = 8;
  t.fields = std::move(fields);
  return t;
}

model::Field field(std::string name, std::uint64_t offset, std::uint64_t size) {
  return testing::makeField(std::move(name), "", offset, size);
}

model::TypeTable sampleTable() {
  model::TypeTable table;
  table.types.push_back(named("b::Small", 16, {field("c", 0, 1), field("x", 8, 8)}));            // padding 7
  table.types.push_back(named("a::Big", 64, {field("x", 0, 8), field("c", 8, 1)}));              // padding 55
  table.types.push_back(named("c::Tight", 16, {field("x", 0, 8), field("y", 8, 8)}));            // padding 0
  table.types.push_back(named("Color", 4, {}, model::Kind::Enum));                               // C-like enum
  table.types.push_back(named("", 8, {field("x", 0, 8)}));                                       // anonymous
  model::Type nested = named("b::Nested", 8, {field("x", 0, 1)});                                // padding 7
  nested.selected = false;
  table.types.push_back(nested);
  table.types.push_back(named("d::Small", 16, {field("c", 0, 1), field("x", 8, 8)}));            // padding 7
  return table;
}

std::vector<model::Layout> layoutsOf(const model::TypeTable &table) {
  std::vector<model::Layout> layouts;
  for (const auto &t : table.types) layouts.push_back(typeLayout(t));
  return layouts;
}

std::vector<std::string> namesOf(const model::TypeTable &table, const std::vector<std::size_t> &indices) {
  std::vector<std::string> out;
  for (auto i : indices) out.push_back(table.types[i].name);
  return out;
}

TEST(SelectTypes, PatternOrderEachTypeOnceUnmatchedReported) {
  const auto table = sampleTable();
  std::vector<std::size_t> unmatched;
  auto chosen = selectTypes(table, NameMatcher({"Tight", "Small", "*::Small", "Nope", "Nested"}), unmatched);
  EXPECT_EQ(namesOf(table, chosen), (std::vector<std::string>{"c::Tight", "b::Small", "d::Small"}));
  // "Nested" exists only as a type nested in a selected one: not a match of its own.
  EXPECT_EQ(unmatched, (std::vector<std::size_t>{3, 4}));
  chosen = selectTypes(table, NameMatcher({"Color"}), unmatched);
  EXPECT_EQ(namesOf(table, chosen), (std::vector<std::string>{"Color"})); // --struct finds enums
  EXPECT_TRUE(unmatched.empty());
}

TEST(ListTypes, FiltersSortsAndCuts) {
  const auto table = sampleTable();
  const auto layouts = layoutsOf(table);
  // Debug-info order; no enum, no anonymous type, no type only nested in another.
  EXPECT_EQ(namesOf(table, listTypes(table, layouts, {})),
            (std::vector<std::string>{"b::Small", "a::Big", "c::Tight", "d::Small"}));
  EXPECT_EQ(namesOf(table, listTypes(table, layouts, {SortKey::Size, {}, 0})),
            (std::vector<std::string>{"a::Big", "b::Small", "c::Tight", "d::Small"}));
  EXPECT_EQ(namesOf(table, listTypes(table, layouts, {SortKey::Padding, {}, 0})),
            (std::vector<std::string>{"a::Big", "b::Small", "d::Small", "c::Tight"}));
  EXPECT_EQ(namesOf(table, listTypes(table, layouts, {SortKey::Name, {}, 0})),
            (std::vector<std::string>{"a::Big", "b::Small", "c::Tight", "d::Small"}));
  EXPECT_EQ(namesOf(table, listTypes(table, layouts, {SortKey::Padding, 2, 0})),
            (std::vector<std::string>{"a::Big", "b::Small"}));
  EXPECT_EQ(namesOf(table, listTypes(table, layouts, {{}, {}, 8})), (std::vector<std::string>{"a::Big"}));
  EXPECT_TRUE(listTypes(table, layouts, {{}, {}, 1000}).empty());
}

TEST(ListTypes, EnumsWithDataAreListed) {
  model::Type rustEnum = named("Message", 24, {}, model::Kind::Enum);
  model::Variant quit;
  quit.name = "Quit";
  model::Variant move;
  move.name = "Move";
  move.fields = {field("x", 8, 4)};
  rustEnum.variants = {quit, move};
  EXPECT_TRUE(isListed(rustEnum));
  rustEnum.variants = {quit};
  EXPECT_FALSE(isListed(rustEnum));
}

} // namespace
} // namespace memlayout::analysis
