// tests/oracle/rust_oracle_test.cpp: unit tests of the Rust oracle's own logic on canned rustc 1.95 output: offsets recovered, names matched, disagreements found.
#include "rust_compare.h"
#include "rust_names.h"
#include "rust_type_sizes.h"

#include <gtest/gtest.h>

namespace memlayout::testing {
namespace {

using Json = nlohmann::json;

// Real -Zprint-type-sizes lines for samples/rust/samples.rs (rustc 1.95), plus noise around them.
constexpr const char *kOutput = R"(warning: something rustc said
print-type-size type: `{async fn body of add_after_yield()}`: 32 bytes, alignment: 8 bytes
print-type-size     discriminant: 1 bytes
print-type-size     variant `Unresumed`: 20 bytes
print-type-size         upvar `.b`: 8 bytes, offset: 0 bytes, alignment: 8 bytes
print-type-size         padding: 8 bytes
print-type-size         upvar `.a`: 4 bytes, alignment: 4 bytes
print-type-size     variant `Suspend0`: 25 bytes
print-type-size         upvar `.b`: 8 bytes, offset: 0 bytes, alignment: 8 bytes
print-type-size         local `.b`: 8 bytes
print-type-size         upvar `.a`: 4 bytes
print-type-size         local `.kept`: 4 bytes
print-type-size         local `.__awaitee`: 1 bytes, type: YieldOnce
print-type-size     end padding: 6 bytes
print-type-size type: `{closure@samples/rust/samples.rs:359:19: 359:32}`: 32 bytes, alignment: 8 bytes
print-type-size     end padding: 32 bytes
print-type-size type: `Message`: 24 bytes, alignment: 8 bytes
print-type-size     variant `Write`: 24 bytes
print-type-size         field `.0`: 24 bytes
print-type-size     variant `ChangeColor`: 20 bytes
print-type-size         padding: 8 bytes
print-type-size         field `.0`: 4 bytes, alignment: 4 bytes
print-type-size         field `.1`: 4 bytes
print-type-size         field `.2`: 4 bytes
print-type-size     variant `Move`: 16 bytes
print-type-size         padding: 8 bytes
print-type-size         field `.x`: 4 bytes, alignment: 4 bytes
print-type-size         field `.y`: 4 bytes
print-type-size     variant `Quit`: 0 bytes
print-type-size type: `E`: 8 bytes, alignment: 4 bytes
print-type-size     discriminant: 1 bytes
print-type-size     variant `A`: 7 bytes
print-type-size         field `.1`: 1 bytes
print-type-size         padding: 2 bytes
print-type-size         field `.0`: 4 bytes, alignment: 4 bytes
print-type-size     variant `B`: 0 bytes
print-type-size     variant `C`: 0 bytes
print-type-size type: `TupleStruct`: 8 bytes, alignment: 4 bytes
print-type-size     field `.1`: 4 bytes
print-type-size     field `.2`: 2 bytes
print-type-size     field `.0`: 1 bytes
print-type-size     end padding: 1 bytes
print-type-size type: `IntOrFloat`: 4 bytes, alignment: 4 bytes
print-type-size     variant `IntOrFloat`: 4 bytes
print-type-size         field `.int`: 4 bytes
print-type-size         field `.float`: 4 bytes, offset: 0 bytes, alignment: 4 bytes
print-type-size         field `.bytes`: 4 bytes, offset: 0 bytes, alignment: 1 bytes
print-type-size type: `UnitStruct`: 0 bytes, alignment: 1 bytes
point (3, 4)
)";

const RustcType *find(const RustcDump &dump, const std::string &name) {
  for (const RustcType &type : dump.types)
    if (type.name == name) return &type;
  return nullptr;
}

TEST(RustTypeSizes, RecoversEveryOffset) {
  const RustcDump dump = parseTypeSizes(kOutput);
  EXPECT_TRUE(dump.errors.empty()) << dump.errors.front();
  ASSERT_EQ(dump.types.size(), 7u);

  const RustcType *message = find(dump, "Message");
  ASSERT_NE(message, nullptr);
  EXPECT_EQ(message->size, 24u);
  EXPECT_FALSE(message->discriminantSize); // a niche
  ASSERT_EQ(message->variants.size(), 4u);
  const RustcVariant &color = message->variants[1];
  EXPECT_EQ(color.name, "ChangeColor");
  EXPECT_EQ(color.printedSize, 20u);
  ASSERT_EQ(color.fields.size(), 3u);
  EXPECT_EQ(color.fields[0].offset, 8u);
  EXPECT_EQ(color.fields[1].offset, 12u);
  EXPECT_EQ(color.fields[2].offset, 16u);
  EXPECT_EQ(color.padding, (std::vector<ByteRange>{{0, 8}}));

  const RustcType *e = find(dump, "E");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->discriminantSize, 1u);
  ASSERT_EQ(e->variants[0].fields.size(), 2u);
  EXPECT_EQ(e->variants[0].fields[0].name, "1");
  EXPECT_EQ(e->variants[0].fields[0].offset, 1u); // min_offset starts after the tag
  EXPECT_EQ(e->variants[0].fields[1].offset, 4u);
  EXPECT_EQ(e->variants[0].fields[1].align, 4u);

  const RustcType *future = find(dump, "{async fn body of add_after_yield()}");
  ASSERT_NE(future, nullptr);
  const RustcVariant &suspend = future->variants[1];
  ASSERT_EQ(suspend.fields.size(), 5u);
  EXPECT_EQ(suspend.fields[0].kind, "upvar");
  EXPECT_EQ(suspend.fields[0].offset, 0u); // explicit: it lies before min_offset (the tag's size)
  EXPECT_EQ(suspend.fields[1].kind, "local");
  EXPECT_EQ(suspend.fields[1].offset, 8u);
  EXPECT_EQ(suspend.fields[4].name, "__awaitee");
  EXPECT_EQ(suspend.fields[4].offset, 24u);
  EXPECT_EQ(suspend.fields[4].typeName, "YieldOnce");
  EXPECT_EQ(future->endPadding, 6u);

  const RustcType *tuple = find(dump, "TupleStruct");
  ASSERT_NE(tuple, nullptr);
  EXPECT_FALSE(tuple->enumLike);
  ASSERT_EQ(tuple->fields.size(), 3u);
  EXPECT_EQ(tuple->fields[2].offset, 6u);
  EXPECT_EQ(tuple->endPadding, 1u);

  const RustcType *closure = find(dump, "{closure@samples/rust/samples.rs:359:19: 359:32}");
  ASSERT_NE(closure, nullptr);
  EXPECT_TRUE(closure->fields.empty());
  EXPECT_EQ(closure->endPadding, 32u);
}

TEST(RustTypeSizes, ReportsLinesItCannotRead) {
  const RustcDump dump = parseTypeSizes("print-type-size type: `A`: 4 bytes, alignment: 4 bytes\n"
                                        "print-type-size     field `.x`: four bytes\n"
                                        "print-type-size         field `.y`: 4 bytes\n");
  EXPECT_EQ(dump.errors.size(), 2u);
}

bool matches(const std::string &rustc, const std::string &dwarf, const std::map<std::string, std::string> &spans = {}) {
  return namesMatch(tokenizeRustcName(rustc, spans), tokenizeDwarfName(dwarf), "samples");
}

TEST(RustNames, MatchDwarfSpellings) {
  EXPECT_TRUE(matches("Message", "samples::Message"));
  EXPECT_TRUE(matches("Borrowed<'_>", "samples::Borrowed"));
  EXPECT_TRUE(matches("WithPhantom<std::string::String>", "samples::WithPhantom<alloc::string::String>"));
  EXPECT_TRUE(matches("std::option::Option<std::boxed::Box<i32>>",
                      "core::option::Option<alloc::boxed::Box<i32, alloc::alloc::Global>>"));
  EXPECT_TRUE(matches("std::ptr::NonNull<u8>", "core::ptr::non_null::NonNull<u8>"));
  EXPECT_TRUE(matches("alloc::raw_vec::RawVecInner", "alloc::raw_vec::RawVecInner<alloc::alloc::Global>"));
  EXPECT_TRUE(matches("std::rc::Weak<std::cell::Cell<u32>, &std::alloc::Global>",
                      "alloc::rc::Weak<core::cell::Cell<u32>, &alloc::alloc::Global>"));
  EXPECT_TRUE(matches("std::option::Option<&Message>", "core::option::Option<&samples::Message>"));
  EXPECT_TRUE(matches("std::fmt::DebugTuple<'_, '_>", "core::fmt::builders::DebugTuple"));
  EXPECT_TRUE(matches("{closure@std::rt::lang_start<()>::{closure#0}}", "std::rt::lang_start::{closure_env#0}<()>"));
  EXPECT_TRUE(matches("{closure@std::fmt::format::{closure#0}}", "alloc::fmt::format::{closure_env#0}"));
  EXPECT_TRUE(matches("{async fn body of add_after_yield()}", "samples::add_after_yield::{async_fn_env#0}"));
  EXPECT_TRUE(matches("std::pin::Pin<&mut {async fn body of add_after_yield()}>",
                      "core::pin::Pin<&mut samples::add_after_yield::{async_fn_env#0}>"));
  const std::map<std::string, std::string> spans{
      {"{closure@samples/rust/samples.rs:359:19: 359:32}", "samples::main::{closure_env#0}"}};
  EXPECT_TRUE(matches("{closure@samples/rust/samples.rs:359:19: 359:32}", "samples::main::{closure_env#0}", spans));
}

TEST(RustNames, TellDistinctTypesApart) {
  EXPECT_FALSE(matches("std::rc::WeakInner<'_>", "alloc::sync::WeakInner"));
  EXPECT_FALSE(matches("std::option::Option<bool>", "core::option::Option<char>"));
  EXPECT_FALSE(matches("std::vec::Vec<u8>", "alloc::vec::Vec<u8, samples::MyAlloc>"));
  EXPECT_FALSE(matches("Message", "other::Message"));
  EXPECT_FALSE(matches("Message", "samples::inner::Message"));
  EXPECT_FALSE(matches("std::option::Option<Point>", "core::option::Option<samples::Point>::Some"));
  // An unresolved span matches nothing, not the first closure around.
  EXPECT_FALSE(matches("{closure@samples/rust/samples.rs:359:19: 359:32}", "samples::main::{closure_env#0}"));
}

TEST(RustNames, StrictMatchesSkipNoModule) {
  auto strict = [](const std::string &rustc, const std::string &dwarf) {
    return namesMatch(tokenizeRustcName(rustc, {}), tokenizeDwarfName(dwarf), "samples", true);
  };
  EXPECT_TRUE(strict("std::string::String", "alloc::string::String"));
  EXPECT_TRUE(strict("Message", "samples::Message"));
  EXPECT_FALSE(strict("std::process::ExitCode", "std::sys::process::unix::common::ExitCode"));
  EXPECT_TRUE(matches("std::process::ExitCode", "std::sys::process::unix::common::ExitCode"));
}

TEST(RustNames, FindSpansAndLocality) {
  auto spans = findSpans("std::iter::Map<std::slice::Iter<'_, u8>, {closure@samples/rust/samples.rs:253:23: 253:30}>");
  ASSERT_EQ(spans.size(), 1u);
  EXPECT_EQ(spans[0].file, "samples/rust/samples.rs");
  EXPECT_EQ(spans[0].line, 253u);
  EXPECT_EQ(spans[0].column, 23u);
  EXPECT_TRUE(findSpans("{closure@std::fmt::format::{closure#0}}").empty());
  EXPECT_TRUE(isLocalName(tokenizeRustcName("Message", {})));
  EXPECT_TRUE(isLocalName(tokenizeRustcName("{async fn body of add_after_yield()}", {})));
  EXPECT_FALSE(isLocalName(tokenizeRustcName("std::vec::Vec<Point>", {})));
  EXPECT_FALSE(isLocalName(tokenizeRustcName("unwind::libunwind::_Unwind_Exception", {})));
}

Json field(const char *name, std::uint64_t offset, std::uint64_t size) {
  return {{"name", name}, {"type", "?"}, {"offset", offset}, {"size", size}};
}

// memlayout's JSON for Message as the SPEC describes it.
Json messageJson() {
  return {{"name", "samples::Message"},
          {"kind", "enum"},
          {"size", 24},
          {"align", 8},
          {"discriminant", {{"kind", "niche"}, {"offset", 0}, {"size", 8}}},
          {"variants",
           {{{"name", "Quit"}, {"discriminant", 9223372036854775808ull}, {"fields", Json::array()}},
            {{"name", "Move"}, {"discriminant", 9223372036854775809ull}, {"fields", {field("x", 8, 4), field("y", 12, 4)}}},
            {{"name", "Write"}, {"discriminant", nullptr}, {"fields", {field("0", 0, 24)}}},
            {{"name", "ChangeColor"},
             {"discriminant", 9223372036854775811ull},
             {"fields", {field("0", 8, 4), field("1", 12, 4), field("2", 16, 4)}}}}}};
}

std::string joined(const std::vector<std::string> &lines) {
  std::string out;
  for (const std::string &line : lines) out += line + "\n";
  return out;
}

TEST(RustCompare, AgreesWithAFaithfulLayoutAndFailsOtherwise) {
  const RustcDump dump = parseTypeSizes(kOutput);
  const RustcType &message = *find(dump, "Message");
  EXPECT_EQ(joined(compareRustType(message, messageJson())), "");

  Json tagged = messageJson();
  tagged["discriminant"]["kind"] = "tag";
  EXPECT_NE(joined(compareRustType(message, tagged)).find("rustc uses a niche"), std::string::npos);

  Json moved = messageJson();
  moved["variants"][1]["fields"][1]["offset"] = 16;
  const std::string problems = joined(compareRustType(message, moved));
  EXPECT_NE(problems.find("variant Move: field 'y': offset: memlayout 16, rustc 12"), std::string::npos) << problems;
  EXPECT_NE(problems.find("rustc would print 20, rustc prints 16"), std::string::npos) << problems;

  Json missing = messageJson();
  missing["variants"].erase(3);
  EXPECT_NE(joined(compareRustType(message, missing)).find("ChangeColor is missing"), std::string::npos);
}

TEST(RustCompare, StructsUnionsAndClosures) {
  const RustcDump dump = parseTypeSizes(kOutput);
  Json tuple = {{"kind", "struct"}, {"size", 8}, {"align", 4},
                {"fields", {field("1", 0, 4), field("2", 4, 2), field("0", 6, 1)}},
                {"holes", Json::array()}, {"trailing_padding", 1}};
  EXPECT_EQ(joined(compareRustType(*find(dump, "TupleStruct"), tuple)), "");
  tuple["holes"] = {{{"offset", 6}, {"size", 1}}};
  EXPECT_NE(joined(compareRustType(*find(dump, "TupleStruct"), tuple)).find("holes"), std::string::npos);

  Json unionJson = {{"kind", "union"}, {"size", 4}, {"align", 4},
                    {"fields", {field("int", 0, 4), field("float", 0, 4), field("bytes", 0, 4)}}};
  EXPECT_EQ(joined(compareRustType(*find(dump, "IntOrFloat"), unionJson)), "");

  Json closure = {{"kind", "struct"}, {"size", 32}, {"align", 8}, {"fields", {field("scale", 24, 1)}}};
  EXPECT_EQ(joined(compareRustType(*find(dump, "{closure@samples/rust/samples.rs:359:19: 359:32}"), closure)), "");
  closure["size"] = 40;
  EXPECT_NE(joined(compareRustType(*find(dump, "{closure@samples/rust/samples.rs:359:19: 359:32}"), closure)), "");
}

TEST(RustCompare, CoroutineVariantSizeCountsATagAfterTheFields) {
  const RustcDump dump = parseTypeSizes(kOutput);
  Json future = {{"kind", "enum"}, {"size", 32}, {"align", 8},
                 {"discriminant", {{"kind", "tag"}, {"offset", 25}, {"size", 1}}},
                 {"variants",
                  {{{"name", "Unresumed"}, {"fields", {field("b", 0, 8), field("a", 16, 4)}}},
                   {{"name", "Suspend0"},
                    {"fields", {field("b", 0, 8), field("b", 8, 8), field("a", 16, 4), field("kept", 20, 4), field("__awaitee", 24, 1)}}},
                   {{"name", "Returned"}, {"fields", {field("b", 0, 8), field("a", 16, 4)}}}}}};
  EXPECT_EQ(joined(compareRustType(*find(dump, "{async fn body of add_after_yield()}"), future)), "");
}

} // namespace
} // namespace memlayout::testing
