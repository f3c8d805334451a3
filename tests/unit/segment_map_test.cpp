// readelf's section-to-segment rule on hand-built model values: edges, empty sections, TLS, NOBITS.
#include "elf/segment_map.h"

#include <gtest/gtest.h>

namespace memlayout::elf {
namespace {

constexpr std::uint32_t kLoad = 1, kDynamic = 2, kNote = 4, kPhdr = 6, kTls = 7, kRelro = 0x6474e552;
constexpr std::uint32_t kProgbits = 1, kNobits = 8, kNoteSec = 7;
constexpr std::uint64_t kWrite = 1, kAlloc = 2, kExec = 4, kTlsFlag = 0x400;

model::Segment segment(std::uint32_t type, std::uint64_t offset, std::uint64_t vaddr, std::uint64_t filesz,
                       std::uint64_t memsz) {
  model::Segment s;
  s.typeCode = type;
  s.offset = offset;
  s.vaddr = vaddr;
  s.filesz = filesz;
  s.memsz = memsz;
  return s;
}

model::Section section(std::uint32_t type, std::uint64_t flags, std::uint64_t offset, std::uint64_t addr,
                       std::uint64_t size) {
  model::Section s;
  s.typeCode = type;
  s.type = type == kNobits ? "NOBITS" : "PROGBITS";
  s.flagBits = flags;
  s.offset = offset;
  s.addr = addr;
  s.size = size;
  return s;
}

TEST(SectionInSegment, SectionInsideLoad) {
  auto load = segment(kLoad, 0x1000, 0x401000, 0x100, 0x100);
  EXPECT_TRUE(sectionInSegment(section(kProgbits, kAlloc | kExec, 0x1000, 0x401000, 0x100), load));
  EXPECT_TRUE(sectionInSegment(section(kProgbits, kAlloc, 0x1010, 0x401010, 0x10), load));
}

TEST(SectionInSegment, SectionPastEndIsOut) {
  auto load = segment(kLoad, 0x1000, 0x401000, 0x100, 0x100);
  EXPECT_FALSE(sectionInSegment(section(kProgbits, kAlloc, 0x1080, 0x401080, 0x81), load));
  EXPECT_FALSE(sectionInSegment(section(kProgbits, kAlloc, 0x0ff0, 0x400ff0, 0x10), load));
}

TEST(SectionInSegment, EmptySectionAtEndBelongsToNextSegmentNotThisOne) {
  auto load = segment(kLoad, 0x1000, 0x401000, 0x100, 0x100);
  EXPECT_FALSE(sectionInSegment(section(kProgbits, kAlloc, 0x1100, 0x401100, 0), load));
  EXPECT_TRUE(sectionInSegment(section(kProgbits, kAlloc, 0x1000, 0x401000, 0), load));
}

TEST(SectionInSegment, BssIsInLoadByAddressOnly) {
  auto load = segment(kLoad, 0x2000, 0x402000, 0x100, 0x5000);
  // A NOBITS section's file offset is meaningless; only its address counts.
  EXPECT_TRUE(sectionInSegment(section(kNobits, kAlloc | kWrite, 0x2100, 0x402100, 0x4000), load));
  EXPECT_FALSE(sectionInSegment(section(kNobits, kAlloc | kWrite, 0x2100, 0x402100, 0x5000), load));
}

TEST(SectionInSegment, NonAllocSectionsStayOutOfLoad) {
  auto load = segment(kLoad, 0, 0x400000, 0x10000, 0x10000);
  EXPECT_FALSE(sectionInSegment(section(kProgbits, 0, 0x100, 0, 0x10), load));
}

TEST(SectionInSegment, TlsRules) {
  auto tls = segment(kTls, 0x3000, 0x403000, 0x10, 0x30);
  auto load = segment(kLoad, 0x3000, 0x403000, 0x10, 0x1000);
  auto relro = segment(kRelro, 0x3000, 0x403000, 0x10, 0x10);
  auto tdata = section(kProgbits, kAlloc | kWrite | kTlsFlag, 0x3000, 0x403000, 0x10);
  auto tbss = section(kNobits, kAlloc | kWrite | kTlsFlag, 0x3010, 0x403010, 0x20);
  auto data = section(kProgbits, kAlloc | kWrite, 0x3000, 0x403000, 0x10);
  EXPECT_TRUE(sectionInSegment(tdata, tls));
  EXPECT_TRUE(sectionInSegment(tbss, tls));
  EXPECT_TRUE(sectionInSegment(tdata, load));
  EXPECT_TRUE(sectionInSegment(tdata, relro));
  EXPECT_FALSE(sectionInSegment(tbss, load)); // .tbss takes no room outside PT_TLS; readelf -l omits it
  EXPECT_FALSE(sectionInSegment(data, tls));  // PT_TLS holds only TLS sections
}

TEST(SectionInSegment, PhdrHoldsNothing) {
  auto phdr = segment(kPhdr, 0x40, 0x400040, 0x1000, 0x1000);
  EXPECT_FALSE(sectionInSegment(section(kProgbits, kAlloc, 0x40, 0x400040, 0x10), phdr));
}

TEST(SectionInSegment, EmptySectionAtEdgeOfNoteOrDynamicIsOut) {
  auto note = segment(kNote, 0x200, 0x400200, 0x40, 0x40);
  auto dynamic = segment(kDynamic, 0x300, 0x400300, 0x40, 0x40);
  EXPECT_FALSE(sectionInSegment(section(kNoteSec, kAlloc, 0x200, 0x400200, 0), note));
  EXPECT_TRUE(sectionInSegment(section(kNoteSec, kAlloc, 0x210, 0x400210, 0), note));
  EXPECT_FALSE(sectionInSegment(section(kProgbits, kAlloc, 0x300, 0x400300, 0), dynamic));
  EXPECT_TRUE(sectionInSegment(section(kNoteSec, kAlloc, 0x200, 0x400200, 0x40), note));
}

TEST(SectionInSegment, EmptySegmentAcceptsEmptySectionAtItsAddress) {
  auto empty = segment(kLoad, 0x1000, 0x401000, 0, 0);
  EXPECT_TRUE(sectionInSegment(section(kNobits, kAlloc, 0x1000, 0x401000, 0), empty));
}

TEST(MapSectionsToSegments, FillsBothDirectionsInAddressOrder) {
  std::vector<model::Section> sections{section(0, 0, 0, 0, 0), section(kProgbits, kAlloc, 0x1080, 0x401080, 0x10),
                                       section(kProgbits, kAlloc | kExec, 0x1000, 0x401000, 0x80)};
  for (unsigned i = 0; i < sections.size(); ++i) sections[i].index = i;
  std::vector<model::Segment> segments{segment(kLoad, 0x1000, 0x401000, 0x100, 0x100)};
  mapSectionsToSegments(segments, sections);
  EXPECT_EQ(segments[0].sections, (std::vector<unsigned>{2, 1}));
  EXPECT_EQ(sections[1].segments, (std::vector<unsigned>{0}));
  EXPECT_TRUE(sections[0].segments.empty()); // the null section is never mapped
}

} // namespace
} // namespace memlayout::elf
