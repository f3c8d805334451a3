// Human-readable numbers in the renderers.
#include "report/units.h"

#include <gtest/gtest.h>

namespace memlayout::report {
namespace {

TEST(Units, HumanSize) {
  EXPECT_EQ(humanSize(0), "0 B");
  EXPECT_EQ(humanSize(1023), "1023 B");
  EXPECT_EQ(humanSize(1024), "1.0 KiB");
  EXPECT_EQ(humanSize(205553), "200.7 KiB");
  EXPECT_EQ(humanSize(256 * 1024), "256.0 KiB");
  EXPECT_EQ(humanSize(3ull << 30), "3.0 GiB");
  EXPECT_EQ(humanSize(UINT64_MAX), "16.0 EiB");
}

TEST(Units, Hex) {
  EXPECT_EQ(hex(0), "0x0");
  EXPECT_EQ(hex(0x318, 6), "0x000318");
  EXPECT_EQ(hex(0xffffffff81000000ull, 16), "0xffffffff81000000");
}

TEST(Units, Grouped) {
  EXPECT_EQ(grouped(0), "0");
  EXPECT_EQ(grouped(999), "999");
  EXPECT_EQ(grouped(205553), "205,553");
  EXPECT_EQ(grouped(1000000), "1,000,000");
}

} // namespace
} // namespace memlayout::report
