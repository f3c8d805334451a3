// Renderers on hand-built Rust types: the discriminant line, variant blocks, niches and Option's cost in
// text; the SPEC's discriminant / variants / niches keys in JSON; Markdown; tuples and --suggest.
#include "analysis/type_facts.h"
#include "report/render.h"
#include "rust_models.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace memlayout::report {
namespace {

using namespace memlayout::testing;

struct Fixture {
  model::Binary binary;
  model::TypeTable table;
  Report report;
  Fixture() {
    binary.path = "app";
    report.binary = &binary;
    report.table = &table;
  }
  // Call after every type is in the table (entries point into it).
  void showAll(analysis::AnalysisOptions how = {}) {
    report.structs = true;
    report.suggest = how.suggest;
    for (const auto &type : table.types)
      if (type.selected) report.structEntries.push_back({&type, analysis::analyzeType(type, &table, how)});
  }
};

TEST(RustText, MessageNicheInOneLineAndVariantBlocks) {
  Fixture f;
  const std::int32_t string = addString(f.table);
  f.table.types.push_back(message(string));
  f.showAll();
  const std::string text = renderText(f.report, false);
  EXPECT_EQ(text, "enum samples::Message — Rust\n"
                  "  size: 24, align: 8, 4 variants, padding: 0 (bytes no variant uses)\n"
                  "  the tag is stored in the niche of Write.0.vec.buf.inner.cap at offset 0 (8 bytes): "
                  "0x8000000000000000, …0001, …0003 select Quit, Move, ChangeColor; any other value means Write\n"
                  "  offset  size  align  type                   field\n"
                  "  variant Quit = 0x8000000000000000\n"
                  "       0     8         u64                    (niche value)\n"
                  "       8    16         /* padding: 16 bytes */\n"
                  "  variant Move = 0x8000000000000001\n"
                  "       0     8         u64                    (niche value)\n"
                  "       8     4      4  i32                    x\n"
                  "      12     4      4  i32                    y\n"
                  "      16     8         /* padding: 8 bytes */\n"
                  "  variant Write = any other value\n"
                  "       0    24      8  alloc::string::String  .0             holds the niche (bytes 0..8)\n"
                  "  variant ChangeColor = 0x8000000000000003\n"
                  "       0     8         u64                    (niche value)\n"
                  "       8     4      4  i32                    .0\n"
                  "      12     4      4  i32                    .1\n"
                  "      16     4      4  i32                    .2\n"
                  "      20     4         /* padding: 4 bytes */\n"
                  "  /* niche: offset 0 (8 bytes, UsizeNoHighBit Write.0.vec.buf.inner.cap): 9223372036854775804 values free */\n"
                  "  /* Option<Message> is free: still 24 bytes, None goes in a niche */\n");
}

TEST(RustText, TagsWithSignednessNullPointersAndUnusedBytes) {
  Fixture f;
  model::Type e = tagged();
  f.table.types.push_back(e);
  model::Type signedTag = rustType("samples::Signed", model::Kind::Enum, 2, 1);
  signedTag.discriminant = discriminantAt(0, 1, "i8", true);
  signedTag.variants = {variant("Neg", static_cast<std::uint64_t>(-3), {rustField("0", "u8", 1, 1)}, true),
                        variant("Pos", 7, {}, true)};
  f.table.types.push_back(signedTag);
  f.table.types.push_back(optionOf("alloc::boxed::Box<i32, alloc::alloc::Global>", 8, 0));
  model::Type single = rustType("samples::Single", model::Kind::Enum, 4, 4);
  single.variants = {variant("Only", std::nullopt, {rustField("0", "u32", 0, 4)})};
  f.table.types.push_back(single);
  f.showAll();
  const std::string text = renderText(f.report, false);
  EXPECT_NE(text.find("  tag: u8 at offset 0 (1 byte): 0 = A, 1 = B, 2 = C\n"), std::string::npos) << text;
  EXPECT_NE(text.find("  variant A = 0\n       0     1         u8    (tag)\n       1     1      1  bool  .1\n"
                      "       2     2         /* 2 bytes unused by this variant */\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("  /* niche: offset 0 (1 byte, the tag): 253 values free */\n"), std::string::npos) << text;
  EXPECT_NE(text.find("  tag: i8 at offset 0 (1 byte): -3 = Neg, 7 = Pos\n"), std::string::npos) << text;
  EXPECT_NE(text.find("  variant Neg = -3\n"), std::string::npos) << text;
  EXPECT_NE(text.find("the tag is stored in the niche of Some.0 at offset 0 (8 bytes): 0 selects None (the null pointer); "
                      "any other value means Some\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("  /* no niche: Option<Option<Box<i32>>> takes 16 bytes, not 8 */\n"), std::string::npos) << text;
  // One variant, no discriminant: no selector line, no selector.
  EXPECT_NE(text.find("enum samples::Single — Rust\n  size: 4, align: 4, 1 variant, padding: 0 (bytes no variant uses)\n"
                      "  offset  size  align  type  field\n  variant Only\n       0     4      4  u32   .0\n"),
            std::string::npos)
      << text;
}

TEST(RustText, FieldlessTuplesAndSuggest) {
  Fixture f;
  f.table.types.push_back(fieldless("samples::ReprI8Negative", 1, {-3, 0, 7}, true));
  f.table.types.push_back(rustType("(i32, f64, u8)", model::Kind::Tuple, 16, 8,
                                   {rustField("0", "i32", 8, 4), rustField("1", "f64", 0, 8), rustField("2", "u8", 12, 1)}));
  f.table.types.push_back(rustType("samples::InefficientC", model::Kind::Struct, 12, 4,
                                   {rustField("a", "i32", 0, 4), rustField("c", "i16", 4, 2), rustField("b", "i32", 8, 4)}));
  f.table.types.push_back(rustType("samples::Holey", model::Kind::Struct, 24, 8,
                                   {rustField("c", "u8", 0, 1), rustField("x", "u64", 8, 8), rustField("d", "u8", 16, 1)}));
  f.showAll({64, false, true, false});
  const std::string text = renderText(f.report, false);
  EXPECT_NE(text.find("     -3  V0\n"), std::string::npos) << text;
  EXPECT_NE(text.find("  /* niche: offset 0 (1 byte, the enum's value): 245 values free */\n"
                      "  /* Option<ReprI8Negative> is free: still 1 byte, None goes in a niche */\n"),
            std::string::npos)
      << text;
  // Memory order, Rust's field spelling.
  EXPECT_NE(text.find("       0     8      8  f64   .1\n       8     4      4  i32   .0\n      12     1      1  u8    .2\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("  /* no niche: Option<(i32, f64, u8)> takes 24 bytes, not 16 */\n"), std::string::npos) << text;
  EXPECT_NE(text.find("--suggest: rustc already reorders the fields of repr(Rust) types"), std::string::npos) << text;
  EXPECT_NE(text.find("--suggest: no field order found that makes it smaller (its holes say repr(C): rustc leaves none)"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("--suggest: this order gives 16 bytes instead of 24 (saves 8 bytes), padding 6\n"
                      "  /* its holes say repr(C) (rustc leaves none in repr(Rust) types): reorder the declaration */\n"),
            std::string::npos)
      << text;
}

TEST(RustJson, DiscriminantVariantsNiches) {
  Fixture f;
  const std::int32_t string = addString(f.table);
  f.table.types.push_back(message(string));
  f.table.types.push_back(tagged());
  f.table.types.push_back(rustType("samples::Efficient", model::Kind::Struct, 12, 4,
                                   {rustField("a", "i32", 0, 4), rustField("b", "i32", 4, 4), rustField("c", "i16", 8, 2)}));
  model::Type c = rustType("plain", model::Kind::Struct, 1, 1, {rustField("b", "bool", 0, 1)});
  c.language = model::Language::C;
  f.table.types.push_back(c);
  f.showAll();
  const auto json = nlohmann::ordered_json::parse(renderJson(f.report));
  ASSERT_EQ(json["types"].size(), 4u);
  const auto &m = json["types"][0];
  EXPECT_FALSE(m.contains("fields")); // the fields are the variants'
  EXPECT_EQ(m["holes"], nlohmann::ordered_json::array());
  EXPECT_EQ(m["padding"], 0);
  EXPECT_EQ(m["discriminant"]["kind"], "niche");
  EXPECT_EQ(m["discriminant"]["offset"], 0);
  EXPECT_EQ(m["discriminant"]["size"], 8);
  EXPECT_EQ(m["discriminant"]["field"], "Write.0.vec.buf.inner.cap");
  ASSERT_EQ(m["variants"].size(), 4u);
  EXPECT_EQ(m["variants"][0]["discriminant"].get<std::uint64_t>(), 9223372036854775808ull);
  EXPECT_TRUE(m["variants"][0]["discriminant"].is_number_unsigned());
  EXPECT_EQ(m["variants"][0]["fields"], nlohmann::ordered_json::array());
  EXPECT_EQ(m["variants"][0]["padding"], 16);
  EXPECT_TRUE(m["variants"][2]["discriminant"].is_null());
  EXPECT_EQ(m["variants"][2]["fields"][0]["name"], "0");
  EXPECT_EQ(m["variants"][3]["fields"][2]["offset"], 16);
  EXPECT_EQ(m["variants"][3]["holes"], nlohmann::ordered_json::array());
  ASSERT_EQ(m["niches"].size(), 1u);
  EXPECT_EQ(m["niches"][0]["offset"], 0);
  EXPECT_EQ(m["niches"][0]["size"], 8);
  EXPECT_EQ(m["niches"][0]["field"], "Write.0.vec.buf.inner.cap");
  EXPECT_TRUE(m["niches"][0]["available"].is_number_unsigned());
  EXPECT_EQ(m["niches"][0]["available"].get<std::uint64_t>(), 9223372036854775804ull);
  EXPECT_EQ(m["option"]["free"], true);

  const auto &e = json["types"][1];
  EXPECT_EQ(e["discriminant"]["kind"], "tag");
  EXPECT_FALSE(e["discriminant"].contains("field"));
  EXPECT_EQ(e["holes"], nlohmann::ordered_json::parse(R"([{"offset":2,"size":2}])"));
  EXPECT_EQ(e["padding"], 2);
  EXPECT_EQ(e["variants"][0]["holes"], nlohmann::ordered_json::parse(R"([{"offset":2,"size":2}])"));
  EXPECT_EQ(e["variants"][1]["padding"], 7);

  const auto &s = json["types"][2];
  EXPECT_EQ(s["niches"], nlohmann::ordered_json::array());
  EXPECT_EQ(s["option"]["size"], 16);
  EXPECT_EQ(s["option"]["free"], false);
  EXPECT_FALSE(json["types"][3].contains("niches")); // C: no niches key
  EXPECT_FALSE(json["types"][3].contains("option"));
}

TEST(RustMarkdown, SentencesAndOneTableForTheVariants) {
  Fixture f;
  const std::int32_t string = addString(f.table);
  f.table.types.push_back(message(string));
  f.showAll();
  const std::string md = renderMarkdown(f.report);
  EXPECT_NE(md.find("Size 24 bytes, align 8, 4 variants, padding 0 bytes (bytes no variant uses).\n\n"
                    "The tag is stored in the niche of `Write.0.vec.buf.inner.cap` at offset 0 (8 bytes): "
                    "`0x8000000000000000`, `…0001`, `…0003` select `Quit`, `Move`, `ChangeColor`; any other value means `Write`.\n"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("| `Quit` = 0x8000000000000000 | 0 | 8 | | `u64` | niche value | |\n|  | 8 | 16 | | | | padding |\n"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("| `Write` = any other value | 0 | 24 | 8 | `alloc::string::String` | `.0` | holds the niche |\n"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("- offset 0 (8 bytes, `UsizeNoHighBit` `Write.0.vec.buf.inner.cap`): 9223372036854775804 values free\n"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("`Option<Message>` is free: still 24 bytes, None goes in a niche.\n"), std::string::npos) << md;
}

} // namespace
} // namespace memlayout::report

namespace memlayout::report {
namespace {

// Damaged debug info makes odd models: analysis and every renderer must still give whole output.
TEST(RustRobustness, NonsenseModelsRenderWithoutCrashing) {
  Fixture f;
  model::Type e = rustType("Odd", model::Kind::Enum, 8, 8);
  e.discriminant = discriminantAt(100, 16, ""); // past the end, wider than we count
  e.variants = {variant("A", std::nullopt, {rustField("0", "bool", 200, 1, 1, 999), rustField("1", "Odd", 0, 8, 8, 0)}),
                variant("B", 1), variant("C", std::nullopt)};
  e.variants[2].discriminantRanges = {{{9, false}, {3, false}}};
  f.table.types.push_back(e);
  model::Type zero = rustType("Zero", model::Kind::Enum, 0, 0);
  zero.discriminant = discriminantAt(0, 0, "u8");
  zero.variants = {variant("Z", 0)};
  f.table.types.push_back(zero);
  model::Field array = rustField("a", "[bool; 3]", 0, 4, 1, -7);
  array.arrayCount = 3; // 4 bytes do not split into 3 elements
  f.table.types.push_back(rustType("Arr", model::Kind::Struct, 4, 1, {array}));
  f.showAll({64, true, true, false});
  EXPECT_FALSE(renderText(f.report, false).empty());
  const auto json = nlohmann::json::parse(renderJson(f.report));
  EXPECT_EQ(json["types"].size(), 3u);
  EXPECT_FALSE(renderMarkdown(f.report).empty());
}

} // namespace
} // namespace memlayout::report
