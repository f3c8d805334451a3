// The error vocabulary every module returns: ErrorKind, makeError, and the one-line message format.
#pragma once

#include <llvm/Support/Error.h>

#include <string>
#include <string_view>

namespace memlayout::support {

// Every user-caused failure has a kind; all of them exit with code 2.
enum class ErrorKind {
  Usage = 1,    // bad command line
  Io,           // missing, unreadable, a directory
  NotElf,       // empty, text, random bytes, another object format
  Truncated,    // ELF whose header or tables run past the end of the file
  CorruptElf,   // ELF whose tables are inconsistent (bad string-table index, ...)
  CorruptDwarf, // debug sections that cannot be read
  NoDebugInfo,  // the action needs DWARF and there is none
  NoMatch,      // --struct matched nothing
  BadBaseline,  // --check: not a memlayout baseline, or one made for another target
  Internal,     // a bug of ours that reached the edge as an error
};

std::string_view errorKindName(ErrorKind kind);

// An error naming the file: the message reads "'FILE': MESSAGE" (lowercase, no final period).
llvm::Error makeError(ErrorKind kind, std::string_view file, std::string_view message);
// An error about the command line, not about a file.
llvm::Error makeUsageError(std::string_view message);

struct ErrorReport {
  ErrorKind kind;
  std::string message; // one line, no "memlayout: error: " prefix
};

// Consumes the error. Errors that did not come from makeError (LLVM's own) are Internal.
ErrorReport takeErrorReport(llvm::Error error);

// Flattens a message from a library to one line that starts lowercase and has no final period.
std::string oneLine(std::string_view message);

} // namespace memlayout::support
