// What the user asked for plus the model values that answer it: the one input of every renderer.
#pragma once

#include "model/binary.h"

namespace memlayout::report {

enum class Format { Text, Json, Markdown };

struct Report {
  const model::Binary *binary = nullptr;
  bool summary = false;  // no action given: the one-screen overview
  bool header = false;
  bool segments = false;
  bool sections = false;
};

struct RenderOptions {
  Format format = Format::Text;
  bool color = false;    // text only; decided by the caller (terminal, NO_COLOR, --color)
};

} // namespace memlayout::report
