// Words for --check/--diff results shared by the text, Markdown and GitHub renderers.
#include "report/check_words.h"

#include "report/markdown_types.h"
#include "report/text_table.h"
#include "report/units.h"

#include <fmt/format.h>

#include <filesystem>

namespace memlayout::report {
namespace {

using model::ChangeKind;
using model::CheckValue;

const std::uint64_t *number(const CheckValue &value) { return std::get_if<std::uint64_t>(&value); }
const std::string *text(const CheckValue &value) { return std::get_if<std::string>(&value); }

class Words {
public:
  Words(const model::TypeComparison &type, const model::Change &change, bool code)
      : type_(type), change_(change), code_(code) {}

  ChangeWords make() const;

private:
  std::string name(const std::string &s) const { return code_ ? markdownCode(s) : s; }
  // A value as it stands: a number, a (type) name, or "".
  std::string value(const CheckValue &v) const {
    if (const auto *n = number(v)) return std::to_string(*n);
    if (const auto *s = text(v)) return name(*s);
    return "";
  }
  std::string byteValue(const CheckValue &v) const {
    if (const auto *n = number(v)) return byteCount(*n);
    return value(v);
  }
  // "(+4)" / "(-4)" after a number that changed; "" otherwise.
  std::string delta() const {
    const auto *b = number(change_.before), *a = number(change_.after);
    if (!b || !a || *a == *b) return "";
    return *a > *b ? fmt::format(" (+{})", *a - *b) : fmt::format(" (-{})", *b - *a);
  }
  // " of variant V" when a type-wide fact is about one variant; " of X" for anything else named.
  std::string ofPart() const {
    if (change_.field.empty()) return "";
    return (isVariant(change_.field) ? " of variant " : " of ") + name(change_.field);
  }
  bool isVariant(const std::string &n) const { return variantIn(type_.after, n) || variantIn(type_.before, n); }
  static const model::SnapshotVariant *variantIn(const std::optional<model::TypeSnapshot> &t, std::string_view n) {
    if (!t) return nullptr;
    for (const auto &v : t->variants)
      if (v.name == n) return &v;
    return nullptr;
  }
  // The fields a path lives among: "Variant.field" inside Variant, else the type's own.
  static const std::vector<model::SnapshotField> *fieldsOf(const std::optional<model::TypeSnapshot> &t,
                                                          const std::string &path, std::string &leaf) {
    leaf = path;
    if (!t) return nullptr;
    if (const auto dot = path.find('.'); dot != std::string::npos)
      if (const auto *v = variantIn(t, std::string_view(path).substr(0, dot))) {
        leaf = path.substr(dot + 1);
        return &v->fields;
      }
    if (const auto *v = variantIn(t, path)) {
      leaf.clear();
      return &v->fields;
    }
    return &t->fields;
  }
  static const model::SnapshotField *fieldIn(const std::optional<model::TypeSnapshot> &t, const std::string &path) {
    std::string leaf;
    const auto *fields = fieldsOf(t, path, leaf);
    if (!fields) return nullptr;
    for (const auto &f : *fields)
      if (f.name == leaf) return &f;
    return nullptr;
  }
  // "int at 8 (4 bytes)" for a field on one side, from the change where it says, else the snapshot.
  std::string fieldPlace(const CheckValue &v, const std::optional<model::TypeSnapshot> &side,
                         std::optional<std::uint64_t> size, std::optional<std::uint64_t> offset) const {
    const model::SnapshotField *f = fieldIn(side, change_.field);
    std::string typeName = text(v) ? *text(v) : f ? f->type : "";
    if (!offset && number(v)) offset = *number(v);
    if (!offset && f) offset = f->offset;
    if (!size && f) size = f->size;
    std::string out = typeName.empty() ? "" : name(typeName);
    if (offset) out += fmt::format("{}{}", out.empty() ? "at offset " : " at ", *offset);
    if (size) out += fmt::format("{}({})", out.empty() ? "" : " ", byteCount(*size));
    return out;
  }
  // "a" for the field a hole follows in the new layout (inside the variant the change names, if any).
  std::string holeFollows(std::uint64_t offset) const {
    std::string leaf;
    const auto *fields = fieldsOf(type_.after, change_.field, leaf);
    if (!fields) return "";
    const model::SnapshotField *best = nullptr;
    for (const auto &f : *fields) {
      if (!f.offset || *f.offset + f.size > offset || f.size == 0) continue;
      if (!best || *f.offset + f.size > *best->offset + best->size ||
          (*f.offset + f.size == *best->offset + best->size && *f.offset >= *best->offset))
        best = &f;
    }
    return best ? (best->name.empty() ? "(anonymous)" : best->name) : "";
  }
  std::string fieldName() const { return name(change_.field.empty() ? "(anonymous)" : change_.field); }
  ChangeWords holeWords() const;
  ChangeWords limitWords(std::string_view what) const;

  const model::TypeComparison &type_;
  const model::Change &change_;
  bool code_;
};

ChangeWords Words::holeWords() const {
  const auto *b = number(change_.before), *a = number(change_.after);
  const std::uint64_t was = b ? *b : 0, now = a ? *a : 0;
  const std::string in = !change_.field.empty() && isVariant(change_.field) ? " in variant " + name(change_.field) : "";
  std::string at = change_.offset ? fmt::format(" at offset {}", *change_.offset) : "";
  std::string follows = change_.offset ? holeFollows(*change_.offset) : "";
  if (follows.empty() && !change_.field.empty() && !isVariant(change_.field)) follows = change_.field;
  const std::string after = follows.empty() ? "" : " after " + name(follows);
  ChangeWords w;
  if (was == 0) {
    w.what = "new hole" + in + after;
    w.after = byteCount(now) + at;
    w.sentence = fmt::format("new hole{}: {}{}{}", in, byteCount(now), at, follows.empty() ? "" : "," + after);
  } else if (now == 0) {
    w.what = "hole closed" + in + after;
    w.before = byteCount(was) + at;
    w.sentence = fmt::format("hole{}{}{} closed (was {})", in, at, after, byteCount(was));
  } else {
    w.what = fmt::format("hole {}{}{}", now > was ? "grew" : "shrank", in, after);
    w.before = byteCount(was) + at;
    w.after = byteCount(now) + at;
    w.sentence = fmt::format("hole{}{}{} {}: {} → {}", in, at, after, now > was ? "grew" : "shrank", was, byteCount(now));
  }
  return w;
}

ChangeWords Words::limitWords(std::string_view what) const {
  std::optional<std::uint64_t> now;
  if (const auto *a = number(change_.after)) now = *a;
  else if (type_.after) now = what == "size" ? type_.after->size : type_.after->padding;
  ChangeWords w;
  w.what = change_.limit ? fmt::format("{} limit {}", what, byteCount(*change_.limit)) : fmt::format("{} limit", what);
  w.before = byteValue(change_.before);
  w.after = now ? byteCount(*now) : "";
  w.sentence = fmt::format("{} {} exceeds limit {}", what, now ? std::to_string(*now) : "?",
                           change_.limit ? std::to_string(*change_.limit) : "?");
  return w;
}

ChangeWords Words::make() const {
  const model::Change &c = change_;
  ChangeWords w;
  auto fromTo = [&](std::string what, std::string before, std::string after, std::string unit = "") {
    w.what = what;
    w.before = before.empty() || unit.empty() ? before : before + " " + unit;
    w.after = after.empty() || unit.empty() ? after : after + " " + unit;
    w.sentence = fmt::format("{} {} → {}{}", what, before.empty() ? "?" : before, after.empty() ? "?" : after,
                             unit.empty() ? "" : " " + unit);
  };
  switch (c.kind) {
  case ChangeKind::Size:
    fromTo("size" + ofPart(), value(c.before), value(c.after), "bytes");
    w.after += delta();
    w.sentence += delta();
    return w;
  case ChangeKind::Align: fromTo("align" + ofPart(), value(c.before), value(c.after)); return w;
  case ChangeKind::Padding: fromTo("padding" + ofPart(), value(c.before), value(c.after), "bytes"); return w;
  case ChangeKind::Hole: return holeWords();
  case ChangeKind::FieldMoved:
    w.what = "field " + fieldName() + " moved";
    w.before = "offset " + value(c.before);
    w.after = "offset " + value(c.after);
    w.sentence = fmt::format("{}: offset {} → {}", w.what, value(c.before), value(c.after));
    return w;
  case ChangeKind::FieldAdded:
    w.what = "field " + fieldName() + " added";
    w.after = fieldPlace(c.after, type_.after, c.afterSize, c.offset);
    w.sentence = w.what + (w.after.empty() ? "" : ": " + w.after);
    return w;
  case ChangeKind::FieldRemoved:
    w.what = "field " + fieldName() + " removed";
    w.before = fieldPlace(c.before, type_.before, c.beforeSize, std::nullopt);
    w.sentence = w.what + (w.before.empty() ? "" : ": was " + w.before);
    return w;
  case ChangeKind::FieldType: {
    std::optional<std::uint64_t> was = c.beforeSize, now = c.afterSize;
    if (!was)
      if (const auto *f = fieldIn(type_.before, c.field)) was = f->size;
    if (!now)
      if (const auto *f = fieldIn(type_.after, c.field)) now = f->size;
    w.what = "field " + fieldName() + " changed type";
    w.before = value(c.before) + (was ? fmt::format(" ({})", byteCount(*was)) : "");
    w.after = value(c.after) + (now ? fmt::format(" ({})", byteCount(*now)) : "");
    std::string sizes;
    if (was && now) sizes = *was == *now ? fmt::format(" ({})", byteCount(*now)) : fmt::format(" ({} → {})", *was, byteCount(*now));
    w.sentence = fmt::format("{}: {} → {}{}", w.what, value(c.before), value(c.after), sizes);
    return w;
  }
  case ChangeKind::VariantAdded:
    w.what = w.sentence = "variant " + fieldName() + " added";
    w.after = value(c.after);
    // The value is the variant's name, which the sentence already says unless the field path differs.
    if (!w.after.empty() && w.after != c.field) w.sentence += " (" + w.after + ")";
    return w;
  case ChangeKind::VariantRemoved:
    w.what = w.sentence = "variant " + fieldName() + " removed";
    w.before = value(c.before);
    if (!w.before.empty() && w.before != c.field) w.sentence += " (was " + w.before + ")";
    return w;
  case ChangeKind::Discriminant:
    w.what = "discriminant" + ofPart();
    w.before = value(c.before);
    w.after = value(c.after);
    w.sentence = fmt::format("{}: {} → {}", w.what, w.before.empty() ? "?" : w.before, w.after.empty() ? "?" : w.after);
    return w;
  case ChangeKind::TypeAdded: {
    w.what = "type added";
    std::optional<std::uint64_t> size;
    if (const auto *n = number(c.after)) size = *n;
    else if (type_.after) size = type_.after->size;
    w.after = size ? byteCount(*size) : value(c.after);
    w.sentence = w.what + (w.after.empty() ? "" : " (" + w.after + ")");
    return w;
  }
  case ChangeKind::TypeRemoved: {
    w.what = "type removed";
    std::optional<std::uint64_t> size;
    if (const auto *n = number(c.before)) size = *n;
    else if (type_.before) size = type_.before->size;
    w.before = size ? byteCount(*size) : value(c.before);
    w.sentence = w.what + (w.before.empty() ? "" : " (was " + w.before + ")");
    return w;
  }
  case ChangeKind::SizeLimit: return limitWords("size");
  case ChangeKind::PaddingLimit: return limitWords("padding");
  }
  w.what = w.sentence = std::string(model::changeKindName(c.kind));
  return w;
}

std::string joinNames(const std::vector<std::string> &names) {
  std::string out;
  for (const auto &n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

} // namespace

ChangeWords changeWords(const model::TypeComparison &type, const model::Change &change, bool code) {
  return Words(type, change, code).make();
}

bool isImprovement(const model::Change &change) {
  const auto *b = number(change.before), *a = number(change.after);
  switch (change.kind) {
  case ChangeKind::Size:
  case ChangeKind::Padding: return a && b && *a < *b;
  case ChangeKind::Hole: return b && *b > 0 && (!a || *a < *b);
  default: return false;
  }
}

std::string_view changeMarker(const model::Change &change) {
  return change.regression ? "FAIL" : isImprovement(change) ? "better" : "ok";
}

CheckCounts countChanges(const model::CheckResult &check) {
  CheckCounts counts;
  for (const auto &t : check.types) {
    if (t.regression()) ++counts.typesWithRegressions;
    for (const auto &c : t.changes) {
      if (c.regression) ++counts.regressions;
      else if (isImprovement(c)) ++counts.improvements;
      else ++counts.others;
    }
  }
  return counts;
}

std::string_view modeName(model::Policy::Mode mode) { return mode == model::Policy::Mode::Exact ? "exact" : "ratchet"; }

std::string checkSummaryLine(const model::CheckResult &check) {
  const CheckCounts n = countChanges(check);
  const std::string tail = fmt::format("{} {}, {}, {} compared", check.diff ? "against" : "baseline", check.baseline,
                                       modeName(check.policy.mode), countOf(check.typesCompared, "type", "types"));
  const std::string_view label = check.diff ? "diff" : "check";
  if (n.regressions > 0) {
    const std::uint64_t rest = n.improvements + n.others;
    return fmt::format("{}: FAILED — {} in {}{} ({})", label, countOf(n.regressions, "regression", "regressions"),
                       countOf(n.typesWithRegressions, "type", "types"),
                       rest ? ", " + countOf(rest, "other change", "other changes") : "", tail);
  }
  if (n.improvements + n.others == 0) return fmt::format("{}: passed — no changes ({})", label, tail);
  std::string counts;
  if (n.improvements) counts = countOf(n.improvements, "improvement", "improvements");
  if (n.others) counts += (counts.empty() ? "" : ", ") + countOf(n.others, "other change", "other changes");
  return fmt::format("{}: passed — no regressions ({}; {})", label, counts, tail);
}

std::string compilerNote(const model::CheckResult &check) {
  if (check.compilersBefore.empty() || check.compilersAfter.empty() || check.compilersBefore == check.compilersAfter)
    return "";
  return fmt::format("{} was built by {}; this file by {} — layouts may differ because of the compiler",
                     check.diff ? check.baseline : "the baseline", joinNames(check.compilersBefore),
                     joinNames(check.compilersAfter));
}

std::string suppressedLine(const model::CheckResult &check) {
  if (check.suppressed == 0) return "";
  return fmt::format("suppressed: {} in types matched by a suppress glob", countOf(check.suppressed, "change", "changes"));
}

std::string savedLine(const Report::SavedBaseline &saved) {
  if (saved.skipped) return fmt::format("baseline {} not updated: the check found regressions", saved.path);
  return fmt::format("baseline written to {} ({})", saved.path, countOf(saved.types, "type", "types"));
}

std::string declFile(const model::Decl &decl, const std::string &sourceRoot) {
  namespace fs = std::filesystem;
  const fs::path file(decl.file);
  if (sourceRoot.empty() || !file.is_absolute()) return decl.file;
  const fs::path root = fs::path(sourceRoot).lexically_normal();
  const fs::path normal = file.lexically_normal();
  auto r = root.begin(), f = normal.begin();
  for (; r != root.end() && f != normal.end(); ++r, ++f) {
    if (r->empty()) break; // a trailing separator: the root is a directory, matched so far
    if (*r != *f) return decl.file;
  }
  if (r != root.end() && !r->empty()) return decl.file; // the file is shorter than the root
  const fs::path relative = normal.lexically_relative(root);
  return relative.empty() || relative == "." ? decl.file : relative.generic_string();
}

std::string declLocation(const std::optional<model::Decl> &decl, const std::string &sourceRoot) {
  if (!decl || decl->file.empty()) return "";
  return declFile(*decl, sourceRoot) + (decl->line ? ":" + std::to_string(decl->line) : "");
}

std::string typeTitle(const model::TypeComparison &type) {
  const auto &side = type.after ? type.after : type.before;
  const std::string kind = side ? side->kind : "";
  return kind.empty() ? type.name : kind + " " + type.name;
}

std::string typeSizeText(const model::TypeComparison &type) {
  if (type.before && type.after) {
    if (type.before->size == type.after->size) return byteCount(type.after->size);
    return fmt::format("{} → {}", type.before->size, byteCount(type.after->size));
  }
  if (type.after) return "new, " + byteCount(type.after->size);
  if (type.before) return byteCount(type.before->size) + ", removed";
  return "";
}

} // namespace memlayout::report
