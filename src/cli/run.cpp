// Wires the steps: read (elf, dwarf) → report → render. Decides what is fatal; owns the exit code.
#include "cli/run.h"

#include "analysis/select.h"
#include "analysis/type_facts.h"
#include "cli/parse_args.h"
#include "dwarf/debug_summary.h"
#include "dwarf/type_reader.h"
#include "elf/elf_reader.h"
#include "report/render.h"
#include "support/error.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
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

// What a successful run prints: stdout, and recoverable problems for stderr.
struct Executed {
  std::string out;
  std::vector<std::string> warnings;
};

// "'FILE': message" → "message", for problems shown inside the output rather than as the error line.
std::string withoutFile(const std::string &message, const std::string &file) {
  const std::string prefix = "'" + file + "': ";
  return message.rfind(prefix, 0) == 0 ? message.substr(prefix.size()) : message;
}

// --struct/--types need DWARF: say so in the SPEC's words when the file has none.
llvm::Error typeReadingError(llvm::Error error, const Options &options, const model::Binary &binary,
                             const elf::ElfInput &input) {
  support::ErrorReport report = support::takeErrorReport(std::move(error));
  if (report.kind == support::ErrorKind::NoDebugInfo) {
    auto debugInfo = dwarf::readDebugSummary(input.object(), options.file);
    const bool present = debugInfo ? debugInfo->present : (llvm::consumeError(debugInfo.takeError()), false);
    if (!present) {
      std::string message = "no DWARF debug info (the file was built without -g or stripped)";
      if (binary.header.debugLink)
        message = "no DWARF debug info here (its .gnu_debuglink names " + binary.header.debugLink->file + ")";
      return support::makeError(support::ErrorKind::NoDebugInfo, options.file, message);
    }
  }
  return support::makeError(report.kind, options.file, withoutFile(report.message, options.file));
}

llvm::Error noMatchError(const Options &options, const analysis::NameMatcher &matcher, std::size_t pattern,
                         const model::TypeTable &table) {
  std::vector<std::string> names = table.otherNames;
  for (const auto &type : table.types)
    if (!type.name.empty()) names.push_back(type.name);
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  const std::string &wanted = matcher.pattern(pattern);
  std::string message = (matcher.isGlob(pattern) ? "no type matches '" : "no type named '") + wanted + "'";
  const std::vector<std::string> nearest = analysis::nearestNames(wanted, names);
  if (!nearest.empty()) {
    message += " (nearest: ";
    for (std::size_t i = 0; i < nearest.size(); ++i) message += (i ? ", " : "") + nearest[i];
    message += ")";
  } else {
    message += names.empty() ? " (the debug info names no types)" : " (no similar name; --types lists them all)";
  }
  return support::makeError(support::ErrorKind::NoMatch, options.file, message);
}

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

llvm::Expected<Executed> execute(const Options &options, bool stdoutIsTerminal) {
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
  report.structs = !options.structs.empty();
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
  const bool typeAction = report.structs || report.types;
  const bool summaryTypes = report.summary && binary->debugInfo && binary->debugInfo->present;
  const analysis::NameMatcher matcher(options.structs);
  if (typeAction || summaryTypes) {
    dwarf::TypeQuery query;
    if (report.structs && !report.types) // only the named types (and what they nest) are built
      query.wants = [&matcher](std::string_view name) { return matcher.matches(name); };
    auto read = dwarf::readTypes((*input)->object(), options.file, query);
    if (!read) {
      if (typeAction) return typeReadingError(read.takeError(), options, *binary, **input);
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
    if (!unmatched.empty()) return noMatchError(options, matcher, unmatched.front(), table);
    for (std::size_t index : chosen) {
      const model::Type &type = table.types[index];
      analysis::AnalysisOptions how{options.cacheLine, options.expand, options.suggest, matcher.namesExplicitly(type.name)};
      report.structEntries.push_back({&type, analysis::analyzeType(type, &table, how)});
    }
    numberLayouts(report.structEntries);
  }

  if (report.types || report.typesRead) {
    std::vector<model::Layout> layouts;
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
      report.typeList.entries = entriesFor(listed, options.suggest);
      report.typeList.sortedBy = sortName(options.list.sort);
      report.typeList.minPadding = options.list.minPadding;
      report.typeList.top = options.list.top;
    }
    if (report.summary && report.typesRead) {
      analysis::ListQuery worst{analysis::SortKey::Padding, 5, 1};
      report.mostPadding = entriesFor(analysis::listTypes(table, layouts, worst), false);
    }
  }

  executed.out = report::render(report, {options.format, wantColor(options.color, stdoutIsTerminal)});
  return executed;
}

Outcome failure(llvm::Error error) {
  support::ErrorReport report = support::takeErrorReport(std::move(error));
  return Outcome{2, "", "memlayout: error: " + report.message + "\n"};
}

} // namespace

Outcome run(const std::vector<std::string> &args, bool stdoutIsTerminal) {
  auto parsed = parseArgs(args);
  if (!parsed) return failure(parsed.takeError());
  if (auto *early = std::get_if<EarlyExit>(&*parsed)) return Outcome{0, early->text, ""};
  auto output = execute(std::get<Options>(*parsed), stdoutIsTerminal);
  if (!output) return failure(output.takeError());
  std::string warnings;
  for (const auto &warning : output->warnings) warnings += "memlayout: warning: " + support::oneLine(warning) + "\n";
  return Outcome{0, std::move(output->out), std::move(warnings)};
}

int main(int argc, char **argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  Outcome outcome = run(args, isatty(STDOUT_FILENO) == 1);
  std::fwrite(outcome.out.data(), 1, outcome.out.size(), stdout);
  std::fwrite(outcome.err.data(), 1, outcome.err.size(), stderr);
  if (std::fflush(stdout) != 0 && outcome.exitCode == 0) return 2; // e.g. a full disk
  return outcome.exitCode;
}

} // namespace memlayout::cli
