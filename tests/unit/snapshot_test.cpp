// Snapshots hold what the JSON of a type shows: hand-worked C and Rust layouts (the ABI's numbers), the
// --types / --struct choice of types, and value-for-value agreement with report::typeJson.
#include "analysis/snapshot.h"

#include "analysis/type_facts.h"
#include "model_builders.h"
#include "report/json_types.h"
#include "rust_models.h"

#include <gtest/gtest.h>

namespace memlayout::analysis {
namespace {

using namespace memlayout::testing;

model::Type cType(std::string name, std::uint64_t size, std::uint64_t align, std::vector<model::Field> fields) {
  model::Type t;
  t.name = std::move(name);
  t.language = model::Language::C;
  t.size = size;
  t.align = align;
  t.fields = std::move(fields);
  t.unit = "samples/c/structs.c";
  t.decl = model::Decl{"samples/c/structs.c", 7};
  return t;
}

model::TypeSnapshot snap(const model::Type &type, const model::TypeTable *table = nullptr) {
  return snapshotOf(type, snapshotFacts(type, table));
}

// struct S { char c; int i; char d; }: 12 bytes, a 3-byte hole after c and 3 bytes of tail padding.
model::Type holey() {
  return cType("S", 12, 4, {makeField("d", "char", 8, 1), makeField("c", "char", 0, 1), makeField("i", "int", 4, 4)});
}

TEST(Snapshot, CStructFieldsInOffsetOrderWithHolesAndPadding) {
  const model::TypeSnapshot s = snap(holey());
  EXPECT_EQ(s.name, "S");
  EXPECT_EQ(s.kind, "struct");
  EXPECT_EQ(s.language, "C");
  EXPECT_EQ(s.size, 12u);
  EXPECT_EQ(s.align, 4u);
  ASSERT_TRUE(s.decl.has_value());
  EXPECT_EQ(s.decl->line, 7u);
  EXPECT_EQ(s.unit, "samples/c/structs.c");
  ASSERT_EQ(s.fields.size(), 3u);
  EXPECT_EQ(s.fields[0].name, "c");
  EXPECT_EQ(s.fields[1].name, "i");
  EXPECT_EQ(s.fields[1].type, "int");
  EXPECT_EQ(s.fields[1].offset, 4u);
  EXPECT_EQ(s.fields[1].size, 4u);
  EXPECT_EQ(s.fields[2].name, "d");
  EXPECT_EQ(s.fields[2].offset, 8u);
  EXPECT_FALSE(s.fields[2].bitOffset.has_value());
  ASSERT_EQ(s.holes.size(), 1u);
  EXPECT_EQ(s.holes[0].offset, 1u);
  EXPECT_EQ(s.holes[0].size, 3u);
  EXPECT_EQ(s.trailingPadding, 3u);
  EXPECT_EQ(s.padding, 6u);
  EXPECT_FALSE(s.discriminant.has_value());
  EXPECT_TRUE(s.variants.empty());
}

TEST(Snapshot, BitFieldsGiveTheBytesTheySpan) {
  // struct B { unsigned a:3; unsigned b:7; unsigned c:30; } (x86-64): b spans bytes 0-1, c starts a new
  // unit at bit 32 because it does not fit in the 22 bits left.
  const model::TypeSnapshot s =
      snap(cType("B", 8, 4, {makeBitField("a", 0, 3), makeBitField("b", 3, 7), makeBitField("c", 32, 30)}));
  ASSERT_EQ(s.fields.size(), 3u);
  EXPECT_EQ(s.fields[1].offset, 0u);
  EXPECT_EQ(s.fields[1].size, 2u);
  EXPECT_EQ(s.fields[1].bitOffset, 3u);
  EXPECT_EQ(s.fields[1].bitSize, 7u);
  EXPECT_EQ(s.fields[2].offset, 4u);
  EXPECT_EQ(s.fields[2].size, 4u);
  EXPECT_EQ(s.fields[2].bitOffset, 32u);
  // Bits 10..31 are unused: bytes 2 and 3 wholly (a hole), byte 1 partly (not a hole).
  ASSERT_EQ(s.holes.size(), 1u);
  EXPECT_EQ(s.holes[0].offset, 2u);
  EXPECT_EQ(s.holes[0].size, 2u);
}

TEST(Snapshot, BasesAndVirtualBases) {
  // struct D : virtual V, B { long x; }: B's non-virtual part is 8 of its 16 bytes; V's offset is known
  // only at run time, so it has none and sorts last.
  model::Field partial = makeField("", "B", 8, 16, 8);
  partial.base = true;
  partial.bitSize = 64;
  model::Field virtualBase = makeField("", "V", 0, 4);
  virtualBase.base = true;
  virtualBase.virtualBase = true;
  virtualBase.bitSize = 0;
  model::Field vptr = makeField("_vptr.D", "int (**)(void)", 0, 8);
  vptr.artificial = true;
  model::Type d = cType("D", 32, 8, {virtualBase, vptr, partial, makeField("x", "long", 16, 8)});
  d.language = model::Language::Cpp;
  d.kind = model::Kind::Class;
  const model::TypeSnapshot s = snap(d);
  EXPECT_EQ(s.kind, "class");
  EXPECT_EQ(s.language, "C++");
  ASSERT_EQ(s.fields.size(), 4u);
  EXPECT_TRUE(s.fields[0].artificial);
  EXPECT_TRUE(s.fields[1].base);
  EXPECT_EQ(s.fields[1].size, 8u);
  EXPECT_EQ(s.fields[2].name, "x");
  EXPECT_EQ(s.fields[3].type, "V");
  EXPECT_FALSE(s.fields[3].offset.has_value());
}

TEST(Snapshot, RustNicheEnumKeepsFieldsInVariants) {
  model::TypeTable table;
  const std::int32_t string = addString(table);
  const model::TypeSnapshot s = snap(message(string), &table);
  EXPECT_EQ(s.kind, "enum");
  EXPECT_EQ(s.language, "Rust");
  EXPECT_TRUE(s.fields.empty());
  ASSERT_TRUE(s.discriminant.has_value());
  EXPECT_EQ(s.discriminant->kind, "niche");
  EXPECT_EQ(s.discriminant->offset, 0u);
  EXPECT_EQ(s.discriminant->size, 8u);
  ASSERT_EQ(s.variants.size(), 4u);
  EXPECT_EQ(s.variants[0].name, "Quit");
  EXPECT_EQ(s.variants[0].discriminant, "9223372036854775808");
  EXPECT_EQ(s.variants[2].discriminant, "null");
  // Move { x @8, y @12 }: the niche's 8 bytes hold its value; 16..24 are its padding.
  ASSERT_EQ(s.variants[1].fields.size(), 2u);
  EXPECT_EQ(s.variants[1].fields[1].name, "y");
  EXPECT_EQ(s.variants[1].fields[1].offset, 12u);
  EXPECT_EQ(s.variants[1].padding, 8u);
  EXPECT_EQ(s.variants[2].padding, 0u);
  EXPECT_EQ(s.padding, 0u);
}

TEST(Snapshot, RustTagEnumOrdersVariantFieldsByOffset) {
  const model::TypeSnapshot s = snap(tagged());
  ASSERT_TRUE(s.discriminant.has_value());
  EXPECT_EQ(s.discriminant->kind, "tag");
  EXPECT_EQ(s.discriminant->size, 1u);
  ASSERT_EQ(s.variants[0].fields.size(), 2u);
  EXPECT_EQ(s.variants[0].fields[0].name, "1");
  EXPECT_EQ(s.variants[0].fields[0].offset, 1u);
  EXPECT_EQ(s.variants[0].fields[1].name, "0");
  // A: tag @0, bool @1, u32 @4: a 2-byte hole at 2.
  ASSERT_EQ(s.variants[0].holes.size(), 1u);
  EXPECT_EQ(s.variants[0].holes[0].offset, 2u);
  EXPECT_EQ(s.variants[0].holes[0].size, 2u);
  EXPECT_EQ(s.variants[1].discriminant, "1");
}

TEST(Snapshot, DiscriminantValuesAsJsonWritesThem) {
  // #[repr(i8)] enum with -3, a variant selected only by ranges, a C-like enum's enumerators.
  model::Type e = rustType("samples::Signed", model::Kind::Enum, 4, 2);
  e.discriminant = discriminantAt(0, 1, "i8", true);
  e.variants = {variant("Neg", static_cast<std::uint64_t>(-3), {rustField("0", "u16", 2, 2)}, true),
                variant("Ranged", std::nullopt, {rustField("0", "u8", 1, 1)})};
  e.variants[1].discriminantRanges = {{model::DiscriminantValue{5, true}, model::DiscriminantValue{9, true}}};
  const model::TypeSnapshot s = snap(e);
  ASSERT_EQ(s.variants.size(), 2u);
  EXPECT_EQ(s.variants[0].discriminant, "-3");
  EXPECT_EQ(s.variants[1].discriminant, "5");

  const model::TypeSnapshot c = snap(fieldless("samples::Small", 1, {0, 2, 255}, false));
  EXPECT_FALSE(c.discriminant.has_value());
  ASSERT_EQ(c.variants.size(), 3u);
  EXPECT_EQ(c.variants[2].discriminant, "255");
  EXPECT_TRUE(c.variants[2].fields.empty());
}

model::TypeTable mixedTable() {
  model::TypeTable table;
  table.types.push_back(holey());
  table.types.push_back(cType("", 4, 4, {makeField("x", "int", 0, 4)})); // anonymous
  model::Type nested = cType("Inner", 4, 4, {makeField("y", "int", 0, 4)});
  nested.selected = false; // only there because a chosen type nests it
  table.types.push_back(nested);
  model::Type colour = cType("Colour", 4, 4, {});
  colour.kind = model::Kind::Enum;
  colour.variants = {variant("Red", 0), variant("Green", 1)};
  table.types.push_back(colour);
  table.types.push_back(tagged());
  return table;
}

TEST(Snapshot, TableListsWhatTypesListsInTableOrder) {
  const model::Snapshot s = snapshotOfTable(mixedTable(), nullptr);
  ASSERT_EQ(s.types.size(), 2u); // not the anonymous, the nested, nor the C-like enum
  EXPECT_EQ(s.types[0].name, "S");
  EXPECT_EQ(s.types[1].name, "samples::E");
  EXPECT_TRUE(s.selection.empty());
  EXPECT_TRUE(s.source.empty());
  EXPECT_FALSE(s.target.has_value());
  EXPECT_TRUE(s.compilers.empty());
}

TEST(Snapshot, SelectionTakesWhatStructChooses) {
  const NameMatcher matcher({"Colour", "E", "S*"});
  const model::Snapshot s = snapshotOfTable(mixedTable(), &matcher);
  ASSERT_EQ(s.types.size(), 3u); // pattern by pattern, as --struct shows them
  EXPECT_EQ(s.types[0].name, "Colour");
  EXPECT_EQ(s.types[0].variants.size(), 2u);
  EXPECT_EQ(s.types[1].name, "samples::E");
  EXPECT_EQ(s.types[2].name, "S");
  EXPECT_EQ(s.selection, (std::vector<std::string>{"Colour", "E", "S*"}));
}

// The contract with baselines: every value of a snapshot is the one the type's JSON object holds.
void expectSameAsJson(const model::Type &type, const model::TypeTable *table) {
  SCOPED_TRACE(type.name);
  const model::TypeFacts facts = listedTypeFacts(type, table, typeLayout(type), true, false);
  const auto j = report::typeJson(report::TypeEntry{&type, facts});
  const model::TypeSnapshot s = snapshotOf(type, snapshotFacts(type, table));
  EXPECT_EQ(j["kind"], s.kind);
  EXPECT_EQ(j["language"], s.language);
  EXPECT_EQ(j["size"], s.size);
  EXPECT_EQ(j["align"], s.align);
  EXPECT_EQ(j["unit"], s.unit);
  EXPECT_EQ(j["padding"], s.padding);
  EXPECT_EQ(j["trailing_padding"], s.trailingPadding);
  auto sameFields = [](const nlohmann::ordered_json &fields, const std::vector<model::SnapshotField> &snapFields) {
    ASSERT_EQ(fields.size(), snapFields.size());
    for (std::size_t i = 0; i < snapFields.size(); ++i) {
      const auto &f = fields[i];
      const auto &g = snapFields[i];
      EXPECT_EQ(f["name"], g.name);
      EXPECT_EQ(f["type"], g.type);
      if (g.offset) {
        EXPECT_EQ(f["offset"], *g.offset);
      } else {
        EXPECT_TRUE(f["offset"].is_null());
      }
      EXPECT_EQ(f["size"], g.size);
      EXPECT_EQ(f.contains("bit_offset"), g.bitOffset.has_value());
      if (g.bitOffset) {
        EXPECT_EQ(f["bit_offset"], *g.bitOffset);
      }
      if (g.bitSize) {
        EXPECT_EQ(f["bit_size"], *g.bitSize);
      }
      EXPECT_EQ(f.value("base", false), g.base);
      EXPECT_EQ(f.value("artificial", false), g.artificial);
    }
  };
  auto sameHoles = [](const nlohmann::ordered_json &holes, const std::vector<model::ByteRange> &snapHoles) {
    ASSERT_EQ(holes.size(), snapHoles.size());
    for (std::size_t i = 0; i < snapHoles.size(); ++i) {
      EXPECT_EQ(holes[i]["offset"], snapHoles[i].offset);
      EXPECT_EQ(holes[i]["size"], snapHoles[i].size);
    }
  };
  if (j.contains("fields")) {
    sameFields(j["fields"], s.fields);
  } else {
    EXPECT_TRUE(s.fields.empty());
  }
  sameHoles(j["holes"], s.holes);
  EXPECT_EQ(j.contains("discriminant"), s.discriminant.has_value());
  if (s.discriminant) {
    EXPECT_EQ(j["discriminant"]["kind"], s.discriminant->kind);
    EXPECT_EQ(j["discriminant"]["offset"], s.discriminant->offset);
    EXPECT_EQ(j["discriminant"]["size"], s.discriminant->size);
  }
  if (!j.contains("variants")) {
    EXPECT_TRUE(s.variants.empty());
    return;
  }
  ASSERT_EQ(j["variants"].size(), s.variants.size());
  for (std::size_t i = 0; i < s.variants.size(); ++i) {
    const auto &v = j["variants"][i];
    EXPECT_EQ(v["name"], s.variants[i].name);
    EXPECT_EQ(v["discriminant"].dump(), s.variants[i].discriminant);
    if (v.contains("fields")) {
      sameFields(v["fields"], s.variants[i].fields);
    } else {
      EXPECT_TRUE(s.variants[i].fields.empty());
    }
    if (v.contains("holes")) {
      sameHoles(v["holes"], s.variants[i].holes);
    }
    EXPECT_EQ(v.value("padding", std::uint64_t{0}), s.variants[i].padding);
  }
}

TEST(Snapshot, AgreesWithTheJsonOfEveryKindOfType) {
  model::TypeTable table;
  const std::int32_t string = addString(table);
  table.types.push_back(message(string));
  expectSameAsJson(table.types.back(), &table);
  expectSameAsJson(tagged(), nullptr);
  expectSameAsJson(optionOf("alloc::boxed::Box<i32, alloc::alloc::Global>", 8, 0), nullptr);
  expectSameAsJson(fieldless("samples::Signed", 1, {-1, 0, 1}, true), nullptr);
  expectSameAsJson(holey(), nullptr);
  expectSameAsJson(cType("B", 8, 4, {makeBitField("a", 0, 3), makeBitField("b", 3, 7), makeBitField("c", 32, 30)}),
                   nullptr);
  model::Field partial = makeField("", "B", 8, 16, 8);
  partial.base = true;
  partial.bitSize = 64;
  model::Field virtualBase = makeField("", "V", 0, 4);
  virtualBase.base = true;
  virtualBase.virtualBase = true;
  virtualBase.bitSize = 0;
  model::Type d = cType("D", 32, 8, {virtualBase, makeField("_vptr.D", "int (**)(void)", 0, 8), partial});
  d.language = model::Language::Cpp;
  expectSameAsJson(d, nullptr);
}

} // namespace
} // namespace memlayout::analysis
