// The CI gate end to end on real binaries: --diff, --save-baseline/--check, policies and error exits on the
// gate sample pairs (expected changes in gate_expectations.cpp) and the existing samples.
#include "gate_expectations.h"
#include "gate_support.h"
#include "oracle_support.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>

namespace memlayout::gate {
namespace {

namespace fs = std::filesystem;

const TypeFilter kEveryType = [](const std::string &) { return true; };

std::string sampleOrSkipReason(const std::string &name, std::string &reason) {
  auto path = samplePath(name);
  if (!path) {
    reason = "sample " + name + " is not built here";
    return "";
  }
  if (!fs::exists(*path)) {
    reason = "";
    ADD_FAILURE() << "sample " << name << " is listed but " << *path << " does not exist (build the samples target)";
    return "";
  }
  return *path;
}

#define REQUIRE_SAMPLE(var, name)                                                                                    \
  std::string var;                                                                                                   \
  {                                                                                                                  \
    std::string reason_;                                                                                             \
    var = sampleOrSkipReason(name, reason_);                                                                         \
    if (var.empty()) {                                                                                               \
      if (!reason_.empty()) GTEST_SKIP() << reason_;                                                                 \
      return;                                                                                                        \
    }                                                                                                                \
  }

// A --diff/--check report: the exit code, one JSON document on stdout, nothing on stderr, and the header.
void expectReport(const Invocation &run, int exitCode, const std::string &file, const std::string &baseline) {
  EXPECT_EQ(run.exitCode, exitCode) << run.describe();
  EXPECT_EQ(run.err, "") << run.describe();
  ASSERT_TRUE(run.json) << "stdout is not JSON:\n" << run.out;
  const Json &j = *run.json;
  EXPECT_TRUE(j.contains("schema")) << j.dump(2);
  EXPECT_EQ(j.value("file", ""), file);
  ASSERT_TRUE(j.contains("check") && j["check"].is_object()) << j.dump(2);
  EXPECT_EQ(j["check"].value("baseline", ""), baseline);
  ASSERT_TRUE(j["check"].contains("passed") && j["check"]["passed"].is_boolean());
  EXPECT_EQ(j["check"]["passed"].get<bool>(), exitCode == 0) << "passed is false exactly when the exit code is 1";
}

// The report's changes of the types `types` accepts are exactly `expected`.
void expectChanges(const Invocation &run, const Table &expected, const TypeFilter &types) {
  if (!run.json) return; // expectReport said why
  EXPECT_EQ(compareChanges(*run.json, expected, types), "") << run.describe();
}

void expectNoChanges(const Invocation &run) {
  if (!run.json) return;
  EXPECT_EQ(changesOf(*run.json), Json::array()) << run.describe();
}

// A failure on the command line or in the input: exit 2, nothing on stdout, one "memlayout: error:" line.
void expectOneLineError(const Invocation &run) {
  EXPECT_EQ(run.exitCode, 2) << run.describe();
  EXPECT_EQ(run.out, "") << run.describe();
  EXPECT_EQ(run.err.rfind("memlayout: error: ", 0), 0u) << run.describe();
  ASSERT_FALSE(run.err.empty());
  EXPECT_EQ(run.err.back(), '\n') << run.describe();
  EXPECT_EQ(std::count(run.err.begin(), run.err.end(), '\n'), 1) << run.describe();
}

// Saves a baseline of `binary` (extra args: --struct patterns) and checks that it was written as JSON.
void saveBaseline(const std::string &binary, const std::string &baseline, std::vector<std::string> extra = {}) {
  std::vector<std::string> args{binary, "--save-baseline", baseline};
  args.insert(args.end(), extra.begin(), extra.end());
  const Invocation run = runMemlayout(args);
  ASSERT_EQ(run.exitCode, 0) << run.describe();
  EXPECT_EQ(run.err, "") << run.describe();
  std::ifstream in(baseline);
  ASSERT_TRUE(in) << baseline << " was not written";
  ASSERT_FALSE(Json::parse(in, nullptr, false).is_discarded()) << baseline << " is not JSON";
}

std::vector<std::string> concat(std::vector<std::string> a, const std::vector<std::string> &b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

struct TempDir : memlayout::testing::TempDir {
  TempDir() : memlayout::testing::TempDir("memlayout-gate") {}
  std::string file(const std::string &name) const { return (path / name).string(); }
};

// ---- Every gate pair: C (gcc DWARF 5 and 4, clang), C++ (g++), Rust ----

class GatePairTest : public ::testing::TestWithParam<GatePair> {};

TEST_P(GatePairTest, DiffReportsExactlyTheExpectedChanges) {
  const GatePair &p = GetParam();
  REQUIRE_SAMPLE(before, p.before);
  REQUIRE_SAMPLE(after, p.after);
  const Invocation run = runMemlayout({after, "--diff", before, "--format", "json"});
  expectReport(run, 1, after, before);
  expectChanges(run, p.expected, p.isGateType);
}

TEST_P(GatePairTest, UnchangedTypesAreOnBothSides) {
  const GatePair &p = GetParam();
  REQUIRE_SAMPLE(before, p.before);
  REQUIRE_SAMPLE(after, p.after);
  for (const std::string &type : p.unchangedTypes)
    for (const std::string &file : {before, after}) {
      const Invocation run = runMemlayout({file, "--struct", type, "--format", "json"});
      EXPECT_EQ(run.exitCode, 0) << type << " must be compared, so present in both builds\n" << run.describe();
    }
}

TEST_P(GatePairTest, ABuildComparedWithItselfPasses) {
  const GatePair &p = GetParam();
  REQUIRE_SAMPLE(before, p.before);
  REQUIRE_SAMPLE(after, p.after);
  for (const std::string &file : {before, after}) {
    const Invocation run = runMemlayout({file, "--diff", file, "--format", "json"});
    expectReport(run, 0, file, file);
    expectNoChanges(run);
  }
}

TEST_P(GatePairTest, CheckAgainstASavedBaselineReportsWhatDiffReports) {
  const GatePair &p = GetParam();
  REQUIRE_SAMPLE(before, p.before);
  REQUIRE_SAMPLE(after, p.after);
  TempDir dir;
  const std::string baseline = dir.file("before.json");
  saveBaseline(before, baseline);
  const Invocation check = runMemlayout({after, "--check", baseline, "--format", "json"});
  expectReport(check, 1, after, baseline);
  const Invocation diff = runMemlayout({after, "--diff", before, "--format", "json"});
  ASSERT_TRUE(check.json && diff.json);
  EXPECT_EQ(compareChanges(*check.json, p.expected, p.isGateType), "");
  // Every change of every type, every key: a baseline must judge exactly as the binary it was saved from.
  EXPECT_EQ(changesOf(*check.json).dump(2), changesOf(*diff.json).dump(2));
}

TEST_P(GatePairTest, BaselinesRoundTrip) {
  const GatePair &p = GetParam();
  REQUIRE_SAMPLE(before, p.before);
  REQUIRE_SAMPLE(after, p.after);
  TempDir dir;
  for (const std::string &file : {before, after}) {
    const std::string baseline = dir.file(fs::path(file).filename().string() + ".json");
    saveBaseline(file, baseline);
    for (const std::vector<std::string> &mode : {std::vector<std::string>{}, {"--mode", "exact"}}) {
      const Invocation run = runMemlayout(concat({file, "--check", baseline, "--format", "json"}, mode));
      expectReport(run, 0, file, baseline);
      expectNoChanges(run);
    }
  }
}

TEST_P(GatePairTest, PlainTypesJsonServesAsABaseline) {
  const GatePair &p = GetParam();
  REQUIRE_SAMPLE(before, p.before);
  REQUIRE_SAMPLE(after, p.after);
  TempDir dir;
  const Invocation types = runMemlayout({before, "--types", "--format", "json"});
  ASSERT_EQ(types.exitCode, 0) << types.describe();
  const std::string baseline = dir.file("types.json");
  std::ofstream(baseline) << types.out;
  const Invocation run = runMemlayout({after, "--check", baseline, "--format", "json"});
  expectReport(run, 1, after, baseline);
  expectChanges(run, p.expected, p.isGateType);
}

TEST_P(GatePairTest, ExactModeMakesEveryChangeARegression) {
  const GatePair &p = GetParam();
  REQUIRE_SAMPLE(before, p.before);
  REQUIRE_SAMPLE(after, p.after);
  const Invocation run = runMemlayout({after, "--diff", before, "--format", "json", "--mode", "exact"});
  expectReport(run, 1, after, before);
  const Table all = withRegressions(p.expected, [](const Expected &) { return true; });
  expectChanges(run, all, p.isGateType);
}

TEST_P(GatePairTest, EveryFormatExitsOneOnARegression) {
  const GatePair &p = GetParam();
  REQUIRE_SAMPLE(before, p.before);
  REQUIRE_SAMPLE(after, p.after);
  for (const std::vector<std::string> &format :
       {std::vector<std::string>{"--format", "text"}, {"--format", "markdown"},
        {"--format", "github", "--source-root", projectRoot()}}) {
    const Invocation run = runMemlayout(concat({after, "--diff", before}, format));
    EXPECT_EQ(run.exitCode, 1) << run.describe();
    EXPECT_NE(run.out, "") << run.describe();
    EXPECT_EQ(run.err, "") << run.describe();
  }
}

INSTANTIATE_TEST_SUITE_P(Gate, GatePairTest, ::testing::ValuesIn(gatePairs()),
                         [](const ::testing::TestParamInfo<GatePair> &param) { return param.param.name; });

// ---- Policies, on the gcc C pair ----

class GatePolicyTest : public ::testing::Test {
protected:
  const GatePair &pair = gatePair("c_gcc");

  // `after --diff before ARGS… --format json`: expects the exit code and exactly `expected` for gate types.
  void expectDiff(const std::vector<std::string> &args, int exitCode, const Table &expected,
                  const TypeFilter &types = nullptr) {
    REQUIRE_SAMPLE(before, pair.before);
    REQUIRE_SAMPLE(after, pair.after);
    const Invocation run = runMemlayout(concat({after, "--diff", before, "--format", "json"}, args));
    expectReport(run, exitCode, after, before);
    expectChanges(run, expected, types ? types : pair.isGateType);
  }

  // `before --diff before ARGS…`: only limits can fail a build against itself.
  void expectSelfDiff(const std::vector<std::string> &args, int exitCode, const Table &expected) {
    REQUIRE_SAMPLE(before, pair.before);
    const Invocation run = runMemlayout(concat({before, "--diff", before, "--format", "json"}, args));
    expectReport(run, exitCode, before, before);
    expectChanges(run, expected, kEveryType);
  }
};

Expected limitRow(const std::string &type, const std::string &change, std::uint64_t value, std::uint64_t limit) {
  Expected e;
  e.type = type;
  e.change = change;
  e.after = n(value);
  e.limit = limit;
  e.regression = true;
  return e;
}

TEST_F(GatePolicyTest, FailOnSizeGrewOnly) {
  expectDiff({"--fail-on", "size-grew"}, 1,
             withRegressions(pair.expected, [](const Expected &r) { return r.change == "size" && grew(r); }));
}

TEST_F(GatePolicyTest, FailOnSizeShrankOnlyCatchesTheImprovement) {
  expectDiff({"--fail-on", "size-shrank"}, 1,
             withRegressions(pair.expected, [](const Expected &r) { return r.change == "size" && !grew(r); }));
}

TEST_F(GatePolicyTest, FailOnAListOfRules) {
  expectDiff({"--fail-on", "type-added,hole"}, 1, withRegressions(pair.expected, [](const Expected &r) {
               return r.change == "type-added" || r.change == "hole";
             }));
}

TEST_F(GatePolicyTest, FailOnARuleNothingBreaksPassesAndStillListsTheChanges) {
  expectDiff({"--fail-on", "discriminant"}, 0, withRegressions(pair.expected, [](const Expected &) { return false; }));
}

TEST_F(GatePolicyTest, SuppressHidesAType) {
  expectDiff({"--suppress", "gate_flip"}, 1,
             without(pair.expected, [](const std::string &t) { return t == "gate_flip"; }));
}

TEST_F(GatePolicyTest, SuppressingEveryGateTypePasses) {
  expectDiff({"--suppress", "gate_*"}, 0, {}, kEveryType);
}

TEST_F(GatePolicyTest, MaxSizeFailsATypeOverIt) {
  expectSelfDiff({"--max-size", "gate_same=8"}, 1, {limitRow("gate_same", "size-limit", 16, 8)});
}

TEST_F(GatePolicyTest, MaxSizeAtTheSizePasses) { expectSelfDiff({"--max-size", "gate_same=16"}, 0, {}); }

TEST_F(GatePolicyTest, MaxSizeGlobJudgesEveryTypeOfTheNewBuild) {
  // After the change: gate_flip 12, gate_added 12, gate_widened 16, gate_aligned 16, gate_same 16 are over 10;
  // gate_shrunk (8) and gate_new (2) are not.
  Table expected = pair.expected;
  for (const auto &[type, size] : std::vector<std::pair<std::string, std::uint64_t>>{
           {"gate_flip", 12}, {"gate_added", 12}, {"gate_widened", 16}, {"gate_aligned", 16}, {"gate_same", 16}})
    expected.push_back(limitRow(type, "size-limit", size, 10));
  expectDiff({"--max-size", "gate_*=10"}, 1, expected);
}

TEST_F(GatePolicyTest, MaxPaddingFailsATypeOverIt) {
  expectSelfDiff({"--max-padding", "gate_same=3"}, 1, {limitRow("gate_same", "padding-limit", 4, 3)});
}

TEST_F(GatePolicyTest, LimitsApplyToCheckToo) {
  REQUIRE_SAMPLE(before, pair.before);
  REQUIRE_SAMPLE(after, pair.after);
  TempDir dir;
  const std::string baseline = dir.file("before.json");
  saveBaseline(before, baseline);
  const Invocation run = runMemlayout({after, "--check", baseline, "--format", "json", "--max-padding", "gate_same=0"});
  expectReport(run, 1, after, baseline);
  Table expected = pair.expected;
  expected.push_back(limitRow("gate_same", "padding-limit", 4, 0));
  expectChanges(run, expected, pair.isGateType);
}

TEST_F(GatePolicyTest, ABaselineOfChosenTypesChecksOnlyThose) {
  REQUIRE_SAMPLE(before, pair.before);
  REQUIRE_SAMPLE(after, pair.after);
  TempDir dir;
  const std::string same = dir.file("same.json"), flip = dir.file("flip.json");
  saveBaseline(before, same, {"--struct", "gate_same"});
  const Invocation passes = runMemlayout({after, "--check", same, "--format", "json"});
  expectReport(passes, 0, after, same);
  expectNoChanges(passes);

  saveBaseline(before, flip, {"--struct", "gate_flip"});
  const Invocation fails = runMemlayout({after, "--check", flip, "--format", "json"});
  expectReport(fails, 1, after, flip);
  expectChanges(fails, rowsOf(pair.expected, "gate_flip"), kEveryType);
}

TEST_F(GatePolicyTest, StructMayNameATypeOnlyTheOldSideHas) {
  REQUIRE_SAMPLE(before, pair.before);
  REQUIRE_SAMPLE(after, pair.after);
  // gate_removed is gone from the new build: choosing it is how one asks what happened to it.
  const Invocation diff = runMemlayout({after, "--diff", before, "--struct", "gate_removed", "--format", "json"});
  expectReport(diff, 1, after, before);
  expectChanges(diff, rowsOf(pair.expected, "gate_removed"), kEveryType);

  TempDir dir;
  const std::string baseline = dir.file("before.json");
  saveBaseline(before, baseline);
  const Invocation check = runMemlayout({after, "--check", baseline, "--struct", "gate_removed", "--format", "json"});
  expectReport(check, 1, after, baseline);
  expectChanges(check, rowsOf(pair.expected, "gate_removed"), kEveryType);
}

TEST_F(GatePolicyTest, StructThatNamesNothingOnEitherSideIsAnError) {
  REQUIRE_SAMPLE(before, pair.before);
  REQUIRE_SAMPLE(after, pair.after);
  const Invocation run = runMemlayout({after, "--diff", before, "--struct", "gate_remvoed"});
  expectOneLineError(run);
  EXPECT_NE(run.err.find("gate_removed"), std::string::npos) << "the nearest name should be suggested: " << run.err;
}

// ---- Rust: field order is rustc's to choose unless the type is named fixed ----

class GateRustTest : public ::testing::Test {
protected:
  const GatePair &pair = gatePair("rust");
};

TEST_F(GateRustTest, AReorderedRustStructIsNotARegressionByDefault) {
  REQUIRE_SAMPLE(before, pair.before);
  REQUIRE_SAMPLE(after, pair.after);
  TempDir dir;
  const std::string baseline = dir.file("swapped.json");
  saveBaseline(before, baseline, {"--struct", "gate::Swapped"});
  const Invocation run = runMemlayout({after, "--check", baseline, "--format", "json"});
  expectReport(run, 0, after, baseline);
  expectChanges(run, rowsOf(pair.expected, "gate::Swapped"), kEveryType);
}

TEST_F(GateRustTest, FixedLayoutMakesTheReorderARegression) {
  REQUIRE_SAMPLE(before, pair.before);
  REQUIRE_SAMPLE(after, pair.after);
  TempDir dir;
  const std::string baseline = dir.file("swapped.json");
  saveBaseline(before, baseline, {"--struct", "gate::Swapped"});
  const Invocation run = runMemlayout({after, "--check", baseline, "--format", "json", "--fixed-layout", "gate::Swapped"});
  expectReport(run, 1, after, baseline);
  const Table moved = withRegressions(rowsOf(pair.expected, "gate::Swapped"), [](const Expected &) { return true; });
  expectChanges(run, moved, kEveryType);
}

TEST_F(GateRustTest, FixedLayoutOnAReprCStructInADiff) {
  REQUIRE_SAMPLE(before, pair.before);
  REQUIRE_SAMPLE(after, pair.after);
  const Invocation run = runMemlayout({after, "--diff", before, "--format", "json", "--fixed-layout", "gate::FlipC"});
  expectReport(run, 1, after, before);
  const Table expected = withRegressions(pair.expected, [](const Expected &r) {
    return r.regression || (r.type == "gate::FlipC" && r.change == "field-moved");
  });
  expectChanges(run, expected, pair.isGateType);
}

// ---- The existing samples: a baseline from a Rust, a C++ and a C binary round-trips ----

class RoundTripTest : public ::testing::TestWithParam<std::string> {};

TEST_P(RoundTripTest, SaveThenCheckTheSameBinaryPasses) {
  REQUIRE_SAMPLE(binary, GetParam());
  TempDir dir;
  const std::string baseline = dir.file("baseline.json");
  saveBaseline(binary, baseline);
  for (const std::vector<std::string> &mode : {std::vector<std::string>{}, {"--mode", "exact"}}) {
    const Invocation run = runMemlayout(concat({binary, "--check", baseline, "--format", "json"}, mode));
    expectReport(run, 0, binary, baseline);
    expectNoChanges(run);
  }
  const Invocation diff = runMemlayout({binary, "--diff", binary, "--format", "json", "--mode", "exact"});
  expectReport(diff, 0, binary, binary);
}

INSTANTIATE_TEST_SUITE_P(Gate, RoundTripTest,
                         ::testing::Values("rust_dwarf5", "rust_dwarf4", "cpp_gcc_dwarf5", "cpp_clang_dwarf5",
                                           "c_gcc_dwarf5", "c_gcc_i386.o"),
                         [](const ::testing::TestParamInfo<std::string> &param) {
                           std::string name = param.param;
                           std::replace(name.begin(), name.end(), '.', '_');
                           return name;
                         });

// ---- Errors: exit 2, one line ----

class GateErrorTest : public ::testing::Test {
protected:
  const GatePair &pair = gatePair("c_gcc");
  TempDir dir;

  void expectCheckFails(const std::string &baselineContent) {
    REQUIRE_SAMPLE(before, pair.before);
    const std::string baseline = dir.file("baseline.json");
    std::ofstream(baseline) << baselineContent;
    expectOneLineError(runMemlayout({before, "--check", baseline, "--format", "json"}));
  }
};

TEST_F(GateErrorTest, MissingBaselineFile) {
  REQUIRE_SAMPLE(before, pair.before);
  expectOneLineError(runMemlayout({before, "--check", dir.file("missing.json")}));
}

TEST_F(GateErrorTest, BaselineThatIsNotJson) { expectCheckFails("This is a plain text file, not a baseline.\n"); }

TEST_F(GateErrorTest, TruncatedJson) { expectCheckFails("{\"schema\": \"memlayout/1\", \"types\": [{\"name\": "); }

TEST_F(GateErrorTest, JsonThatIsNotABaseline) {
  expectCheckFails("{\"hello\": \"world\"}\n");
  expectCheckFails("[1, 2, 3]\n");
}

TEST_F(GateErrorTest, MemlayoutJsonWithoutTypesIsNotABaseline) {
  REQUIRE_SAMPLE(before, pair.before);
  const Invocation header = runMemlayout({before, "--header", "--format", "json"});
  ASSERT_EQ(header.exitCode, 0) << header.describe();
  expectCheckFails(header.out);
}

TEST_F(GateErrorTest, BaselineForAnotherTarget) {
  REQUIRE_SAMPLE(before, pair.before);
  REQUIRE_SAMPLE(i386, "c_gcc_i386.o");
  const std::string baseline = dir.file("i386.json");
  saveBaseline(i386, baseline);
  const Invocation run = runMemlayout({before, "--check", baseline, "--format", "json"});
  expectOneLineError(run);
  const std::string lower = [&] {
    std::string s = run.err;
    for (char &c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  }();
  EXPECT_TRUE(lower.find("i386") != std::string::npos || lower.find("target") != std::string::npos ||
              lower.find("32-bit") != std::string::npos || lower.find("elf32") != std::string::npos)
      << "the error should say the baseline is for another target: " << run.err;
}

TEST_F(GateErrorTest, DiffWithAMissingFile) {
  REQUIRE_SAMPLE(before, pair.before);
  expectOneLineError(runMemlayout({before, "--diff", dir.file("missing")}));
}

} // namespace
} // namespace memlayout::gate
