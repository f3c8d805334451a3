// Number formatting shared by the renderers: human sizes, hex of a fixed width, byte counts.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace memlayout::report {

// "0 B", "28 B", "1023 B", "1.0 KiB", "200.7 KiB", "1.4 MiB", "3.1 GiB" (binary units).
std::string humanSize(std::uint64_t bytes);
// "0x" + at least `digits` lowercase hex digits.
std::string hex(std::uint64_t value, int digits = 0);
// 205553 → "205,553".
std::string grouped(std::uint64_t value);
// "1 hole", "3 holes": n and the word for it.
std::string countOf(std::uint64_t n, std::string_view one, std::string_view many);
// "1 byte", "12 bytes".
std::string byteCount(std::uint64_t n);

} // namespace memlayout::report
