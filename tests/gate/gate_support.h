// What the gate tests share: where memlayout and the samples are, running memlayout, and the changes of a
// --diff/--check JSON report as rows compared with expected rows (exact set, readable differences).
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace memlayout::gate {

using Json = nlohmann::json;

// ---- The build: memlayout's path, the samples list, the project root (compiled in by tests/gate) ----

const std::string &memlayoutPath();
const std::string &projectRoot();
// The path of a sample that samples.txt lists, or nullopt when this machine does not build it.
std::optional<std::string> samplePath(const std::string &name);

// ---- Running memlayout ----

struct Invocation {
  std::vector<std::string> args;
  int exitCode = -1;   // -1: did not exit normally (see `problem`)
  std::string out, err, problem;
  std::optional<Json> json; // stdout, when it parses
  std::string describe() const; // the command line, exit code, and stderr, for failure messages
};

// memlayout ARGS… with NO_COLOR=1, 120 s at most (pass absolute paths: it runs in the test's directory).
Invocation runMemlayout(const std::vector<std::string> &args);

// ---- Expected changes ----

// An expected "before"/"after" value: absent, one of some JSON values, or any string.
struct Value {
  std::vector<Json> oneOf; // empty and !anyString: the key must be absent (or null)
  bool anyString = false;
  bool matches(const Json *actual) const;
  std::string text() const;
};
Value none();
Value n(std::uint64_t number);
Value s(std::string text);
Value oneOf(std::vector<std::string> texts);
Value anyString();

// One change of the contract (SPEC "Check", model/check.h): type, change, field ("" for the type itself),
// before, after, regression, and the additive keys when the expectation states them.
struct Expected {
  std::string type, change, field;
  Value before, after;
  bool regression = false;
  std::optional<std::uint64_t> offset, beforeSize, afterSize, limit;
  std::string text() const;
};

using Table = std::vector<Expected>;
using TypeFilter = std::function<bool(const std::string &type)>;

// Every change of `report` (its check.changes) for types `isGateType` accepts, matched one to one with
// `expected`. Returns the problems ("" when the set is exactly the expected one): missing, unexpected,
// malformed changes, a "change" that is not one of kChangeKindNames, a type's changes out of the
// contract's order (change kind, then offset).
std::string compareChanges(const Json &report, const Table &expected, const TypeFilter &isGateType);

// The report's check.changes (an empty array when absent).
Json changesOf(const Json &report);
// Changes whose type `keep` accepts, as they appear.
Json changesFor(const Json &report, const TypeFilter &keep);

// `table` with regression flags recomputed by `regression(row)`.
Table withRegressions(Table table, const std::function<bool(const Expected &)> &regression);
// `table` without the rows of types `drop` accepts.
Table without(Table table, const TypeFilter &drop);

// The growth direction of a size/padding row: true when after > before (both numbers).
bool grew(const Expected &row);

} // namespace memlayout::gate
