// Rust enums with data: whether the discriminant is a tag or sits in a niche, and each variant laid out
// over the whole enum with the discriminant's bytes counted as used.
#pragma once

#include "model/facts.h"
#include "model/type.h"

#include <cstddef>
#include <optional>

namespace memlayout::analysis {

// Kind::Enum with a discriminant (DW_TAG_variant_part) or with a variant that has fields. C-like
// enums, Rust fieldless enums among them, are plain integers and have no data.
bool hasData(const model::Type &type);

// The variant that owns a niche: the first with neither a discriminant value nor ranges one of whose
// fields overlaps the discriminant's bytes; -1 when there is none (a tag layout).
int nicheOwner(const model::Type &type);

// Tag or niche. A niche layout is one where the discriminant's bytes overlap a field of the variant
// that has no discriminant value (Option<Box<T>>: the pointer; the tutorial's Message: String's
// capacity inside Write); any other is a tag. For a niche, `field` names the innermost field known to
// hold it, found through Field::typeIndex in `table` (may be null: then the owner's top field).
// nullopt for a type without Type::discriminant (C-like enums, single-variant enums).
std::optional<model::DiscriminantFacts> classifyDiscriminant(const model::Type &type, const model::TypeTable *table);

// Variant `index`'s fields over the whole enum (offsets from its start), with the discriminant's bytes
// as a What::Discriminant item, except in the niche owner, whose own field holds them. Holes and
// trailing padding are the bytes this variant leaves unused.
model::Layout variantLayout(const model::Type &type, std::size_t index,
                            const std::optional<model::DiscriminantFacts> &discriminant);

// The padding of an enum with data: bytes that no variant uses for a field and that do not hold the
// discriminant, as gap items only (Hole, BitHole, TrailingPadding). A niche enum's bytes are never
// counted as waste, since its owner variant covers them.
model::Layout enumLayout(const model::Type &type);

} // namespace memlayout::analysis
