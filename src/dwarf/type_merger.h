// Merges per-unit results into one model::TypeTable: identical layouts seen in several units are
// kept once, distinct layouts under one name each with their unit and decl.
#pragma once

#include "dwarf/unit_reader.h"
#include "model/type.h"

#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace memlayout::dwarf {

class TypeMerger {
public:
  void add(UnitTypes &&unit);
  // The table, with otherNames sorted and unique (filled only when names were collected).
  model::TypeTable finish(std::vector<std::string> warnings);

private:
  model::TypeTable table_;
  // A layout's identity: everything but where it was read (unit, decl, language) and `selected`.
  std::unordered_map<std::string, std::int32_t> byLayout_;
  std::unordered_set<std::string> names_;
};

} // namespace memlayout::dwarf
