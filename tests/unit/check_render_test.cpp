// --check/--diff renderers on hand-built comparisons: the words for every change kind, the text section,
// SPEC and additive JSON keys, the Markdown table and new layouts, GitHub workflow commands and their
// escaping, declarations relative to --source-root.
#include "report/check_words.h"
#include "report/render.h"

#include "model_builders.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace memlayout::report {
namespace {

using model::ChangeKind;

model::SnapshotField sfield(std::string name, std::string type, std::uint64_t offset, std::uint64_t size) {
  return memlayout::testing::makeSnapshotField(std::move(name), std::move(type), offset, size);
}

// struct gate_flipped { char a; int b; } grown from { int b; char a; }: 8 → 12 bytes... as a C test would.
model::TypeSnapshot snapshot(std::string name, std::uint64_t size, std::vector<model::SnapshotField> fields,
                             std::vector<model::ByteRange> holes = {}, std::uint64_t trailing = 0) {
  model::TypeSnapshot t;
  t.name = std::move(name);
  t.kind = "struct";
  t.language = "C";
  t.size = size;
  t.align = 4;
  t.fields = std::move(fields);
  t.holes = std::move(holes);
  t.trailingPadding = trailing;
  t.padding = trailing;
  for (const auto &h : t.holes) t.padding += h.size;
  return t;
}

model::Change change(ChangeKind kind, model::CheckValue before, model::CheckValue after, std::string field = "",
                     bool regression = false) {
  model::Change c;
  c.kind = kind;
  c.before = std::move(before);
  c.after = std::move(after);
  c.field = std::move(field);
  c.regression = regression;
  return c;
}

// before: { char a; char c; int b; } 8 bytes, 2-byte hole; after: { char a; [3] int b; char c; [3] } 12 bytes.
model::TypeComparison gateFlipped() {
  model::TypeComparison t;
  t.name = "gate_flipped";
  t.before = snapshot("gate_flipped", 8, {sfield("a", "char", 0, 1), sfield("c", "char", 1, 1), sfield("b", "int", 4, 4)},
                      {{2, 2}});
  t.after = snapshot("gate_flipped", 12, {sfield("a", "char", 0, 1), sfield("b", "int", 4, 4), sfield("c", "char", 8, 1)},
                     {{1, 3}}, 3);
  t.after->decl = model::Decl{"/src/proj/samples/gate/gate.c", 12};
  t.before->decl = t.after->decl;
  return t;
}

std::string words(const model::TypeComparison &type, const model::Change &c) { return describeChange(type, c); }

TEST(CheckWords, EveryChangeKind) {
  model::TypeComparison t = gateFlipped();
  EXPECT_EQ(words(t, change(ChangeKind::Size, std::uint64_t{8}, std::uint64_t{12})), "size 8 → 12 bytes (+4)");
  EXPECT_EQ(words(t, change(ChangeKind::Size, std::uint64_t{12}, std::uint64_t{8})), "size 12 → 8 bytes (-4)");
  EXPECT_EQ(words(t, change(ChangeKind::Align, std::uint64_t{4}, std::uint64_t{8})), "align 4 → 8");
  EXPECT_EQ(words(t, change(ChangeKind::Padding, std::uint64_t{0}, std::uint64_t{4})), "padding 0 → 4 bytes");

  model::Change hole = change(ChangeKind::Hole, std::monostate{}, std::uint64_t{3});
  hole.offset = 1;
  EXPECT_EQ(words(t, hole), "new hole: 3 bytes at offset 1, after a");
  hole.before = std::uint64_t{1};
  EXPECT_EQ(words(t, hole), "hole at offset 1 after a grew: 1 → 3 bytes");
  model::Change closed = change(ChangeKind::Hole, std::uint64_t{2}, std::monostate{});
  closed.offset = 2;
  EXPECT_EQ(words(t, closed), "hole at offset 2 after a closed (was 2 bytes)");

  EXPECT_EQ(words(t, change(ChangeKind::FieldMoved, std::uint64_t{1}, std::uint64_t{8}, "c")), "field c moved: offset 1 → 8");

  // From the change's own numbers, and from the snapshot when the change only names the type.
  model::Change added = change(ChangeKind::FieldAdded, std::monostate{}, std::string("int"), "d");
  added.offset = 8;
  added.afterSize = 4;
  EXPECT_EQ(words(t, added), "field d added: int at 8 (4 bytes)");
  EXPECT_EQ(words(t, change(ChangeKind::FieldAdded, std::monostate{}, std::monostate{}, "c")),
            "field c added: char at 8 (1 byte)");
  EXPECT_EQ(words(t, change(ChangeKind::FieldRemoved, std::string("char"), std::monostate{}, "c")),
            "field c removed: was char at 1 (1 byte)");

  model::Change type = change(ChangeKind::FieldType, std::string("int"), std::string("long"), "b");
  type.beforeSize = 4;
  type.afterSize = 8;
  EXPECT_EQ(words(t, type), "field b changed type: int → long (4 → 8 bytes)");
  type.afterSize = 4;
  EXPECT_EQ(words(t, type), "field b changed type: int → long (4 bytes)");

  EXPECT_EQ(words(t, change(ChangeKind::VariantAdded, std::monostate{}, std::monostate{}, "Triangle")), "variant Triangle added");
  EXPECT_EQ(words(t, change(ChangeKind::VariantRemoved, std::monostate{}, std::monostate{}, "Square")), "variant Square removed");
  // The comparison carries the variant's name as the value: said once.
  EXPECT_EQ(words(t, change(ChangeKind::VariantAdded, std::monostate{}, std::string("Jump"), "Jump")), "variant Jump added");
  EXPECT_EQ(words(t, change(ChangeKind::VariantRemoved, std::string("Append"), std::monostate{}, "Append")),
            "variant Append removed");
  EXPECT_EQ(words(t, change(ChangeKind::Discriminant, std::string("niche"), std::string("tag"))), "discriminant: niche → tag");

  model::TypeComparison gone = t;
  gone.after.reset();
  EXPECT_EQ(words(gone, change(ChangeKind::TypeRemoved, std::monostate{}, std::monostate{})), "type removed (was 8 bytes)");
  model::TypeComparison fresh = t;
  fresh.before.reset();
  EXPECT_EQ(words(fresh, change(ChangeKind::TypeAdded, std::monostate{}, std::monostate{})), "type added (12 bytes)");

  model::Change limit = change(ChangeKind::SizeLimit, std::monostate{}, std::uint64_t{24});
  limit.limit = 16;
  EXPECT_EQ(words(t, limit), "size 24 exceeds limit 16");
  model::Change padLimit = change(ChangeKind::PaddingLimit, std::monostate{}, std::monostate{});
  padLimit.limit = 4;
  EXPECT_EQ(words(t, padLimit), "padding 6 exceeds limit 4"); // from the new layout: hole 3 + trailing 3
}

TEST(CheckWords, HoleInsideAVariantFollowsThatVariantsField) {
  model::TypeComparison t;
  t.name = "Shape";
  t.after = snapshot("Shape", 16, {});
  t.after->kind = "enum";
  model::SnapshotVariant circle;
  circle.name = "Circle";
  circle.fields = {sfield("flag", "bool", 1, 1), sfield("r", "f64", 8, 8)};
  t.after->variants = {circle};
  model::Change hole = change(ChangeKind::Hole, std::monostate{}, std::uint64_t{6}, "Circle");
  hole.offset = 2;
  EXPECT_EQ(describeChange(t, hole), "new hole in variant Circle: 6 bytes at offset 2, after flag");
  EXPECT_EQ(describeChange(t, change(ChangeKind::FieldMoved, std::uint64_t{0}, std::uint64_t{8}, "Circle.r")),
            "field Circle.r moved: offset 0 → 8");
  EXPECT_EQ(describeChange(t, change(ChangeKind::Padding, std::uint64_t{0}, std::uint64_t{6}, "Circle")),
            "padding of variant Circle 0 → 6 bytes");
}

TEST(CheckWords, MarkdownCellsUseCodeSpans) {
  model::TypeComparison t = gateFlipped();
  model::Change type = change(ChangeKind::FieldType, std::string("a|b"), std::string("long"), "b");
  const ChangeWords w = changeWords(t, type, true);
  EXPECT_EQ(w.what, "field `b` changed type");
  EXPECT_EQ(w.before, "`a\\|b` (4 bytes)");
  EXPECT_EQ(w.after, "`long` (4 bytes)");
}

TEST(CheckWords, DeclRelativeToSourceRoot) {
  model::Decl d{"/src/proj/samples/gate/gate.c", 12};
  EXPECT_EQ(declFile(d, "/src/proj"), "samples/gate/gate.c");
  EXPECT_EQ(declFile(d, "/src/proj/"), "samples/gate/gate.c");
  EXPECT_EQ(declFile(d, "/src/pro"), "/src/proj/samples/gate/gate.c"); // a prefix of the name is not a parent
  EXPECT_EQ(declFile(d, "/other"), "/src/proj/samples/gate/gate.c");
  EXPECT_EQ(declFile(d, ""), "/src/proj/samples/gate/gate.c");
  EXPECT_EQ(declFile(model::Decl{"/src/proj/./a/../b.h", 1}, "/src/proj"), "b.h");
  EXPECT_EQ(declFile(model::Decl{"samples/gate/gate.c", 1}, "/src/proj"), "samples/gate/gate.c"); // already relative
  EXPECT_EQ(declLocation(d, "/src/proj"), "samples/gate/gate.c:12");
  EXPECT_EQ(declLocation(model::Decl{"x.c", 0}, ""), "x.c");
  EXPECT_EQ(declLocation(std::nullopt, ""), "");
}

// A result as the lead fills it: gate_flipped regressed, shrunk improved, rust_only (no decl) changed.
struct CheckFixture {
  model::Binary binary;
  model::CheckResult check;
  Report report;
  CheckFixture() {
    binary.path = "gate_after";
    check.baseline = "layout-baseline.json";
    check.typesBefore = 3;
    check.typesAfter = 3;
    check.typesCompared = 3;

    model::TypeComparison flipped = gateFlipped();
    model::Change size = change(ChangeKind::Size, std::uint64_t{8}, std::uint64_t{12}, "", true);
    model::Change hole = change(ChangeKind::Hole, std::monostate{}, std::uint64_t{3}, "", false);
    hole.offset = 1;
    model::Change moved = change(ChangeKind::FieldMoved, std::uint64_t{1}, std::uint64_t{8}, "c", true);
    flipped.changes = {size, hole, moved};

    model::TypeComparison shrunk;
    shrunk.name = "shrunk";
    shrunk.before = snapshot("shrunk", 16, {sfield("x", "long", 0, 8), sfield("y", "int", 8, 4)}, {}, 4);
    shrunk.after = snapshot("shrunk", 8, {sfield("x", "int", 0, 4), sfield("y", "int", 4, 4)});
    shrunk.after->decl = model::Decl{"/elsewhere/shrunk.h", 3};
    shrunk.changes = {change(ChangeKind::Size, std::uint64_t{16}, std::uint64_t{8})};

    model::TypeComparison rust;
    rust.name = "gate::Msg<u8, u16>";
    rust.before = snapshot(rust.name, 4, {});
    rust.after = snapshot(rust.name, 4, {});
    rust.before->kind = rust.after->kind = "enum";
    rust.changes = {change(ChangeKind::VariantAdded, std::monostate{}, std::monostate{}, "Ping")};

    check.types = {flipped, rust, shrunk};
    report.binary = &binary;
    report.check = &check;
    report.sourceRoot = "/src/proj";
  }
};

TEST(CheckText, VerdictTypesAndChanges) {
  CheckFixture f;
  f.check.suppressed = 2;
  f.check.compilersBefore = {"gcc 14.2.0"};
  f.check.compilersAfter = {"gcc 15.1.0"};
  EXPECT_EQ(renderText(f.report, false),
            "check: FAILED — 2 regressions in 1 type, 3 other changes (baseline layout-baseline.json, ratchet, 3 types compared)\n"
            "note: the baseline was built by gcc 14.2.0; this file by gcc 15.1.0 — layouts may differ because of the compiler\n"
            "\n"
            "samples/gate/gate.c:12  struct gate_flipped  8 → 12 bytes\n"
            "  FAIL    size 8 → 12 bytes (+4)\n"
            "  ok      new hole: 3 bytes at offset 1, after a\n"
            "  FAIL    field c moved: offset 1 → 8\n"
            "\n"
            "enum gate::Msg<u8, u16>  4 bytes\n"
            "  ok      variant Ping added\n"
            "\n"
            "/elsewhere/shrunk.h:3  struct shrunk  16 → 8 bytes\n"
            "  better  size 16 → 8 bytes (-8)\n"
            "\n"
            "suppressed: 2 changes in types matched by a suppress glob\n");
}

TEST(CheckText, PassedAndSavedBaseline) {
  CheckFixture f;
  f.check.types.erase(f.check.types.begin()); // gate_flipped
  f.report.saved = Report::SavedBaseline{"layout-baseline.json", 3, false};
  const std::string text = renderText(f.report, true);
  EXPECT_NE(text.find("\x1b[32mcheck: passed — no regressions (1 improvement, 1 other change; baseline "
                      "layout-baseline.json, ratchet, 3 types compared)\x1b[0m\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("\x1b[32mbetter"), std::string::npos) << text;
  EXPECT_NE(text.find("\n\nbaseline written to layout-baseline.json (3 types)\n"), std::string::npos) << text;

  f.check.types.clear();
  f.check.diff = true;
  f.check.baseline = "old_app";
  f.report.saved->skipped = true;
  EXPECT_EQ(renderText(f.report, false), "diff: passed — no changes (against old_app, ratchet, 3 types compared)\n"
                                         "\n"
                                         "baseline layout-baseline.json not updated: the check found regressions\n");
}

TEST(CheckJson, SpecKeysThenAdditiveOnes) {
  CheckFixture f;
  f.check.policy.mode = model::Policy::Mode::Exact;
  f.check.compilersBefore = {"gcc 14.2.0"};
  f.check.compilersAfter = {"clang 19.1.7", "gcc 14.2.0"};
  f.report.saved = Report::SavedBaseline{"b.json", 3, true};
  const auto json = nlohmann::ordered_json::parse(renderJson(f.report));
  const auto &check = json.at("check");
  std::vector<std::string> keys;
  for (const auto &item : check.items()) keys.push_back(item.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"baseline", "passed", "changes", "mode", "diff", "types_before", "types_after",
                                            "types_compared", "regressions", "suppressed", "compilers"}));
  EXPECT_EQ(check["baseline"], "layout-baseline.json");
  EXPECT_EQ(check["passed"], false);
  EXPECT_EQ(check["mode"], "exact");
  EXPECT_EQ(check["regressions"], 2);
  EXPECT_EQ(check["compilers"]["file"], nlohmann::json::array({"clang 19.1.7", "gcc 14.2.0"}));
  ASSERT_EQ(check["changes"].size(), 5u);

  const auto &size = check["changes"][0];
  EXPECT_EQ(size, nlohmann::ordered_json::parse(R"({"type": "gate_flipped", "change": "size", "before": 8, "after": 12,
      "regression": true, "decl": {"file": "samples/gate/gate.c", "line": 12}})"));
  const auto &hole = check["changes"][1];
  EXPECT_FALSE(hole.contains("before")); // monostate: omitted
  EXPECT_FALSE(hole.contains("field"));  // about the type: omitted
  EXPECT_EQ(hole["after"], 3);
  EXPECT_EQ(hole["offset"], 1);
  EXPECT_EQ(check["changes"][2]["field"], "c");
  const auto &variant = check["changes"][3];
  EXPECT_EQ(variant["change"], "variant-added");
  EXPECT_EQ(variant["field"], "Ping");
  EXPECT_FALSE(variant.contains("decl")); // Rust: no declaration
  EXPECT_EQ(check["changes"][4]["decl"]["file"], "/elsewhere/shrunk.h"); // outside --source-root

  EXPECT_EQ(json.at("saved_baseline"), nlohmann::ordered_json::parse(R"({"path": "b.json", "types": 3, "written": false})"));
}

TEST(CheckJson, StringsAndSizesOfAFieldTypeChange) {
  CheckFixture f;
  model::Change type = change(ChangeKind::FieldType, std::string("int"), std::string("long"), "b", true);
  type.beforeSize = 4;
  type.afterSize = 8;
  model::Change limit = change(ChangeKind::SizeLimit, std::monostate{}, std::uint64_t{12}, "", true);
  limit.limit = 8;
  f.check.types[0].changes = {type, limit};
  const auto json = nlohmann::json::parse(renderJson(f.report));
  const auto &c = json["check"]["changes"];
  EXPECT_EQ(c[0]["before"], "int");
  EXPECT_EQ(c[0]["after"], "long");
  EXPECT_EQ(c[0]["before_size"], 4);
  EXPECT_EQ(c[0]["after_size"], 8);
  EXPECT_EQ(c[1]["change"], "size-limit");
  EXPECT_EQ(c[1]["limit"], 8);
  EXPECT_FALSE(json.contains("saved_baseline"));
}

TEST(CheckMarkdown, HeadingTableAndNewHoles) {
  CheckFixture f;
  f.check.compilersBefore = {"gcc 14.2.0"};
  f.check.compilersAfter = {"gcc 15.1.0"};
  EXPECT_EQ(renderMarkdown(f.report),
            "### memlayout: ❌ 2 layout regressions in 1 type\n"
            "\n"
            "Compared with the baseline `layout-baseline.json` (ratchet mode): 3 types compared, 3 types changed, 1 improvement.\n"
            "\n"
            "> **Note:** the baseline was built by gcc 14.2.0; this file by gcc 15.1.0 — layouts may differ because of the compiler.\n"
            "\n"
            "| type | change | before | after |\n"
            "|---|---|---|---|\n"
            "| `gate_flipped` | ❌ size | 8 bytes | 12 bytes (+4) |\n"
            "| `gate_flipped` | new hole after `a` | — | 3 bytes at offset 1 |\n"
            "| `gate_flipped` | ❌ field `c` moved | offset 1 | offset 8 |\n"
            "| `gate::Msg<u8, u16>` | variant `Ping` added | — | — |\n"
            "| `shrunk` | ✅ size | 16 bytes | 8 bytes (-8) |\n"
            "\n"
            "<details><summary>New layout of <code>gate_flipped</code>: 12 bytes, 1 hole (3 bytes), padding 6 bytes</summary>\n"
            "\n"
            "| offset | size | field | type |\n"
            "|--:|--:|---|---|\n"
            "| 0 | 1 | `a` | `char` |\n"
            "| 1 | 3 | **hole** | |\n"
            "| 4 | 4 | `b` | `int` |\n"
            "| 8 | 1 | `c` | `char` |\n"
            "| 9 | 3 | padding | |\n"
            "\n"
            "</details>\n");
}

TEST(CheckMarkdown, PassedHeadingAndNoTableWithoutChanges) {
  CheckFixture f;
  f.check.types.clear();
  EXPECT_EQ(renderMarkdown(f.report), "### memlayout: ✅ no layout regressions\n"
                                      "\n"
                                      "Compared with the baseline `layout-baseline.json` (ratchet mode): 3 types compared, "
                                      "0 types changed.\n");
}

TEST(CheckGithub, AnnotationsPerTypeThenSummary) {
  CheckFixture f;
  RenderOptions options;
  options.format = Format::Github;
  EXPECT_EQ(render(f.report, options),
            "::error file=samples/gate/gate.c,line=12,title=memlayout%3A gate_flipped::[FAIL] size 8 → 12 bytes (+4)"
            "%0A[ok] new hole: 3 bytes at offset 1, after a%0A[FAIL] field c moved: offset 1 → 8\n"
            "::notice title=memlayout%3A gate%3A%3AMsg<u8%2C u16>::[ok] variant Ping added\n"
            "::notice file=/elsewhere/shrunk.h,line=3,title=memlayout%3A shrunk::[better] size 16 → 8 bytes (-8)\n"
            "check: FAILED — 2 regressions in 1 type, 3 other changes (baseline layout-baseline.json, ratchet, 3 types compared)\n");
}

TEST(CheckGithub, EscapesDataAndProperties) {
  CheckFixture f;
  f.check.types.resize(1);
  auto &t = f.check.types[0];
  t.name = "a,b:c%d";
  t.after->decl = model::Decl{"/src/proj/dir,1/x:y%.c", 0};
  t.changes = {change(ChangeKind::FieldType, std::string("100%\r\nint"), std::string("long"), "f", true)};
  f.check.compilersBefore = {"gcc 1"};
  f.check.compilersAfter = {"gcc 2"};
  f.check.baseline = "b\n::error::injected";
  EXPECT_EQ(renderGithub(f.report),
            "::warning title=memlayout%3A compilers differ::the baseline was built by gcc 1; this file by gcc 2 — layouts "
            "may differ because of the compiler\n"
            "::error file=dir%2C1/x%3Ay%25.c,title=memlayout%3A a%2Cb%3Ac%25d::[FAIL] field f changed type: 100%25%0D%0Aint → "
            "long\n"
            "check: FAILED — 1 regression in 1 type (baseline b ::error::injected, ratchet, 3 types compared)\n");
}

TEST(CheckGithub, WithoutACheckFallsBackToText) {
  model::Binary binary;
  binary.path = "app";
  Report report;
  report.binary = &binary;
  report.saved = Report::SavedBaseline{"b.json", 1, false};
  EXPECT_EQ(renderGithub(report), "baseline written to b.json (1 type)\n");
}

} // namespace
} // namespace memlayout::report
