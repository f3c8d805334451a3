// dwarf::readTypes on the Rust samples (samples/rust/samples.rs, rustc, DWARF 4 and 5): enums with data
// (tag and niche), fieldless enums, tuples, reprs, fat pointers, closures and an async fn's states.
// Every size, offset and variant was checked against `RUSTC_BOOTSTRAP=1 rustc -Zprint-type-sizes` on
// the same source and flags (rustc 1.95), and each discriminant value against llvm-dwarfdump.
#include "reader_test_support.h"

#include <algorithm>
#include <cstdint>

namespace memlayout::testing {
namespace {

using model::Field;
using model::Kind;
using model::Type;
using model::Variant;

class RustSampleTest : public SampleReaderTest {};

// A field as (name, type, byte offset, byte size).
void expectField(const Field &field, const std::string &name, const std::string &typeName, std::uint64_t offset,
                 std::uint64_t size) {
  EXPECT_EQ(field.name, name);
  EXPECT_EQ(field.typeName, typeName) << name;
  EXPECT_EQ(field.bitOffset, offset * 8) << name;
  EXPECT_EQ(field.byteSize, size) << name;
  EXPECT_EQ(field.bitSize, size * 8) << name;
  EXPECT_FALSE(field.bitField) << name;
}

const Variant *variantNamed(const Type &type, const std::string &name) {
  for (const auto &variant : type.variants)
    if (variant.name == name) return &variant;
  ADD_FAILURE() << type.name << " has no variant " << name;
  return nullptr;
}

void expectValue(const Variant *variant, std::uint64_t bits) {
  ASSERT_NE(variant, nullptr);
  ASSERT_TRUE(variant->discriminant) << variant->name;
  EXPECT_EQ(variant->discriminant->bits, bits) << variant->name;
  EXPECT_TRUE(variant->discriminantRanges.empty()) << variant->name;
}

void expectNiche(const Variant *variant) { // the variant with no value: the one that owns the niche
  ASSERT_NE(variant, nullptr);
  EXPECT_FALSE(variant->discriminant) << variant->name;
  EXPECT_TRUE(variant->discriminantRanges.empty()) << variant->name;
}

void expectDiscriminant(const Type &type, std::uint64_t offset, std::uint64_t size, const std::string &typeName) {
  ASSERT_TRUE(type.discriminant) << type.name;
  EXPECT_EQ(type.discriminant->bitOffset, offset * 8) << type.name;
  EXPECT_EQ(type.discriminant->byteSize, size) << type.name;
  EXPECT_EQ(type.discriminant->typeName, typeName) << type.name;
  EXPECT_FALSE(type.discriminant->isSigned) << type.name;
}

const Type *rustEnum(const model::TypeTable &table, const std::string &name, std::uint64_t size, std::uint64_t align) {
  const Type *type = onlyType(table, name);
  if (!type) return nullptr;
  EXPECT_EQ(type->kind, Kind::Enum) << name;
  EXPECT_EQ(type->language, model::Language::Rust) << name;
  EXPECT_EQ(type->size, size) << name;
  EXPECT_EQ(type->align, align) << name;
  EXPECT_TRUE(type->fields.empty()) << name; // everything lives in the variants
  return type;
}

// ---- enums with data ----

TEST_P(RustSampleTest, MessageKeepsItsTagInTheNicheOfStringsCapacity) {
  // print-type-sizes: 24 bytes, no discriminant line; Write 24 (.0), ChangeColor .0 .1 .2 after 8 bytes
  // of padding, Move .x .y after 8, Quit 0.
  const Type *message = rustEnum(table(), "samples::Message", 24, 8);
  ASSERT_NE(message, nullptr);
  expectDiscriminant(*message, 0, 8, "u64");
  EXPECT_EQ(message->discriminant->name, ""); // rustc's tag member is artificial and nameless
  ASSERT_EQ(message->variants.size(), 4u);
  EXPECT_EQ(message->variants[0].name, "Quit");
  expectValue(&message->variants[0], 0x8000000000000000u);
  EXPECT_TRUE(message->variants[0].fields.empty());
  const Variant *move = variantNamed(*message, "Move");
  expectValue(move, 0x8000000000000001u);
  ASSERT_EQ(move->fields.size(), 2u);
  expectField(move->fields[0], "x", "i32", 8, 4);
  expectField(move->fields[1], "y", "i32", 12, 4);
  const Variant *write = variantNamed(*message, "Write");
  expectNiche(write);
  ASSERT_EQ(write->fields.size(), 1u);
  expectField(write->fields[0], "0", "alloc::string::String", 0, 24);
  const Type *string = nested(table(), write->fields[0]);
  ASSERT_NE(string, nullptr);
  EXPECT_EQ(string->name, "alloc::string::String");
  const Variant *color = variantNamed(*message, "ChangeColor");
  expectValue(color, 0x8000000000000003u);
  ASSERT_EQ(color->fields.size(), 3u);
  expectField(color->fields[0], "0", "i32", 8, 4);
  expectField(color->fields[1], "1", "i32", 12, 4);
  expectField(color->fields[2], "2", "i32", 16, 4);
}

TEST_P(RustSampleTest, PerVariantStructsAreNotTypesOfTheirOwn) {
  for (const Type &type : table().types)
    for (const char *name :
         {"samples::Message::Quit", "samples::Message::Write", "samples::E::A", "samples::NicheInNested::A",
          "core::option::Option<bool>::Some", "core::option::Option<bool>::None",
          "core::result::Result<u32, alloc::string::String>::Ok",
          "samples::add_after_yield::{async_fn_env#0}::Unresumed",
          "samples::add_after_yield::{async_fn_env#0}::Suspend0"})
      EXPECT_NE(type.name, name);
}

TEST_P(RustSampleTest, OptionBoxIsTheNullPointer) {
  const Type *option = rustEnum(table(), "core::option::Option<alloc::boxed::Box<i32, alloc::alloc::Global>>", 8, 8);
  ASSERT_NE(option, nullptr);
  expectDiscriminant(*option, 0, 8, "u64");
  ASSERT_EQ(option->variants.size(), 2u);
  expectValue(variantNamed(*option, "None"), 0);
  const Variant *some = variantNamed(*option, "Some");
  expectNiche(some);
  ASSERT_EQ(some->fields.size(), 1u);
  expectField(some->fields[0], "0", "alloc::boxed::Box<i32, alloc::alloc::Global>", 0, 8);
}

TEST_P(RustSampleTest, OptionBoolAndCharUseTheirInvalidValues) {
  const Type *optionBool = rustEnum(table(), "core::option::Option<bool>", 1, 1);
  ASSERT_NE(optionBool, nullptr);
  expectDiscriminant(*optionBool, 0, 1, "u8");
  expectValue(variantNamed(*optionBool, "None"), 2);
  const Variant *someBool = variantNamed(*optionBool, "Some");
  expectNiche(someBool);
  ASSERT_EQ(someBool->fields.size(), 1u);
  expectField(someBool->fields[0], "0", "bool", 0, 1);

  const Type *optionChar = rustEnum(table(), "core::option::Option<char>", 4, 4);
  ASSERT_NE(optionChar, nullptr);
  expectDiscriminant(*optionChar, 0, 4, "u32");
  expectValue(variantNamed(*optionChar, "None"), 0x110000);
  const Variant *someChar = variantNamed(*optionChar, "Some");
  expectNiche(someChar);
  ASSERT_EQ(someChar->fields.size(), 1u);
  expectField(someChar->fields[0], "0", "char", 0, 4);
}

TEST_P(RustSampleTest, OptionOfReferenceNonZeroAndVec) {
  const Type *reference = rustEnum(table(), "core::option::Option<&u8>", 8, 8);
  ASSERT_NE(reference, nullptr);
  expectDiscriminant(*reference, 0, 8, "u64");
  expectValue(variantNamed(*reference, "None"), 0);
  const Variant *someReference = variantNamed(*reference, "Some");
  expectNiche(someReference);
  ASSERT_EQ(someReference->fields.size(), 1u);
  expectField(someReference->fields[0], "0", "&u8", 0, 8);

  const Type *nonZero = rustEnum(table(), "core::option::Option<core::num::nonzero::NonZero<u32>>", 4, 4);
  ASSERT_NE(nonZero, nullptr);
  expectDiscriminant(*nonZero, 0, 4, "u32");
  expectValue(variantNamed(*nonZero, "None"), 0);
  const Variant *someNonZero = variantNamed(*nonZero, "Some");
  expectNiche(someNonZero);
  ASSERT_EQ(someNonZero->fields.size(), 1u);
  expectField(someNonZero->fields[0], "0", "core::num::nonzero::NonZero<u32>", 0, 4);
  EXPECT_NE(nested(table(), someNonZero->fields[0]), nullptr);

  const Type *vec = rustEnum(table(), "core::option::Option<alloc::vec::Vec<u8, alloc::alloc::Global>>", 24, 8);
  ASSERT_NE(vec, nullptr);
  expectDiscriminant(*vec, 0, 8, "u64");
  expectValue(variantNamed(*vec, "None"), 0x8000000000000000u);
  const Variant *someVec = variantNamed(*vec, "Some");
  expectNiche(someVec);
  ASSERT_EQ(someVec->fields.size(), 1u);
  expectField(someVec->fields[0], "0", "alloc::vec::Vec<u8, alloc::alloc::Global>", 0, 24);
}

TEST_P(RustSampleTest, ResultOfU32AndString) {
  // print-type-sizes: Err 24 (.0), Ok 12 (8 bytes of padding, then .0).
  const Type *result = rustEnum(table(), "core::result::Result<u32, alloc::string::String>", 24, 8);
  ASSERT_NE(result, nullptr);
  expectDiscriminant(*result, 0, 8, "u64");
  const Variant *ok = variantNamed(*result, "Ok");
  expectValue(ok, 0x8000000000000000u);
  ASSERT_EQ(ok->fields.size(), 1u);
  expectField(ok->fields[0], "0", "u32", 8, 4);
  const Variant *err = variantNamed(*result, "Err");
  expectNiche(err);
  ASSERT_EQ(err->fields.size(), 1u);
  expectField(err->fields[0], "0", "alloc::string::String", 0, 24);
}

TEST_P(RustSampleTest, EnumWithBoolPayloadHasATag) {
  // rustc 1.95 picks a 1-byte tag at 0 over the bool's niche: print-type-sizes says discriminant 1
  // byte, A: .1 (1 byte), 2 bytes padding, .0 (4 bytes); B and C 0 bytes.
  const Type *e = rustEnum(table(), "samples::E", 8, 4);
  ASSERT_NE(e, nullptr);
  expectDiscriminant(*e, 0, 1, "u8");
  ASSERT_EQ(e->variants.size(), 3u);
  const Variant *a = variantNamed(*e, "A");
  expectValue(a, 0);
  ASSERT_EQ(a->fields.size(), 2u);
  expectField(a->fields[0], "0", "u32", 4, 4);
  expectField(a->fields[1], "1", "bool", 1, 1);
  expectValue(variantNamed(*e, "B"), 1);
  expectValue(variantNamed(*e, "C"), 2);
  EXPECT_TRUE(variantNamed(*e, "B")->fields.empty());
}

TEST_P(RustSampleTest, AsyncFnFutureIsAnEnumOfItsStates) {
  // print-type-sizes: 32 bytes, discriminant 1 byte; Unresumed, Returned and Panicked hold the upvars b
  // at 0 and a at 16; Suspend0 25 bytes: upvar b at 0, local b (the argument moved into the body) at 8,
  // upvar a at 16, kept at 20 and the awaited YieldOnce at 24. rustc's DWARF lists Suspend0's b twice,
  // both at 8; the reader puts the upvar back where Unresumed has it.
  const Type *future = rustEnum(table(), "samples::add_after_yield::{async_fn_env#0}", 32, 8);
  ASSERT_NE(future, nullptr);
  expectDiscriminant(*future, 25, 1, "u8");
  EXPECT_EQ(future->discriminant->name, "__state");
  ASSERT_EQ(future->variants.size(), 4u);
  for (const char *name : {"Unresumed", "Returned", "Panicked"}) {
    const Variant *state = variantNamed(*future, name);
    ASSERT_NE(state, nullptr);
    ASSERT_EQ(state->fields.size(), 2u) << name;
    expectField(state->fields[0], "a", "u32", 16, 4);
    expectField(state->fields[1], "b", "u64", 0, 8);
  }
  expectValue(variantNamed(*future, "Unresumed"), 0);
  expectValue(variantNamed(*future, "Returned"), 1);
  expectValue(variantNamed(*future, "Panicked"), 2);
  const Variant *suspended = variantNamed(*future, "Suspend0");
  expectValue(suspended, 3);
  ASSERT_EQ(suspended->fields.size(), 5u);
  expectField(suspended->fields[0], "b", "u64", 8, 8);
  expectField(suspended->fields[1], "kept", "u32", 20, 4);
  expectField(suspended->fields[2], "__awaitee", "samples::YieldOnce", 24, 1);
  expectField(suspended->fields[3], "a", "u32", 16, 4);
  expectField(suspended->fields[4], "b", "u64", 0, 8);
  const Type *awaited = nested(table(), suspended->fields[2]);
  ASSERT_NE(awaited, nullptr);
  EXPECT_EQ(awaited->name, "samples::YieldOnce");
}

TEST_P(RustSampleTest, NicheInANestedField) {
  // print-type-sizes: 8 bytes, no discriminant line, A.0 8 bytes; DWARF: B and C are 2 and 3 in the
  // byte at 4, A.0.flag.
  const Type *niche = rustEnum(table(), "samples::NicheInNested", 8, 4);
  ASSERT_NE(niche, nullptr);
  expectDiscriminant(*niche, 4, 1, "u8");
  const Variant *a = variantNamed(*niche, "A");
  expectNiche(a);
  ASSERT_EQ(a->fields.size(), 1u);
  expectField(a->fields[0], "0", "samples::Flagged", 0, 8);
  const Type *flagged = nested(table(), a->fields[0]);
  ASSERT_NE(flagged, nullptr);
  EXPECT_EQ(fieldNamed(*flagged, "flag")->bitOffset, 32u);
  expectValue(variantNamed(*niche, "B"), 2);
  expectValue(variantNamed(*niche, "C"), 3);
}

TEST_P(RustSampleTest, ReprU8EnumWithDataHasATag) {
  // print-type-sizes: discriminant 1 byte; Int: 3 bytes of padding, .0 (4); Byte: .0 (1); Empty 0.
  const Type *data = rustEnum(table(), "samples::ReprU8Data", 8, 4);
  ASSERT_NE(data, nullptr);
  expectDiscriminant(*data, 0, 1, "u8");
  const Variant *integer = variantNamed(*data, "Int");
  expectValue(integer, 0);
  ASSERT_EQ(integer->fields.size(), 1u);
  expectField(integer->fields[0], "0", "u32", 4, 4);
  const Variant *byte = variantNamed(*data, "Byte");
  expectValue(byte, 1);
  ASSERT_EQ(byte->fields.size(), 1u);
  expectField(byte->fields[0], "0", "u8", 1, 1);
  expectValue(variantNamed(*data, "Empty"), 2);
}

TEST_P(RustSampleTest, FutureHoldingABufferAcrossAnAwait) {
  // print-type-sizes: 1027 bytes, align 1, discriminant 1 byte; Suspend0 1026 bytes: fill, the 1 KiB
  // buffer and the awaited YieldOnce; the other states hold only fill.
  const Type *future = rustEnum(table(), "samples::buffered_sum::{async_fn_env#0}", 1027, 1);
  ASSERT_NE(future, nullptr);
  expectDiscriminant(*future, 0, 1, "u8");
  EXPECT_EQ(future->discriminant->name, "__state");
  const Variant *suspended = variantNamed(*future, "Suspend0");
  expectValue(suspended, 3);
  ASSERT_EQ(suspended->fields.size(), 3u);
  expectField(suspended->fields[0], "buffer", "[u8; 1024]", 2, 1024);
  EXPECT_EQ(suspended->fields[0].arrayCount, 1024u);
  expectField(suspended->fields[1], "__awaitee", "samples::YieldOnce", 1026, 1);
  expectField(suspended->fields[2], "fill", "u8", 1, 1);
  const Variant *unresumed = variantNamed(*future, "Unresumed");
  expectValue(unresumed, 0);
  ASSERT_EQ(unresumed->fields.size(), 1u);
  expectField(unresumed->fields[0], "fill", "u8", 1, 1);
}

TEST_P(RustSampleTest, OptionOfFieldlessEnumUsesItsFirstUnusedValue) {
  const Type *option = rustEnum(table(), "core::option::Option<samples::Direction>", 1, 1);
  ASSERT_NE(option, nullptr);
  expectDiscriminant(*option, 0, 1, "u8");
  expectValue(variantNamed(*option, "None"), 3);
  const Variant *some = variantNamed(*option, "Some");
  expectNiche(some);
  ASSERT_EQ(some->fields.size(), 1u);
  expectField(some->fields[0], "0", "samples::Direction", 0, 1);
  const Type *direction = nested(table(), some->fields[0]); // its unused values are the niche
  ASSERT_NE(direction, nullptr);
  EXPECT_EQ(direction->kind, Kind::Enum);
  EXPECT_EQ(direction->variants.size(), 3u);
}

// ---- fieldless enums ----

TEST_P(RustSampleTest, FieldlessEnumsWithReprAndImplicitValues) {
  const Type *gaps = onlyType(table(), "samples::ReprU8Gaps");
  ASSERT_NE(gaps, nullptr);
  EXPECT_EQ(gaps->kind, Kind::Enum);
  EXPECT_EQ(gaps->size, 1u);
  EXPECT_EQ(gaps->align, 1u);
  EXPECT_EQ(gaps->underlyingType, "u8");
  EXPECT_FALSE(gaps->discriminant); // the enum is its own discriminant
  ASSERT_EQ(gaps->variants.size(), 4u);
  expectValue(variantNamed(*gaps, "Low"), 1);
  expectValue(variantNamed(*gaps, "Two"), 2);
  expectValue(variantNamed(*gaps, "Mid"), 5);
  expectValue(variantNamed(*gaps, "High"), 200);
  EXPECT_FALSE(gaps->variants[3].discriminant->isSigned);

  const Type *negative = onlyType(table(), "samples::ReprI8Negative");
  ASSERT_NE(negative, nullptr);
  EXPECT_EQ(negative->size, 1u);
  EXPECT_EQ(negative->underlyingType, "i8");
  const Variant *minusThree = variantNamed(*negative, "MinusThree");
  ASSERT_NE(minusThree, nullptr);
  ASSERT_TRUE(minusThree->discriminant);
  EXPECT_TRUE(minusThree->discriminant->isSigned);
  EXPECT_EQ(minusThree->discriminant->asSigned(), -3);
  EXPECT_EQ(minusThree->discriminant->bits, 0xfffffffffffffffdu);
  EXPECT_EQ(variantNamed(*negative, "MinusTwo")->discriminant->asSigned(), -2);
  EXPECT_EQ(variantNamed(*negative, "Seven")->discriminant->asSigned(), 7);
  EXPECT_EQ(variantNamed(*negative, "Eight")->discriminant->asSigned(), 8);

  const Type *wide = onlyType(table(), "samples::ReprI32Wide");
  ASSERT_NE(wide, nullptr);
  EXPECT_EQ(wide->size, 4u);
  EXPECT_EQ(wide->align, 4u);
  EXPECT_EQ(wide->underlyingType, "i32");
  EXPECT_EQ(variantNamed(*wide, "Negative")->discriminant->asSigned(), -70000);
  EXPECT_EQ(variantNamed(*wide, "NextImplicit")->discriminant->asSigned(), -69999);
  EXPECT_EQ(variantNamed(*wide, "Big")->discriminant->asSigned(), 100000);
  EXPECT_TRUE(variantNamed(*wide, "Big")->discriminant->isSigned);

  const Type *direction = onlyType(table(), "samples::Direction");
  ASSERT_NE(direction, nullptr);
  EXPECT_EQ(direction->size, 1u);
  ASSERT_EQ(direction->variants.size(), 3u);
  for (std::uint64_t i = 0; i < 3; ++i) expectValue(&direction->variants[i], i);
}

TEST_P(RustSampleTest, SixteenByteValuesWrittenAsBlocks) {
  // rustc writes u128 values as 16-byte DW_FORM_block1 constants.
  const Type *wide = onlyType(table(), "samples::ReprU128");
  ASSERT_NE(wide, nullptr);
  EXPECT_EQ(wide->size, 16u);
  EXPECT_EQ(wide->underlyingType, "u128");
  expectValue(variantNamed(*wide, "Small"), 1);
  expectValue(variantNamed(*wide, "Large"), std::uint64_t{1} << 40);

  const Type *option = rustEnum(table(), "core::option::Option<core::num::nonzero::NonZero<u128>>", 16, 16);
  ASSERT_NE(option, nullptr);
  expectDiscriminant(*option, 0, 16, "u128");
  expectValue(variantNamed(*option, "None"), 0);
  const Variant *some = variantNamed(*option, "Some");
  expectNiche(some);
  ASSERT_EQ(some->fields.size(), 1u);
  expectField(some->fields[0], "0", "core::num::nonzero::NonZero<u128>", 0, 16);
}

TEST_P(RustSampleTest, FieldOfFieldlessEnumTypeNestsIt) {
  // core::ptr::Alignment wraps a fieldless enum whose unused values are Option<Layout>'s niche.
  const Type *alignment = onlyType(table(), "core::ptr::alignment::Alignment");
  ASSERT_NE(alignment, nullptr);
  ASSERT_EQ(alignment->fields.size(), 1u);
  const Type *inner = nested(table(), alignment->fields[0]);
  ASSERT_NE(inner, nullptr);
  EXPECT_EQ(inner->kind, Kind::Enum);
  EXPECT_EQ(inner->name, "core::ptr::alignment::AlignmentEnum");
  EXPECT_FALSE(inner->variants.empty());
}

// ---- structs, tuples, reprs ----

TEST_P(RustSampleTest, TupleIsReorderedToSixteenBytes) {
  const Type *tuple = onlyType(table(), "(i32, f64, u8)");
  ASSERT_NE(tuple, nullptr);
  EXPECT_EQ(tuple->kind, Kind::Tuple);
  EXPECT_EQ(tuple->size, 16u);
  EXPECT_EQ(tuple->align, 8u);
  ASSERT_EQ(tuple->fields.size(), 3u);
  expectField(tuple->fields[0], "0", "i32", 8, 4);
  expectField(tuple->fields[1], "1", "f64", 0, 8);
  expectField(tuple->fields[2], "2", "u8", 12, 1);
}

TEST_P(RustSampleTest, TutorialStructsAndTheirReprCTwins) {
  // print-type-sizes: Efficient and Inefficient a, b, c with 2 bytes of end padding; InefficientC a,
  // c, 2 bytes of padding, b.
  for (const char *name : {"samples::Efficient", "samples::Inefficient", "samples::EfficientC"}) {
    const Type *type = onlyType(table(), name);
    ASSERT_NE(type, nullptr);
    EXPECT_EQ(type->size, 12u) << name;
    EXPECT_EQ(type->align, 4u) << name;
    EXPECT_FALSE(type->packed) << name;
    EXPECT_EQ(fieldNamed(*type, "a")->bitOffset, 0u) << name;
    EXPECT_EQ(fieldNamed(*type, "b")->bitOffset, 32u) << name;
    EXPECT_EQ(fieldNamed(*type, "c")->bitOffset, 64u) << name;
  }
  const Type *inefficientC = onlyType(table(), "samples::InefficientC");
  ASSERT_NE(inefficientC, nullptr);
  EXPECT_EQ(inefficientC->size, 12u);
  EXPECT_EQ(fieldNamed(*inefficientC, "c")->bitOffset, 32u);
  EXPECT_EQ(fieldNamed(*inefficientC, "b")->bitOffset, 64u);
}

TEST_P(RustSampleTest, TupleStructUnitStructPhantomDataAndUnion) {
  const Type *tupleStruct = onlyType(table(), "samples::TupleStruct");
  ASSERT_NE(tupleStruct, nullptr);
  EXPECT_EQ(tupleStruct->kind, Kind::Struct);
  EXPECT_EQ(tupleStruct->size, 8u);
  ASSERT_EQ(tupleStruct->fields.size(), 3u);
  expectField(tupleStruct->fields[0], "0", "u8", 6, 1);
  expectField(tupleStruct->fields[1], "1", "u32", 0, 4);
  expectField(tupleStruct->fields[2], "2", "u16", 4, 2);

  const Type *unit = onlyType(table(), "samples::UnitStruct");
  ASSERT_NE(unit, nullptr);
  EXPECT_EQ(unit->size, 0u);
  EXPECT_EQ(unit->align, 1u);
  EXPECT_TRUE(unit->fields.empty());

  const Type *phantom = onlyType(table(), "samples::WithPhantom<alloc::string::String>");
  ASSERT_NE(phantom, nullptr);
  EXPECT_EQ(phantom->size, 4u);
  const Field *marker = fieldNamed(*phantom, "marker");
  ASSERT_NE(marker, nullptr);
  EXPECT_EQ(marker->typeName, "core::marker::PhantomData<alloc::string::String>");
  EXPECT_EQ(marker->byteSize, 0u);
  const Type *phantomType = nested(table(), *marker);
  ASSERT_NE(phantomType, nullptr);
  EXPECT_EQ(phantomType->size, 0u);

  const Type *union_ = onlyType(table(), "samples::IntOrFloat");
  ASSERT_NE(union_, nullptr);
  EXPECT_EQ(union_->kind, Kind::Union);
  EXPECT_EQ(union_->size, 4u);
  EXPECT_EQ(union_->align, 4u);
  ASSERT_EQ(union_->fields.size(), 3u);
  expectField(union_->fields[2], "bytes", "[u8; 4]", 0, 4);
}

TEST_P(RustSampleTest, PackedAndAlignedReprs) {
  for (const char *name : {"samples::PackedRecord", "samples::PackedC"}) {
    const Type *packed = onlyType(table(), name);
    ASSERT_NE(packed, nullptr);
    EXPECT_EQ(packed->size, 7u) << name;
    EXPECT_EQ(packed->align, 1u) << name;
    EXPECT_TRUE(packed->packed) << name;
    EXPECT_EQ(fieldNamed(*packed, "value")->bitOffset, 8u) << name;
    EXPECT_EQ(fieldNamed(*packed, "value")->align, 4u) << name; // the u32's own alignment
    EXPECT_EQ(fieldNamed(*packed, "count")->bitOffset, 40u) << name;
  }
  const Type *aligned = onlyType(table(), "samples::Aligned16");
  ASSERT_NE(aligned, nullptr);
  EXPECT_EQ(aligned->size, 16u);
  EXPECT_EQ(aligned->align, 16u);
  EXPECT_FALSE(aligned->packed);
}

TEST_P(RustSampleTest, FatPointersAndSmartPointers) {
  const Type *borrowed = onlyType(table(), "samples::Borrowed");
  ASSERT_NE(borrowed, nullptr);
  EXPECT_EQ(borrowed->size, 56u);
  expectField(*fieldNamed(*borrowed, "points"), "points", "&[samples::Point]", 0, 16);
  expectField(*fieldNamed(*borrowed, "label"), "label", "&str", 16, 16);
  expectField(*fieldNamed(*borrowed, "shape"), "shape", "&dyn samples::Shape", 32, 16);
  expectField(*fieldNamed(*borrowed, "flag"), "flag", "bool", 48, 1);
  const Type *slice = nested(table(), *fieldNamed(*borrowed, "points"));
  ASSERT_NE(slice, nullptr);
  ASSERT_EQ(slice->fields.size(), 2u);
  expectField(slice->fields[0], "data_ptr", "*const samples::Point", 0, 8);
  expectField(slice->fields[1], "length", "usize", 8, 8);
  const Type *object = nested(table(), *fieldNamed(*borrowed, "shape"));
  ASSERT_NE(object, nullptr);
  ASSERT_EQ(object->fields.size(), 2u);
  EXPECT_EQ(object->fields[0].name, "pointer");
  EXPECT_EQ(object->fields[1].name, "vtable");

  // print-type-sizes: vector, text, boxed, shared, atomic_shared; 72 bytes.
  const Type *owners = onlyType(table(), "samples::Owners");
  ASSERT_NE(owners, nullptr);
  EXPECT_EQ(owners->size, 72u);
  expectField(*fieldNamed(*owners, "vector"), "vector", "alloc::vec::Vec<samples::Point, alloc::alloc::Global>", 0, 24);
  expectField(*fieldNamed(*owners, "text"), "text", "alloc::string::String", 24, 24);
  expectField(*fieldNamed(*owners, "boxed"), "boxed", "alloc::boxed::Box<samples::Point, alloc::alloc::Global>", 48, 8);
  expectField(*fieldNamed(*owners, "shared"), "shared", "alloc::rc::Rc<core::cell::Cell<u32>, alloc::alloc::Global>",
              56, 8);
  expectField(*fieldNamed(*owners, "atomic_shared"), "atomic_shared", "alloc::sync::Arc<u64, alloc::alloc::Global>",
              64, 8);
}

TEST_P(RustSampleTest, ClosureEnvironmentHoldsItsCaptures) {
  const Type *closure = onlyType(table(), "samples::main::{closure_env#0}");
  ASSERT_NE(closure, nullptr);
  EXPECT_EQ(closure->kind, Kind::Struct);
  EXPECT_EQ(closure->size, 32u);
  EXPECT_EQ(closure->align, 8u);
  expectField(*fieldNamed(*closure, "name"), "name", "&str", 0, 16);
  expectField(*fieldNamed(*closure, "offset"), "offset", "u64", 16, 8);
  expectField(*fieldNamed(*closure, "scale"), "scale", "u8", 24, 1);
}

TEST_P(RustSampleTest, NamesUnitsAndNoWarnings) {
  const Type *point = onlyType(table(), "samples::Point");
  ASSERT_NE(point, nullptr);
  EXPECT_EQ(point->language, model::Language::Rust);
  EXPECT_FALSE(point->decl); // rustc gives types no decl_file
  EXPECT_EQ(point->unit, "samples/rust/samples.rs"); // not rustc's "…/@/samples.<hash>-cgu.0"
  // Generic instantiations are distinct types.
  EXPECT_NE(onlyType(table(), "core::option::Option<&str>"), nullptr);
  EXPECT_NE(onlyType(table(), "core::option::Option<usize>"), nullptr);
  EXPECT_TRUE(table().warnings.empty()) << table().warnings.front();
}

INSTANTIATE_TEST_SUITE_P(Readers, RustSampleTest, ::testing::Values("rust_dwarf4", "rust_dwarf5"));

} // namespace
} // namespace memlayout::testing
