// A progress line on stderr for long DWARF reads: only on a terminal, only after a second, erased when
// done, so logs and pipes never see it.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdio>
#include <string>

namespace memlayout::cli {

struct ProgressTiming {
  std::chrono::milliseconds after{1000}; // nothing for reads shorter than this
  std::chrono::milliseconds every{100};  // redrawn at most this often
};

class ProgressLine {
public:
  // `enabled`: stderr is a terminal that understands \r and erase-to-end-of-line (TERM is not dumb).
  ProgressLine(std::string what, bool enabled, std::FILE *to = stderr, ProgressTiming timing = {});
  ~ProgressLine();
  ProgressLine(const ProgressLine &) = delete;
  ProgressLine &operator=(const ProgressLine &) = delete;

  void update(std::size_t done, std::size_t total);

private:
  void erase();
  std::string what_;
  bool enabled_;
  std::FILE *to_;
  ProgressTiming timing_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point start_, lastShown_;
};

// Whether stderr should get a progress line: a terminal, and not TERM=dumb.
bool progressWanted();

} // namespace memlayout::cli
