// dwarf::readTypes on the built samples: exact layouts of the hard cases, every value checked against
// clang -Xclang -fdump-record-layouts and pahole 1.24 (-F dwarf), for gcc and clang, DWARF 4 and 5, with
// type units (.debug_types, DW_UT_type) and zlib/zstd-compressed sections, ELF32 and big-endian.
#include "reader_test_support.h"

#include <algorithm>

namespace memlayout::testing {
namespace {

using model::Field;
using model::Type;

// gtest names allow [A-Za-z0-9_] only: "c_gcc_dwarf5.o" → "c_gcc_dwarf5_o".
std::string testName(const ::testing::TestParamInfo<std::string> &param) {
  std::string name = param.param;
  std::replace(name.begin(), name.end(), '.', '_');
  return name;
}

class SampleTest : public SampleReaderTest {};

void expectField(const Field *field, std::uint64_t bitOffset, std::uint64_t bitSize, std::uint64_t byteSize) {
  ASSERT_NE(field, nullptr);
  EXPECT_EQ(field->bitOffset, bitOffset) << field->name;
  EXPECT_EQ(field->bitSize, bitSize) << field->name;
  EXPECT_EQ(field->byteSize, byteSize) << field->name;
}

// ---- C: samples/c/structs.h on x86-64 ----

using CSampleTest = SampleTest;

TEST_P(CSampleTest, BitFieldsStraddlingBytes) {
  const Type *type = onlyType(table(), "bitfield_straddles_bytes");
  ASSERT_NE(type, nullptr);
  EXPECT_EQ(type->size, 4u);
  EXPECT_EQ(type->align, 4u);
  // clang: 0:0-2 low, 0:3-9 middle, 1:2-13 wide, 2:6-6 flag, 3 tail.
  expectField(fieldNamed(*type, "low"), 0, 3, 4);
  expectField(fieldNamed(*type, "middle"), 3, 7, 4);
  expectField(fieldNamed(*type, "wide"), 10, 12, 4);
  expectField(fieldNamed(*type, "flag"), 22, 1, 4);
  expectField(fieldNamed(*type, "tail"), 24, 8, 1);
  EXPECT_TRUE(fieldNamed(*type, "wide")->bitField);
  EXPECT_FALSE(fieldNamed(*type, "tail")->bitField);
}

TEST_P(CSampleTest, BitFieldsOfMixedTypes) {
  // gcc's DWARF 4 writes these with DW_AT_bit_offset counted from each storage unit's MSB.
  const Type *type = onlyType(table(), "bitfield_mixed_types");
  ASSERT_NE(type, nullptr);
  EXPECT_EQ(type->size, 8u);
  EXPECT_EQ(type->align, 8u);
  expectField(fieldNamed(*type, "kind"), 0, 2, 1);
  expectField(fieldNamed(*type, "code"), 2, 9, 2);
  expectField(fieldNamed(*type, "big"), 11, 40, 8);
  expectField(fieldNamed(*type, "negative"), 51, 5, 4);
  EXPECT_EQ(fieldNamed(*type, "big")->typeName, "unsigned long long"); // gcc says "long long unsigned int"
}

TEST_P(CSampleTest, ZeroWidthBitFieldLeavesItsGap) {
  const Type *type = onlyType(table(), "bitfield_zero_width");
  ASSERT_NE(type, nullptr);
  EXPECT_EQ(type->fields.size(), 3u); // the unnamed `int : 0` is not in DWARF
  expectField(fieldNamed(*type, "a"), 0, 4, 4);
  expectField(fieldNamed(*type, "b"), 32, 4, 4);
  expectField(fieldNamed(*type, "c"), 40, 8, 1);
}

TEST_P(CSampleTest, PackedRecord) {
  const Type *type = onlyType(table(), "packed_record");
  ASSERT_NE(type, nullptr);
  EXPECT_EQ(type->size, 7u);
  EXPECT_EQ(type->align, 1u);
  EXPECT_TRUE(type->packed);
  expectField(fieldNamed(*type, "c"), 0, 8, 1);
  expectField(fieldNamed(*type, "i"), 8, 32, 4);
  expectField(fieldNamed(*type, "s"), 40, 16, 2);
  EXPECT_EQ(fieldNamed(*type, "i")->align, 4u); // the type's own alignment, which packing overrides
}

TEST_P(CSampleTest, Aligned64) {
  const Type *type = onlyType(table(), "aligned_64");
  ASSERT_NE(type, nullptr);
  EXPECT_EQ(type->size, 64u);
  EXPECT_EQ(type->align, 64u);
  EXPECT_FALSE(type->packed);
}

TEST_P(CSampleTest, NestedAnonymousMembers) {
  const Type *type = onlyType(table(), "nested_anonymous");
  ASSERT_NE(type, nullptr);
  EXPECT_EQ(type->size, 32u);
  EXPECT_EQ(type->align, 8u);
  ASSERT_EQ(type->fields.size(), 4u);
  const Field &anonymousUnion = type->fields[1];
  EXPECT_EQ(anonymousUnion.name, "");
  EXPECT_EQ(anonymousUnion.typeName, "union {...}");
  expectField(&anonymousUnion, 32, 32, 4);
  const Type *union_ = nested(table(), anonymousUnion);
  ASSERT_NE(union_, nullptr);
  EXPECT_EQ(union_->kind, model::Kind::Union);
  EXPECT_EQ(union_->name, "");
  EXPECT_FALSE(union_->selected);
  ASSERT_EQ(union_->fields.size(), 3u);
  EXPECT_EQ(union_->fields[2].typeName, "struct {...}");
  const Type *inner = nested(table(), union_->fields[2]);
  ASSERT_NE(inner, nullptr);
  expectField(fieldNamed(*inner, "high"), 16, 16, 2);
  const Field *namedInner = fieldNamed(*type, "named_inner");
  expectField(namedInner, 64, 128, 16);
  EXPECT_EQ(namedInner->typeName, "struct {...}");
  expectField(fieldNamed(*type, "last"), 192, 8, 1);
}

TEST_P(CSampleTest, FlexibleAndZeroLengthArrays) {
  const Type *flexible = onlyType(table(), "flexible_array");
  ASSERT_NE(flexible, nullptr);
  EXPECT_EQ(flexible->size, 16u);
  const Field *data = fieldNamed(*flexible, "data");
  expectField(data, 96, 0, 0);
  EXPECT_EQ(data->typeName, "int[]");
  EXPECT_EQ(data->align, 4u);
  EXPECT_EQ(fieldNamed(*flexible, "length")->typeName, "size_t");
  const Type *zero = onlyType(table(), "zero_length_array");
  ASSERT_NE(zero, nullptr);
  EXPECT_EQ(zero->size, 4u);
  const Field *name = fieldNamed(*zero, "name");
  expectField(name, 32, 0, 0);
  EXPECT_EQ(name->typeName, "char[0]");
}

TEST_P(CSampleTest, ArrayOfStructsNestsTheElementType) {
  const Type *polygon = onlyType(table(), "polygon");
  ASSERT_NE(polygon, nullptr);
  EXPECT_EQ(polygon->size, 56u);
  const Field *vertices = fieldNamed(*polygon, "vertices");
  expectField(vertices, 32, 320, 40);
  EXPECT_EQ(vertices->typeName, "point[5]");
  EXPECT_EQ(vertices->arrayCount, 5u);
  const Type *point = nested(table(), *vertices);
  ASSERT_NE(point, nullptr);
  EXPECT_EQ(point->name, "point");
  EXPECT_TRUE(point->selected);
}

TEST_P(CSampleTest, TypedefNamesAnonymousStruct) {
  const Type *event = onlyType(table(), "event_t");
  ASSERT_NE(event, nullptr);
  EXPECT_EQ(event->size, 24u);
  expectField(fieldNamed(*event, "stamp"), 64, 64, 8);
  const Type *node = onlyType(table(), "list_node");
  ASSERT_NE(node, nullptr);
  EXPECT_EQ(fieldNamed(*node, "next")->typeName, "list_node_t *");
}

TEST_P(CSampleTest, EnumeratorsWithSignedValues) {
  const Type *color = onlyType(table(), "color");
  ASSERT_NE(color, nullptr);
  EXPECT_EQ(color->kind, model::Kind::Enum);
  EXPECT_EQ(color->size, 4u);
  EXPECT_EQ(color->align, 4u);
  EXPECT_EQ(color->underlyingType, "int");
  ASSERT_EQ(color->variants.size(), 3u);
  EXPECT_EQ(color->variants[2].name, "COLOR_BLUE");
  ASSERT_TRUE(color->variants[2].discriminant);
  EXPECT_TRUE(color->variants[2].discriminant->isSigned);
  EXPECT_EQ(color->variants[2].discriminant->asSigned(), -1);
  EXPECT_EQ(color->variants[1].discriminant->asSigned(), 5);
}

TEST_P(CSampleTest, LanguageDeclAndNoWarnings) {
  const Type *type = onlyType(table(), "hole_char_int_double");
  ASSERT_NE(type, nullptr);
  EXPECT_EQ(type->language, model::Language::C);
  ASSERT_TRUE(type->decl);
  EXPECT_EQ(type->decl->file, "samples/c/structs.h");
  EXPECT_GT(type->decl->line, 0u);
  EXPECT_TRUE(table().warnings.empty()) << table().warnings.front();
  // Identical layouts from several units, or from a type unit and its users, appear once.
  EXPECT_EQ(typesNamed(table(), "point").size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Readers, CSampleTest,
                         ::testing::Values("c_gcc_dwarf4", "c_gcc_dwarf5", "c_clang_dwarf4", "c_clang_dwarf5",
                                           "c_gcc_dwarf4_types", "c_gcc_dwarf5_types", "c_gcc_dwarf5_zlib",
                                           "c_gcc_dwarf5_zstd", "c_clang_dwarf5_zlib", "c_clang_dwarf5_zstd",
                                           "c_gcc_dwarf5.o", "c_gcc_static"),
                         testName);

// ---- C++: samples/cpp/classes.cpp on x86-64 ----

using CppSampleTest = SampleTest;

TEST_P(CppSampleTest, DiamondVirtualBasePlacedByTheAbi) {
  // clang: Left at 0 (nvsize 12), Right at 16, own at 28, VirtualBase (virtual base) at 32; 40 bytes.
  const Type *diamond = onlyType(table(), "Diamond");
  ASSERT_NE(diamond, nullptr);
  EXPECT_EQ(diamond->size, 40u);
  EXPECT_EQ(diamond->align, 8u);
  EXPECT_TRUE(diamond->hasVirtualBases);
  ASSERT_EQ(diamond->fields.size(), 4u);
  const Field &left = diamond->fields[0], &right = diamond->fields[1], &virtualBase = diamond->fields[3];
  EXPECT_TRUE(left.base);
  EXPECT_FALSE(left.virtualBase);
  EXPECT_EQ(left.typeName, "Left");
  expectField(&left, 0, 96, 16); // a base with virtual bases covers its nvsize only
  expectField(&right, 128, 96, 16);
  expectField(fieldNamed(*diamond, "own"), 224, 32, 4);
  EXPECT_TRUE(virtualBase.base);
  EXPECT_TRUE(virtualBase.virtualBase);
  EXPECT_EQ(virtualBase.typeName, "VirtualBase");
  expectField(&virtualBase, 256, 32, 4);

  const Type *leftType = onlyType(table(), "Left");
  ASSERT_NE(leftType, nullptr);
  EXPECT_TRUE(leftType->hasVirtualBases);
  const Field &direct = leftType->fields[0];
  EXPECT_TRUE(direct.virtualBase);
  expectField(&direct, 96, 32, 4); // clang: VirtualBase (virtual base) at 12 in a complete Left
}

TEST_P(CppSampleTest, TailPaddingReuse) {
  const Type *type = onlyType(table(), "ReusesTailPadding");
  ASSERT_NE(type, nullptr);
  EXPECT_EQ(type->kind, model::Kind::Class);
  EXPECT_EQ(type->size, 8u);
  EXPECT_EQ(type->align, 4u);
  ASSERT_EQ(type->fields.size(), 2u);
  EXPECT_TRUE(type->fields[0].base);
  expectField(&type->fields[0], 0, 64, 8);
  expectField(fieldNamed(*type, "extra"), 40, 8, 1);
  EXPECT_FALSE(type->packed);
}

TEST_P(CppSampleTest, NoUniqueAddressAndEmptyBase) {
  const Type *type = onlyType(table(), "WithNoUniqueAddress");
  ASSERT_NE(type, nullptr);
  EXPECT_EQ(type->size, 4u);
  expectField(fieldNamed(*type, "empty"), 0, 8, 1);
  expectField(fieldNamed(*type, "value"), 0, 32, 4);
  const Type *ebo = onlyType(table(), "EmptyBaseOptimized");
  ASSERT_NE(ebo, nullptr);
  EXPECT_EQ(ebo->size, 4u);
  EXPECT_TRUE(ebo->fields[0].base);
}

TEST_P(CppSampleTest, TemplatesAndNamespacesHaveQualifiedNames) {
  const Type *pair = onlyType(table(), "ns::Pair<int, long>"); // gcc writes "Pair<int, long int>"
  ASSERT_NE(pair, nullptr);
  EXPECT_EQ(pair->size, 16u);
  expectField(fieldNamed(*pair, "second"), 64, 64, 8);
  EXPECT_EQ(fieldNamed(*pair, "second")->typeName, "long");
  const Type *vec = onlyType(table(), "ns::Vec<int>");
  ASSERT_NE(vec, nullptr);
  EXPECT_EQ(vec->kind, model::Kind::Class);
  EXPECT_EQ(vec->size, 24u);
  EXPECT_EQ(fieldNamed(*vec, "data_")->typeName, "int *");
  EXPECT_NE(onlyType(table(), "geo::detail::Extent"), nullptr);
  EXPECT_NE(onlyType(table(), "Outer::Inner"), nullptr);
  const Type *kind = onlyType(table(), "Variant::Kind");
  ASSERT_NE(kind, nullptr);
  EXPECT_EQ(kind->underlyingType, "unsigned char");
  ASSERT_EQ(kind->variants.size(), 3u);
  EXPECT_FALSE(kind->variants[2].discriminant->isSigned);
  EXPECT_EQ(kind->variants[2].discriminant->bits, 2u);
}

TEST_P(CppSampleTest, StaticMemberIsNotAField) {
  const Type *counter = onlyType(table(), "Counter");
  ASSERT_NE(counter, nullptr);
  ASSERT_EQ(counter->fields.size(), 1u);
  EXPECT_EQ(counter->fields[0].name, "value");
}

TEST_P(CppSampleTest, VtablePointerIsArtificial) {
  const Type *shape = onlyType(table(), "Shape");
  ASSERT_NE(shape, nullptr);
  EXPECT_EQ(shape->size, 16u);
  ASSERT_FALSE(shape->fields.empty());
  const Field &vptr = shape->fields[0];
  EXPECT_TRUE(vptr.artificial);
  EXPECT_TRUE(vptr.name == "_vptr.Shape" || vptr.name == "_vptr$Shape") << vptr.name;
  expectField(&vptr, 0, 64, 8);
  const Type *circle = onlyType(table(), "Circle");
  ASSERT_NE(circle, nullptr);
  expectField(&circle->fields[0], 0, 128, 16);
  EXPECT_FALSE(circle->hasVirtualBases);
}

TEST_P(CppSampleTest, AnonymousStructInsideAnonymousUnion) {
  const Type *rgba = onlyType(table(), "Rgba");
  ASSERT_NE(rgba, nullptr);
  ASSERT_EQ(rgba->fields.size(), 1u);
  const Type *union_ = nested(table(), rgba->fields[0]);
  ASSERT_NE(union_, nullptr);
  const Type *bytes = nested(table(), union_->fields[0]);
  ASSERT_NE(bytes, nullptr);
  expectField(fieldNamed(*bytes, "a"), 24, 8, 1);
  EXPECT_EQ(onlyType(table(), "CppStatus")->size, 8u); // named by its typedef
  EXPECT_TRUE(table().warnings.empty());
}

INSTANTIATE_TEST_SUITE_P(Readers, CppSampleTest,
                         ::testing::Values("cpp_gcc_dwarf4", "cpp_gcc_dwarf5", "cpp_clang_dwarf4", "cpp_clang_dwarf5",
                                           "cpp_gcc_dwarf4_types", "cpp_gcc_dwarf5_types", "cpp_clang_dwarf4_types",
                                           "cpp_clang_dwarf5_types", "cpp_gcc_dwarf5_zlib", "cpp_gcc_dwarf5_zstd",
                                           "cpp_clang_dwarf5_zlib", "cpp_clang_dwarf5_zstd"));

// ---- other ABIs ----

using I386SampleTest = SampleTest;

TEST_P(I386SampleTest, DoubleAndLongLongAreFourAlignedInStructs) {
  const Type *holes = onlyType(table(), "hole_char_int_double");
  ASSERT_NE(holes, nullptr);
  EXPECT_EQ(holes->size, 20u);
  EXPECT_EQ(holes->align, 4u);
  expectField(fieldNamed(*holes, "x"), 96, 64, 8);
  EXPECT_EQ(fieldNamed(*holes, "x")->align, 4u);
  const Type *event = onlyType(table(), "event_t");
  ASSERT_NE(event, nullptr);
  EXPECT_EQ(event->size, 16u);
  expectField(fieldNamed(*event, "stamp"), 32, 64, 8);
  const Type *node = onlyType(table(), "list_node");
  ASSERT_NE(node, nullptr);
  expectField(fieldNamed(*node, "next"), 0, 32, 4);
  EXPECT_EQ(onlyType(table(), "aligned_64")->align, 64u);
}

INSTANTIATE_TEST_SUITE_P(Readers, I386SampleTest, ::testing::Values("c_gcc_i386.o", "c_clang_i386.o"),
                         testName);

TEST(BigEndianSample, PowerPcWideIsEightAligned) {
  for (const char *name : {"tiny_ppc.o", "tiny_ppc64.o"}) {
    auto path = samplePath(name);
    if (!path) continue;
    auto read = readSample(*path);
    ASSERT_TRUE(read);
    const Type *wide = onlyType(read->table, "tiny_wide");
    ASSERT_NE(wide, nullptr);
    EXPECT_EQ(wide->size, 32u) << name;
    EXPECT_EQ(wide->align, 8u) << name;
    expectField(fieldNamed(*wide, "ll"), 64, 64, 8);
  }
}

// ---- queries ----

TEST(TypeQuery, BuildsOnlyWantedTypesAndWhatTheyNest) {
  auto path = samplePath("c_gcc_dwarf5");
  if (!path) GTEST_SKIP() << "c_gcc_dwarf5 is not built here";
  dwarf::TypeQuery query;
  query.wants = [](std::string_view name) { return name == "polygon"; };
  auto read = readSample(*path, query);
  ASSERT_TRUE(read);
  const auto &table = read->table;
  ASSERT_EQ(table.types.size(), 2u); // polygon, and point which it nests
  EXPECT_NE(onlyType(table, "polygon"), nullptr);
  EXPECT_TRUE(typesNamed(table, "point").empty()); // present, but not selected
  EXPECT_TRUE(std::is_sorted(table.otherNames.begin(), table.otherNames.end()));
  EXPECT_TRUE(std::binary_search(table.otherNames.begin(), table.otherNames.end(), "hole_char_int_double"));
  EXPECT_TRUE(std::binary_search(table.otherNames.begin(), table.otherNames.end(), "event_t"));
  EXPECT_EQ(std::adjacent_find(table.otherNames.begin(), table.otherNames.end()), table.otherNames.end());
}

TEST(TypeQuery, VirtualBaseOfAWantedClassIsBuiltToo) {
  auto path = samplePath("cpp_clang_dwarf5");
  if (!path) GTEST_SKIP() << "cpp_clang_dwarf5 is not built here";
  dwarf::TypeQuery query;
  query.wants = [](std::string_view name) { return name == "Diamond"; };
  auto read = readSample(*path, query);
  ASSERT_TRUE(read);
  const Type *diamond = onlyType(read->table, "Diamond");
  ASSERT_NE(diamond, nullptr);
  EXPECT_EQ(diamond->fields[3].bitOffset, 256u);
}

} // namespace
} // namespace memlayout::testing
