// What the user asked for, as a plain struct: filled by parse_args, read by run. No CLI11 here.
#pragma once

#include "analysis/select.h"
#include "model/check.h"
#include "report/report.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace memlayout::cli {

enum class ColorMode { Auto, Always, Never };

struct Options {
  std::string file;
  // Actions; none of them means the one-screen summary.
  bool header = false;
  bool segments = false;
  bool sections = false;
  std::vector<std::string> structs; // --struct NAME, repeatable: names or globs, as given
  bool types = false;               // --types
  report::Format format = report::Format::Text;
  ColorMode color = ColorMode::Auto;

  // --types listing: --sort, --top, --min-padding (--top alone sorts by padding).
  analysis::ListQuery list;
  std::uint64_t cacheLine = 64;     // --cacheline: a power of two
  bool expand = false;              // --expand
  bool suggest = false;             // --suggest

  // The CI gate. With any of these, --struct chooses the types compared or saved (it prints nothing).
  std::optional<std::string> check;        // --check BASELINE
  std::optional<std::string> diff;         // --diff OTHER (the old build)
  std::optional<std::string> saveBaseline; // --save-baseline F
  model::PolicySettings policy;            // --mode, --fail-on, --max-size, --max-padding, --suppress, --fixed-layout
  std::optional<std::string> sourceRoot;   // --source-root: declarations are shown relative to it

  unsigned jobs = 0;                       // --jobs: threads reading DWARF; 0 = one per core
  bool noCache = false;                    // --no-cache: neither read nor write the type index

  bool gate() const { return check || diff || saveBaseline; }
  bool anyAction() const { return header || segments || sections || !structs.empty() || types || gate(); }
};

} // namespace memlayout::cli
