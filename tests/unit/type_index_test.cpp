// The type index encoding on hand-built tables: every value survives a round trip, a --struct decode
// keeps the matches and what they nest, and damaged bytes never decode (nor crash).
#include "cache/type_index.h"

#include <gtest/gtest.h>

namespace memlayout::cache {
namespace {

model::TypeTable sampleTable() {
  model::TypeTable table;
  model::Type inner;
  inner.name = "inner";
  inner.size = 4;
  inner.align = 4;
  inner.selected = false;
  inner.fields.push_back({"x", "int", 0, 32, 4, 4, false, false, false, false, -1, 0});
  table.types.push_back(inner);

  model::Type outer;
  outer.name = "ns::Outer";
  outer.kind = model::Kind::Class;
  outer.language = model::Language::Cpp;
  outer.size = 24;
  outer.align = 8;
  outer.decl = model::Decl{"src/outer.h", 12};
  outer.unit = "src/outer.cpp";
  outer.fields.push_back({"_vptr", "int (**)(void)", 0, 64, 8, 8, false, false, true, false, -1, 0});
  outer.fields.push_back({"in", "inner", 64, 64, 4, 4, false, false, false, false, 0, 2});
  outer.fields.push_back({"flag", "unsigned int", 128, 3, 4, 4, true, false, false, false, -1, 0});
  outer.packed = true;
  outer.hasVirtualBases = true;
  table.types.push_back(outer);

  model::Type rust;
  rust.name = "core::option::Option<u8>";
  rust.kind = model::Kind::Enum;
  rust.language = model::Language::Rust;
  rust.size = 2;
  rust.align = 1;
  rust.discriminant = model::Discriminant{"<<tag>>", "u8", 0, 1, false};
  model::Variant none;
  none.name = "None";
  none.discriminant = model::DiscriminantValue{0, false};
  model::Variant some;
  some.name = "Some";
  some.discriminantRanges.push_back({{1, false}, {~std::uint64_t{0}, true}});
  some.fields.push_back({"0", "u8", 8, 8, 1, 1, false, false, false, false, -1, 0});
  rust.variants = {none, some};
  rust.underlyingType = "u8";
  table.types.push_back(rust);
  table.warnings = {"DIE at 0x10: something odd"};
  table.otherNames = {"a", "b"};
  return table;
}

const Identity kIdentity{"0123abcd", "4096:17:900:42"};

void expectSameField(const model::Field &a, const model::Field &b) {
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(a.typeName, b.typeName);
  EXPECT_EQ(a.bitOffset, b.bitOffset);
  EXPECT_EQ(a.bitSize, b.bitSize);
  EXPECT_EQ(a.byteSize, b.byteSize);
  EXPECT_EQ(a.align, b.align);
  EXPECT_EQ(a.bitField, b.bitField);
  EXPECT_EQ(a.base, b.base);
  EXPECT_EQ(a.artificial, b.artificial);
  EXPECT_EQ(a.virtualBase, b.virtualBase);
  EXPECT_EQ(a.typeIndex, b.typeIndex);
  EXPECT_EQ(a.arrayCount, b.arrayCount);
}

void expectSameType(const model::Type &a, const model::Type &b) {
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(a.kind, b.kind);
  EXPECT_EQ(a.language, b.language);
  EXPECT_EQ(a.size, b.size);
  EXPECT_EQ(a.align, b.align);
  ASSERT_EQ(a.decl.has_value(), b.decl.has_value());
  if (a.decl) {
    EXPECT_EQ(a.decl->file, b.decl->file);
    EXPECT_EQ(a.decl->line, b.decl->line);
  }
  EXPECT_EQ(a.unit, b.unit);
  ASSERT_EQ(a.fields.size(), b.fields.size());
  for (std::size_t i = 0; i < a.fields.size(); ++i) expectSameField(a.fields[i], b.fields[i]);
  ASSERT_EQ(a.variants.size(), b.variants.size());
  for (std::size_t i = 0; i < a.variants.size(); ++i) {
    EXPECT_EQ(a.variants[i].name, b.variants[i].name);
    ASSERT_EQ(a.variants[i].discriminant.has_value(), b.variants[i].discriminant.has_value());
    if (a.variants[i].discriminant) {
      EXPECT_EQ(a.variants[i].discriminant->bits, b.variants[i].discriminant->bits);
      EXPECT_EQ(a.variants[i].discriminant->isSigned, b.variants[i].discriminant->isSigned);
    }
    ASSERT_EQ(a.variants[i].discriminantRanges.size(), b.variants[i].discriminantRanges.size());
    for (std::size_t r = 0; r < a.variants[i].discriminantRanges.size(); ++r) {
      EXPECT_EQ(a.variants[i].discriminantRanges[r].first.bits, b.variants[i].discriminantRanges[r].first.bits);
      EXPECT_EQ(a.variants[i].discriminantRanges[r].second.isSigned, b.variants[i].discriminantRanges[r].second.isSigned);
    }
    ASSERT_EQ(a.variants[i].fields.size(), b.variants[i].fields.size());
    for (std::size_t f = 0; f < a.variants[i].fields.size(); ++f) expectSameField(a.variants[i].fields[f], b.variants[i].fields[f]);
  }
  ASSERT_EQ(a.discriminant.has_value(), b.discriminant.has_value());
  if (a.discriminant) {
    EXPECT_EQ(a.discriminant->name, b.discriminant->name);
    EXPECT_EQ(a.discriminant->typeName, b.discriminant->typeName);
    EXPECT_EQ(a.discriminant->bitOffset, b.discriminant->bitOffset);
    EXPECT_EQ(a.discriminant->byteSize, b.discriminant->byteSize);
    EXPECT_EQ(a.discriminant->isSigned, b.discriminant->isSigned);
  }
  EXPECT_EQ(a.underlyingType, b.underlyingType);
  EXPECT_EQ(a.packed, b.packed);
  EXPECT_EQ(a.hasVirtualBases, b.hasVirtualBases);
  EXPECT_EQ(a.selected, b.selected);
}

TEST(TypeIndex, RoundTripKeepsEveryValue) {
  Index index;
  index.complete = true;
  index.table = sampleTable();
  const std::string bytes = encodeIndex(kIdentity, index);
  auto decoded = decodeIndex(bytes, kIdentity);
  ASSERT_TRUE(decoded);
  EXPECT_TRUE(decoded->complete);
  ASSERT_EQ(decoded->table.types.size(), index.table.types.size());
  for (std::size_t i = 0; i < index.table.types.size(); ++i) expectSameType(index.table.types[i], decoded->table.types[i]);
  EXPECT_EQ(decoded->table.warnings, index.table.warnings);
  EXPECT_EQ(decoded->table.otherNames, index.table.otherNames);
}

TEST(TypeIndex, AStructQueryDecodesTheMatchesAndWhatTheyNest) {
  Index index;
  index.complete = true;
  index.table = sampleTable();
  auto decoded = decodeIndex(encodeIndex(kIdentity, index), kIdentity,
                             [](std::string_view name) { return name == "ns::Outer"; });
  ASSERT_TRUE(decoded);
  ASSERT_EQ(decoded->table.types.size(), 2u); // inner (nested, first) and ns::Outer
  EXPECT_EQ(decoded->table.types[0].name, "inner");
  EXPECT_FALSE(decoded->table.types[0].selected);
  EXPECT_EQ(decoded->table.types[1].name, "ns::Outer");
  EXPECT_TRUE(decoded->table.types[1].selected);
  EXPECT_EQ(decoded->table.types[1].fields[1].typeIndex, 0);
  // Every name the index knows, for the nearest-name hint.
  EXPECT_EQ(decoded->table.otherNames, (std::vector<std::string>{"a", "b", "core::option::Option<u8>", "ns::Outer"}));
}

TEST(TypeIndex, AnotherFileOrBuildIsNotRead) {
  Index index;
  index.table = sampleTable();
  const std::string bytes = encodeIndex(kIdentity, index);
  EXPECT_FALSE(decodeIndex(bytes, Identity{"0123abcd", "4096:18:900:42"}));
  EXPECT_FALSE(decodeIndex(bytes, Identity{"ffff", kIdentity.stamp}));
}

TEST(TypeIndex, DamagedBytesNeverDecode) {
  Index index;
  index.table = sampleTable();
  const std::string bytes = encodeIndex(kIdentity, index);
  for (std::size_t cut = 0; cut < bytes.size(); ++cut)
    EXPECT_FALSE(decodeIndex(std::string_view(bytes).substr(0, cut), kIdentity)) << "cut at " << cut;
  for (std::size_t at = 0; at < bytes.size(); ++at) {
    std::string damaged = bytes;
    damaged[at] = static_cast<char>(damaged[at] ^ 0x5a);
    EXPECT_FALSE(decodeIndex(damaged, kIdentity)) << "byte " << at << " changed";
  }
  EXPECT_FALSE(decodeIndex(bytes + "x", kIdentity));
}

} // namespace
} // namespace memlayout::cache
