// The progress line: "memlayout: reading DWARF of FILE: 1200/2352 units (51%)", redrawn at most ten
// times a second after the first second.
#include "cli/progress.h"

#include <cstdio>

namespace memlayout::cli {

ProgressLine::ProgressLine(std::string what, bool enabled)
    : what_(std::move(what)), enabled_(enabled), start_(std::chrono::steady_clock::now()) {}

ProgressLine::~ProgressLine() { erase(); }

void ProgressLine::update(std::size_t done, std::size_t total) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (done >= total) return erase();
  if (now - start_ < std::chrono::seconds(1)) return;
  if (shown_ && now - lastShown_ < std::chrono::milliseconds(100)) return;
  std::fprintf(stderr, "\rmemlayout: %s: %zu/%zu units (%zu%%)\033[K", what_.c_str(), done, total,
               total ? done * 100 / total : 0);
  std::fflush(stderr);
  shown_ = true;
  lastShown_ = now;
}

void ProgressLine::erase() {
  if (!shown_) return;
  std::fputs("\r\033[K", stderr);
  std::fflush(stderr);
  shown_ = false;
}

} // namespace memlayout::cli
