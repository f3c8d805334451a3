// JSON for --check/--diff: the SPEC's "check" object, then additive keys scripts find useful.
#include "report/check_render.h"

#include "report/check_words.h"

namespace memlayout::report {
namespace {
using Json = nlohmann::ordered_json;

Json valueJson(const model::CheckValue &value) {
  if (const auto *n = std::get_if<std::uint64_t>(&value)) return *n;
  if (const auto *s = std::get_if<std::string>(&value)) return *s;
  return nullptr;
}

Json changeJson(const model::TypeComparison &type, const model::Change &change, const std::string &sourceRoot) {
  Json j;
  j["type"] = type.name;
  j["change"] = model::changeKindName(change.kind);
  if (!change.field.empty()) j["field"] = change.field;
  if (!std::holds_alternative<std::monostate>(change.before)) j["before"] = valueJson(change.before);
  if (!std::holds_alternative<std::monostate>(change.after)) j["after"] = valueJson(change.after);
  j["regression"] = change.regression;
  if (change.offset) j["offset"] = *change.offset;
  if (change.beforeSize) j["before_size"] = *change.beforeSize;
  if (change.afterSize) j["after_size"] = *change.afterSize;
  if (change.limit) j["limit"] = *change.limit;
  if (type.before || type.after) {
    const auto &decl = type.decl();
    if (decl && !decl->file.empty()) {
      Json d;
      d["file"] = declFile(*decl, sourceRoot);
      d["line"] = decl->line;
      j["decl"] = d;
    }
  }
  return j;
}

} // namespace

Json checkJson(const Report &report) {
  if (!report.check) return nullptr;
  const model::CheckResult &check = *report.check;
  Json j;
  j["baseline"] = check.baseline;
  j["passed"] = check.passed();
  Json changes = Json::array();
  for (const auto &type : check.types)
    for (const auto &change : type.changes) changes.push_back(changeJson(type, change, report.sourceRoot));
  j["changes"] = changes;
  j["mode"] = modeName(check.policy.mode);
  j["diff"] = check.diff;
  j["types_before"] = check.typesBefore;
  j["types_after"] = check.typesAfter;
  j["types_compared"] = check.typesCompared;
  j["regressions"] = check.regressions();
  j["suppressed"] = check.suppressed;
  j["compilers"] = Json{{"baseline", check.compilersBefore}, {"file", check.compilersAfter}};
  return j;
}

Json savedBaselineJson(const Report &report) {
  if (!report.saved) return nullptr;
  return Json{{"path", report.saved->path}, {"types", report.saved->types}, {"written", !report.saved->skipped}};
}

} // namespace memlayout::report
