// Deduplicating warning sink for DWARF damage.
#include "dwarf/warnings.h"

#include "support/error.h"

namespace memlayout::dwarf {

void Warnings::add(std::string_view message) {
  std::string line = support::oneLine(message);
  std::lock_guard lock(mutex_);
  if (seen_.count(line)) return;
  if (list_.size() >= kMaxDistinct) {
    ++dropped_;
    return;
  }
  seen_.insert(line);
  list_.push_back(std::move(line));
}

void Warnings::add(llvm::Error error) {
  llvm::handleAllErrors(std::move(error), [this](const llvm::ErrorInfoBase &info) { add(info.message()); });
}

std::vector<std::string> Warnings::take() {
  std::lock_guard lock(mutex_);
  std::vector<std::string> out = std::move(list_);
  if (dropped_ > 0) out.push_back("and " + std::to_string(dropped_) + " more distinct DWARF warnings");
  list_.clear();
  seen_.clear();
  dropped_ = 0;
  return out;
}

} // namespace memlayout::dwarf
