// Snapshots for the CI gate: a type's layout reduced to the values its JSON shows (`--types --format json`),
// so a baseline read back from that JSON and a binary read now compare value for value.
#pragma once

#include "analysis/select.h"
#include "model/check.h"
#include "model/facts.h"
#include "model/type.h"

namespace memlayout::analysis {

// What a snapshot needs of a type: its layout (typeLayout), and for enums with data the discriminant
// and one layout per variant; no niches, rows or cache lines. The same values listedTypeFacts(…, whole)
// gives, which is what the JSON writes. `table` may be null.
model::TypeFacts snapshotFacts(const model::Type &type, const model::TypeTable *table);

// One type as its JSON object shows it: fields in offset order (a virtual base at a run-time offset last,
// with no offset), offset = the byte holding the first bit, size = the bytes the field spans; holes and
// padding from `facts.layout`; variants with their discriminant values as JSON prints them.
model::TypeSnapshot snapshotOf(const model::Type &type, const model::TypeFacts &facts);

// Every type `--types` lists (named, selected, not a C-like enum), in table order; or, given a
// selection, what `--struct` chooses with those patterns (C-like enums included), recorded in
// Snapshot::selection. source, target and compilers are the caller's to fill.
model::Snapshot snapshotOfTable(const model::TypeTable &table, const NameMatcher *selection);

} // namespace memlayout::analysis
