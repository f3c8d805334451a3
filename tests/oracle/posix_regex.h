// tests/oracle/posix_regex.h: a small RAII wrapper over POSIX extended regular expressions for the test runners.
// (std::regex is avoided: with GCC 12, -O2 and the sanitizers its headers trip -Wmaybe-uninitialized.)
#pragma once

#include <regex.h>

#include <string>
#include <vector>

namespace memlayout::testing {

class Regex {
public:
  explicit Regex(const std::string &pattern, bool ignoreCase = false) {
    status_ = regcomp(&regex_, pattern.c_str(), REG_EXTENDED | (ignoreCase ? REG_ICASE : 0));
  }
  ~Regex() {
    if (status_ == 0) regfree(&regex_);
  }
  Regex(const Regex &) = delete;
  Regex &operator=(const Regex &) = delete;

  bool valid() const { return status_ == 0; }
  std::string error() const {
    char buffer[256];
    regerror(status_, &regex_, buffer, sizeof buffer);
    return buffer;
  }

  // Searches `text`. On a match, `groups` (when given) receives group 0 (the whole match) and every
  // parenthesised group, "" for a group that took no part.
  bool search(const std::string &text, std::vector<std::string> *groups = nullptr) const {
    if (status_ != 0) return false;
    std::vector<regmatch_t> matches(regex_.re_nsub + 1);
    if (regexec(&regex_, text.c_str(), matches.size(), matches.data(), 0) != 0) return false;
    if (groups) {
      groups->clear();
      for (const auto &m : matches)
        groups->push_back(m.rm_so < 0 ? std::string()
                                      : text.substr(static_cast<std::size_t>(m.rm_so),
                                                    static_cast<std::size_t>(m.rm_eo - m.rm_so)));
    }
    return true;
  }

private:
  regex_t regex_{};
  int status_ = -1;
};

} // namespace memlayout::testing
