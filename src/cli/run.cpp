// Wires the steps: read (elf, dwarf) → report → render. Decides what is fatal; owns the exit code.
#include "cli/run.h"

#include "analysis/select.h"
#include "analysis/type_facts.h"
#include "cli/gate.h"
#include "cli/parse_args.h"
#include "cli/type_source.h"
#include "cli/type_errors.h"
#include "dwarf/debug_summary.h"
#include "dwarf/type_reader.h"
#include "elf/elf_reader.h"
#include "report/render.h"
#include "support/error.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <unistd.h>

namespace memlayout::cli {
namespace {

bool wantColor(ColorMode mode, bool stdoutIsTerminal) {
  if (mode != ColorMode::Auto) return mode == ColorMode::Always;
  const char *noColor = std::getenv("NO_COLOR");
  if (noColor && *noColor) return false;
  const char *term = std::getenv("TERM");
  if (term && std::string_view(term) == "dumb") return false;
  return stdoutIsTerminal;
}

// What a successful run leaves besides its stdout: the exit code, and recoverable problems for stderr.
struct Executed {
  int exitCode = 0; // 1 when --check/--diff found a regression
  std::vector<std::string> warnings;
};

// Distinct layouts under one name are all shown; number them so the reader can tell them apart.
void numberLayouts(std::vector<report::TypeEntry> &entries) {
  for (auto &entry : entries) {
    unsigned seen = 0, total = 0;
    for (const auto &other : entries) {
      if (other.type->name != entry.type->name) continue;
      ++total;
      if (&other <= &entry) ++seen;
    }
    entry.layoutNumber = seen;
    entry.layoutsWithName = total;
  }
}

std::string sortName(const std::optional<analysis::SortKey> &key) {
  if (!key) return "";
  switch (*key) {
  case analysis::SortKey::Size: return "size";
  case analysis::SortKey::Padding: return "padding";
  case analysis::SortKey::Name: return "name";
  }
  return "";
}

// Everything that can fail happens before rendering starts, so an error leaves stdout empty.
llvm::Expected<Executed> execute(const Options &options, bool stdoutIsTerminal, report::Output &out) {
  auto input = elf::ElfInput::open(options.file);
  if (!input) return input.takeError();
  auto binary = elf::readBinary(**input);
  if (!binary) return binary.takeError();

  report::Report report;
  report.binary = &*binary;
  report.summary = !options.anyAction();
  report.header = options.header;
  report.segments = options.segments;
  report.sections = options.sections;
  // With the gate, --struct chooses the types compared or saved; it prints nothing itself.
  report.structs = !options.structs.empty() && !options.gate();
  report.types = options.types;
  report.cacheLine = options.cacheLine;
  report.expand = options.expand;
  report.suggest = options.suggest;
  if (report.summary || report.header) {
    auto debugInfo = dwarf::readDebugSummary((*input)->object(), options.file);
    if (!debugInfo) return debugInfo.takeError();
    binary->debugInfo = std::move(*debugInfo);
  }

  // Types are read only when an action shows them. The summary's padding wasters are a bonus: a file
  // without DWARF, or with DWARF we cannot read, still gets its summary.
  Executed executed;
  model::TypeTable table;
  const bool typeAction = report.structs || report.types || options.gate();
  const bool summaryTypes = report.summary && binary->debugInfo && binary->debugInfo->present;
  const analysis::NameMatcher matcher(options.structs);
  if (typeAction || summaryTypes) {
    std::vector<std::string> patterns;
    if (report.structs && !report.types && !options.gate()) // only the named types (and what they nest) are built
      patterns = options.structs;
    auto read = readTypesOf(**input, *binary, options.file, patterns, typeSourceFor(options));
    if (!read) {
      if (typeAction) return typeReadingError(read.takeError(), options.file, *binary, **input);
      support::ErrorReport problem = support::takeErrorReport(read.takeError());
      if (problem.kind != support::ErrorKind::NoDebugInfo) report.typesProblem = withoutFile(problem.message, options.file);
    } else {
      table = std::move(*read);
      report.typesRead = true;
      executed.warnings = table.warnings;
    }
  }
  report.table = &table;

  if (report.structs) {
    std::vector<std::size_t> unmatched;
    const std::vector<std::size_t> chosen = analysis::selectTypes(table, matcher, unmatched);
    if (!unmatched.empty()) return noMatchError(options.file, matcher, unmatched.front(), table);
    for (std::size_t index : chosen) {
      const model::Type &type = table.types[index];
      analysis::AnalysisOptions how{options.cacheLine, options.expand, options.suggest, matcher.namesExplicitly(type.name)};
      report.structEntries.push_back({&type, analysis::analyzeType(type, &table, how)});
    }
    numberLayouts(report.structEntries);
  }

  std::vector<model::Layout> layouts; // outlives rendering: --types rows take their facts as they are printed
  if (report.types || report.typesRead) {
    layouts.reserve(table.types.size());
    for (const auto &type : table.types) layouts.push_back(analysis::typeLayout(type));
    // JSON gives whole Type objects (a baseline): variants, discriminant and niches too.
    const bool whole = options.format == report::Format::Json;
    auto entriesFor = [&](const std::vector<std::size_t> &indices, bool suggest) {
      std::vector<report::TypeEntry> entries;
      entries.reserve(indices.size());
      for (std::size_t index : indices)
        entries.push_back({&table.types[index], analysis::listedTypeFacts(table.types[index], &table, layouts[index], whole, suggest)});
      return entries;
    };
    if (report.types) {
      analysis::ListQuery all = options.list;
      all.top.reset();
      std::vector<std::size_t> listed = analysis::listTypes(table, layouts, all);
      report.typeList.candidates = listed.size();
      if (options.list.top && listed.size() > *options.list.top) listed.resize(static_cast<std::size_t>(*options.list.top));
      for (std::size_t index : listed) report.typeList.types.push_back(&table.types[index]);
      report.typeList.factsOf = [&table, &layouts, listed, whole, suggest = options.suggest](std::size_t i) {
        const std::size_t index = listed[i];
        return analysis::listedTypeFacts(table.types[index], &table, layouts[index], whole, suggest);
      };
      report.typeList.sortedBy = sortName(options.list.sort);
      report.typeList.minPadding = options.list.minPadding;
      report.typeList.top = options.list.top;
    }
    if (report.summary && report.typesRead) {
      analysis::ListQuery worst{analysis::SortKey::Padding, 5, 1};
      report.mostPadding = entriesFor(analysis::listTypes(table, layouts, worst), false);
    }
  }

  std::optional<GateResult> gate;
  if (options.gate()) {
    auto ran = runGate(options, *binary, **input, table);
    if (!ran) return ran.takeError();
    gate = std::move(*ran);
    executed.warnings.insert(executed.warnings.end(), gate->warnings.begin(), gate->warnings.end());
    if (gate->check) report.check = &*gate->check;
    report.saved = gate->saved;
    std::error_code ec;
    const auto root = std::filesystem::absolute(options.sourceRoot.value_or("."), ec);
    report.sourceRoot = ec ? std::string() : root.lexically_normal().string();
    if (report.sourceRoot.size() > 1 && report.sourceRoot.back() == '/') report.sourceRoot.pop_back();
    if (report.check && !report.check->passed()) executed.exitCode = 1;
  }

  report::render(report, {options.format, wantColor(options.color, stdoutIsTerminal)}, out);
  return executed;
}

Outcome failure(llvm::Error error) {
  support::ErrorReport report = support::takeErrorReport(std::move(error));
  return Outcome{2, "", "memlayout: error: " + report.message + "\n"};
}

} // namespace

Outcome run(const std::vector<std::string> &args, bool stdoutIsTerminal, const WriteOut &write) {
  auto parsed = parseArgs(args);
  if (!parsed) return failure(parsed.takeError());
  if (auto *early = std::get_if<EarlyExit>(&*parsed)) {
    write(early->text);
    return Outcome{};
  }
  llvm::Expected<Executed> executed = [&] {
    report::Output out(write);
    return execute(std::get<Options>(*parsed), stdoutIsTerminal, out);
  }();
  if (!executed) return failure(executed.takeError());
  std::string warnings;
  for (const auto &warning : executed->warnings) warnings += "memlayout: warning: " + support::oneLine(warning) + "\n";
  return Outcome{executed->exitCode, "", std::move(warnings)};
}

Outcome run(const std::vector<std::string> &args, bool stdoutIsTerminal) {
  std::string out;
  Outcome outcome = run(args, stdoutIsTerminal, [&out](std::string_view piece) { out += piece; });
  outcome.out = std::move(out);
  return outcome;
}

int main(int argc, char **argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  Outcome outcome = run(args, isatty(STDOUT_FILENO) == 1,
                        [](std::string_view piece) { std::fwrite(piece.data(), 1, piece.size(), stdout); });
  std::fwrite(outcome.err.data(), 1, outcome.err.size(), stderr);
  if (std::fflush(stdout) != 0 && outcome.exitCode == 0) return 2; // e.g. a full disk
  return outcome.exitCode;
}

} // namespace memlayout::cli
