// Sentences about Rust enums and niches that the text and Markdown renderers share: where the
// discriminant lives and which values select which variant, niches, what Option<T> costs.
#pragma once

#include "model/facts.h"
#include "model/type.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace memlayout::report {

// A value stored in a niche: decimal below 65536 ("2"), else hex as wide as the niche ("0x00110000").
std::string nicheValueText(std::uint64_t bits, std::uint64_t bytes);

// How a variant is selected: "= 0", "= -3" (tag, with the type's signedness), "= 0x8000000000000001"
// (niche), "= 3..=5", or "= any other value" for the niche owner.
std::string variantSelector(const model::Variant &variant, const model::DiscriminantFacts *discriminant,
                            bool owner);

// One line: "tag: u8 at offset 0 (1 byte): 0 = A, 1 = B, 2 = C", or "the tag is stored in the niche of
// Write.0.vec.buf.inner.cap at offset 0 (8 bytes): 0x8000000000000000, …0001, …0003 select Quit, Move,
// ChangeColor; any other value means Write". `code` (Markdown) wraps names and values in backticks and
// starts with a capital, as a sentence; so below.
std::string discriminantSentence(const model::Type &type, const model::DiscriminantFacts &discriminant, bool code);

// "offset 8 (1 byte, bool flag): 254 values free".
std::string nicheSentence(const model::Niche &niche, bool code);

// "Option<Message> is free: still 24 bytes, None goes in a niche" or "no niche: Option<Efficient> takes 16
// bytes, not 12".
std::string optionSentence(const model::Type &type, const model::OptionCost &option, bool code);

} // namespace memlayout::report
