// The words the contract uses for a type's kind and language: JSON writes them, baselines hold them.
#pragma once

#include "model/type.h"

#include <string_view>

namespace memlayout::model {

// "struct", "class", "union", "enum", "tuple" (SPEC Type.kind).
constexpr std::string_view kindWord(Kind kind) {
  switch (kind) {
  case Kind::Struct: return "struct";
  case Kind::Class: return "class";
  case Kind::Union: return "union";
  case Kind::Enum: return "enum";
  case Kind::Tuple: return "tuple";
  }
  return "struct";
}

// "C", "C++", "Rust", "other", "unknown" (SPEC Type.language).
constexpr std::string_view languageWord(Language language) {
  switch (language) {
  case Language::C: return "C";
  case Language::Cpp: return "C++";
  case Language::Rust: return "Rust";
  case Language::Other: return "other";
  case Language::Unknown: break;
  }
  return "unknown";
}

} // namespace memlayout::model
