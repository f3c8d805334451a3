// Corrupted ELF files must never crash memlayout: deterministic mutations of real samples' headers and
// tables, run in-process (so ASan/UBSan see everything); each run ends in exit 0, or exit 2 with one
// stderr line and nothing on stdout.
#include "cli/run.h"

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

std::vector<std::string> inputFiles() {
  std::vector<std::string> files;
  if (const char *list = std::getenv("ML_MUTATION_INPUTS")) {
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
    EXPECT_TRUE(outcome.err.empty()) << what << ": " << outcome.err;
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

} // namespace
