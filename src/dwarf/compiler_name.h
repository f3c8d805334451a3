// DW_AT_producer strings → the compiler and version that decide layouts ("gcc 12.2.0", "rustc 1.95.0").
#pragma once

#include <string>
#include <string_view>

namespace memlayout::dwarf {

// "" for producers that make no types (the assembler) or say nothing recognisable.
std::string compilerName(std::string_view producer);

} // namespace memlayout::dwarf
