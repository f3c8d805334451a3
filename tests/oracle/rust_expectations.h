// tests/oracle/rust_expectations.h: the acceptance values for samples/rust/samples.rs, asserted on memlayout's JSON.
//
// -Zprint-type-sizes does not print discriminant values, where a niche lies, or tuples, so these
// come from the language itself (documented in each entry): the tutorial's Message (24 bytes, its
// tag in String's capacity: Quit = 2^63, Move = 2^63 + 1, ChangeColor = 2^63 + 3, Write owns the
// niche), Option<Box<i32>> (None = 0), Option<bool> (None = 2), Option<char> (None = 0x110000),
// repr(i8) -3 read back as -3, (i32, f64, u8) in 16 bytes, Efficient's 2 bytes of trailing padding…
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace memlayout::testing {

// `types` is memlayout's "types" array for the whole sample; each failed expectation is one line.
std::vector<std::string> checkRustExpectations(const nlohmann::json &types, std::size_t &checked);

} // namespace memlayout::testing
