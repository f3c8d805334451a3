// Snapshot against snapshot: types paired by name, changes judged by the policy, limits, suppressions.
#include "analysis/compare.h"

#include "analysis/select.h"
#include "analysis/type_changes.h"

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <utility>

namespace memlayout::analysis {
namespace {

using model::Change;
using model::ChangeKind;
using model::Rule;
using model::TypeSnapshot;

using Pairs = std::vector<std::pair<const TypeSnapshot *, const TypeSnapshot *>>; // before, after; either null

// Same-named layouts (distinct configurations, ODR trouble): the pair most likely to be one type first.
Pairs pairUp(const std::vector<const TypeSnapshot *> &before, const std::vector<const TypeSnapshot *> &after) {
  using Same = std::function<bool(const TypeSnapshot &, const TypeSnapshot &)>;
  const Same rules[] = {
      [](const TypeSnapshot &b, const TypeSnapshot &a) { return !a.unit.empty() && a.unit == b.unit; },
      [](const TypeSnapshot &b, const TypeSnapshot &a) {
        return a.decl && b.decl && !a.decl->file.empty() && a.decl->file == b.decl->file;
      },
      [](const TypeSnapshot &b, const TypeSnapshot &a) { return a.size == b.size; },
      [](const TypeSnapshot &, const TypeSnapshot &) { return true; },
  };
  std::vector<std::optional<std::size_t>> partner(after.size()); // index in before
  std::vector<bool> taken(before.size(), false);
  for (const Same &same : rules)
    for (std::size_t i = 0; i < after.size(); ++i) {
      if (partner[i]) continue;
      for (std::size_t j = 0; j < before.size(); ++j)
        if (!taken[j] && same(*before[j], *after[i])) {
          partner[i] = j;
          taken[j] = true;
          break;
        }
    }
  Pairs out;
  for (std::size_t i = 0; i < after.size(); ++i) out.emplace_back(partner[i] ? before[*partner[i]] : nullptr, after[i]);
  for (std::size_t j = 0; j < before.size(); ++j)
    if (!taken[j]) out.emplace_back(before[j], nullptr);
  return out;
}

class Judge {
public:
  explicit Judge(const model::Policy &policy) : policy_(policy), fixedLayout_(policy.fixedLayout) {
    for (const auto &limit : policy.limits) limitMatchers_.emplace_back(std::vector<std::string>{limit.pattern});
  }

  // Field order is an ABI in C and C++ (and any language but Rust), and in Rust types named fixed.
  bool fixedLayout(const TypeSnapshot &type) const { return type.language != "Rust" || fixedLayout_.matches(type.name); }

  bool regression(const Change &c, bool fixed) const {
    if (c.kind == ChangeKind::SizeLimit || c.kind == ChangeKind::PaddingLimit) return true;
    if (policy_.mode == model::Policy::Mode::Exact) return true;
    switch (c.kind) {
    case ChangeKind::Size: return fails(grew(c) ? Rule::SizeGrew : Rule::SizeShrank);
    case ChangeKind::Align: return fails(Rule::Align);
    case ChangeKind::Padding: return fails(grew(c) ? Rule::PaddingGrew : Rule::PaddingShrank);
    case ChangeKind::Hole: return fails(Rule::Hole);
    case ChangeKind::FieldMoved: return fixed && fails(Rule::FieldMoved);
    case ChangeKind::FieldAdded: return fails(Rule::FieldAdded);
    case ChangeKind::FieldRemoved: return fails(Rule::FieldRemoved);
    case ChangeKind::FieldType: return fails(Rule::FieldType);
    case ChangeKind::VariantAdded: return fails(Rule::VariantAdded);
    case ChangeKind::VariantRemoved: return fails(Rule::VariantRemoved);
    case ChangeKind::Discriminant: return fails(Rule::Discriminant);
    case ChangeKind::TypeAdded: return fails(Rule::TypeAdded);
    case ChangeKind::TypeRemoved: return fails(Rule::TypeRemoved);
    case ChangeKind::SizeLimit:
    case ChangeKind::PaddingLimit: break;
    }
    return true;
  }

  // size-limit / padding-limit: the tightest ceiling the type goes over, of the limits that name it.
  std::vector<Change> limits(const TypeSnapshot &type) const {
    std::optional<std::uint64_t> maxSize, maxPadding;
    for (std::size_t i = 0; i < policy_.limits.size(); ++i) {
      const model::Limit &limit = policy_.limits[i];
      if (!limitMatchers_[i].matches(type.name)) continue;
      if (limit.maxSize && type.size > *limit.maxSize) maxSize = std::min(maxSize.value_or(UINT64_MAX), *limit.maxSize);
      if (limit.maxPadding && type.padding > *limit.maxPadding)
        maxPadding = std::min(maxPadding.value_or(UINT64_MAX), *limit.maxPadding);
    }
    std::vector<Change> out;
    if (maxSize) out.push_back(over(ChangeKind::SizeLimit, type.size, *maxSize));
    if (maxPadding) out.push_back(over(ChangeKind::PaddingLimit, type.padding, *maxPadding));
    return out;
  }

private:
  bool fails(Rule rule) const { return std::find(policy_.failOn.begin(), policy_.failOn.end(), rule) != policy_.failOn.end(); }

  static bool grew(const Change &c) {
    const auto *before = std::get_if<std::uint64_t>(&c.before);
    const auto *after = std::get_if<std::uint64_t>(&c.after);
    return before && after && *after > *before;
  }

  static Change over(ChangeKind kind, std::uint64_t value, std::uint64_t limit) {
    Change c;
    c.kind = kind;
    c.after = value;
    c.limit = limit;
    return c;
  }

  const model::Policy &policy_;
  NameMatcher fixedLayout_;
  std::vector<NameMatcher> limitMatchers_;
};

// Every change of one pair, sorted, unjudged.
std::vector<RankedChange> pairChanges(const TypeSnapshot *before, const TypeSnapshot *after) {
  if (before && after) return typeChanges(*before, *after);
  Change c;
  if (after) {
    c.kind = ChangeKind::TypeAdded;
    c.after = after->size;
  } else {
    c.kind = ChangeKind::TypeRemoved;
    c.before = before->size;
  }
  return {RankedChange{std::move(c), 0, 0}};
}

void sortChanges(std::vector<RankedChange> &changes) {
  std::stable_sort(changes.begin(), changes.end(), [](const RankedChange &a, const RankedChange &b) {
    return std::tie(a.change.kind, a.group, a.offset, a.change.field) <
           std::tie(b.change.kind, b.group, b.offset, b.change.field);
  });
}

} // namespace

model::CheckResult compareSnapshots(const model::Snapshot &before, const model::Snapshot &after,
                                    const model::Policy &policy) {
  model::CheckResult result;
  result.baseline = before.source;
  result.policy = policy;
  result.compilersBefore = before.compilers;
  result.compilersAfter = after.compilers;

  const NameMatcher selection(before.selection);
  const NameMatcher suppress(policy.suppress);
  const Judge judge(policy);

  // By name, each side in its own order; a type without a name cannot be matched.
  std::map<std::string, std::pair<std::vector<const TypeSnapshot *>, std::vector<const TypeSnapshot *>>> byName;
  for (const TypeSnapshot &t : before.types) {
    if (t.name.empty()) continue;
    byName[t.name].first.push_back(&t);
    ++result.typesBefore;
  }
  for (const TypeSnapshot &t : after.types) {
    if (t.name.empty() || (!selection.empty() && !selection.matches(t.name))) continue;
    byName[t.name].second.push_back(&t);
    ++result.typesAfter;
  }

  for (const auto &[name, sides] : byName) {
    const bool suppressed = suppress.matches(name);
    for (const auto &[old, now] : pairUp(sides.first, sides.second)) {
      std::vector<RankedChange> ranked = pairChanges(old, now);
      if (now)
        for (Change &limit : judge.limits(*now)) ranked.push_back({std::move(limit), 0, 0});
      if (suppressed) {
        result.suppressed += ranked.size();
        continue;
      }
      if (old && now) ++result.typesCompared;
      if (ranked.empty()) continue;
      sortChanges(ranked);
      const bool fixed = judge.fixedLayout(now ? *now : *old);
      model::TypeComparison comparison;
      comparison.name = name;
      if (old) comparison.before = *old;
      if (now) comparison.after = *now;
      for (RankedChange &r : ranked) {
        r.change.regression = judge.regression(r.change, fixed);
        comparison.changes.push_back(std::move(r.change));
      }
      result.types.push_back(std::move(comparison));
    }
  }

  // byName gave the name order; same-named layouts by unit.
  auto unitOf = [](const model::TypeComparison &c) -> const std::string & { return c.after ? c.after->unit : c.before->unit; };
  std::stable_sort(result.types.begin(), result.types.end(), [&](const auto &a, const auto &b) {
    return a.name != b.name ? a.name < b.name : unitOf(a) < unitOf(b);
  });
  return result;
}

} // namespace memlayout::analysis
