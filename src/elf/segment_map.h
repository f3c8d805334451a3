// Which section lies in which segment, by readelf's rule, so our map matches `readelf -l` exactly.
#pragma once

#include "model/binary.h"

namespace memlayout::elf {

// readelf's strict section-in-segment test (binutils include/elf/internal.h,
// ELF_SECTION_IN_SEGMENT_STRICT, with .tbss outside PT_TLS excluded as readelf -l does).
bool sectionInSegment(const model::Section &section, const model::Segment &segment);

// Fills Segment::sections (address order) and Section::segments for every pair.
void mapSectionsToSegments(std::vector<model::Segment> &segments, std::vector<model::Section> &sections);

} // namespace memlayout::elf
