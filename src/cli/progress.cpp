// The progress line: "memlayout: reading DWARF of FILE: 1200/2352 units (51%)", redrawn at most ten
// times a second after the first second.
#include "cli/progress.h"

#include <cstdlib>
#include <string_view>
#include <unistd.h>

namespace memlayout::cli {

ProgressLine::ProgressLine(std::string what, bool enabled, std::FILE *to, ProgressTiming timing)
    : what_(std::move(what)), enabled_(enabled), to_(to), timing_(timing), start_(std::chrono::steady_clock::now()) {}

ProgressLine::~ProgressLine() { erase(); }

void ProgressLine::update(std::size_t done, std::size_t total) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (done >= total) return erase();
  if (now - start_ < timing_.after) return;
  if (shown_ && now - lastShown_ < timing_.every) return;
  std::fprintf(to_, "\rmemlayout: %s: %zu/%zu units (%zu%%)\033[K", what_.c_str(), done, total,
               total ? done * 100 / total : 0);
  std::fflush(to_);
  shown_ = true;
  lastShown_ = now;
}

void ProgressLine::erase() {
  if (!shown_) return;
  std::fputs("\r\033[K", to_);
  std::fflush(to_);
  shown_ = false;
}

bool progressWanted() {
  if (isatty(STDERR_FILENO) == 0) return false;
  const char *term = std::getenv("TERM");
  return !(term && std::string_view(term) == "dumb");
}

} // namespace memlayout::cli
