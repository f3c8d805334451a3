// Recoverable DWARF damage as deduplicated one-line warnings; LLVM's default handlers would print them.
#pragma once

#include <llvm/Support/Error.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace memlayout::dwarf {

class Warnings {
public:
  // Distinct messages kept; the rest are only counted (damaged DWARF can repeat a complaint per DIE).
  static constexpr std::size_t kMaxDistinct = 64;

  void add(std::string_view message);
  void add(llvm::Error error); // consumes it
  std::size_t distinct() const { return list_.size(); }
  // The warnings in the order first seen, plus one line counting those beyond kMaxDistinct.
  std::vector<std::string> take();

private:
  std::vector<std::string> list_;
  std::unordered_set<std::string> seen_;
  std::size_t dropped_ = 0;
};

} // namespace memlayout::dwarf
