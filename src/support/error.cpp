// ErrorKind travels inside llvm::StringError as an error_code of memlayout's own category.
#include "support/error.h"

#include <system_error>

namespace memlayout::support {
namespace {

class KindCategory final : public std::error_category {
public:
  const char *name() const noexcept override { return "memlayout"; }
  std::string message(int value) const override {
    return std::string(errorKindName(static_cast<ErrorKind>(value)));
  }
};

const KindCategory &kindCategory() {
  static const KindCategory category;
  return category;
}

} // namespace

std::string_view errorKindName(ErrorKind kind) {
  switch (kind) {
  case ErrorKind::Usage: return "usage";
  case ErrorKind::Io: return "io";
  case ErrorKind::NotElf: return "not-elf";
  case ErrorKind::Truncated: return "truncated";
  case ErrorKind::CorruptElf: return "corrupt-elf";
  case ErrorKind::CorruptDwarf: return "corrupt-dwarf";
  case ErrorKind::NoDebugInfo: return "no-debug-info";
  case ErrorKind::NoMatch: return "no-match";
  case ErrorKind::BadBaseline: return "bad-baseline";
  case ErrorKind::Internal: return "internal";
  }
  return "internal";
}

std::string oneLine(std::string_view message) {
  std::string out;
  out.reserve(message.size());
  bool space = false;
  for (char c : message) {
    if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  while (!out.empty() && (out.back() == '.' || out.back() == ' ')) out.pop_back();
  // LLVM and libc messages start uppercase; ours do not. Leave acronyms ("ELF ...") alone.
  if (out.size() > 1 && out[0] >= 'A' && out[0] <= 'Z' && !(out[1] >= 'A' && out[1] <= 'Z'))
    out[0] = static_cast<char>(out[0] - 'A' + 'a');
  return out;
}

llvm::Error makeError(ErrorKind kind, std::string_view file, std::string_view message) {
  std::string text = "'" + std::string(file) + "': " + oneLine(message);
  return llvm::make_error<llvm::StringError>(text, std::error_code(static_cast<int>(kind), kindCategory()));
}

llvm::Error makeUsageError(std::string_view message) {
  return llvm::make_error<llvm::StringError>(oneLine(message),
                                             std::error_code(static_cast<int>(ErrorKind::Usage), kindCategory()));
}

ErrorReport takeErrorReport(llvm::Error error) {
  ErrorReport report{ErrorKind::Internal, {}};
  llvm::handleAllErrors(std::move(error), [&](const llvm::ErrorInfoBase &info) {
    std::error_code code = info.convertToErrorCode();
    if (code.category() == kindCategory()) report.kind = static_cast<ErrorKind>(code.value());
    std::string message = oneLine(info.message());
    report.message = report.message.empty() ? message : report.message + "; " + message;
  });
  return report;
}

} // namespace memlayout::support
