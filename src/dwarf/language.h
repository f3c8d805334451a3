// DW_AT_language codes → the language names users know ("C", "C++", "Rust").
#pragma once

#include <cstdint>
#include <string>

namespace memlayout::dwarf {

std::string languageName(std::uint64_t dwLang);

} // namespace memlayout::dwarf
