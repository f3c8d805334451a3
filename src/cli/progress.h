// A progress line on stderr for long DWARF reads: only on a terminal, only after a second, erased when
// done, so logs and pipes never see it.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace memlayout::cli {

class ProgressLine {
public:
  // `enabled`: stderr is a terminal (and the user wants it).
  ProgressLine(std::string what, bool enabled);
  ~ProgressLine();
  ProgressLine(const ProgressLine &) = delete;
  ProgressLine &operator=(const ProgressLine &) = delete;

  void update(std::size_t done, std::size_t total);

private:
  void erase();
  std::string what_;
  bool enabled_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point start_, lastShown_;
};

} // namespace memlayout::cli
