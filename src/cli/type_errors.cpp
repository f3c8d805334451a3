// Error lines for type actions; shared by run (--struct, --types) and the gate (--check, --diff).
#include "cli/type_errors.h"

#include "dwarf/debug_summary.h"
#include "support/error.h"

#include <algorithm>

namespace memlayout::cli {

// "'FILE': message" → "message", for problems shown inside the output rather than as the error line.
std::string withoutFile(const std::string &message, const std::string &file) {
  const std::string prefix = "'" + file + "': ";
  return message.rfind(prefix, 0) == 0 ? message.substr(prefix.size()) : message;
}

llvm::Error typeReadingError(llvm::Error error, const std::string &file, const model::Binary &binary,
                             const elf::ElfInput &input) {
  support::ErrorReport report = support::takeErrorReport(std::move(error));
  if (report.kind == support::ErrorKind::NoDebugInfo) {
    auto debugInfo = dwarf::readDebugSummary(input.object(), file);
    const bool present = debugInfo ? debugInfo->present : (llvm::consumeError(debugInfo.takeError()), false);
    if (!present) {
      std::string message = "no DWARF debug info (the file was built without -g or stripped)";
      if (binary.header.debugLink)
        message = "no DWARF debug info here (its .gnu_debuglink names " + binary.header.debugLink->file + ")";
      return support::makeError(support::ErrorKind::NoDebugInfo, file, message);
    }
  }
  return support::makeError(report.kind, file, withoutFile(report.message, file));
}

llvm::Error noMatchError(const std::string &file, const analysis::NameMatcher &matcher, std::size_t pattern,
                         const model::TypeTable &table, std::vector<std::string> alsoKnown) {
  std::vector<std::string> names = std::move(alsoKnown);
  names.insert(names.end(), table.otherNames.begin(), table.otherNames.end());
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
  return support::makeError(support::ErrorKind::NoMatch, file, message);
}

} // namespace memlayout::cli
