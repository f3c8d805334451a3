// The progress line: silent when disabled or before its delay, rate-limited, erased when done.
#include "cli/progress.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <initializer_list>
#include <string>
#include <utility>
#include <thread>

namespace {

using memlayout::cli::ProgressLine;
using namespace std::chrono_literals;

// What the line wrote to its stream.
class Captured {
public:
  Captured() : file_(open_memstream(&data_, &size_)) {}
  ~Captured() {
    std::fclose(file_);
    std::free(data_);
  }
  std::FILE *file() { return file_; }
  std::string text() {
    std::fflush(file_);
    return std::string(data_, size_);
  }

private:
  char *data_ = nullptr;
  std::size_t size_ = 0;
  std::FILE *file_;
};

// What a line writes in its whole life: made, updated with each (done, total), destroyed.
std::string lifetime(bool enabled, memlayout::cli::ProgressTiming timing,
                     std::initializer_list<std::pair<std::size_t, std::size_t>> updates) {
  Captured out;
  {
    ProgressLine line("reading", enabled, out.file(), timing);
    for (auto [done, total] : updates) line.update(done, total);
  }
  return out.text();
}

TEST(Progress, DisabledWritesNothing) { EXPECT_EQ(lifetime(false, {0ms, 0ms}, {{1, 10}, {10, 10}}), ""); }

TEST(Progress, NothingBeforeTheDelay) { EXPECT_EQ(lifetime(true, {1h, 0ms}, {{1, 10}, {9, 10}}), ""); }

TEST(Progress, ShownThenErasedWhenDone) {
  Captured out;
  ProgressLine line("reading the DWARF of vmlinux", true, out.file(), {0ms, 0ms});
  line.update(3, 12);
  EXPECT_EQ(out.text(), "\rmemlayout: reading the DWARF of vmlinux: 3/12 units (25%)\033[K");
  line.update(12, 12);
  EXPECT_EQ(out.text(), "\rmemlayout: reading the DWARF of vmlinux: 3/12 units (25%)\033[K\r\033[K");
}

TEST(Progress, RedrawnAtMostOncePerInterval) {
  EXPECT_EQ(lifetime(true, {0ms, 1h}, {{1, 4}, {2, 4}, {3, 4}}), "\rmemlayout: reading: 1/4 units (25%)\033[K\r\033[K");
}

TEST(Progress, ErasedWhenDestroyedMidway) {
  // An error ends the read early: the line must not stay on the terminal above the error message.
  EXPECT_EQ(lifetime(true, {0ms, 0ms}, {{1, 2}}), "\rmemlayout: reading: 1/2 units (50%)\033[K\r\033[K");
}

TEST(Progress, ShownOnceTheDelayHasPassed) {
  Captured out;
  ProgressLine line("reading", true, out.file(), {20ms, 0ms});
  line.update(1, 2);
  EXPECT_EQ(out.text(), "");
  std::this_thread::sleep_for(30ms);
  line.update(1, 2);
  EXPECT_EQ(out.text(), "\rmemlayout: reading: 1/2 units (50%)\033[K");
}

} // namespace
