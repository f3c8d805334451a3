// readelf's names and letters for ELF numbers.
#include "elf/names.h"

#include <gtest/gtest.h>

namespace memlayout::elf {
namespace {

constexpr std::uint16_t kX86_64 = 62, kArm = 40;

TEST(Names, SegmentTypes) {
  EXPECT_EQ(segmentTypeName(1, kX86_64), "LOAD");
  EXPECT_EQ(segmentTypeName(0x6474e551, kX86_64), "GNU_STACK");
  EXPECT_EQ(segmentTypeName(0x6474e553, kX86_64), "GNU_PROPERTY");
  EXPECT_EQ(segmentTypeName(0x70000001, kArm), "EXIDX");
  EXPECT_EQ(segmentTypeName(0x70000001, kX86_64), "0x70000001"); // unknown: the SPEC's "0x…"
}

TEST(Names, SegmentFlags) {
  EXPECT_EQ(segmentFlagLetters(5), "R-X");
  EXPECT_EQ(segmentFlagLetters(6), "RW-");
  EXPECT_EQ(segmentFlagLetters(0), "---");
}

TEST(Names, SectionTypes) {
  EXPECT_EQ(sectionTypeName(8, kX86_64), "NOBITS");
  EXPECT_EQ(sectionTypeName(18, kX86_64), "SYMTAB SECTION INDICES");
  EXPECT_EQ(sectionTypeName(0x6ffffff6, kX86_64), "GNU_HASH");
  EXPECT_EQ(sectionTypeName(0x70000001, kX86_64), "X86_64_UNWIND");
  EXPECT_EQ(sectionTypeName(0x60000123, kX86_64), "LOOS+0x123");
  EXPECT_EQ(sectionTypeName(0x70000010, kX86_64), "LOPROC+0x10");
}

TEST(Names, SectionFlagsInReadelfOrder) {
  EXPECT_EQ(sectionFlagLetters(0x6, kX86_64, 0), "AX");
  EXPECT_EQ(sectionFlagLetters(0x3, kX86_64, 0), "WA");
  EXPECT_EQ(sectionFlagLetters(0x32, kX86_64, 0), "AMS");
  EXPECT_EQ(sectionFlagLetters(0x403, kX86_64, 0), "WAT");
  EXPECT_EQ(sectionFlagLetters(0x800, kX86_64, 0), "C");
  EXPECT_EQ(sectionFlagLetters(0x80000000, kX86_64, 0), "E");
  EXPECT_EQ(sectionFlagLetters(0x10000002, kX86_64, 0), "Al");
  EXPECT_EQ(sectionFlagLetters(0x200000, kX86_64, 3), "R"); // SHF_GNU_RETAIN under ELFOSABI_GNU
  EXPECT_EQ(sectionFlagLetters(0x200003, kX86_64, 0), "WAo"); // ... but not under ELFOSABI_NONE
  EXPECT_EQ(sectionFlagLetters(0, kX86_64, 0), "");
}

TEST(Names, FileTypesAndMachines) {
  EXPECT_EQ(fileTypeName(3), "DYN");
  EXPECT_EQ(fileTypeName(4), "CORE");
  EXPECT_EQ(machineName(kX86_64), "x86-64");
  EXPECT_EQ(machineName(21), "PowerPC64");
  EXPECT_EQ(osAbiName(0), "UNIX - System V");
}

} // namespace
} // namespace memlayout::elf
