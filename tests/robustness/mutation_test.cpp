// Corrupted ELF files must never crash memlayout: deterministic mutations of real samples' headers and
// tables, run in-process (so ASan/UBSan see everything); each run ends in exit 0 (with warning lines on
// stderr at most), or exit 2 with one stderr line and nothing on stdout. DwarfMutation does the same to the debug sections and checks what
// dwarf::readTypes returns: a consistent table, or an error with a kind.
#include "cli/run.h"
#include "dwarf/type_reader.h"
#include "elf/elf_reader.h"
#include "support/error.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

namespace {

std::vector<std::string> inputFiles(const char *variable = "ML_MUTATION_INPUTS") {
  std::vector<std::string> files;
  if (const char *list = std::getenv(variable)) {
    std::string all = list;
    for (std::size_t start = 0; start <= all.size();) {
      std::size_t end = all.find(';', start);
      if (end == std::string::npos) end = all.size();
      if (end > start && std::filesystem::exists(all.substr(start, end - start)))
        files.push_back(all.substr(start, end - start));
      start = end + 1;
    }
  }
  return files;
}

std::string readFile(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

template <class T> T readAt(const std::string &bytes, std::size_t offset) {
  T value{};
  if (offset + sizeof(T) <= bytes.size()) std::memcpy(&value, bytes.data() + offset, sizeof(T));
  return value;
}

// Byte ranges worth corrupting: the ELF header, the program header table, the section header table
// (little-endian ELF64 and ELF32 layouts; other inputs fall back to the first 4 KiB).
std::vector<std::pair<std::size_t, std::size_t>> interestingRanges(const std::string &bytes) {
  std::vector<std::pair<std::size_t, std::size_t>> ranges{{0, std::min<std::size_t>(bytes.size(), 64)}};
  if (bytes.size() < 64 || bytes[5] != 1) {
    ranges.push_back({0, std::min<std::size_t>(bytes.size(), 4096)});
    return ranges;
  }
  const bool is64 = bytes[4] == 2;
  std::uint64_t phoff = is64 ? readAt<std::uint64_t>(bytes, 32) : readAt<std::uint32_t>(bytes, 28);
  std::uint64_t shoff = is64 ? readAt<std::uint64_t>(bytes, 40) : readAt<std::uint32_t>(bytes, 32);
  std::uint16_t phnum = readAt<std::uint16_t>(bytes, is64 ? 56 : 44);
  std::uint16_t shnum = readAt<std::uint16_t>(bytes, is64 ? 60 : 48);
  std::size_t phsize = is64 ? 56 : 32, shsize = is64 ? 64 : 40;
  auto clip = [&](std::uint64_t begin, std::uint64_t length) {
    if (begin < bytes.size()) ranges.push_back({begin, std::min<std::uint64_t>(bytes.size() - begin, length)});
  };
  clip(phoff, phnum * phsize);
  clip(shoff, shnum * shsize);
  return ranges;
}

void expectCleanOutcome(const memlayout::cli::Outcome &outcome, const std::string &what) {
  ASSERT_TRUE(outcome.exitCode == 0 || outcome.exitCode == 2) << what << ": exit " << outcome.exitCode;
  if (outcome.exitCode == 2) {
    EXPECT_TRUE(outcome.out.empty()) << what << ": stdout not empty on error";
    ASSERT_FALSE(outcome.err.empty()) << what;
    EXPECT_EQ(outcome.err.find('\n'), outcome.err.size() - 1) << what << ": not one line: " << outcome.err;
    EXPECT_EQ(outcome.err.rfind("memlayout: error: ", 0), 0u) << what << ": " << outcome.err;
  } else {
    // Recoverable damage (DWARF the reader could partly use) is reported as warnings beside the output.
    for (std::size_t line = 0; line < outcome.err.size();) {
      EXPECT_EQ(outcome.err.compare(line, 19, "memlayout: warning:"), 0) << what << ": " << outcome.err;
      const std::size_t end = outcome.err.find('\n', line);
      if (end == std::string::npos) break;
      line = end + 1;
    }
  }
}

TEST(Mutation, CorruptedTablesNeverCrash) {
  auto files = inputFiles();
  if (files.empty()) GTEST_SKIP() << "no inputs (set ML_MUTATION_INPUTS)";
  const int rounds = std::getenv("ML_MUTATION_ROUNDS") ? std::atoi(std::getenv("ML_MUTATION_ROUNDS")) : 150;
  const auto scratch = std::filesystem::temp_directory_path() / ("memlayout-mutation-" + std::to_string(getpid()));
  std::filesystem::create_directories(scratch);
  int errors = 0, successes = 0;
  for (const auto &file : files) {
    const std::string original = readFile(file);
    const auto ranges = interestingRanges(original);
    std::mt19937_64 random(0x6d656d6c61796f75ull ^ std::hash<std::string>{}(std::filesystem::path(file).filename()));
    for (int round = 0; round < rounds; ++round) {
      std::string bytes = original;
      const int edits = 1 + static_cast<int>(random() % 4);
      for (int e = 0; e < edits; ++e) {
        const auto &[begin, length] = ranges[random() % ranges.size()];
        if (length == 0) continue;
        std::size_t at = begin + random() % length;
        switch (random() % 4) {
        case 0: bytes[at] = static_cast<char>(random()); break;                    // any byte
        case 1: bytes[at] = static_cast<char>(0xff); break;                        // huge values
        case 2: bytes[at] = 0; break;                                              // zero sizes
        default: bytes[at] = static_cast<char>(bytes[at] ^ (1 << (random() % 8))); // one bit
        }
      }
      if (random() % 8 == 0) bytes.resize(random() % bytes.size()); // and sometimes truncate
      const auto path = (scratch / "mutant").string();
      std::ofstream(path, std::ios::binary | std::ios::trunc).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
      const std::string what = file + " round " + std::to_string(round);
      for (auto args : {std::vector<std::string>{path, "--header", "--segments", "--sections", "--json"},
                        std::vector<std::string>{path}, std::vector<std::string>{path, "-l", "-S"}}) {
        auto outcome = memlayout::cli::run(args, false);
        expectCleanOutcome(outcome, what);
        (outcome.exitCode == 0 ? successes : errors)++;
      }
    }
  }
  std::filesystem::remove_all(scratch);
  std::printf("mutations: %d runs ended in errors, %d in success\n", errors, successes);
  RecordProperty("errors", errors);
  RecordProperty("successes", successes);
  EXPECT_GT(errors, 0) << "mutations never produced an error: the test is not biting";
}

// Where the debug sections are: [offset, size) of .debug_info, .debug_abbrev, .debug_str and friends,
// from the section header table of an ELF32/ELF64 file of either byte order.
struct DebugRanges {
  std::vector<std::pair<std::size_t, std::size_t>> info; // .debug_info and .debug_types
  std::vector<std::pair<std::size_t, std::size_t>> other;
};

std::uint64_t readNumber(const std::string &bytes, std::size_t offset, std::size_t size, bool bigEndian) {
  std::uint64_t value = 0;
  if (offset + size > bytes.size()) return 0;
  for (std::size_t i = 0; i < size; ++i) {
    const auto byte = static_cast<unsigned char>(bytes[offset + (bigEndian ? i : size - 1 - i)]);
    value = (value << 8) | byte;
  }
  return value;
}

DebugRanges debugRanges(const std::string &bytes) {
  DebugRanges ranges;
  if (bytes.size() < 64 || bytes.compare(0, 4, "\x7f" "ELF") != 0) return ranges;
  const bool is64 = bytes[4] == 2, bigEndian = bytes[5] == 2;
  auto number = [&](std::size_t offset, std::size_t size) { return readNumber(bytes, offset, size, bigEndian); };
  const std::uint64_t shoff = is64 ? number(40, 8) : number(32, 4);
  const std::uint64_t shentsize = number(is64 ? 58 : 46, 2), shnum = number(is64 ? 60 : 48, 2),
                      shstrndx = number(is64 ? 62 : 50, 2);
  if (shentsize == 0 || shoff >= bytes.size() || shstrndx >= shnum) return ranges;
  auto header = [&](std::uint64_t index, std::uint64_t &name, std::uint64_t &offset, std::uint64_t &size) {
    const std::size_t at = static_cast<std::size_t>(shoff + index * shentsize);
    name = number(at, 4);
    offset = is64 ? number(at + 24, 8) : number(at + 16, 4);
    size = is64 ? number(at + 32, 8) : number(at + 20, 4);
  };
  std::uint64_t name = 0, stringsOffset = 0, stringsSize = 0;
  header(shstrndx, name, stringsOffset, stringsSize);
  for (std::uint64_t index = 0; index < shnum; ++index) {
    std::uint64_t offset = 0, size = 0;
    header(index, name, offset, size);
    if (stringsOffset + name >= bytes.size() || offset >= bytes.size() || size == 0) continue;
    const std::string sectionName = bytes.c_str() + stringsOffset + name;
    const std::pair<std::size_t, std::size_t> range{offset, std::min<std::uint64_t>(size, bytes.size() - offset)};
    if (sectionName == ".debug_info" || sectionName == ".debug_types") ranges.info.push_back(range);
    else if (sectionName.rfind(".debug_", 0) == 0 && sectionName != ".debug_frame" && sectionName != ".debug_aranges")
      ranges.other.push_back(range);
  }
  return ranges;
}

// What readTypes returned must be safe for analysis: nested types precede the types holding them (so
// --expand cannot loop), and warnings are single lines.
void expectConsistentTable(const memlayout::model::TypeTable &table, const std::string &what) {
  for (std::size_t index = 0; index < table.types.size(); ++index)
    for (const auto &field : table.types[index].fields)
      ASSERT_TRUE(field.typeIndex == -1 || (field.typeIndex >= 0 && static_cast<std::size_t>(field.typeIndex) < index))
          << what << ": " << table.types[index].name << "." << field.name << " → " << field.typeIndex;
  for (const auto &warning : table.warnings) EXPECT_EQ(warning.find('\n'), std::string::npos) << what;
}

TEST(DwarfMutation, CorruptedDebugSectionsNeverCrash) {
  auto files = inputFiles("ML_DWARF_MUTATION_INPUTS");
  if (files.empty()) GTEST_SKIP() << "no inputs (set ML_DWARF_MUTATION_INPUTS)";
  const int rounds = std::getenv("ML_MUTATION_ROUNDS") ? std::atoi(std::getenv("ML_MUTATION_ROUNDS")) : 120;
  const auto scratch = std::filesystem::temp_directory_path() / ("memlayout-dwarf-mutation-" + std::to_string(getpid()));
  std::filesystem::create_directories(scratch);
  int errors = 0, tables = 0, warned = 0;
  for (const auto &file : files) {
    const std::string original = readFile(file);
    const DebugRanges ranges = debugRanges(original);
    if (ranges.info.empty()) continue;
    std::mt19937_64 random(0x64776172666d7574ull ^ std::hash<std::string>{}(std::filesystem::path(file).filename()));
    for (int round = 0; round < rounds; ++round) {
      std::string bytes = original;
      const int edits = 1 + static_cast<int>(random() % 6);
      for (int e = 0; e < edits; ++e) {
        const auto &list = (ranges.other.empty() || random() % 2 == 0) ? ranges.info : ranges.other;
        const auto &[begin, length] = list[random() % list.size()];
        if (length == 0) continue;
        const std::size_t at = begin + random() % length;
        switch (random() % 6) {
        case 0: bytes[at] = static_cast<char>(random()); break;
        case 1: bytes[at] = static_cast<char>(0xff); break;
        case 2: bytes[at] = 0; break;
        case 3: // a run of zeros or of 0xff: lengths, offsets, sizes and abbreviation codes at once
        case 4: {
          const char fill = (random() % 2) ? '\0' : static_cast<char>(0xff);
          for (std::size_t i = at; i < std::min(bytes.size(), at + 1 + random() % 8); ++i) bytes[i] = fill;
          break;
        }
        default: bytes[at] = static_cast<char>(bytes[at] ^ (1 << (random() % 8)));
        }
      }
      const auto path = (scratch / "mutant").string();
      std::ofstream(path, std::ios::binary | std::ios::trunc).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
      const std::string what = file + " round " + std::to_string(round);
      auto input = memlayout::elf::ElfInput::open(path);
      ASSERT_TRUE(static_cast<bool>(input)) << what << ": only debug sections changed";
      for (bool filtered : {false, true}) {
        memlayout::dwarf::TypeQuery query;
        if (filtered) query.wants = [](std::string_view name) { return name.size() % 3 == 0; };
        auto table = memlayout::dwarf::readTypes((*input)->object(), path, query);
        if (!table) {
          auto report = memlayout::support::takeErrorReport(table.takeError());
          EXPECT_TRUE(report.kind == memlayout::support::ErrorKind::CorruptDwarf ||
                      report.kind == memlayout::support::ErrorKind::NoDebugInfo)
              << what << ": " << report.message;
          EXPECT_EQ(report.message.find('\n'), std::string::npos) << what;
          ++errors;
          continue;
        }
        expectConsistentTable(*table, what);
        ++tables;
        if (!table->warnings.empty()) ++warned;
      }
      // And the whole pipeline, reading the same damage through the CLI: recoverable damage is reported
      // as warnings on stderr beside a normal listing.
      expectCleanOutcome(memlayout::cli::run({path, "--types"}, false), what + " --types");
    }
  }
  std::filesystem::remove_all(scratch);
  std::printf("dwarf mutations: %d errors, %d tables (%d with warnings)\n", errors, tables, warned);
  RecordProperty("errors", errors);
  RecordProperty("tables", tables);
  EXPECT_GT(errors + warned, 0) << "mutations never produced an error or a warning: the test is not biting";
}

} // namespace
