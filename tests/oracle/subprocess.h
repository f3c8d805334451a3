// tests/oracle/subprocess.h: runs a program with captured stdout/stderr and a timeout (for the oracle and error-path runners).
#pragma once

#include <string>
#include <vector>

namespace memlayout::testing {

struct ProcessResult {
  bool started = false;   // false when the program could not be spawned (see `err`)
  bool timedOut = false;  // killed after the timeout
  int exitCode = -1;      // valid when the process exited normally
  int signal = 0;         // the signal that ended it, or 0
  std::string out;        // everything it wrote to stdout
  std::string err;        // everything it wrote to stderr
  std::string describe() const; // "exit code 2", "killed by signal 11", "timed out", ...
};

// Runs argv[0] (looked up in PATH when it has no '/') with argv, stdin from /dev/null, the current
// environment plus `env` ("NAME=value" entries override), and kills it after timeoutSeconds.
ProcessResult runProcess(const std::vector<std::string> &argv, const std::vector<std::string> &env,
                         double timeoutSeconds);

} // namespace memlayout::testing
