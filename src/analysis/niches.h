// Niches of Rust types: bytes whose invalid values an enum wrapping the type can use for its
// discriminant, told from the field types; what Option<T> costs as a consequence. No I/O.
#pragma once

#include "model/facts.h"
#include "model/type.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace memlayout::analysis {

// Every niche of a Rust type, in offset order, each with at least one free value: those of its fields,
// through Field::typeIndex into nested aggregates and enums at absolute offsets (arrays: element 0);
// for a fieldless enum its own unused values; for an enum with data its tag's unused values or what
// its own niche has left (the fields of a tagged enum's variants are not always there, so they give
// none). Unions and other languages' types have none. Rules, by field type, as rustc 1.95 sets valid
// ranges: bool 254 free; char 2^32 - 0x110000; references, Box, NonNull, Unique and fn pointers 1 (null);
// NonZero* 1; core::num::niche_types: UsizeNoHighBit (Vec/String capacity) 2^(bits-1), Nanoseconds
// 2^32 - 10^9, *NotAllOnes 1; enums: the largest run of values between the used ones, around the
// circle, as rustc picks it. `table` resolves Field::typeIndex; it may be null (no nesting then).
std::vector<model::Niche> findNiches(const model::Type &type, const model::TypeTable *table);

// The niches of a list of fields at their own offsets, paths starting with `prefix` + "." when
// `prefix` is not empty: a variant's fields ("Write.0.vec.buf.inner.cap").
std::vector<model::Niche> fieldNiches(const std::vector<model::Field> &fields, const model::TypeTable *table,
                                      const std::string &prefix);

// Inclusive [low, high] ranges of values of a `bytes`-wide integer (bits as stored; ranges may wrap).
using ValueRanges = std::vector<std::pair<std::uint64_t, std::uint64_t>>;

// The longest run of values, around the circle of 2^(8 × bytes), that none of `used` touches: what
// rustc leaves as a niche when it picks the valid range of a tag or fieldless enum. UINT64_MAX when the
// count does not fit (nothing used in 8 bytes, or wider than 8 bytes).
std::uint64_t largestFreeRun(ValueRanges used, std::uint64_t bytes);

// The values that select the variants of an enum (all but `except`, an index or -1), as ranges.
ValueRanges discriminantValues(const model::Type &type, int except);

// For a Rust type (not a union): Option<T> is free when T has a niche, else it adds T's alignment
// (the tag goes first, T after it at its alignment). nullopt for other languages or an unknown alignment.
std::optional<model::OptionCost> optionCost(const model::Type &type, const std::vector<model::Niche> &niches);

} // namespace memlayout::analysis
