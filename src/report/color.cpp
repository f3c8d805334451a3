// ANSI styling for text output.
#include "report/color.h"

namespace memlayout::report {

std::string Palette::wrap(std::string_view code, std::string_view text) const {
  if (!enabled_ || text.empty()) return std::string(text);
  return "\x1b[" + std::string(code) + "m" + std::string(text) + "\x1b[0m";
}

std::string Palette::permissions(std::string_view rwx, std::string_view text) const {
  const bool w = rwx.find('W') != std::string_view::npos, x = rwx.find('X') != std::string_view::npos;
  if (w && x) return wrap("1;31", text);
  if (w) return wrap("33", text);
  if (x) return wrap("32", text);
  return wrap("34", text);
}

} // namespace memlayout::report
