// Baseline files live in users' repositories and are reviewed in diffs: stable key order, one type per
// entry, indented, the policy in the words the reader accepts (baseline/baseline_reader.cpp).
#include "report/baseline_json.h"

#include "report/json_types.h"

#include <nlohmann/json.hpp>

namespace memlayout::report {
namespace {
using Json = nlohmann::ordered_json;

Json policyJson(const model::PolicySettings &policy) {
  Json j = Json::object();
  if (policy.mode) j["mode"] = *policy.mode == model::Policy::Mode::Exact ? "exact" : "ratchet";
  if (policy.failOn) {
    Json rules = Json::array();
    for (model::Rule rule : *policy.failOn) rules.push_back(model::ruleName(rule));
    j["fail_on"] = std::move(rules);
  }
  if (!policy.limits.empty()) {
    Json limits = Json::object();
    for (const auto &limit : policy.limits) {
      Json l = Json::object();
      if (limit.maxSize) l["max_size"] = *limit.maxSize;
      if (limit.maxPadding) l["max_padding"] = *limit.maxPadding;
      limits[limit.pattern] = std::move(l);
    }
    j["limits"] = std::move(limits);
  }
  if (!policy.suppress.empty()) j["suppress"] = policy.suppress;
  if (!policy.fixedLayout.empty()) j["fixed_layout"] = policy.fixedLayout;
  return j;
}

} // namespace

std::string baselineJson(const BaselineContents &contents) {
  Json j;
  j["schema"] = "memlayout/1";
  j["file"] = contents.file;
  j["target"] = Json{{"class", contents.target.elfClass == 32 ? "ELF32" : "ELF64"},
                     {"machine", contents.target.machine},
                     {"endianness", contents.target.bigEndian ? "big" : "little"}};
  j["compilers"] = contents.compilers;
  if (!contents.selection.empty()) j["selection"] = contents.selection;
  if (!contents.policy.empty()) j["policy"] = policyJson(contents.policy);
  Json types = Json::array();
  for (const auto &entry : contents.entries) types.push_back(typeJson(entry));
  j["types"] = std::move(types);
  return j.dump(2) + "\n";
}

} // namespace memlayout::report
