// A baseline is checked into the user's repository and edited by hand (its policy), so every key is
// checked: a typo in "fail_on" must be an error, not a policy silently ignored.
#include "baseline/baseline_reader.h"

#include "support/error.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <set>
#include <sstream>

namespace memlayout::baseline {
namespace {

using Json = nlohmann::json;
using support::ErrorKind;

// Thrown inside the parser only, caught in parseBaseline: the message names the JSON path.
struct Bad {
  std::string message;
};

std::uint64_t number(const Json &j, const std::string &where) {
  if (!j.is_number_unsigned() && !(j.is_number_integer() && j.get<std::int64_t>() >= 0))
    throw Bad{where + " is not a number of bytes"};
  return j.get<std::uint64_t>();
}

std::string text(const Json &j, const std::string &where) {
  if (!j.is_string()) throw Bad{where + " is not a string"};
  return j.get<std::string>();
}

const Json *member(const Json &object, const char *key) {
  auto it = object.find(key);
  return it == object.end() || it->is_null() ? nullptr : &*it;
}

std::uint64_t numberOr(const Json &object, const char *key, const std::string &where, std::uint64_t fallback = 0) {
  const Json *j = member(object, key);
  return j ? number(*j, where + "." + key) : fallback;
}

std::string textOr(const Json &object, const char *key, const std::string &where) {
  const Json *j = member(object, key);
  return j ? text(*j, where + "." + key) : std::string();
}

const Json &array(const Json &j, const std::string &where) {
  if (!j.is_array()) throw Bad{where + " is not an array"};
  return j;
}

std::vector<model::ByteRange> holes(const Json &object, const std::string &where) {
  std::vector<model::ByteRange> out;
  const Json *j = member(object, "holes");
  if (!j) return out;
  std::size_t i = 0;
  for (const Json &hole : array(*j, where + ".holes")) {
    const std::string at = where + ".holes[" + std::to_string(i++) + "]";
    if (!hole.is_object()) throw Bad{at + " is not an object"};
    out.push_back({numberOr(hole, "offset", at), numberOr(hole, "size", at)});
  }
  return out;
}

std::vector<model::SnapshotField> fields(const Json &object, const std::string &where) {
  std::vector<model::SnapshotField> out;
  const Json *j = member(object, "fields");
  if (!j) return out;
  std::size_t i = 0;
  for (const Json &f : array(*j, where + ".fields")) {
    const std::string at = where + ".fields[" + std::to_string(i++) + "]";
    if (!f.is_object()) throw Bad{at + " is not an object"};
    model::SnapshotField field;
    field.name = textOr(f, "name", at);
    field.type = textOr(f, "type", at);
    if (const Json *offset = member(f, "offset")) field.offset = number(*offset, at + ".offset");
    field.size = numberOr(f, "size", at);
    if (const Json *bits = member(f, "bit_offset")) field.bitOffset = number(*bits, at + ".bit_offset");
    if (const Json *bits = member(f, "bit_size")) field.bitSize = number(*bits, at + ".bit_size");
    field.base = f.value("base", false);
    field.artificial = f.value("artificial", false);
    out.push_back(std::move(field));
  }
  return out;
}

// Discriminant values are kept as JSON prints them: compared as text, shown as text.
std::string discriminantText(const Json *j) {
  if (!j) return "null";
  if (j->is_number() || j->is_string()) return j->is_string() ? j->get<std::string>() : j->dump();
  return "null";
}

model::TypeSnapshot typeSnapshot(const Json &t, const std::string &at) {
  if (!t.is_object()) throw Bad{at + " is not an object"};
  model::TypeSnapshot type;
  type.name = text(t.contains("name") ? t["name"] : Json(), at + ".name");
  const std::string where = at + " (" + type.name + ")";
  type.kind = textOr(t, "kind", where);
  type.language = textOr(t, "language", where);
  type.size = number(t.contains("size") ? t["size"] : Json(), where + ".size");
  type.align = numberOr(t, "align", where);
  if (const Json *decl = member(t, "decl")) {
    if (!decl->is_object()) throw Bad{where + ".decl is not an object"};
    type.decl = model::Decl{textOr(*decl, "file", where + ".decl"),
                            static_cast<unsigned>(numberOr(*decl, "line", where + ".decl"))};
  }
  type.unit = textOr(t, "unit", where);
  type.fields = fields(t, where);
  type.holes = holes(t, where);
  type.trailingPadding = numberOr(t, "trailing_padding", where);
  type.padding = numberOr(t, "padding", where);
  if (const Json *d = member(t, "discriminant")) {
    if (!d->is_object()) throw Bad{where + ".discriminant is not an object"};
    type.discriminant = model::SnapshotDiscriminant{textOr(*d, "kind", where + ".discriminant"),
                                                    numberOr(*d, "offset", where + ".discriminant"),
                                                    numberOr(*d, "size", where + ".discriminant")};
  }
  if (const Json *variants = member(t, "variants")) {
    std::size_t i = 0;
    for (const Json &v : array(*variants, where + ".variants")) {
      const std::string vat = where + ".variants[" + std::to_string(i++) + "]";
      if (!v.is_object()) throw Bad{vat + " is not an object"};
      model::SnapshotVariant variant;
      variant.name = textOr(v, "name", vat);
      variant.discriminant = discriminantText(member(v, "discriminant"));
      variant.fields = fields(v, vat);
      variant.holes = holes(v, vat);
      variant.padding = numberOr(v, "padding", vat);
      type.variants.push_back(std::move(variant));
    }
  }
  return type;
}

std::vector<std::string> strings(const Json &j, const std::string &where) {
  std::vector<std::string> out;
  std::size_t i = 0;
  for (const Json &s : array(j, where)) out.push_back(text(s, where + "[" + std::to_string(i++) + "]"));
  return out;
}

std::string ruleList() {
  std::string out;
  for (auto name : model::kRuleNames) out += (out.empty() ? "" : ", ") + std::string(name);
  return out;
}

model::PolicySettings policyFrom(const Json &p) {
  if (!p.is_object()) throw Bad{"\"policy\" is not an object"};
  static const std::set<std::string> known{"mode", "fail_on", "limits", "suppress", "fixed_layout"};
  for (const auto &[key, value] : p.items())
    if (!known.count(key))
      throw Bad{"\"policy\" has an unknown key \"" + key + "\" (known: mode, fail_on, limits, suppress, fixed_layout)"};
  model::PolicySettings policy;
  if (const Json *mode = member(p, "mode")) {
    const std::string m = text(*mode, "policy.mode");
    if (m == "ratchet") policy.mode = model::Policy::Mode::Ratchet;
    else if (m == "exact") policy.mode = model::Policy::Mode::Exact;
    else throw Bad{"policy.mode \"" + m + "\" is neither \"ratchet\" nor \"exact\""};
  }
  if (const Json *failOn = member(p, "fail_on")) {
    std::vector<model::Rule> rules;
    for (const std::string &name : strings(*failOn, "policy.fail_on")) {
      auto rule = model::ruleNamed(name);
      if (!rule) throw Bad{"policy.fail_on names \"" + name + "\", which is not one of " + ruleList()};
      rules.push_back(*rule);
    }
    policy.failOn = std::move(rules);
  }
  if (const Json *limits = member(p, "limits")) {
    if (!limits->is_object()) throw Bad{"policy.limits is not an object of \"TYPE or GLOB\": {\"max_size\": N, \"max_padding\": N}"};
    for (const auto &[pattern, limit] : limits->items()) {
      const std::string at = "policy.limits[\"" + pattern + "\"]";
      if (!limit.is_object()) throw Bad{at + " is not an object"};
      model::Limit l{pattern, std::nullopt, std::nullopt};
      for (const auto &[key, value] : limit.items()) {
        if (key == "max_size") l.maxSize = number(value, at + ".max_size");
        else if (key == "max_padding") l.maxPadding = number(value, at + ".max_padding");
        else throw Bad{at + " has an unknown key \"" + key + "\" (known: max_size, max_padding)"};
      }
      policy.limits.push_back(std::move(l));
    }
  }
  if (const Json *suppress = member(p, "suppress")) policy.suppress = strings(*suppress, "policy.suppress");
  if (const Json *fixed = member(p, "fixed_layout")) policy.fixedLayout = strings(*fixed, "policy.fixed_layout");
  return policy;
}

model::Target targetFrom(const Json &t) {
  if (!t.is_object()) throw Bad{"\"target\" is not an object"};
  model::Target target;
  if (const Json *c = member(t, "class")) {
    if (c->is_string() && (*c == "ELF32" || *c == "ELF64")) target.elfClass = *c == "ELF32" ? 32 : 64;
    else throw Bad{"target.class is neither \"ELF32\" nor \"ELF64\""};
  }
  target.machine = textOr(t, "machine", "target");
  target.bigEndian = textOr(t, "endianness", "target") == "big";
  return target;
}

Baseline baselineFrom(const Json &root) {
  if (!root.is_object()) throw Bad{"not a memlayout baseline (the JSON is not an object)"};
  const Json *schema = member(root, "schema");
  if (!schema || !schema->is_string() || !schema->get<std::string>().starts_with("memlayout/"))
    throw Bad{"not a memlayout baseline (no \"schema\": \"memlayout/1\"; make one with --save-baseline)"};
  const Json *types = member(root, "types");
  if (!types) throw Bad{"holds no \"types\" (make a baseline with --save-baseline, or --types --format json)"};
  Baseline baseline;
  std::size_t i = 0;
  for (const Json &t : array(*types, "\"types\"")) baseline.snapshot.types.push_back(typeSnapshot(t, "types[" + std::to_string(i++) + "]"));
  if (const Json *target = member(root, "target")) baseline.snapshot.target = targetFrom(*target);
  if (const Json *compilers = member(root, "compilers")) baseline.snapshot.compilers = strings(*compilers, "\"compilers\"");
  if (const Json *selection = member(root, "selection")) baseline.snapshot.selection = strings(*selection, "\"selection\"");
  if (const Json *policy = member(root, "policy")) baseline.policy = policyFrom(*policy);
  return baseline;
}

} // namespace

llvm::Expected<Baseline> parseBaseline(std::string_view text, const std::string &path) {
  Json root;
  try {
    root = Json::parse(text.begin(), text.end());
  } catch (const Json::parse_error &error) {
    return support::makeError(ErrorKind::BadBaseline, path,
                              "not a memlayout baseline: invalid JSON at byte " + std::to_string(error.byte));
  }
  try {
    Baseline baseline = baselineFrom(root);
    baseline.snapshot.source = path;
    return baseline;
  } catch (const Bad &bad) {
    return support::makeError(ErrorKind::BadBaseline, path, bad.message);
  } catch (const Json::exception &error) { // a value of the wrong JSON type deep inside
    return support::makeError(ErrorKind::BadBaseline, path, std::string("not a memlayout baseline: ") + error.what());
  }
}

llvm::Expected<model::PolicySettings> parsePolicy(std::string_view json, const std::string &path) {
  Json root = Json::parse(json.begin(), json.end(), nullptr, false);
  if (root.is_discarded()) return support::makeError(ErrorKind::BadBaseline, path, "the policy is not valid JSON");
  try {
    return policyFrom(root);
  } catch (const Bad &bad) {
    return support::makeError(ErrorKind::BadBaseline, path, bad.message);
  }
}

llvm::Expected<Baseline> readBaseline(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return support::makeError(ErrorKind::Io, path, "cannot open the baseline (does it exist?)");
  std::ostringstream contents;
  contents << in.rdbuf();
  if (in.bad()) return support::makeError(ErrorKind::Io, path, "cannot read the baseline");
  const std::string bytes = std::move(contents).str();
  if (bytes.empty()) return support::makeError(ErrorKind::BadBaseline, path, "the baseline is empty");
  return parseBaseline(bytes, path);
}

} // namespace memlayout::baseline
