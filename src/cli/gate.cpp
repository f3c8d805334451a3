// --check, --diff and --save-baseline. A baseline made for another target cannot judge this file: that
// is an error (exit 2), not a list of bogus regressions; a different compiler is only worth a note.
#include "cli/gate.h"

#include "analysis/compare.h"
#include "analysis/select.h"
#include "analysis/snapshot.h"
#include "analysis/type_facts.h"
#include "baseline/baseline_reader.h"
#include "cli/type_errors.h"
#include "cli/type_source.h"
#include "dwarf/debug_summary.h"
#include "dwarf/type_reader.h"
#include "report/baseline_json.h"
#include "support/error.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace memlayout::cli {
namespace {

using support::ErrorKind;

model::Target targetOf(const model::Binary &binary) {
  return {binary.header.elfClass, binary.header.machine, binary.header.bigEndian};
}

std::string targetText(const model::Target &target) {
  return target.machine + " (ELF" + std::to_string(target.elfClass) + ", " +
         (target.bigEndian ? "big" : "little") + "-endian)";
}

bool sameTarget(const model::Target &a, const model::Target &b) {
  return a.elfClass == b.elfClass && a.machine == b.machine && a.bigEndian == b.bigEndian;
}

void appendSettings(model::Policy &policy, const model::PolicySettings &settings) {
  if (settings.mode) policy.mode = *settings.mode;
  if (settings.failOn) policy.failOn = *settings.failOn;
  policy.limits.insert(policy.limits.end(), settings.limits.begin(), settings.limits.end());
  policy.suppress.insert(policy.suppress.end(), settings.suppress.begin(), settings.suppress.end());
  policy.fixedLayout.insert(policy.fixedLayout.end(), settings.fixedLayout.begin(), settings.fixedLayout.end());
}

// What a rewritten baseline keeps: the file's policy with the command line's on top (a limit given on
// the command line replaces the file's limit for the same pattern).
model::PolicySettings mergeSettings(const model::PolicySettings &file, const model::PolicySettings &commandLine) {
  model::PolicySettings merged = file;
  if (commandLine.mode) merged.mode = commandLine.mode;
  if (commandLine.failOn) merged.failOn = commandLine.failOn;
  for (const auto &limit : commandLine.limits) {
    auto same = std::find_if(merged.limits.begin(), merged.limits.end(),
                             [&](const model::Limit &l) { return l.pattern == limit.pattern; });
    if (same == merged.limits.end()) {
      merged.limits.push_back(limit);
      continue;
    }
    if (limit.maxSize) same->maxSize = limit.maxSize;
    if (limit.maxPadding) same->maxPadding = limit.maxPadding;
  }
  for (const auto &glob : commandLine.suppress)
    if (std::find(merged.suppress.begin(), merged.suppress.end(), glob) == merged.suppress.end()) merged.suppress.push_back(glob);
  for (const auto &glob : commandLine.fixedLayout)
    if (std::find(merged.fixedLayout.begin(), merged.fixedLayout.end(), glob) == merged.fixedLayout.end())
      merged.fixedLayout.push_back(glob);
  return merged;
}

std::vector<std::string> compilersOf(const elf::ElfInput &input, const std::string &path) {
  auto summary = dwarf::readDebugSummary(input.object(), path);
  if (!summary) {
    llvm::consumeError(summary.takeError());
    return {};
  }
  return summary->compilers;
}

// The current side of a comparison, restricted to `selection` when it names types.
model::Snapshot snapshotOf(const model::TypeTable &table, const std::vector<std::string> &selection,
                           const model::Binary &binary, const elf::ElfInput &input, const std::string &path) {
  const analysis::NameMatcher matcher(selection);
  model::Snapshot snapshot = analysis::snapshotOfTable(table, selection.empty() ? nullptr : &matcher);
  snapshot.source = path;
  snapshot.target = targetOf(binary);
  snapshot.compilers = compilersOf(input, path);
  snapshot.selection = selection;
  return snapshot;
}

llvm::Error targetMismatch(const std::string &baseline, const model::Target &saved, const std::string &file,
                           const model::Target &here) {
  return support::makeError(ErrorKind::BadBaseline, baseline,
                            "made for " + targetText(saved) + ", but '" + file + "' is " + targetText(here) +
                                ": layouts of different targets cannot be compared");
}

// Types to write, in name order so that a baseline's diff in review shows real changes only.
std::vector<report::TypeEntry> baselineEntries(const model::TypeTable &table, const std::vector<std::string> &selection) {
  std::vector<std::size_t> indices;
  std::vector<model::Layout> layouts(table.types.size());
  for (std::size_t i = 0; i < table.types.size(); ++i) layouts[i] = analysis::typeLayout(table.types[i]);
  if (selection.empty()) {
    indices = analysis::listTypes(table, layouts, analysis::ListQuery{});
  } else {
    std::vector<std::size_t> unmatched;
    indices = analysis::selectTypes(table, analysis::NameMatcher(selection), unmatched);
  }
  std::stable_sort(indices.begin(), indices.end(), [&](std::size_t a, std::size_t b) {
    const auto &x = table.types[a], &y = table.types[b];
    return std::tie(x.name, x.unit) < std::tie(y.name, y.unit);
  });
  std::vector<report::TypeEntry> entries;
  entries.reserve(indices.size());
  for (std::size_t index : indices)
    entries.push_back({&table.types[index], analysis::listedTypeFacts(table.types[index], &table, layouts[index], true, false)});
  return entries;
}

// Written beside the target and renamed over it: a concurrent reader never sees half a baseline.
llvm::Error writeAtomically(const std::string &path, const std::string &contents) {
  const std::string temporary = path + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) return support::makeError(ErrorKind::Io, path, "cannot write the baseline (is the directory writable?)");
    out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
    out.close();
    if (!out) {
      std::remove(temporary.c_str());
      return support::makeError(ErrorKind::Io, path, "cannot write the baseline (disk full?)");
    }
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    std::remove(temporary.c_str());
    return support::makeError(ErrorKind::Io, path, "cannot replace the baseline");
  }
  return llvm::Error::success();
}

} // namespace

model::Policy mergePolicy(const model::PolicySettings &file, const model::PolicySettings &commandLine) {
  model::Policy policy;
  appendSettings(policy, file);
  appendSettings(policy, commandLine);
  return policy;
}

llvm::Expected<GateResult> runGate(const Options &options, const model::Binary &binary, const elf::ElfInput &input,
                                   const model::TypeTable &table) {
  GateResult result;
  // --struct names must name something, as for --struct itself: here, or on the other side of the
  // comparison (a type the new build removed is still a type to report on).
  const analysis::NameMatcher chosen(options.structs);
  std::vector<std::size_t> unmatched;
  if (!options.structs.empty()) (void)analysis::selectTypes(table, chosen, unmatched);
  std::vector<std::string> otherSide; // names of the other side, for the nearest-name hint
  auto matchedElsewhere = [&](const auto &names) {
    for (const auto &t : names)
      if (!t.name.empty()) otherSide.push_back(t.name);
    std::erase_if(unmatched, [&](std::size_t pattern) {
      return std::any_of(names.begin(), names.end(), [&](const auto &t) { return chosen.matches(pattern, t.name); });
    });
  };

  std::optional<baseline::Baseline> checked;
  if (options.check) {
    auto read = baseline::readBaseline(*options.check);
    if (!read) return read.takeError();
    checked = std::move(*read);
    const std::vector<std::string> &selection = options.structs.empty() ? checked->snapshot.selection : options.structs;
    model::Snapshot now = snapshotOf(table, selection, binary, input, options.file);
    if (checked->snapshot.target && !sameTarget(*checked->snapshot.target, *now.target))
      return targetMismatch(*options.check, *checked->snapshot.target, options.file, *now.target);
    model::Snapshot before = checked->snapshot;
    matchedElsewhere(before.types);
    if (!options.structs.empty()) { // a narrower question than the baseline's: compare only those types
      const analysis::NameMatcher matcher(options.structs);
      std::erase_if(before.types, [&](const model::TypeSnapshot &t) { return !matcher.matches(t.name); });
      before.selection = options.structs;
    }
    result.check = analysis::compareSnapshots(before, now, mergePolicy(checked->policy, options.policy));
    result.check->baseline = *options.check;
  } else if (options.diff) {
    auto other = elf::ElfInput::open(*options.diff);
    if (!other) return other.takeError();
    auto otherBinary = elf::readBinary(**other);
    if (!otherBinary) return otherBinary.takeError();
    auto otherTable = readTypesOf(**other, *otherBinary, *options.diff, {}, typeSourceFor(options));
    if (!otherTable) return typeReadingError(otherTable.takeError(), *options.diff, *otherBinary, **other);
    for (const auto &warning : otherTable->warnings) result.warnings.push_back(*options.diff + ": " + warning);
    matchedElsewhere(otherTable->types);
    model::Snapshot before = snapshotOf(*otherTable, options.structs, *otherBinary, **other, *options.diff);
    model::Snapshot now = snapshotOf(table, options.structs, binary, input, options.file);
    if (!sameTarget(*before.target, *now.target)) {
      return support::makeError(ErrorKind::Usage, options.file,
                                "is " + targetText(*now.target) + " but '" + *options.diff + "' is " +
                                    targetText(*before.target) + ": layouts of different targets cannot be compared");
    }
    result.check = analysis::compareSnapshots(before, now, mergePolicy({}, options.policy));
    result.check->baseline = *options.diff;
    result.check->diff = true;
  }
  if (!unmatched.empty()) return noMatchError(options.file, chosen, unmatched.front(), table, std::move(otherSide));

  if (options.saveBaseline) {
    const std::string &path = *options.saveBaseline;
    // Rewriting a baseline keeps what people wrote into it: its policy and its selection.
    model::PolicySettings filePolicy;
    std::vector<std::string> fileSelection;
    if (checked && options.check == path) {
      filePolicy = checked->policy;
      fileSelection = checked->snapshot.selection;
    } else if (std::error_code ec; std::filesystem::exists(path, ec)) {
      auto existing = baseline::readBaseline(path);
      if (!existing) {
        llvm::consumeError(existing.takeError());
        return support::makeError(ErrorKind::Io, path, "exists and is not a memlayout baseline; not overwriting it");
      }
      filePolicy = existing->policy;
      fileSelection = existing->snapshot.selection;
    }
    if (result.check && !result.check->passed()) {
      result.saved = report::Report::SavedBaseline{path, 0, true};
    } else {
      report::BaselineContents contents;
      contents.file = options.file;
      contents.target = targetOf(binary);
      contents.compilers = compilersOf(input, options.file);
      contents.selection = options.structs.empty() ? fileSelection : options.structs;
      // The ratchet (--check B --save-baseline B) writes back layouts, never a one-off command line's
      // policy; --save-baseline alone is how policy flags get into the file.
      contents.policy = options.check ? filePolicy : mergeSettings(filePolicy, options.policy);
      contents.entries = baselineEntries(table, contents.selection);
      if (auto error = writeAtomically(path, report::baselineJson(contents))) return error;
      result.saved = report::Report::SavedBaseline{path, contents.entries.size(), false};
    }
  }
  return result;
}

} // namespace memlayout::cli
