// One type's changes, field by field and variant by variant; the matching rules are in compare.h.
#include "analysis/type_changes.h"

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <utility>

namespace memlayout::analysis {
namespace {

using model::Change;
using model::ChangeKind;
using model::CheckValue;
using model::SnapshotField;

// What a field is called in a change: its name; a base subobject, its type; else "(anonymous)".
std::string fieldLabel(const SnapshotField &f) {
  if (!f.name.empty()) return f.name;
  return f.base ? f.type : "(anonymous)";
}

// Same-named fields match in order, so an anonymous member is matched by its position among anonymous
// ones, and a base by its type (bases have no name) among bases of that type.
std::string matchKey(const SnapshotField &f) {
  if (!f.name.empty()) return "n " + f.name;
  return f.base ? "b " + f.type : "a";
}

template <typename T, typename KeyOf>
std::vector<std::pair<std::string, std::size_t>> occurrenceKeys(const std::vector<T> &items, KeyOf keyOf) {
  std::map<std::string, std::size_t> seen;
  std::vector<std::pair<std::string, std::size_t>> keys;
  keys.reserve(items.size());
  for (const T &item : items) {
    std::string key = keyOf(item);
    const std::size_t n = seen[key]++;
    keys.emplace_back(std::move(key), n);
  }
  return keys;
}

// For each item of `after`, the index of its match in `before`, or nullopt.
template <typename T, typename KeyOf>
std::vector<std::optional<std::size_t>> matchByKey(const std::vector<T> &before, const std::vector<T> &after,
                                                   KeyOf keyOf) {
  std::map<std::pair<std::string, std::size_t>, std::size_t> index;
  const auto beforeKeys = occurrenceKeys(before, keyOf);
  for (std::size_t i = 0; i < beforeKeys.size(); ++i) index.emplace(beforeKeys[i], i);
  std::vector<std::optional<std::size_t>> out;
  for (const auto &key : occurrenceKeys(after, keyOf)) {
    auto it = index.find(key);
    out.push_back(it == index.end() ? std::nullopt : std::optional<std::size_t>(it->second));
  }
  return out;
}

CheckValue offsetValue(const std::optional<std::uint64_t> &offset) {
  return offset ? CheckValue(*offset) : CheckValue(std::monostate{});
}

// The type as a change shows it; a bit-field's width is part of it ("unsigned int:3").
std::string typeText(const SnapshotField &f) {
  return f.bitSize ? f.type + ":" + std::to_string(*f.bitSize) : f.type;
}

model::Change change(ChangeKind kind, std::string field, CheckValue before, CheckValue after) {
  Change c;
  c.kind = kind;
  c.field = std::move(field);
  c.before = std::move(before);
  c.after = std::move(after);
  return c;
}

class Collector {
public:
  explicit Collector(std::vector<RankedChange> &out) : out_(out) {}

  void add(Change c, std::uint64_t group, std::uint64_t offset) {
    out_.push_back({std::move(c), group, offset});
  }

  // Fields of one type or of one variant (`prefix` "Variant."), matched by name.
  void fields(const std::vector<SnapshotField> &before, const std::vector<SnapshotField> &after,
              const std::string &prefix, std::uint64_t group) {
    const auto matches = matchByKey(before, after, matchKey);
    std::vector<bool> matched(before.size(), false);
    for (std::size_t i = 0; i < after.size(); ++i) {
      const SnapshotField &now = after[i];
      const std::string label = prefix + fieldLabel(now);
      if (!matches[i]) {
        Change c = change(ChangeKind::FieldAdded, label, {}, now.type);
        c.offset = now.offset;
        c.afterSize = now.size;
        add(std::move(c), group, now.offset.value_or(UINT64_MAX));
        continue;
      }
      matched[*matches[i]] = true;
      field(before[*matches[i]], now, label, group);
    }
    for (std::size_t j = 0; j < before.size(); ++j) {
      if (matched[j]) continue;
      const SnapshotField &old = before[j];
      Change c = change(ChangeKind::FieldRemoved, prefix + fieldLabel(old), old.type, {});
      c.beforeSize = old.size;
      add(std::move(c), group, old.offset.value_or(UINT64_MAX));
    }
  }

  void field(const SnapshotField &old, const SnapshotField &now, const std::string &label, std::uint64_t group) {
    const std::uint64_t at = now.offset.value_or(UINT64_MAX);
    if (old.offset != now.offset) {
      add(change(ChangeKind::FieldMoved, label, offsetValue(old.offset), offsetValue(now.offset)), group, at);
    } else if (old.bitOffset && now.bitOffset && *old.bitOffset != *now.bitOffset) {
      // Same byte, other bits: still an ABI change for the code that reads the bit-field.
      add(change(ChangeKind::FieldMoved, label, "bit " + std::to_string(*old.bitOffset),
                 "bit " + std::to_string(*now.bitOffset)),
          group, at);
    }
    if (typeText(old) != typeText(now) || old.size != now.size) {
      Change c = change(ChangeKind::FieldType, label, typeText(old), typeText(now));
      c.offset = now.offset;
      c.beforeSize = old.size;
      c.afterSize = now.size;
      add(std::move(c), group, at);
    }
  }

private:
  std::vector<RankedChange> &out_;
};

std::string fieldBeforeHole(const std::vector<SnapshotField> &fields, std::uint64_t holeOffset) {
  const SnapshotField *best = nullptr;
  std::uint64_t bestEnd = 0;
  for (const SnapshotField &f : fields) {
    if (!f.offset || *f.offset + f.size > holeOffset) continue;
    if (!best || *f.offset + f.size >= bestEnd) {
      best = &f;
      bestEnd = *f.offset + f.size;
    }
  }
  return best ? fieldLabel(*best) : "";
}

std::uint64_t overlapBytes(const std::vector<model::ByteRange> &holes, std::uint64_t begin, std::uint64_t end) {
  std::uint64_t bytes = 0;
  for (const auto &h : holes) {
    const std::uint64_t lo = std::max(begin, h.offset), hi = std::min(end, h.offset + h.size);
    if (lo < hi) bytes += hi - lo;
  }
  return bytes;
}

// "tag: 1 byte at 0"
std::string placeText(const model::SnapshotDiscriminant &d) {
  return d.kind + ": " + std::to_string(d.size) + (d.size == 1 ? " byte at " : " bytes at ") + std::to_string(d.offset);
}

// True when the discriminant's kind or place changed (then per-variant values are not compared).
bool discriminant(Collector &collect, const model::TypeSnapshot &before, const model::TypeSnapshot &after) {
  const auto &old = before.discriminant, &now = after.discriminant;
  if (!old && !now) return false;
  if (!old || !now || old->kind != now->kind) {
    collect.add(change(ChangeKind::Discriminant, "", old ? CheckValue(old->kind) : CheckValue{},
                       now ? CheckValue(now->kind) : CheckValue{}),
                0, 0);
    return true;
  }
  if (old->offset == now->offset && old->size == now->size) return false;
  collect.add(change(ChangeKind::Discriminant, "", placeText(*old), placeText(*now)), 0, 0);
  return true;
}

void variants(Collector &collect, const model::TypeSnapshot &before, const model::TypeSnapshot &after,
              bool compareValues) {
  auto nameOf = [](const model::SnapshotVariant &v) { return v.name; };
  const auto matches = matchByKey(before.variants, after.variants, nameOf);
  std::vector<bool> matched(before.variants.size(), false);
  for (std::size_t i = 0; i < after.variants.size(); ++i) {
    const model::SnapshotVariant &now = after.variants[i];
    if (!matches[i]) {
      collect.add(change(ChangeKind::VariantAdded, now.name, {}, now.name), 0, i);
      continue;
    }
    const model::SnapshotVariant &old = before.variants[*matches[i]];
    matched[*matches[i]] = true;
    if (compareValues && old.discriminant != now.discriminant)
      collect.add(change(ChangeKind::Discriminant, now.name, old.discriminant, now.discriminant), 1 + i, 0);
    collect.fields(old.fields, now.fields, now.name + ".", 1 + i);
  }
  for (std::size_t j = 0; j < before.variants.size(); ++j)
    if (!matched[j])
      collect.add(change(ChangeKind::VariantRemoved, before.variants[j].name, before.variants[j].name, {}), 0,
                  after.variants.size() + j);
}

} // namespace

std::vector<RankedChange> typeChanges(const model::TypeSnapshot &before, const model::TypeSnapshot &after) {
  std::vector<RankedChange> out;
  Collector collect(out);
  if (before.size != after.size) collect.add(change(ChangeKind::Size, "", before.size, after.size), 0, 0);
  if (before.align != after.align) collect.add(change(ChangeKind::Align, "", before.align, after.align), 0, 0);
  if (before.padding != after.padding)
    collect.add(change(ChangeKind::Padding, "", before.padding, after.padding), 0, 0);
  // New or grown holes only: a hole that shrank or closed is no news for a gate.
  for (const auto &hole : after.holes) {
    const std::uint64_t had = overlapBytes(before.holes, hole.offset, hole.offset + hole.size);
    if (had >= hole.size) continue;
    Change c = change(ChangeKind::Hole, fieldBeforeHole(after.fields, hole.offset), had, hole.size);
    c.offset = hole.offset;
    collect.add(std::move(c), 0, hole.offset);
  }
  collect.fields(before.fields, after.fields, "", 0);
  const bool placeChanged = discriminant(collect, before, after);
  variants(collect, before, after, !placeChanged);
  return out;
}

} // namespace memlayout::analysis
