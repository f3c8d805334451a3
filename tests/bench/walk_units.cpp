// walk_units FILE: one pass over every unit of FILE's .debug_info with dwarf::RawUnit on one thread (each
// DIE's abbreviation looked up and its attributes stepped over, nothing built), then the DIE count. The
// benchmark prints its time beside memlayout's, as the floor a reader of every unit cannot go below.
#include "bench_input.h"
#include "dwarf/raw_unit.h"

#include <llvm/DebugInfo/DWARF/DWARFContext.h>
#include <llvm/DebugInfo/DWARF/DWARFUnit.h>

#include <cstdio>

int main(int argc, char **argv) {
  const auto input = memlayout::bench::openInput(argc, argv, "walk_units");
  if (!input) return 2;
  std::size_t units = 0, unread = 0, dies = 0;
  for (const auto &unit : input->context->info_section_units()) {
    ++units;
    if (auto raw = memlayout::dwarf::RawUnit::read(*unit)) dies += raw->dies().size();
    else ++unread;
  }
  std::printf("%zu units (%zu not walked), %zu DIEs\n", units, unread, dies);
  return unread == 0 ? 0 : 1;
}
