// Command line → Options. The only file that knows CLI11.
#pragma once

#include "cli/options.h"

#include <llvm/Support/Error.h>

#include <string>
#include <variant>
#include <vector>

namespace memlayout::cli {

// --help and --version are not errors: they carry the text to print and exit 0.
struct EarlyExit {
  std::string text;
};

// Errors are Usage errors with a one-line message.
llvm::Expected<std::variant<Options, EarlyExit>> parseArgs(const std::vector<std::string> &args);

} // namespace memlayout::cli
