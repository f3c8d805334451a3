// tests/oracle/types_source.h: what the type oracle reads from a sample's source text: its includes, typedef names of anonymous structs, and C/C++ type names spelled one way.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace memlayout::testing {

struct SourceFiles {
  std::vector<std::string> local;         // the source and the "quoted" headers it reaches, root-relative
  std::vector<std::string> systemIncludes; // every <angle> include in them, in order, unique
};

// Follows "quoted" includes relative to the including file (root-relative paths in, out).
SourceFiles readSourceFiles(const std::string &root, const std::string &source);

// For an unnamed record clang places at "FILE:LINE:COL" (the `struct` keyword), the NAME of
// `typedef struct { … } NAME;`, or nullopt when the record is not declared that way.
std::optional<std::string> typedefNameAt(const std::string &root, const std::string &location);

// One spelling for the builtin type names gcc and clang write differently ("long int" / "long",
// "short unsigned int" / "unsigned short", "_Bool" / "bool"), and no space after a comma inside
// template arguments: canonicalTypeName("ns::Pair<int, long int>") == canonicalTypeName("ns::Pair<int,long>").
std::string canonicalTypeName(const std::string &name);

// The last component of a qualified name, outside template brackets: "ns::Pair<a::B, int>" → "Pair<a::B, int>".
std::string lastComponent(const std::string &name);

} // namespace memlayout::testing
