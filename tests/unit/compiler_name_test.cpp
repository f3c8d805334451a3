// compilerName: producer strings of the compilers we build samples with, as they really read.
#include "dwarf/compiler_name.h"

#include <gtest/gtest.h>

using memlayout::dwarf::compilerName;

TEST(CompilerName, KeepsFamilyAndVersionOnly) {
  EXPECT_EQ(compilerName("GNU C17 12.2.0 -mtune=generic -march=x86-64 -g -gdwarf-5 -O0 -std=gnu17"), "gcc 12.2.0");
  EXPECT_EQ(compilerName("GNU C++17 14.2.0 -mtune=generic -march=x86-64 -g"), "gcc 14.2.0");
  EXPECT_EQ(compilerName("Debian clang version 19.1.7 (3~deb12u1)"), "clang 19.1.7");
  EXPECT_EQ(compilerName("clang version 18.1.8 (https://github.com/llvm/llvm-project 3b5b5c1e)"), "clang 18.1.8");
  EXPECT_EQ(compilerName("clang LLVM (rustc version 1.95.0 (59807616e 2026-04-14))"), "rustc 1.95.0");
}

TEST(CompilerName, AssemblerAndEmptyMakeNoTypes) {
  EXPECT_EQ(compilerName("GNU AS 2.40"), "");
  EXPECT_EQ(compilerName(""), "");
}

TEST(CompilerName, UnknownProducersKeepTheirFirstTwoWords) {
  EXPECT_EQ(compilerName("Intel(R) oneAPI DPC++/C++ Compiler 2024.0.0"), "Intel(R) oneAPI");
  EXPECT_EQ(compilerName("tcc"), "tcc");
}
