// Recoverable DWARF damage as deduplicated one-line warnings; LLVM's default handlers would print them.
#pragma once

#include <llvm/Support/Error.h>

#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace memlayout::dwarf {

// Safe to add to from several threads (units read in parallel, LLVM's handlers).
class Warnings {
public:
  // Distinct messages kept; the rest are only counted (damaged DWARF can repeat a complaint per DIE).
  static constexpr std::size_t kMaxDistinct = 64;

  void add(std::string_view message);
  void add(llvm::Error error); // consumes it
  // The warnings in the order first seen, plus one line counting those beyond kMaxDistinct.
  std::vector<std::string> take();

private:
  std::mutex mutex_;
  std::vector<std::string> list_;
  std::unordered_set<std::string> seen_;
  std::size_t dropped_ = 0;
};

} // namespace memlayout::dwarf
