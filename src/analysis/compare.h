// The CI gate's judgement: two snapshots of type layouts compared under a policy, as a list of changes
// per type, each marked a regression or not. Pure: no I/O.
#pragma once

#include "model/check.h"

namespace memlayout::analysis {

// Types are matched by name. Several layouts under one name are paired by equal unit, then equal decl
// file, then equal size, then in order; the rest are type-added / type-removed. Fields are matched by
// name (the k-th field of a name with the k-th; anonymous ones by position among themselves; base-class
// subobjects by their type), variants likewise, and fields inside variants as "Variant.field".
//
// - Types a `policy.suppress` pattern matches are left out; `suppressed` counts the changes they had.
// - When `before.selection` is not empty (a baseline saved with --struct), only the types of `after`
//   those patterns match are looked at.
// - Limits apply to every type of `after` looked at, changed or not; they are always regressions.
// - Ratchet mode: a change is a regression when `policy.failOn` names it (size and padding by
//   direction); a moved field only in a type of fixed layout: any language but Rust, or a Rust type
//   `policy.fixedLayout` names. Exact mode: every change is one.
//
// Beyond the list: a bit-field that moves inside its byte is field-moved with "bit N" strings;
// a field whose type keeps its name but changes size (or a bit-field its width) is field-type; an
// enumerator or variant whose value changes is `discriminant` with field = the variant, when the
// discriminant's own place did not change (that change already says it all).
//
// typesBefore / typesAfter count the types looked at on each side (suppressed ones included),
// typesCompared the pairs compared (suppressed ones not). `baseline` is before.source; `diff` is the
// caller's to set.
model::CheckResult compareSnapshots(const model::Snapshot &before, const model::Snapshot &after,
                                    const model::Policy &policy);

} // namespace memlayout::analysis
