// readelf's vocabulary for ELF numbers: segment and section type names, flag letters, machines, OS ABIs.
#pragma once

#include <cstdint>
#include <string>

namespace memlayout::elf {

std::string segmentTypeName(std::uint32_t type, std::uint16_t machine);
std::string segmentFlagLetters(std::uint32_t flags);                 // "R-X"
std::string sectionTypeName(std::uint32_t type, std::uint16_t machine);
std::string sectionFlagLetters(std::uint64_t flags, std::uint16_t machine, std::uint8_t osAbi);
std::string machineName(std::uint16_t machine);
std::string osAbiName(std::uint8_t osAbi);
std::string fileTypeName(std::uint16_t type);                        // "EXEC", "DYN", ...

} // namespace memlayout::elf
