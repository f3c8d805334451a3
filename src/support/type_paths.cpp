// shortenTypePaths: one pass over a qualified name, dropping each path segment as its `::` arrives.
#include "support/type_paths.h"

#include <cstring>

namespace memlayout::support {
namespace {

bool isOpening(char c) { return c == '<' || c == '(' || c == '[' || c == '{'; }
bool isClosing(char c) { return c == '>' || c == ')' || c == ']' || c == '}'; }

// Drops the default allocator argument, written with or without a space after the comma.
void dropDefaultAllocator(std::string &name) {
  for (std::string_view argument : {", Global>", ",Global>"})
    for (std::size_t at; (at = name.find(argument)) != std::string::npos;) name.erase(at, argument.size() - 1);
}

} // namespace

std::string shortenTypePaths(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (name[i] == ':' && i + 1 < name.size() && name[i + 1] == ':') {
      // Drop the segment just written: back to the last bracket, comma, space or pointer sigil.
      std::size_t keep = out.size();
      if (keep > 0 && isClosing(out[keep - 1])) { // a bracketed segment: "(anonymous namespace)", "{impl#0}"
        int depth = 0;
        while (keep > 0) {
          const char c = out[--keep];
          if (isClosing(c)) ++depth;
          else if (isOpening(c) && --depth == 0) break;
        }
      }
      while (keep > 0 && !isOpening(out[keep - 1]) && !isClosing(out[keep - 1]) &&
             std::strchr(",&* \t", out[keep - 1]) == nullptr)
        --keep;
      out.resize(keep);
      ++i;
      continue;
    }
    out += name[i];
  }
  dropDefaultAllocator(out);
  return out;
}

} // namespace memlayout::support
