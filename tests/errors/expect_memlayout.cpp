// tests/errors/expect_memlayout.cpp: prepares one bad (or odd) input, runs memlayout on it, checks the error contract.
//
// Usage:
//   expect_memlayout --memlayout PATH --work DIR [--input KIND ARGS...] (--error REGEX | --ok)
//                    [--usage] [--as-other-user] [--timeout SECONDS] [--skip REASON] -- MEMLAYOUT-ARGS...
// In MEMLAYOUT-ARGS, @INPUT@ stands for the prepared input (DIR/input, or DIR/missing for `missing`).
//
// Input kinds (all written fresh into DIR, which is emptied first; nothing random from the machine):
//   none | empty | text | directory | fifo | missing
//   random SEED SIZE            SIZE deterministic pseudo-random bytes (splitmix64 from SEED)
//   copy SRC                    a byte copy of SRC
//   truncate SRC N|phdrs|shdrs  SRC cut to N bytes, or in the middle of its program/section header table
//   patch SRC OFFSET VALUE      a copy of SRC with the byte at OFFSET set to VALUE
//   strip OBJCOPY SRC           `OBJCOPY --strip-all SRC DIR/input`
//   unreadable SRC              a copy of SRC with mode 000
//
// --error REGEX: exit code 2, stdout empty, stderr exactly one line "memlayout: error: ..." whose text
//   after the prefix matches REGEX (POSIX extended, case-insensitive, searched); unless --usage, the line
//   also names the input file.
// --ok: exit code 0, stdout not empty, stderr empty; JSON output must parse and carry the schema.
// --as-other-user: when running as root, run memlayout as uid/gid 65534 through setpriv, so file
//   permissions apply; skips (77) when that user cannot run memlayout or reach the input.
// Exit: 0 pass, 1 fail (every broken expectation printed), 77 skipped.
#include "posix_regex.h"
#include "subprocess.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace {

namespace fs = std::filesystem;
using memlayout::testing::ProcessResult;
using memlayout::testing::Regex;
using memlayout::testing::runProcess;

constexpr int kSkip = 77;
constexpr uid_t kOtherUser = 65534;

struct Failure {
  std::string message;
};

struct Skip {
  std::string message;
};

std::string readFile(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Failure{"cannot read source input " + path +
                         " (build the 'samples' and 'test_inputs' targets before running the tests)"};
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeFile(const std::string &path, const std::string &bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw Failure{"cannot write " + path};
}

std::uint64_t parseUnsigned(const std::string &text) {
  char *end = nullptr;
  errno = 0;
  unsigned long long value = std::strtoull(text.c_str(), &end, 0);
  if (text.empty() || *end != '\0' || errno != 0) throw Failure{"not a number: '" + text + "'"};
  return value;
}

// Reads an unsigned field of the ELF header, in the file's byte order.
std::uint64_t field(const std::string &bytes, std::size_t offset, std::size_t size) {
  if (offset + size > bytes.size()) throw Failure{"source input is too short for its ELF header"};
  const bool bigEndian = bytes[5] == 2;
  std::uint64_t value = 0;
  for (std::size_t i = 0; i < size; ++i) {
    auto byte = static_cast<unsigned char>(bytes[offset + (bigEndian ? i : size - 1 - i)]);
    value = (value << 8) | byte;
  }
  return value;
}

// Where to cut SRC: a byte count, or half-way through its program ("phdrs") or section ("shdrs") headers.
std::uint64_t cutPoint(const std::string &bytes, const std::string &where) {
  if (where != "phdrs" && where != "shdrs") return parseUnsigned(where);
  if (bytes.size() < 16 || bytes.compare(0, 4, "\x7f" "ELF") != 0) throw Failure{"source input is not ELF"};
  const bool is64 = bytes[4] == 2;
  std::uint64_t offset, entrySize, count;
  if (where == "phdrs") {
    offset = is64 ? field(bytes, 0x20, 8) : field(bytes, 0x1c, 4);
    entrySize = is64 ? field(bytes, 0x36, 2) : field(bytes, 0x2a, 2);
    count = is64 ? field(bytes, 0x38, 2) : field(bytes, 0x2c, 2);
  } else {
    offset = is64 ? field(bytes, 0x28, 8) : field(bytes, 0x20, 4);
    entrySize = is64 ? field(bytes, 0x3a, 2) : field(bytes, 0x2e, 2);
    count = is64 ? field(bytes, 0x3c, 2) : field(bytes, 0x30, 2);
  }
  if (count == 0 || entrySize == 0) throw Failure{"source input has no " + where + " table to cut"};
  std::uint64_t cut = offset + count * entrySize / 2;
  if (cut >= bytes.size()) throw Failure{"the " + where + " table of the source input is not inside the file"};
  return cut;
}

std::string randomBytes(std::uint64_t seed, std::uint64_t size) {
  std::string bytes;
  bytes.reserve(size);
  std::uint64_t state = seed;
  while (bytes.size() < size) {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    z ^= z >> 31;
    for (int i = 0; i < 8 && bytes.size() < size; ++i) bytes.push_back(static_cast<char>((z >> (8 * i)) & 0xff));
  }
  if (bytes.compare(0, 4, "\x7f" "ELF") == 0) bytes[0] = 0; // never an ELF by accident
  return bytes;
}

// Builds the input in `work`; returns its path ("" for `none`).
std::string prepare(const fs::path &work, const std::vector<std::string> &spec) {
  const std::string kind = spec.empty() ? "none" : spec[0];
  auto arg = [&](std::size_t i) -> const std::string & {
    if (i >= spec.size()) throw Failure{"--input " + kind + " needs more arguments"};
    return spec[i];
  };
  const std::string input = (work / "input").string();
  if (kind == "none") return "";
  if (kind == "missing") return (work / "missing").string();
  if (kind == "empty") writeFile(input, "");
  else if (kind == "text")
    writeFile(input, "This is a plain text file.\nIt has lines, words and no ELF header at all.\n");
  else if (kind == "directory") fs::create_directory(input);
  else if (kind == "fifo") {
    if (mkfifo(input.c_str(), 0644) != 0) throw Skip{std::string("cannot create a FIFO here: ") + std::strerror(errno)};
  } else if (kind == "random") writeFile(input, randomBytes(parseUnsigned(arg(1)), parseUnsigned(arg(2))));
  else if (kind == "copy") writeFile(input, readFile(arg(1)));
  else if (kind == "truncate") {
    std::string bytes = readFile(arg(1));
    std::uint64_t cut = cutPoint(bytes, arg(2));
    if (cut > bytes.size()) throw Failure{"cannot cut " + arg(1) + " to " + arg(2) + " bytes: it is shorter"};
    writeFile(input, bytes.substr(0, cut));
    std::cout << "input: " << arg(1) << " cut to " << cut << " of " << bytes.size() << " bytes\n";
  } else if (kind == "patch") {
    std::string bytes = readFile(arg(1));
    std::uint64_t offset = parseUnsigned(arg(2));
    if (offset >= bytes.size()) throw Failure{"patch offset past the end of " + arg(1)};
    bytes[offset] = static_cast<char>(parseUnsigned(arg(3)) & 0xff);
    writeFile(input, bytes);
  } else if (kind == "strip") {
    readFile(arg(2)); // fails clearly when the source is absent
    ProcessResult strip = runProcess({arg(1), "--strip-all", arg(2), input}, {}, 60);
    if (!strip.started || strip.exitCode != 0) throw Failure{arg(1) + " --strip-all failed: " + strip.describe() + "\n" + strip.err};
  } else if (kind == "unreadable") {
    writeFile(input, readFile(arg(1)));
    fs::permissions(input, fs::perms::none);
  } else {
    throw Failure{"unknown input kind '" + kind + "'"};
  }
  return input;
}

// True when uid 65534 can traverse every directory above `path` (and execute it, if `execute`).
bool otherUserCanReach(const fs::path &path, bool execute) {
  fs::path absolute = fs::absolute(path);
  for (fs::path dir = absolute.parent_path(); !dir.empty(); dir = dir.parent_path()) {
    struct stat st {};
    if (stat(dir.c_str(), &st) != 0 || (st.st_mode & S_IXOTH) == 0) return false;
    if (dir == dir.root_path()) break;
  }
  if (!execute) return true;
  struct stat st {};
  return stat(absolute.c_str(), &st) == 0 && (st.st_mode & S_IXOTH) != 0;
}

int run(const std::vector<std::string> &args) {
  std::string memlayout, work, regex, skip;
  std::vector<std::string> inputSpec, memlayoutArgs;
  bool ok = false, usage = false, asOtherUser = false, haveExpectation = false;
  double timeout = 60;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string &a = args[i];
    auto next = [&]() -> const std::string & {
      if (i + 1 >= args.size()) throw Failure{a + " needs a value"};
      return args[++i];
    };
    if (a == "--") {
      memlayoutArgs.assign(args.begin() + static_cast<std::ptrdiff_t>(i) + 1, args.end());
      break;
    }
    if (a == "--memlayout") memlayout = next();
    else if (a == "--work") work = next();
    else if (a == "--error") regex = next(), haveExpectation = true;
    else if (a == "--ok") ok = true, haveExpectation = true;
    else if (a == "--usage") usage = true;
    else if (a == "--as-other-user") asOtherUser = true;
    else if (a == "--timeout") timeout = static_cast<double>(parseUnsigned(next()));
    else if (a == "--skip") skip = next();
    else if (a == "--input") {
      while (i + 1 < args.size() && args[i + 1].rfind("--", 0) != 0) inputSpec.push_back(args[++i]);
    } else throw Failure{"unknown option '" + a + "'"};
  }
  if (!skip.empty()) throw Skip{skip};
  if (memlayout.empty() || work.empty() || !haveExpectation) throw Failure{"--memlayout, --work and --error or --ok are required"};

  std::error_code ec;
  fs::remove_all(work, ec);
  fs::create_directories(work);
  // Our scratch directory: reachable by everyone, so only the input's own mode decides (--as-other-user).
  fs::permissions(work, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                            fs::perms::others_read | fs::perms::others_exec);
  const std::string input = prepare(work, inputSpec);
  for (auto &a : memlayoutArgs)
    for (std::size_t at; (at = a.find("@INPUT@")) != std::string::npos;) a.replace(at, 7, input);

  std::vector<std::string> command{memlayout};
  if (asOtherUser && geteuid() == 0) {
    // Root reads any file: drop to nobody so the permission check is real.
    if (!otherUserCanReach(memlayout, true))
      throw Skip{"uid 65534 cannot execute " + memlayout + " (a directory above it or the file lacks o+x)"};
    if (!otherUserCanReach(input, false))
      throw Skip{"uid 65534 cannot reach the directory of " + input + " (a directory above it lacks o+x)"};
    const std::vector<std::string> setpriv{"setpriv", "--reuid=" + std::to_string(kOtherUser),
                                           "--regid=" + std::to_string(kOtherUser), "--clear-groups"};
    command = setpriv;
    command.push_back(memlayout);
    std::vector<std::string> probeCommand = command;
    probeCommand.push_back("--version");
    ProcessResult probe = runProcess(probeCommand, {}, 30);
    if (!probe.started || probe.exitCode != 0)
      throw Skip{"cannot run memlayout as uid 65534 through setpriv: " + probe.describe() + " " + probe.err};
  } else if (asOtherUser && access(input.c_str(), R_OK) == 0) {
    throw Skip{"this user can read a mode-000 file (a capability?); the permission check cannot be tested"};
  }
  command.insert(command.end(), memlayoutArgs.begin(), memlayoutArgs.end());

  std::cout << "running:";
  for (const auto &c : command) std::cout << " '" << c << "'";
  std::cout << "\n";
  ProcessResult result = runProcess(command, {"LC_ALL=C", "NO_COLOR=1"}, timeout);
  std::cout << "result: " << result.describe() << "\n--- stdout (" << result.out.size() << " bytes)\n"
            << result.out.substr(0, 2000) << (result.out.size() > 2000 ? "\n[...]\n" : "") << "--- stderr\n"
            << result.err << "---\n";

  std::vector<std::string> broken;
  if (ok) {
    if (result.exitCode != 0 || result.signal != 0 || result.timedOut) broken.push_back("expected exit code 0, got " + result.describe());
    if (result.out.empty()) broken.push_back("expected output on stdout, got none");
    if (!result.err.empty()) broken.push_back("expected nothing on stderr");
    bool json = false;
    for (std::size_t i = 0; i < memlayoutArgs.size(); ++i)
      json = json || memlayoutArgs[i] == "--json" || (memlayoutArgs[i] == "json" && i > 0 && memlayoutArgs[i - 1] == "--format");
    if (json && !result.out.empty()) {
      try {
        auto doc = nlohmann::json::parse(result.out);
        if (doc.value("schema", "") != "memlayout/1") broken.push_back("JSON output lacks \"schema\": \"memlayout/1\"");
      } catch (const std::exception &e) {
        broken.push_back(std::string("stdout is not valid JSON: ") + e.what());
      }
    }
  } else {
    const std::string prefix = "memlayout: error: ";
    if (result.exitCode != 2 || result.signal != 0 || result.timedOut) broken.push_back("expected exit code 2, got " + result.describe());
    if (!result.out.empty()) broken.push_back("expected nothing on stdout, got " + std::to_string(result.out.size()) + " bytes");
    const std::string &err = result.err;
    if (err.empty() || err.back() != '\n' || err.find('\n') != err.size() - 1)
      broken.push_back("expected exactly one line on stderr, ending in a newline");
    std::string line = err.substr(0, err.find('\n'));
    if (line.rfind(prefix, 0) != 0) broken.push_back("stderr does not start with '" + prefix + "'");
    std::string message = line.rfind(prefix, 0) == 0 ? line.substr(prefix.size()) : line;
    if (!usage && !input.empty() && line.find(input) == std::string::npos)
      broken.push_back("the error does not name the file " + input);
    Regex expected(regex, /*ignoreCase=*/true);
    if (!expected.valid()) broken.push_back("bad regex /" + regex + "/: " + expected.error());
    else if (!expected.search(message)) broken.push_back("the error does not match /" + regex + "/");
  }
  for (const auto &b : broken) std::cout << "FAIL: " << b << "\n";
  if (broken.empty()) std::cout << "PASS\n";
  // Leave nothing unreadable or blocking behind for the next run's cleanup.
  if (!input.empty()) fs::permissions(input, fs::perms::owner_all, ec);
  return broken.empty() ? 0 : 1;
}

} // namespace

int main(int argc, char **argv) {
  try {
    return run(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const Skip &skip) {
    std::cout << "SKIP: " << skip.message << "\n";
    return kSkip;
  } catch (const Failure &failure) {
    std::cout << "FAIL: " << failure.message << "\n";
    return 1;
  } catch (const std::exception &e) {
    std::cout << "FAIL: " << e.what() << "\n";
    return 1;
  }
}
