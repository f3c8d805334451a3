// Renderers on a hand-built Binary: SPEC keys and values in JSON, bss in text, tables in Markdown.
#include "report/render.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace memlayout::report {
namespace {

model::Binary makeBinary() {
  model::Binary b;
  b.path = "app";
  b.fileSize = 0x3000;
  b.header.elfClass = 64;
  b.header.machine = "x86-64";
  b.header.type = "EXEC";
  b.header.typeCode = 2;
  b.header.typeDescription = "executable";
  b.header.entry = 0x401000;
  b.header.interpreter = "/lib64/ld-linux-x86-64.so.2";
  b.header.buildId = "abcd";
  model::Section null;
  model::Section text;
  text.index = 1;
  text.name = ".text";
  text.type = "PROGBITS";
  text.flags = "AX";
  text.flagBits = 6;
  text.addr = 0x401000;
  text.offset = 0x1000;
  text.size = 0x100;
  text.align = 16;
  text.segments = {0};
  model::Section bss;
  bss.index = 2;
  bss.name = ".bss";
  bss.type = "NOBITS";
  bss.typeCode = 8;
  bss.flags = "WA";
  bss.flagBits = 3;
  bss.addr = 0x402000;
  bss.offset = 0x2000;
  bss.size = 0x40000;
  bss.align = 32;
  bss.segments = {1};
  b.sections = {null, text, bss};
  model::Segment rx;
  rx.index = 0;
  rx.typeCode = 1;
  rx.type = "LOAD";
  rx.flags = "R-X";
  rx.offset = 0x1000;
  rx.vaddr = rx.paddr = 0x401000;
  rx.filesz = rx.memsz = 0x100;
  rx.align = 0x1000;
  rx.sections = {1};
  model::Segment rw = rx;
  rw.index = 1;
  rw.flags = "RW-";
  rw.offset = 0x2000;
  rw.vaddr = rw.paddr = 0x402000;
  rw.filesz = 0;
  rw.memsz = 0x40000;
  rw.sections = {2};
  b.segments = {rx, rw};
  return b;
}

TEST(RenderJson, SegmentsAndSectionsUseSpecKeys) {
  model::Binary binary = makeBinary();
  Report report;
  report.binary = &binary;
  report.segments = report.sections = true;
  auto json = nlohmann::json::parse(renderJson(report));
  EXPECT_EQ(json["schema"], "memlayout/1");
  EXPECT_EQ(json["file"], "app");
  EXPECT_FALSE(json.contains("header"));
  const auto &seg = json["segments"][1];
  for (const char *key : {"index", "type", "flags", "offset", "vaddr", "paddr", "filesz", "memsz", "align", "sections"})
    EXPECT_TRUE(seg.contains(key)) << key;
  EXPECT_EQ(seg["flags"], "RW-");
  EXPECT_EQ(seg["memsz"], 0x40000);
  EXPECT_EQ(seg["sections"], nlohmann::json::array({".bss"}));
  const auto &sec = json["sections"][1];
  for (const char *key : {"index", "name", "type", "flags", "addr", "offset", "size", "align", "segments"})
    EXPECT_TRUE(sec.contains(key)) << key;
  EXPECT_EQ(sec["flags"], "AX");
  EXPECT_EQ(sec["segments"], nlohmann::json::array({0}));
  EXPECT_EQ(json["sections"].size(), 3u);
}

TEST(RenderJson, HeaderHasNullsForAbsentFacts) {
  model::Binary binary = makeBinary();
  binary.header.buildId.reset();
  Report report;
  report.binary = &binary;
  report.header = true;
  auto json = nlohmann::json::parse(renderJson(report));
  EXPECT_EQ(json["header"]["class"], "ELF64");
  EXPECT_EQ(json["header"]["endianness"], "little");
  EXPECT_EQ(json["header"]["entry"], 0x401000);
  EXPECT_TRUE(json["header"]["build_id"].is_null());
  EXPECT_TRUE(json["header"]["debuglink"].is_null());
  EXPECT_EQ(json["header"]["interpreter"], "/lib64/ld-linux-x86-64.so.2");
}

TEST(RenderText, ShowsBssAsMemoryOnlyTail) {
  model::Binary binary = makeBinary();
  Report report;
  report.binary = &binary;
  report.segments = true;
  std::string text = renderText(report, false);
  EXPECT_NE(text.find("256.0 KiB zero-filled (.bss)"), std::string::npos) << text;
  EXPECT_NE(text.find("memory only"), std::string::npos);
  EXPECT_NE(text.find("Address space"), std::string::npos);
  EXPECT_EQ(text.find("\x1b["), std::string::npos); // no colour unless asked
  for (std::size_t at = text.find('\n'); at != std::string::npos; at = text.find('\n', at + 1))
    EXPECT_NE(text[at - 1], ' ') << "trailing space before offset " << at;
}

TEST(RenderText, ColourOnlyWhenAsked) {
  model::Binary binary = makeBinary();
  Report report;
  report.binary = &binary;
  report.segments = true;
  EXPECT_NE(renderText(report, true).find("\x1b["), std::string::npos);
}

TEST(RenderMarkdown, SectionsTable) {
  model::Binary binary = makeBinary();
  Report report;
  report.binary = &binary;
  report.sections = true;
  std::string md = renderMarkdown(report);
  EXPECT_NE(md.find("| # | name | type | flags |"), std::string::npos) << md;
  EXPECT_NE(md.find("| 2 | `.bss` | NOBITS | `WA` |"), std::string::npos) << md;
}

} // namespace
} // namespace memlayout::report
