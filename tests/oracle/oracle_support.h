// What every oracle program shares: a verdict that prints FAIL/note/ok lines and counts failures, a
// temporary directory removed on exit, and trailing-whitespace trimming of tool output.
#pragma once

#include <filesystem>
#include <iostream>
#include <stdlib.h>
#include <string>
#include <system_error>

namespace memlayout::testing {

class Verdict {
public:
  void fail(const std::string &subject, const std::string &what) {
    ++failures_;
    std::cout << "FAIL " << subject << ": " << what << "\n";
  }
  void note(const std::string &subject, const std::string &what) { std::cout << "note " << subject << ": " << what << "\n"; }
  void ok(const std::string &what) { std::cout << "ok   " << what << "\n"; }
  int failures() const { return failures_; }

private:
  int failures_ = 0;
};

// A fresh directory under the system's temporary directory, named PREFIX-XXXXXX; `path` is empty when
// it could not be made.
struct TempDir {
  std::filesystem::path path;
  explicit TempDir(const std::string &prefix) {
    std::string pattern = (std::filesystem::temp_directory_path() / (prefix + "-XXXXXX")).string();
    if (mkdtemp(pattern.data())) path = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    if (!path.empty()) std::filesystem::remove_all(path, ec);
  }
  TempDir(const TempDir &) = delete;
  TempDir &operator=(const TempDir &) = delete;
};

// Tool output without its final newline(s) and trailing spaces.
inline std::string rstrip(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ' || s.back() == '\r')) s.pop_back();
  return s;
}

} // namespace memlayout::testing
