// ANSI styling for text output; every function returns its input unchanged when colour is off.
#pragma once

#include <string>
#include <string_view>

namespace memlayout::report {

class Palette {
public:
  explicit Palette(bool enabled) : enabled_(enabled) {}
  std::string heading(std::string_view text) const { return wrap("1", text); }
  std::string dim(std::string_view text) const { return wrap("2", text); }
  std::string name(std::string_view text) const { return wrap("36", text); }
  // What wastes space or time: holes, fields straddling a cache line.
  std::string warn(std::string_view text) const { return wrap("33", text); }
  // --check: what fails the build (red) and what got better (green).
  std::string bad(std::string_view text) const { return wrap("31", text); }
  std::string good(std::string_view text) const { return wrap("32", text); }
  // Permissions by their risk: writable yellow, executable green, writable and executable red.
  std::string permissions(std::string_view rwx, std::string_view text) const;

private:
  std::string wrap(std::string_view code, std::string_view text) const;
  bool enabled_;
};

} // namespace memlayout::report
