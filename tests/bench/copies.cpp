// copies FILE: how FILE's units repeat each other's type definitions, as names and as bytes. The README
// cites it for why recognising a header's copies takes reading them: nearly every definition repeats an
// earlier unit's name, but few repeat its bytes, and hardly a unit starts the way an earlier one does.
#include "bench_input.h"
#include "dwarf/dies.h"
#include "dwarf/raw_unit.h"

#include <llvm/DebugInfo/DWARF/DWARFContext.h>
#include <llvm/DebugInfo/DWARF/DWARFUnit.h>
#include <llvm/Support/xxhash.h>

#include <cstdio>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

using namespace memlayout;

namespace {

using Key = std::pair<std::uint64_t, std::uint64_t>;

Key keyOf(const void *data, std::size_t size) {
  const llvm::XXH128_hash_t hash =
      llvm::xxh3_128bits(llvm::ArrayRef<std::uint8_t>(static_cast<const std::uint8_t *>(data), size));
  return {hash.low64, hash.high64};
}

// A DIE subtree's bytes and the abbreviations they were written with (as numbers every unit shares), so
// that equal keys mean the same DWARF whichever codes each unit gave its abbreviations.
Key subtreeKey(const dwarf::RawUnit &raw, std::uint32_t die, const std::vector<std::uint64_t> &abbreviations) {
  const auto dies = raw.dies();
  const std::uint64_t start = raw.sectionOffset(die);
  const std::uint64_t end = dies[die].end < dies.size() ? raw.sectionOffset(dies[die].end) : raw.unitEnd();
  std::vector<std::uint64_t> words{keyOf(raw.bytes() + start, end - start).first};
  for (std::uint32_t i = die; i < dies[die].end; ++i) words.push_back(abbreviations[dies[i].abbreviation]);
  return keyOf(words.data(), words.size() * sizeof words[0]);
}

} // namespace

int main(int argc, char **argv) {
  const auto input = bench::openInput(argc, argv, "copies");
  if (!input) return 2;
  std::map<std::string, std::uint64_t> abbreviationIds; // an abbreviation's tag, attributes and forms
  std::set<std::string, std::less<>> names;
  std::set<Key> prefixes;
  std::map<Key, std::size_t> definitions; // → the first unit that has it
  std::size_t units = 0, dies = 0, defined = 0, sameName = 0, sameBytes = 0, sharedUnits = 0, sharedDefinitions = 0;
  for (const auto &unit : input->context->info_section_units()) {
    const auto raw = dwarf::RawUnit::read(*unit);
    if (!raw) continue;
    ++units;
    dies += raw->dies().size();
    std::vector<std::uint64_t> abbreviations(raw->abbreviationCount());
    for (std::uint32_t a = 0; a < abbreviations.size(); ++a) {
      std::string text = std::to_string(raw->abbreviationTag(a));
      for (const dwarf::RawUnit::Step &step : raw->steps(a))
        text += ' ' + std::to_string(step.name) + ':' + std::to_string(step.form) + ':' +
                std::to_string(step.implicitConst);
      abbreviations[a] = abbreviationIds.try_emplace(text, abbreviationIds.size()).first->second;
    }
    // The unit DIE's children in order, each keyed with where it starts and all before it: a unit whose
    // first children an earlier unit also starts with meets that unit's keys.
    std::vector<Key> prefix;
    Key chain{0, 0};
    bool shared = true;
    std::size_t sharedHere = 0;
    std::set<std::string> unitNames;
    for (std::uint32_t die = 1; die < raw->dies().size(); die = raw->die(die).end) {
      const Key key = subtreeKey(*raw, die, abbreviations);
      const std::uint64_t words[] = {chain.first, chain.second, key.first, key.second, raw->die(die).offset};
      chain = keyOf(words, sizeof words);
      shared = shared && prefixes.count(chain) != 0;
      prefix.push_back(chain);
      if (!dwarf::isTypeOfInterest(raw->die(die).tag)) continue;
      dwarf::RawValue values[dwarf::kRawAttributes];
      raw->read(die, values, dwarf::rawBit(dwarf::RawAttribute::Name) | dwarf::rawBit(dwarf::RawAttribute::Declaration));
      const auto name = raw->text(values[static_cast<std::size_t>(dwarf::RawAttribute::Name)]);
      if (!name || name->empty() || values[static_cast<std::size_t>(dwarf::RawAttribute::Declaration)].isSet())
        continue;
      ++defined;
      if (names.count(*name) != 0) ++sameName;
      unitNames.emplace(*name);
      if (definitions.try_emplace(key, units).first->second != units) ++sameBytes;
      if (shared) ++sharedHere;
    }
    names.insert(unitNames.begin(), unitNames.end());
    prefixes.insert(prefix.begin(), prefix.end());
    if (sharedHere != 0) ++sharedUnits;
    sharedDefinitions += sharedHere;
  }
  auto percent = [&](std::size_t part) { return defined == 0 ? 0.0 : 100.0 * double(part) / double(defined); };
  std::printf("%zu units walked, %zu DIEs, %zu named type definitions at the top of a unit\n", units, dies, defined);
  std::printf("  %zu (%.1f%%) named as one in an earlier unit is\n", sameName, percent(sameName));
  std::printf("  %zu (%.1f%%) byte for byte (abbreviations alike) one in an earlier unit\n", sameBytes,
              percent(sameBytes));
  std::printf("  %zu (%.1f%%) in %zu units that begin with an earlier unit's DIEs\n", sharedDefinitions,
              percent(sharedDefinitions), sharedUnits);
  return 0;
}
