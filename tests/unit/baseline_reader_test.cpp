// Baseline files: what --save-baseline writes reads back; hand-edited policies are checked key by key;
// anything else is one BadBaseline line naming the file.
#include "baseline/baseline_reader.h"
#include "support/error.h"

#include <gtest/gtest.h>

namespace {

using memlayout::baseline::parseBaseline;
using memlayout::baseline::parsePolicy;
using memlayout::support::ErrorKind;
using memlayout::support::takeErrorReport;
namespace model = memlayout::model;

std::string errorOf(std::string_view text) {
  auto parsed = parseBaseline(text, "b.json");
  if (parsed) return "(parsed)";
  auto report = takeErrorReport(parsed.takeError());
  EXPECT_EQ(report.kind, ErrorKind::BadBaseline);
  return report.message;
}

TEST(BaselineReader, ReadsTypesTargetCompilersSelectionAndPolicy) {
  auto parsed = parseBaseline(R"({
    "schema": "memlayout/1", "file": "app",
    "target": {"class": "ELF32", "machine": "i386", "endianness": "little"},
    "compilers": ["gcc 12.2.0"], "selection": ["geo::*"],
    "policy": {"mode": "exact", "fail_on": ["size-grew", "hole"], "limits": {"geo::Point": {"max_size": 16}},
               "suppress": ["detail::*"], "fixed_layout": ["geo::Wire"]},
    "types": [
      {"name": "geo::Point", "kind": "struct", "language": "C++", "size": 16, "align": 8,
       "decl": {"file": "src/geo.h", "line": 7}, "unit": "src/geo.cpp",
       "fields": [{"name": "x", "type": "int", "offset": 0, "size": 4},
                  {"name": "f", "type": "unsigned int", "offset": 4, "size": 1, "bit_offset": 35, "bit_size": 3},
                  {"name": "v", "type": "geo::Base", "offset": null, "size": 8, "base": true}],
       "holes": [{"offset": 5, "size": 3}], "trailing_padding": 0, "padding": 3},
      {"name": "Message", "kind": "enum", "language": "Rust", "size": 24, "align": 8,
       "holes": [], "trailing_padding": 0, "padding": 0,
       "discriminant": {"kind": "niche", "offset": 0, "size": 8, "type": "u64", "signed": false},
       "variants": [{"name": "Quit", "discriminant": 9223372036854775808, "fields": [], "holes": [], "padding": 16},
                    {"name": "Neg", "discriminant": -3},
                    {"name": "Write", "discriminant": null, "fields": [{"name": "0", "type": "String", "offset": 0, "size": 24}]}]}
    ]})",
                              "b.json");
  ASSERT_TRUE(static_cast<bool>(parsed)) << llvm::toString(parsed.takeError());
  const model::Snapshot &s = parsed->snapshot;
  EXPECT_EQ(s.source, "b.json");
  ASSERT_TRUE(s.target);
  EXPECT_EQ(s.target->elfClass, 32u);
  EXPECT_EQ(s.target->machine, "i386");
  EXPECT_FALSE(s.target->bigEndian);
  EXPECT_EQ(s.compilers, std::vector<std::string>{"gcc 12.2.0"});
  EXPECT_EQ(s.selection, std::vector<std::string>{"geo::*"});
  ASSERT_EQ(s.types.size(), 2u);
  const auto &point = s.types[0];
  EXPECT_EQ(point.name, "geo::Point");
  EXPECT_EQ(point.language, "C++");
  ASSERT_TRUE(point.decl);
  EXPECT_EQ(point.decl->file, "src/geo.h");
  EXPECT_EQ(point.decl->line, 7u);
  ASSERT_EQ(point.fields.size(), 3u);
  EXPECT_EQ(point.fields[1].bitOffset, 35u);
  EXPECT_EQ(point.fields[1].bitSize, 3u);
  EXPECT_FALSE(point.fields[2].offset.has_value());
  EXPECT_TRUE(point.fields[2].base);
  ASSERT_EQ(point.holes.size(), 1u);
  EXPECT_EQ(point.holes[0].offset, 5u);
  EXPECT_EQ(point.padding, 3u);
  const auto &message = s.types[1];
  ASSERT_TRUE(message.discriminant);
  EXPECT_EQ(message.discriminant->kind, "niche");
  ASSERT_EQ(message.variants.size(), 3u);
  EXPECT_EQ(message.variants[0].discriminant, "9223372036854775808");
  EXPECT_EQ(message.variants[1].discriminant, "-3");
  EXPECT_EQ(message.variants[2].discriminant, "null");
  EXPECT_EQ(message.variants[0].padding, 16u);

  const model::PolicySettings &p = parsed->policy;
  EXPECT_EQ(p.mode, model::Policy::Mode::Exact);
  ASSERT_TRUE(p.failOn);
  EXPECT_EQ(*p.failOn, (std::vector<model::Rule>{model::Rule::SizeGrew, model::Rule::Hole}));
  ASSERT_EQ(p.limits.size(), 1u);
  EXPECT_EQ(p.limits[0].pattern, "geo::Point");
  EXPECT_EQ(p.limits[0].maxSize, 16u);
  EXPECT_FALSE(p.limits[0].maxPadding);
  EXPECT_EQ(p.suppress, std::vector<std::string>{"detail::*"});
  EXPECT_EQ(p.fixedLayout, std::vector<std::string>{"geo::Wire"});
}

TEST(BaselineReader, PlainTypesJsonIsABaselineWithoutTarget) {
  auto parsed = parseBaseline(R"({"schema": "memlayout/1", "file": "a", "types": []})", "b.json");
  ASSERT_TRUE(static_cast<bool>(parsed));
  EXPECT_FALSE(parsed->snapshot.target);
  EXPECT_TRUE(parsed->policy.empty());
}

TEST(BaselineReader, NotABaselineIsOneLineNamingTheProblem) {
  EXPECT_EQ(errorOf("{\"schema\": \"memlayout/1\", "), "'b.json': not a memlayout baseline: invalid JSON at byte 27");
  EXPECT_EQ(errorOf("[1, 2]"), "'b.json': not a memlayout baseline (the JSON is not an object)");
  EXPECT_EQ(errorOf(R"({"types": []})"),
            "'b.json': not a memlayout baseline (no \"schema\": \"memlayout/1\"; make one with --save-baseline)");
  EXPECT_EQ(errorOf(R"({"schema": "memlayout/1"})"),
            "'b.json': holds no \"types\" (make a baseline with --save-baseline, or --types --format json)");
  EXPECT_EQ(errorOf(R"({"schema": "memlayout/1", "types": [{"name": "A", "size": -1}]})"),
            "'b.json': types[0] (A).size is not a number of bytes");
  EXPECT_EQ(errorOf(R"({"schema": "memlayout/1", "types": [{"size": 1}]})"), "'b.json': types[0].name is not a string");
  EXPECT_EQ(errorOf(R"({"schema": "memlayout/1", "types": [], "target": {"class": "ELF16"}})"),
            "'b.json': target.class is neither \"ELF32\" nor \"ELF64\"");
}

TEST(BaselineReader, PolicyTyposAreErrors) {
  EXPECT_EQ(errorOf(R"({"schema": "memlayout/1", "types": [], "policy": {"fail-on": []}})"),
            "'b.json': \"policy\" has an unknown key \"fail-on\" (known: mode, fail_on, limits, suppress, fixed_layout)");
  EXPECT_EQ(errorOf(R"({"schema": "memlayout/1", "types": [], "policy": {"mode": "strict"}})"),
            "'b.json': policy.mode \"strict\" is neither \"ratchet\" nor \"exact\"");
  const std::string unknownRule = errorOf(R"({"schema": "memlayout/1", "types": [], "policy": {"fail_on": ["size"]}})");
  EXPECT_EQ(unknownRule.rfind("'b.json': policy.fail_on names \"size\", which is not one of size-grew, size-shrank,", 0), 0u)
      << unknownRule;
  EXPECT_EQ(errorOf(R"({"schema": "memlayout/1", "types": [], "policy": {"limits": {"A": {"max_bytes": 3}}}})"),
            "'b.json': policy.limits[\"A\"] has an unknown key \"max_bytes\" (known: max_size, max_padding)");
}

TEST(BaselineReader, PolicyAlone) {
  auto policy = parsePolicy(R"({"fail_on": ["type-removed"], "suppress": ["x*"]})", "p.json");
  ASSERT_TRUE(static_cast<bool>(policy));
  EXPECT_EQ(*policy->failOn, std::vector<model::Rule>{model::Rule::TypeRemoved});
  EXPECT_EQ(policy->suppress, std::vector<std::string>{"x*"});
}

} // namespace
