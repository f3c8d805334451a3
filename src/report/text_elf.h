// Text renderings of the ELF view; internal to report/.
#pragma once

#include "model/binary.h"
#include "report/color.h"

#include <string>

namespace memlayout::report {

std::string textHeader(const model::Binary &binary, const Palette &palette);
std::string textSegments(const model::Binary &binary, const Palette &palette);
std::string textSections(const model::Binary &binary, const Palette &palette);
// `typesSection`: the padding wasters (text_types.h), "" when the file has no DWARF.
std::string textSummary(const model::Binary &binary, const Palette &palette, const std::string &typesSection = "");

// The loader's view: one block per LOAD segment with its sections; bss as the memory-only tail.
std::string textLoadBlocks(const model::Binary &binary, const Palette &palette, bool listSections);
// A proportional picture of the virtual address space covered by LOAD segments (empty if none).
std::string textAddressPicture(const model::Binary &binary, const Palette &palette, unsigned columns);

} // namespace memlayout::report
