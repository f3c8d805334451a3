// Type renderers on hand-built types and facts: the text table, SPEC keys in JSON, Markdown tables, the
// --types listing and the summary's padding wasters.
#include "analysis/type_facts.h"
#include "report/render.h"
#include "model_builders.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace memlayout::report {
namespace {

model::Field field(std::string name, std::string typeName, std::uint64_t offset, std::uint64_t size,
                   std::uint64_t align = 0) {
  return testing::makeField(std::move(name), std::move(typeName), offset, size, align);
}

model::Field bits(std::string name, std::uint64_t bitOffset, std::uint64_t width) {
  return testing::makeBitField(std::move(name), bitOffset, width);
}

model::Type holeCharIntDouble() {
  model::Type t;
  t.name = "hole_char_int_double";
  t.language = model::Language::C;
  t.size = 24;
  t.align = 8;
  t.decl = model::Decl{"samples/c/structs.h", 10};
  t.unit = "samples/c/structs.c";
  t.fields = {field("c", "char", 0, 1), field("i", "int", 4, 4), field("d", "char", 8, 1), field("x", "double", 16, 8)};
  return t;
}

struct Fixture {
  model::Binary binary;
  model::TypeTable table;
  Report report;
  Fixture() {
    binary.path = "app";
    report.binary = &binary;
    report.table = &table;
  }
  void addStruct(const model::Type &type) {
    table.types.push_back(type);
  }
  // Call after every type is in the table (entries point into it).
  void showAll(analysis::AnalysisOptions how = {}) {
    report.structs = true;
    for (const auto &type : table.types)
      if (type.selected) report.structEntries.push_back({&type, analysis::analyzeType(type, &table, how)});
  }
};

TEST(TypeText, PaholeVocabulary) {
  Fixture f;
  f.addStruct(holeCharIntDouble());
  f.showAll();
  const std::string text = renderText(f.report, false);
  EXPECT_EQ(text, "struct hole_char_int_double — C, samples/c/structs.h:10, unit samples/c/structs.c\n"
                  "  offset  size  align  type    field\n"
                  "       0     1      1  char    c\n"
                  "       1     3         /* XXX 3 bytes hole, try to pack */\n"
                  "       4     4      4  int     i\n"
                  "       8     1      1  char    d\n"
                  "       9     7         /* XXX 7 bytes hole, try to pack */\n"
                  "      16     8      8  double  x\n"
                  "  /* size: 24, align: 8, cachelines: 1, members: 4 */\n"
                  "  /* sum members: 14, holes: 2, sum holes: 10 */\n"
                  "  /* last cacheline: 24 bytes */\n");
  EXPECT_EQ(renderText(f.report, true).find("\x1b[33m/* XXX 3 bytes hole") != std::string::npos, true);
}

TEST(TypeText, BitFieldsUnionsEnumsAndSuggestion) {
  Fixture f;
  model::Type bf;
  bf.name = "flags";
  bf.size = 4;
  bf.align = 4;
  bf.fields = {bits("low", 0, 3), bits("middle", 3, 7), bits("flag", 22, 1), field("tail", "unsigned char", 3, 1)};
  f.addStruct(bf);
  model::Type u;
  u.name = "int_or_double";
  u.kind = model::Kind::Union;
  u.size = 8;
  u.align = 8;
  u.fields = {field("i", "int", 0, 4), field("d", "double", 0, 8)};
  f.addStruct(u);
  model::Type e;
  e.name = "color";
  e.kind = model::Kind::Enum;
  e.size = 4;
  e.align = 4;
  e.underlyingType = "int";
  e.variants = {{"COLOR_RED", model::DiscriminantValue{0, true}, {}, {}},
                {"COLOR_BLUE", model::DiscriminantValue{static_cast<std::uint64_t>(-1), true}, {}, {}},
                {"BIG", model::DiscriminantValue{9223372036854775808ull, false}, {}, {}}};
  f.addStruct(e);
  f.addStruct(holeCharIntDouble());
  f.showAll({64, false, true, false});
  const std::string text = renderText(f.report, false);
  EXPECT_NE(text.find("     0:3     4      4  unsigned int   middle:7\n"), std::string::npos) << text;
  EXPECT_NE(text.find("     1:2               /* XXX 12 bits hole, try to pack */\n"), std::string::npos) << text;
  EXPECT_NE(text.find("     2:7               /* XXX 1 bit hole, try to pack */\n"), std::string::npos) << text;
  EXPECT_NE(text.find("sum bitfield members: 11 bits, bit holes: 2, sum bit holes: 13 bits"), std::string::npos) << text;
  EXPECT_NE(text.find("union int_or_double"), std::string::npos);
  EXPECT_EQ(text.find("sum members: 12"), std::string::npos) << "no member sums for a union";
  EXPECT_NE(text.find("     -1  COLOR_BLUE\n"), std::string::npos) << text;
  EXPECT_NE(text.find("9223372036854775808  BIG\n"), std::string::npos) << text;
  EXPECT_NE(text.find("--suggest: this order gives 16 bytes instead of 24 (saves 8 bytes)"), std::string::npos);
  EXPECT_NE(text.find("--suggest: a union's members overlap"), std::string::npos);
}

TEST(TypeText, CppNotes) {
  Fixture f;
  f.table.types.push_back({});
  f.table.types[0].name = "Empty";
  f.table.types[0].size = 1;
  f.table.types[0].selected = false;
  model::Type t;
  t.name = "Derived";
  t.kind = model::Kind::Class;
  t.language = model::Language::Cpp;
  t.size = 48;
  t.align = 8;
  model::Field vptr = field("_vptr.Derived", "int (**)(void)", 0, 8);
  vptr.artificial = true;
  model::Field base = field("Base", "Base", 8, 16, 8);
  base.base = true;
  base.bitSize = 13 * 8;
  model::Field empty = field("Empty", "Empty", 8, 1, 1);
  empty.base = true;
  empty.typeIndex = 0;
  model::Field vb = field("V", "V", 40, 4, 4);
  vb.base = vb.virtualBase = true;
  model::Field dyn = field("W", "W", 0, 4, 4);
  dyn.base = dyn.virtualBase = true;
  dyn.bitSize = 0;
  t.fields = {vptr, base, empty, field("extra", "char", 21, 1), vb, dyn};
  t.hasVirtualBases = true;
  f.table.types.push_back(t);
  f.showAll({64, false, true, true});
  const std::string text = renderText(f.report, false);
  EXPECT_NE(text.find("(vtable pointer)"), std::string::npos) << text;
  EXPECT_NE(text.find("       8    13      8  Base            Base           (base: its non-virtual part; 16 with its virtual bases)\n"), std::string::npos) << text;
  EXPECT_NE(text.find("(base); empty: takes no space"), std::string::npos) << text;
  EXPECT_NE(text.find("extra          in the tail padding of Base\n"), std::string::npos) << text;
  EXPECT_NE(text.find("virtual base, placed by the ABI"), std::string::npos) << text;
  // Listed last: it has no offset to sort by.
  EXPECT_NE(text.find("       ?     4      4  W               W              virtual base: offset known only at run time\n  /*"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("virtual base: offset known only at run time"), std::string::npos) << text;
  EXPECT_EQ(text.find("4294967295"), std::string::npos);
  EXPECT_NE(text.find("--suggest: the ABI places virtual bases"), std::string::npos);

  const auto json = nlohmann::json::parse(renderJson(f.report));
  const auto &fields = json["types"][0]["fields"];
  ASSERT_EQ(fields.size(), 6u);
  EXPECT_EQ(fields[0]["artificial"], true);
  EXPECT_EQ(fields[1]["base"], true);
  EXPECT_EQ(fields[1]["size"], 13); // the non-virtual part it covers here
  EXPECT_EQ(fields[1]["base_type_size"], 16);
  EXPECT_EQ(fields[5]["name"], "W"); // run-time offset: last, offset null
  EXPECT_TRUE(fields[5]["offset"].is_null());
  EXPECT_EQ(fields[5]["virtual_base"], true);
  EXPECT_EQ(fields[4]["offset"], 40);
}

TEST(TypeText, CacheLineBoundaryAndExpand) {
  Fixture f;
  model::Type point;
  point.name = "point";
  point.size = 8;
  point.align = 4;
  point.fields = {field("x", "int", 0, 4), field("y", "int", 4, 4)};
  point.selected = false;
  f.table.types.push_back(point);
  model::Type t;
  t.name = "crosses";
  t.size = 80;
  t.align = 8;
  model::Field arr = field("pts", "point[7]", 4, 56, 4);
  arr.typeIndex = 0;
  arr.arrayCount = 7;
  t.fields = {field("c", "char", 0, 1), arr, field("straddler", "char[10]", 60, 10, 1), field("tail", "double", 72, 8)};
  f.table.types.push_back(t);
  f.showAll({64, true, false, false});
  const std::string text = renderText(f.report, false);
  EXPECT_NE(text.find("       4    56      4  point[7]  pts        × 7, element 0 below\n"), std::string::npos) << text;
  EXPECT_NE(text.find("       4     4      4  int         x\n"), std::string::npos) << text;
  EXPECT_NE(text.find("straddler  straddles cacheline 1 boundary (64 bytes)"), std::string::npos) << text;
  EXPECT_NE(text.find("  --- cacheline 1 boundary (64 bytes) was 6 bytes ago, inside straddler ---\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("/* last cacheline: 16 bytes */"), std::string::npos);
}

TEST(TypeText, SeveralLayoutsUnderOneName) {
  Fixture f;
  auto a = holeCharIntDouble();
  auto b = holeCharIntDouble();
  b.size = 32;
  b.unit = "other.c";
  b.decl = model::Decl{"other.h", 3};
  f.addStruct(a);
  f.addStruct(b);
  f.showAll();
  f.report.structEntries[0].layoutNumber = 1;
  f.report.structEntries[0].layoutsWithName = 2;
  f.report.structEntries[1].layoutNumber = 2;
  f.report.structEntries[1].layoutsWithName = 2;
  const std::string text = renderText(f.report, false);
  EXPECT_NE(text.find("struct hole_char_int_double — C, samples/c/structs.h:10, unit samples/c/structs.c (layout 1 of 2 "
                      "named hole_char_int_double)\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("struct hole_char_int_double — C, other.h:3, unit other.c (layout 2 of 2 named hole_char_int_double)\n"),
            std::string::npos)
      << text;
  EXPECT_NE(renderMarkdown(f.report).find("Layout 2 of 2 under this name."), std::string::npos);
}

TEST(TypeJson, SpecKeys) {
  Fixture f;
  auto t = holeCharIntDouble();
  t.fields.push_back(bits("flag", 8 * 8 + 1, 3));
  f.addStruct(t);
  model::Type e;
  e.name = "E";
  e.kind = model::Kind::Enum;
  e.size = 8;
  e.align = 8;
  e.variants = {{"Neg", model::DiscriminantValue{static_cast<std::uint64_t>(-3), true}, {}, {}},
                {"Big", model::DiscriminantValue{9223372036854775808ull, false}, {}, {}},
                {"Niche", std::nullopt, {}, {}}};
  f.addStruct(e);
  f.showAll();
  const auto json = nlohmann::ordered_json::parse(renderJson(f.report));
  EXPECT_EQ(json["schema"], "memlayout/1");
  ASSERT_EQ(json["types"].size(), 2u);
  const auto &s = json["types"][0];
  std::vector<std::string> keys;
  for (auto it = s.begin(); it != s.end(); ++it) keys.push_back(it.key());
  const std::vector<std::string> spec = {"name", "kind", "language", "size", "align", "decl",
                                         "fields", "holes", "trailing_padding", "padding"};
  ASSERT_GE(keys.size(), spec.size());
  EXPECT_EQ(std::vector<std::string>(keys.begin(), keys.begin() + static_cast<long>(spec.size())), spec);
  EXPECT_EQ(s["kind"], "struct");
  EXPECT_EQ(s["language"], "C");
  EXPECT_EQ(s["decl"]["file"], "samples/c/structs.h");
  EXPECT_EQ(s["decl"]["line"], 10);
  EXPECT_EQ(s["fields"][2]["name"], "d");
  EXPECT_EQ(s["fields"][3]["name"], "flag"); // offset order: byte 8 bit 1 after d at byte 8
  EXPECT_EQ(s["fields"][3]["offset"], 8);
  EXPECT_EQ(s["fields"][3]["size"], 1);
  EXPECT_EQ(s["fields"][3]["bit_offset"], 65);
  EXPECT_EQ(s["fields"][3]["bit_size"], 3);
  EXPECT_FALSE(s["fields"][0].contains("bit_offset"));
  EXPECT_FALSE(s["fields"][0].contains("base"));
  EXPECT_EQ(s["holes"], nlohmann::ordered_json::parse(R"([{"offset":1,"size":3},{"offset":9,"size":7}])"));
  EXPECT_EQ(s["trailing_padding"], 0);
  EXPECT_EQ(s["padding"], 10);
  EXPECT_EQ(s["cachelines"]["count"], 1);

  const auto &en = json["types"][1];
  EXPECT_EQ(en["kind"], "enum");
  EXPECT_FALSE(en.contains("decl")); // omitted when absent
  EXPECT_EQ(en["padding"], 0);
  EXPECT_EQ(en["variants"][0]["discriminant"].get<std::int64_t>(), -3);
  EXPECT_TRUE(en["variants"][0]["discriminant"].is_number_integer());
  EXPECT_EQ(en["variants"][1]["discriminant"].get<std::uint64_t>(), 9223372036854775808ull);
  EXPECT_TRUE(en["variants"][1]["discriminant"].is_number_unsigned());
  EXPECT_TRUE(en["variants"][2]["discriminant"].is_null());
  EXPECT_FALSE(en["variants"][0].contains("fields"));
}

TEST(TypeMarkdown, TablePerType) {
  Fixture f;
  f.addStruct(holeCharIntDouble());
  f.showAll();
  const std::string md = renderMarkdown(f.report);
  EXPECT_NE(md.find("### `struct hole_char_int_double`"), std::string::npos) << md;
  EXPECT_NE(md.find("| offset | size | align | type | field | note |\n|--:|--:|--:|---|---|---|\n"), std::string::npos);
  EXPECT_NE(md.find("| 1 | 3 | | | | **hole** of 3 bytes, try to pack |\n"), std::string::npos) << md;
  EXPECT_NE(md.find("| 16 | 8 | 8 | `double` | `x` |  |\n"), std::string::npos) << md;
}

TEST(TypeList, TextJsonMarkdown) {
  Fixture f;
  f.table.types.push_back(holeCharIntDouble());
  model::Type tight;
  tight.name = "ns::Pair<int, int>";
  tight.kind = model::Kind::Struct;
  tight.language = model::Language::Cpp;
  tight.size = 8;
  tight.align = 4;
  tight.fields = {field("a", "int", 0, 4), field("b", "int", 4, 4)};
  f.table.types.push_back(tight);
  f.report.types = true;
  for (const auto &t : f.table.types) f.report.typeList.types.push_back(&t);
  int factsMade = 0;
  f.report.typeList.factsOf = [&](std::size_t i) {
    ++factsMade;
    model::TypeFacts facts;
    facts.layout = analysis::typeLayout(*f.report.typeList.types[i]);
    return facts;
  };
  f.report.typeList.sortedBy = "padding";
  f.report.typeList.candidates = 2;
  const std::string text = renderText(f.report, false);
  EXPECT_NE(text.find("2 types of app, by padding, largest first\n"), std::string::npos) << text;
  EXPECT_NE(text.find("       24      8       10      2  struct  C         hole_char_int_double\n"), std::string::npos)
      << text;
  EXPECT_NE(text.find("        8      4        0      0  struct  C++       ns::Pair<int, int>\n"), std::string::npos);
  EXPECT_NE(text.find("total: 2 types, 32 bytes in all, 10 bytes of padding (31.2%) in 2 holes"), std::string::npos)
      << text;
  const auto json = nlohmann::json::parse(renderJson(f.report));
  ASSERT_EQ(json["types"].size(), 2u);
  EXPECT_EQ(json["types"][1]["name"], "ns::Pair<int, int>");
  EXPECT_TRUE(json["types"][1]["fields"].is_array()); // whole Type objects: usable as a baseline
  const std::string md = renderMarkdown(f.report);
  EXPECT_NE(md.find("| `hole_char_int_double` | struct | 24 | 8 | 10 | 2 | C |\n"), std::string::npos) << md;
  // Each rendering makes each row's facts once, as the row is written.
  EXPECT_EQ(factsMade, 6);
}

TEST(TypeList, StreamedAsRowsAreMade) {
  Fixture f;
  for (int i = 0; i < 3000; ++i) {
    model::Type type = holeCharIntDouble();
    type.name += std::to_string(i);
    f.table.types.push_back(type);
  }
  for (const auto &t : f.table.types) f.report.typeList.types.push_back(&t);
  f.report.types = true;
  std::vector<std::string> pieces;
  std::size_t factsMadeBeforeFirstPiece = 0, factsMade = 0;
  f.report.typeList.factsOf = [&](std::size_t i) {
    ++factsMade;
    model::TypeFacts facts;
    facts.layout = analysis::typeLayout(*f.report.typeList.types[i]);
    return facts;
  };
  for (Format format : {Format::Text, Format::Json, Format::Markdown}) {
    pieces.clear();
    factsMade = 0;
    factsMadeBeforeFirstPiece = 0;
    {
      Output out([&](std::string_view piece) {
        if (pieces.empty()) factsMadeBeforeFirstPiece = factsMade;
        pieces.emplace_back(piece);
      });
      render(f.report, {format, false}, out);
    }
    std::string joined;
    for (const auto &piece : pieces) joined += piece;
    // The same bytes as the string rendering, written in several pieces, the first before most rows exist.
    EXPECT_EQ(joined, render(f.report, {format, false}));
    EXPECT_GT(pieces.size(), 1u);
    EXPECT_LT(factsMadeBeforeFirstPiece, 3000u);
  }
}

TEST(Summary, MostPaddingOnlyWithTypes) {
  Fixture f;
  f.report.summary = true;
  EXPECT_EQ(renderText(f.report, false).find("waste the most padding"), std::string::npos);
  EXPECT_FALSE(nlohmann::json::parse(renderJson(f.report)).contains("most_padding"));
  f.table.types.push_back(holeCharIntDouble());
  f.report.typesRead = true;
  TypeEntry entry{&f.table.types[0], {}};
  entry.facts.layout = analysis::typeLayout(f.table.types[0]);
  f.report.mostPadding.push_back(entry);
  const std::string text = renderText(f.report, false);
  EXPECT_NE(text.find("Types that waste the most padding\n"), std::string::npos) << text;
  EXPECT_NE(text.find("       10         24      2  struct hole_char_int_double\n"), std::string::npos) << text;
  EXPECT_NE(text.find("more: --header, --segments, --sections, --types, --struct NAME"), std::string::npos);
  const auto json = nlohmann::json::parse(renderJson(f.report));
  EXPECT_EQ(json["most_padding"][0]["padding"], 10);
  EXPECT_NE(renderMarkdown(f.report).find("| `struct hole_char_int_double` | 24 | 10 | 2 |"), std::string::npos);
}

} // namespace
} // namespace memlayout::report
