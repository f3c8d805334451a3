// Errors keep their kind across llvm::Error and print as one line.
#include "support/error.h"

#include <gtest/gtest.h>

namespace memlayout::support {
namespace {

TEST(Errors, KindAndMessageSurvive) {
  ErrorReport report = takeErrorReport(makeError(ErrorKind::Truncated, "a.out", "Section table runs past the end.\n"));
  EXPECT_EQ(report.kind, ErrorKind::Truncated);
  EXPECT_EQ(report.message, "'a.out': section table runs past the end");
}

TEST(Errors, ForeignErrorsAreInternal) {
  ErrorReport report = takeErrorReport(llvm::createStringError(std::errc::invalid_argument, "Boom"));
  EXPECT_EQ(report.kind, ErrorKind::Internal);
  EXPECT_EQ(report.message, "boom");
}

TEST(Errors, OneLineFlattensAndKeepsAcronyms) {
  EXPECT_EQ(oneLine("ELF header\n  is   bad."), "ELF header is bad");
  EXPECT_EQ(oneLine("Invalid\tdata"), "invalid data");
  EXPECT_EQ(oneLine(""), "");
}

} // namespace
} // namespace memlayout::support
