// The changes `after --diff before` must report for each gate sample pair, under the default (ratchet)
// policy, written from the compilers' own layouts (see gate_expectations.cpp), not from memlayout.
#pragma once

#include "gate_support.h"

#include <string>
#include <vector>

namespace memlayout::gate {

struct GatePair {
  std::string name;   // test suffix: c_gcc, c_gcc_dwarf4, c_clang, cpp_gcc, rust
  std::string before; // sample names (samples/gate/gate.cmake)
  std::string after;
  TypeFilter isGateType; // types from the gate source
  Table expected;        // every change of those types, default policy
  std::vector<std::string> unchangedTypes; // gate types that must be listed on both sides with no change
};

const std::vector<GatePair> &gatePairs();
const GatePair &gatePair(const std::string &name);

// The C table's rows for one type (for the policy tests).
Table rowsOf(const Table &table, const std::string &type);

} // namespace memlayout::gate
