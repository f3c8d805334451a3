// The gate tests' plumbing: sample lookup, running memlayout, and matching a report's changes to a table.
#include "gate_support.h"

#include "model/check.h"
#include "subprocess.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

#ifndef ML_GATE_MEMLAYOUT
#error "tests/gate/gate.cmake defines ML_GATE_MEMLAYOUT, ML_GATE_SAMPLES_FILE and ML_GATE_ROOT"
#endif

namespace memlayout::gate {

const std::string &memlayoutPath() {
  static const std::string path = ML_GATE_MEMLAYOUT;
  return path;
}

const std::string &projectRoot() {
  static const std::string path = ML_GATE_ROOT;
  return path;
}

std::optional<std::string> samplePath(const std::string &name) {
  static const std::map<std::string, std::string> samples = [] {
    std::map<std::string, std::string> out;
    std::ifstream in(ML_GATE_SAMPLES_FILE);
    std::string line;
    while (std::getline(in, line)) { // NAME<TAB>PATH<TAB>LANG<TAB>COMPILER<TAB>DWARF<TAB>KIND
      const auto tab = line.find('\t');
      if (tab == std::string::npos) continue;
      const auto next = line.find('\t', tab + 1);
      out[line.substr(0, tab)] = line.substr(tab + 1, next == std::string::npos ? std::string::npos : next - tab - 1);
    }
    return out;
  }();
  auto it = samples.find(name);
  if (it == samples.end()) return std::nullopt;
  return it->second;
}

std::string Invocation::describe() const {
  std::string text = "memlayout";
  for (const auto &a : args) text += " '" + a + "'";
  text += problem.empty() ? "\n  exit code " + std::to_string(exitCode) : "\n  " + problem;
  if (!err.empty()) text += "\n  stderr: " + err;
  return text;
}

Invocation runMemlayout(const std::vector<std::string> &args) {
  Invocation run;
  run.args = args;
  std::vector<std::string> argv{memlayoutPath()};
  argv.insert(argv.end(), args.begin(), args.end());
  auto result = testing::runProcess(argv, {"NO_COLOR=1"}, 120);
  run.out = std::move(result.out);
  run.err = std::move(result.err);
  if (!result.started || result.timedOut || result.signal != 0) run.problem = result.describe();
  else run.exitCode = result.exitCode;
  auto parsed = Json::parse(run.out, nullptr, false);
  if (!parsed.is_discarded()) run.json = std::move(parsed);
  return run;
}

// ---- Values ----

bool Value::matches(const Json *actual) const {
  const bool absent = actual == nullptr || actual->is_null();
  if (oneOf.empty() && !anyString) return absent;
  if (absent) return false;
  if (anyString) return actual->is_string();
  return std::any_of(oneOf.begin(), oneOf.end(), [&](const Json &v) { return v == *actual; });
}

std::string Value::text() const {
  if (anyString) return "<any string>";
  if (oneOf.empty()) return "<absent>";
  std::string out;
  for (const auto &v : oneOf) out += (out.empty() ? "" : " | ") + v.dump();
  return out;
}

Value none() { return {}; }
Value n(std::uint64_t number) { return Value{{Json(number)}, false}; }
Value s(std::string text) { return Value{{Json(std::move(text))}, false}; }
Value oneOf(std::vector<std::string> texts) {
  Value v;
  for (auto &t : texts) v.oneOf.emplace_back(std::move(t));
  return v;
}
Value anyString() { return Value{{}, true}; }

std::string Expected::text() const {
  std::ostringstream out;
  out << type << " " << change;
  if (!field.empty()) out << " '" << field << "'";
  out << " before " << before.text() << " after " << after.text() << " regression " << (regression ? "true" : "false");
  if (offset) out << " offset " << *offset;
  if (beforeSize) out << " before_size " << *beforeSize;
  if (afterSize) out << " after_size " << *afterSize;
  if (limit) out << " limit " << *limit;
  return out.str();
}

// ---- Matching ----

namespace {

const Json *member(const Json &object, const char *key) {
  auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

bool sameNumber(const std::optional<std::uint64_t> &expected, const Json &change, const char *key) {
  if (!expected) return true; // not stated: not checked
  const Json *v = member(change, key);
  return v && v->is_number_unsigned() && v->get<std::uint64_t>() == *expected;
}

bool rowMatches(const Expected &e, const Json &c) {
  const Json *field = member(c, "field");
  const std::string fieldText = field && field->is_string() ? field->get<std::string>() : "";
  const Json *regression = member(c, "regression");
  return c.value("type", "") == e.type && c.value("change", "") == e.change && fieldText == e.field &&
         e.before.matches(member(c, "before")) && e.after.matches(member(c, "after")) && regression &&
         regression->is_boolean() && regression->get<bool>() == e.regression && sameNumber(e.offset, c, "offset") &&
         sameNumber(e.beforeSize, c, "before_size") && sameNumber(e.afterSize, c, "after_size") &&
         sameNumber(e.limit, c, "limit");
}

std::optional<std::size_t> kindIndex(const std::string &name) {
  for (std::size_t i = 0; i < model::kChangeKindNames.size(); ++i)
    if (model::kChangeKindNames[i] == name) return i;
  return std::nullopt;
}

} // namespace

Json changesOf(const Json &report) {
  if (report.is_object() && report.contains("check") && report["check"].is_object() &&
      report["check"].contains("changes") && report["check"]["changes"].is_array())
    return report["check"]["changes"];
  return Json::array();
}

Json changesFor(const Json &report, const TypeFilter &keep) {
  Json out = Json::array();
  for (const Json &c : changesOf(report))
    if (c.is_object() && keep(c.value("type", ""))) out.push_back(c);
  return out;
}

std::string compareChanges(const Json &report, const Table &expected, const TypeFilter &isGateType) {
  std::ostringstream problems;
  if (!report.is_object() || !report.contains("check") || !report["check"].is_object())
    return "the report has no \"check\" object";
  const Json &check = report["check"];
  if (!check.contains("changes") || !check["changes"].is_array()) return "check.changes is not an array";

  std::vector<const Json *> actual;
  for (const Json &c : check["changes"]) {
    if (!c.is_object() || !c.contains("type") || !c["type"].is_string() || !c.contains("change") ||
        !c["change"].is_string() || !c.contains("regression") || !c["regression"].is_boolean()) {
      problems << "  malformed change: " << c.dump() << "\n";
      continue;
    }
    if (!kindIndex(c["change"].get<std::string>())) problems << "  unknown change kind: " << c.dump() << "\n";
    if (isGateType(c["type"].get<std::string>())) actual.push_back(&c);
  }

  // One to one: each expected row takes the first unused change it matches.
  std::vector<bool> used(actual.size(), false);
  for (const Expected &e : expected) {
    bool found = false;
    for (std::size_t i = 0; i < actual.size() && !found; ++i)
      if (!used[i] && rowMatches(e, *actual[i])) used[i] = found = true;
    if (!found) problems << "  missing:    " << e.text() << "\n";
  }
  for (std::size_t i = 0; i < actual.size(); ++i)
    if (!used[i]) problems << "  unexpected: " << actual[i]->dump() << "\n";

  // The contract's order inside a type: by change kind, then offset (model/check.h TypeComparison).
  std::map<std::string, std::size_t> lastKind;
  for (const Json *c : actual) {
    const std::string type = (*c)["type"].get<std::string>();
    const std::size_t kind = kindIndex((*c)["change"].get<std::string>()).value_or(0);
    auto it = lastKind.find(type);
    if (it != lastKind.end() && kind < it->second)
      problems << "  out of order in " << type << ": " << c->dump() << " after a later kind\n";
    lastKind[type] = std::max(kind, it == lastKind.end() ? 0 : it->second);
  }
  return problems.str();
}

Table withRegressions(Table table, const std::function<bool(const Expected &)> &regression) {
  for (Expected &row : table) row.regression = regression(row);
  return table;
}

Table without(Table table, const TypeFilter &drop) {
  table.erase(std::remove_if(table.begin(), table.end(), [&](const Expected &row) { return drop(row.type); }),
              table.end());
  return table;
}

bool grew(const Expected &row) {
  if (row.before.oneOf.size() != 1 || row.after.oneOf.size() != 1) return false;
  const Json &b = row.before.oneOf.front(), &a = row.after.oneOf.front();
  return b.is_number_unsigned() && a.is_number_unsigned() && a.get<std::uint64_t>() > b.get<std::uint64_t>();
}

} // namespace memlayout::gate
