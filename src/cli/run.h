// The program as a function: arguments in, exit code and the bytes for stdout and stderr out.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace memlayout::cli {

struct Outcome {
  int exitCode = 0;    // 0 success, 1 regression found, 2 error (../shared/SPEC.md)
  std::string out;     // stdout: empty whenever exitCode is 2
  std::string err;     // stderr: one line per error
};

// `args` excludes argv[0]. `stdoutIsTerminal` feeds --color auto.
Outcome run(const std::vector<std::string> &args, bool stdoutIsTerminal);

// The same, with stdout passed to `write` as it is made (Outcome::out stays empty). Nothing is written
// when the exit code is 2: every error comes before rendering starts.
using WriteOut = std::function<void(std::string_view)>;
Outcome run(const std::vector<std::string> &args, bool stdoutIsTerminal, const WriteOut &write);

// Entry point for main(): runs, writes stdout and stderr, returns the exit code.
int main(int argc, char **argv);

} // namespace memlayout::cli
