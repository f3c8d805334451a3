// What the user asked for, as a plain struct: filled by parse_args, read by run. No CLI11 here.
#pragma once

#include "report/report.h"

#include <string>

namespace memlayout::cli {

enum class ColorMode { Auto, Always, Never };

struct Options {
  std::string file;
  // Actions; none of them means the one-screen summary.
  bool header = false;
  bool segments = false;
  bool sections = false;
  report::Format format = report::Format::Text;
  ColorMode color = ColorMode::Auto;

  bool anyAction() const { return header || segments || sections; }
};

} // namespace memlayout::cli
