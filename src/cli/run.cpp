// Wires the steps: read (elf, dwarf) → report → render. Decides what is fatal; owns the exit code.
#include "cli/run.h"

#include "cli/parse_args.h"
#include "dwarf/debug_summary.h"
#include "elf/elf_reader.h"
#include "report/render.h"
#include "support/error.h"

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

llvm::Expected<std::string> execute(const Options &options, bool stdoutIsTerminal) {
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
  if (report.summary || report.header) {
    auto debugInfo = dwarf::readDebugSummary((*input)->object(), options.file);
    if (!debugInfo) return debugInfo.takeError();
    binary->debugInfo = std::move(*debugInfo);
  }
  return report::render(report, {options.format, wantColor(options.color, stdoutIsTerminal)});
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
  return Outcome{0, std::move(*output), ""};
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
