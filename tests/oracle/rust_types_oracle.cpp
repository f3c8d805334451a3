// tests/oracle/rust_types_oracle.cpp: checks memlayout's JSON for every type of a Rust sample against `rustc -Zprint-type-sizes`, plus the issue's acceptance values.
//
// Run just these: ctest --test-dir BUILD -R oracle.rust   (-V shows one line per type)
//
// Usage: rust_types_oracle --memlayout M --sample FILE --root DIR --source REL --rustc RUSTC --crate NAME
//                          [--flag F]... [--env VAR=VALUE]... [--require RUSTC_NAME]...
//                          [--no-dwarf RUSTC_NAME REASON]... [--known-difference RUSTC_NAME PROBLEM REASON]...
//                          [--skip REASON]
// Exit: 0 all agree; 1 a disagreement or failure (each printed as FAIL); 77 skipped (no rustc, or
// -Z refused even with RUSTC_BOOTSTRAP=1).
//
// Ground truth: rustc recompiles the sample's source in DIR with the sample's own flags (--flag,
// from ML_SAMPLE_COMPILE_FLAGS), RUSTC_BOOTSTRAP=1 and -Zprint-type-sizes, writing into a temporary
// directory. Every type it prints is looked up in `memlayout SAMPLE --struct '*' --format json` by
// the name rules of rust_names.h and compared by those of rust_compare.h. The types of the sample's
// own crate, and those named with --require (std generics the sample instantiates), must be found;
// a --no-dwarf type must not be (the reason says why rustc prints a type DWARF does not hold). Other
// standard-library types are compared when memlayout finds them and only counted when it does not.
// A --known-difference is the start of a problem line (as this program prints it) where rustc's DWARF says
// something else than its layout does, so memlayout, which reads the DWARF, cannot agree: it is
// shown as a note, and must still occur (the reason gives the evidence).
// Closures and async blocks, which rustc names by source span, are paired with DWARF's
// `{closure_env#N}` of the function around the span, in source order.
#include "oracle_support.h"
#include "json_fields.h"
#include "rust_compare.h"
#include "rust_expectations.h"
#include "rust_names.h"
#include "rust_type_sizes.h"
#include "subprocess.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unistd.h>
#include <vector>

namespace {

using Json = nlohmann::json;
using namespace memlayout::testing;

constexpr int kSkip = 77;
constexpr double kTimeout = 600;

struct Options {
  std::string memlayout, sample, root, source, rustc, crate, skip;
  std::vector<std::string> flags, env, required;
  std::map<std::string, std::string> noDwarf; // rustc name → reason
  std::map<std::pair<std::string, std::string>, std::string> knownDifferences; // (rustc name, problem) → reason
};

int usage() {
  std::cerr << "usage: rust_types_oracle --memlayout M --sample FILE --root DIR --source REL --rustc RUSTC\n"
               "  --crate NAME [--flag F]... [--env VAR=VALUE]... [--require RUSTC_NAME]...\n"
               "  [--no-dwarf RUSTC_NAME REASON]... [--known-difference RUSTC_NAME PROBLEM REASON]...\n"
               "  [--skip REASON]\n";
  return 2;
}




// ---- rustc -------------------------------------------------------------------------------------

// The dump, or nullopt after reporting why (skip: `skipReason` set).
std::optional<RustcDump> runRustc(const Options &options, Verdict &verdict, std::string &skipReason) {
  auto version = runProcess({options.rustc, "--version"}, {"LC_ALL=C"}, 60);
  if (!version.started || version.exitCode != 0) {
    skipReason = "'" + options.rustc + "' does not run (" + version.describe() + ")";
    return std::nullopt;
  }
  std::cout << "rustc: " << rstrip(version.out) << "\n";
  TempDir temp("memlayout-rust-oracle");
  if (temp.path.empty()) {
    verdict.fail("rustc", "cannot create a temporary directory");
    return std::nullopt;
  }
  std::vector<std::string> argv{options.rustc};
  argv.insert(argv.end(), options.flags.begin(), options.flags.end());
  argv.insert(argv.end(), {"-Zprint-type-sizes", "-o", (temp.path / "sample").string(), options.source});
  std::vector<std::string> env = options.env;
  env.insert(env.end(), {"LC_ALL=C", "RUSTC_BOOTSTRAP=1"});
  auto result = runProcess(argv, env, kTimeout);
  if (result.started && !result.timedOut && result.exitCode != 0 &&
      (result.err.find("-Z") != std::string::npos || result.err.find("nightly") != std::string::npos) &&
      result.err.find("print-type-sizes") != std::string::npos) {
    skipReason = "this rustc refuses -Zprint-type-sizes even with RUSTC_BOOTSTRAP=1: " + rstrip(result.err);
    return std::nullopt;
  }
  if (!result.started || result.timedOut || result.signal != 0 || result.exitCode != 0) {
    std::string command;
    for (const std::string &arg : argv) command += (command.empty() ? "" : " ") + arg;
    verdict.fail("rustc", "`RUSTC_BOOTSTRAP=1 " + command + "` " + result.describe() + "\n" + rstrip(result.err));
    return std::nullopt;
  }
  RustcDump dump = parseTypeSizes(result.out);
  for (const std::string &error : dump.errors) verdict.fail("-Zprint-type-sizes output", error);
  if (dump.types.empty()) verdict.fail("-Zprint-type-sizes output", "no types (is this still the format we parse?)");
  return dump;
}

// ---- closures and async blocks named by span ---------------------------------------------------

std::vector<std::string> readLines(const std::string &path) {
  std::vector<std::string> lines;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

bool isIdent(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// The name of the last `fn NAME` written before line:column (1-based), or "".
std::string enclosingFunction(const std::vector<std::string> &lines, unsigned line, unsigned column) {
  std::string found;
  for (std::size_t n = 0; n < lines.size() && n < line; ++n) {
    const std::string text = n + 1 == line ? lines[n].substr(0, column > 0 ? column - 1 : 0) : lines[n];
    for (std::size_t at = text.find("fn "); at != std::string::npos; at = text.find("fn ", at + 1)) {
      if (at > 0 && isIdent(text[at - 1])) continue;
      std::size_t start = at + 3;
      while (start < text.size() && text[start] == ' ') ++start;
      std::size_t end = start;
      while (end < text.size() && isIdent(text[end])) ++end;
      if (end > start) found = text.substr(start, end - start);
    }
  }
  return found;
}

// rustc's span names → DWARF paths. Within one function, rustc's closures in source order pair with
// DWARF's `{closure_env#N}` in N order (rustc numbers them in that order); a count that differs
// leaves that function's spans unresolved, and reported.
std::map<std::string, std::string> resolveSpans(const Options &options, const RustcDump &dump,
                                                const std::vector<NameTokens> &dwarfNames, Verdict &verdict) {
  std::map<std::string, RustcSpan> spans;
  for (const RustcType &type : dump.types)
    for (RustcSpan &span : findSpans(type.name)) spans.emplace(span.text, std::move(span));
  const std::vector<std::string> lines = readLines(options.root + "/" + options.source);
  std::map<std::pair<std::string, std::string>, std::vector<const RustcSpan *>> groups; // (fn, kind)
  for (const auto &[text, span] : spans) {
    if (span.file != options.source) continue;
    groups[{enclosingFunction(lines, span.line, span.column), span.kind}].push_back(&span);
  }
  std::map<std::string, std::string> resolved;
  for (auto &[key, members] : groups) {
    const auto &[function, kind] = key;
    std::sort(members.begin(), members.end(), [](const RustcSpan *a, const RustcSpan *b) {
      return std::pair(a->line, a->column) < std::pair(b->line, b->column);
    });
    const std::string env = kind == "closure" ? "{closure_env#" : "{async_block_env#";
    std::set<std::pair<unsigned long, std::string>> candidates; // (N, path)
    for (const NameTokens &name : dwarfNames)
      for (const NameToken &token : name) {
        if (!token.isPath || token.segments.size() < 3 || token.segments.front() != options.crate) continue;
        const std::string &last = token.segments.back();
        if (last.rfind(env, 0) != 0) continue;
        if (std::find(token.segments.begin() + 1, token.segments.end() - 1, function) == token.segments.end() - 1) continue;
        std::string path;
        for (const std::string &segment : token.segments) path += (path.empty() ? "" : "::") + segment;
        candidates.emplace(std::strtoul(last.c_str() + env.size(), nullptr, 10), path);
      }
    if (candidates.size() != members.size()) {
      verdict.note(kind + "s of fn " + (function.empty() ? "?" : function),
                   std::to_string(members.size()) + " in rustc's output, " + std::to_string(candidates.size()) +
                       " in DWARF: left unresolved");
      continue;
    }
    auto candidate = candidates.begin();
    for (const RustcSpan *span : members) resolved[span->text] = (candidate++)->second;
  }
  return resolved;
}

// ---- memlayout ---------------------------------------------------------------------------------

std::optional<Json> runMemlayout(const Options &options, Verdict &verdict) {
  const std::vector<std::string> argv{options.memlayout, options.sample, "--struct", "*", "--format", "json"};
  auto result = runProcess(argv, {"LC_ALL=C"}, kTimeout);
  if (!result.started || result.timedOut || result.signal != 0 || result.exitCode != 0) {
    verdict.fail("memlayout", "`" + options.memlayout + " " + options.sample + " --struct '*' --format json` " +
                                  result.describe() + "\n" + rstrip(result.err));
    return std::nullopt;
  }
  try {
    Json json = Json::parse(result.out);
    if (json.contains("types") && json["types"].is_array()) return json["types"];
    verdict.fail("memlayout", "its JSON has no \"types\" array");
  } catch (const std::exception &e) {
    verdict.fail("memlayout", std::string("invalid JSON: ") + e.what());
  }
  return std::nullopt;
}

std::string nameOf(const Json &type) {
  return type.is_object() && type.contains("name") && type["name"].is_string() ? type["name"].get<std::string>() : "";
}

// ---- comparison --------------------------------------------------------------------------------

struct Counts {
  std::size_t compared = 0, localCompared = 0, absentStd = 0, allowedAbsent = 0;
};

void compareAll(const Options &options, const RustcDump &dump, const Json &types, Verdict &verdict) {
  std::vector<NameTokens> dwarfNames;
  for (const Json &type : types) dwarfNames.push_back(tokenizeDwarfName(nameOf(type)));
  const std::map<std::string, std::string> spans = resolveSpans(options, dump, dwarfNames, verdict);

  // A DWARF type some rustc name matches strictly belongs to that name alone (see namesMatch).
  std::vector<NameTokens> rustcNames;
  for (const RustcType &rustc : dump.types) rustcNames.push_back(tokenizeRustcName(rustc.name, spans));
  std::vector<std::optional<std::size_t>> strictOwner(types.size());
  for (std::size_t r = 0; r < rustcNames.size(); ++r)
    for (std::size_t i = 0; i < types.size(); ++i)
      if (!strictOwner[i] && namesMatch(rustcNames[r], dwarfNames[i], options.crate, true)) strictOwner[i] = r;

  Counts counts;
  std::set<std::string> seenRequired;
  std::set<std::pair<std::string, std::string>> seenDifferences;
  for (std::size_t r = 0; r < dump.types.size(); ++r) {
    const RustcType &rustc = dump.types[r];
    const NameTokens &tokens = rustcNames[r];
    const bool local = isLocalName(tokens);
    const bool required = local || std::count(options.required.begin(), options.required.end(), rustc.name) > 0;
    if (required) seenRequired.insert(rustc.name);
    std::vector<std::size_t> candidates;
    for (std::size_t i = 0; i < types.size(); ++i)
      if ((!strictOwner[i] || *strictOwner[i] == r) && namesMatch(tokens, dwarfNames[i], options.crate))
        candidates.push_back(i);

    const std::string subject = "`" + rustc.name + "`";
    auto allowed = options.noDwarf.find(rustc.name);
    if (candidates.empty()) {
      if (allowed != options.noDwarf.end()) {
        ++counts.allowedAbsent;
        verdict.note(subject, "not in DWARF, as expected: " + allowed->second);
      } else if (required) {
        verdict.fail(subject, "memlayout lists no type by this name (looked for '" + toString(tokens) +
                                  "'; a type without DWARF belongs in the --no-dwarf list, with the reason)");
      } else {
        ++counts.absentStd;
        std::cout << "absent " << rustc.name << " (standard library; no DWARF type by this name)\n";
      }
      continue;
    }
    if (allowed != options.noDwarf.end()) {
      verdict.fail(subject, "listed with --no-dwarf (" + allowed->second + ") but memlayout finds " +
                                nameOf(types[candidates.front()]) + ": drop it from the list");
      continue;
    }
    // Several layouts under one name (or names that only differ where rustc does not say): one must agree.
    std::vector<std::string> problems;
    std::string matchedName;
    for (std::size_t i : candidates) {
      std::vector<std::string> these = compareRustType(rustc, types[i]);
      if (these.empty()) {
        problems.clear();
        matchedName = nameOf(types[i]);
        break;
      }
      if (problems.empty() || these.size() < problems.size()) {
        problems = std::move(these);
        matchedName = nameOf(types[i]);
      }
    }
    ++counts.compared;
    if (local) ++counts.localCompared;
    std::erase_if(problems, [&](const std::string &problem) {
      for (const auto &[key, reason] : options.knownDifferences)
        if (key.first == rustc.name && problem.rfind(key.second, 0) == 0) {
          seenDifferences.insert(key);
          verdict.note(subject, "known difference: " + problem + " (" + reason + ")");
          return true;
        }
      return false;
    });
    if (problems.empty()) {
      verdict.ok(rustc.name + " = " + matchedName);
      continue;
    }
    std::string details;
    for (const std::string &problem : problems) details += "\n    " + problem;
    verdict.fail(subject, "memlayout's " + matchedName + " disagrees with rustc (-Zprint-type-sizes line " +
                              std::to_string(rustc.line) + "):" + details);
  }
  for (const std::string &name : options.required)
    if (!seenRequired.count(name))
      verdict.fail("`" + name + "`", "required, but rustc prints no such type (did the sample stop using it?)");
  for (const auto &[name, reason] : options.noDwarf)
    if (std::none_of(dump.types.begin(), dump.types.end(), [&](const RustcType &t) { return t.name == name; }))
      verdict.fail("`" + name + "`", "listed with --no-dwarf, but rustc no longer prints it: drop it from the list");
  for (const auto &[key, reason] : options.knownDifferences)
    if (!seenDifferences.count(key))
      verdict.fail("`" + key.first + "`", "the known difference '" + key.second +
                                              "' no longer occurs: drop it from the list");
  if (counts.localCompared == 0) verdict.fail("rustc", "none of the sample's own types was compared");
  std::cout << "compared " << counts.compared << " of " << dump.types.size() << " types rustc prints ("
            << counts.localCompared << " of the sample's crate); " << counts.allowedAbsent
            << " allow-listed as without DWARF; " << counts.absentStd
            << " standard-library types rustc laid out have no DWARF in the sample\n";
}

} // namespace

int main(int argc, char **argv) {
  Options options;
  std::vector<std::string> args(argv + 1, argv + argc);
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string &arg = args[i];
    if (i + 1 >= args.size()) return usage();
    const std::string &value = args[++i];
    if (arg == "--memlayout") options.memlayout = value;
    else if (arg == "--sample") options.sample = value;
    else if (arg == "--root") options.root = value;
    else if (arg == "--source") options.source = value;
    else if (arg == "--rustc") options.rustc = value;
    else if (arg == "--crate") options.crate = value;
    else if (arg == "--flag") options.flags.push_back(value);
    else if (arg == "--env") options.env.push_back(value);
    else if (arg == "--require") options.required.push_back(value);
    else if (arg == "--skip") options.skip = value;
    else if (arg == "--no-dwarf" && i + 1 < args.size()) options.noDwarf[value] = args[++i];
    else if (arg == "--known-difference" && i + 2 < args.size()) {
      const std::string &problem = args[++i];
      options.knownDifferences[{value, problem}] = args[++i];
    }
    else return usage();
  }
  if (!options.skip.empty()) {
    std::cout << "SKIP: " << options.skip << "\n";
    return kSkip;
  }
  if (options.memlayout.empty() || options.sample.empty() || options.root.empty() || options.source.empty() ||
      options.crate.empty())
    return usage();
  if (options.rustc.empty() || options.rustc.find("NOTFOUND") != std::string::npos) {
    std::cout << "SKIP: no rustc found\n";
    return kSkip;
  }
  Verdict verdict;
  std::error_code ec;
  if (!std::filesystem::exists(options.sample, ec)) {
    std::cout << "FAIL " << options.sample << ": does not exist (build the 'samples' target first)\n";
    return 1;
  }
  // rustc runs where the sample was built, so its spans read `samples/rust/samples.rs:L:C` as DWARF's do.
  if (chdir(options.root.c_str()) != 0) {
    std::cout << "FAIL " << options.root << ": cannot change into it\n";
    return 1;
  }
  std::string skipReason;
  auto dump = runRustc(options, verdict, skipReason);
  if (!skipReason.empty()) {
    std::cout << "SKIP: " << skipReason << "\n";
    return kSkip;
  }
  auto types = runMemlayout(options, verdict);
  if (dump && types) {
    compareAll(options, *dump, *types, verdict);
    std::size_t checked = 0;
    for (const std::string &problem : checkRustExpectations(*types, checked)) verdict.fail("acceptance", problem);
    std::cout << "checked " << checked << " acceptance layouts\n";
  }
  if (verdict.failures() != 0) {
    std::cout << verdict.failures() << " failure(s) for " << options.sample << "\n";
    return 1;
  }
  std::cout << "OK " << options.sample << "\n";
  return 0;
}
