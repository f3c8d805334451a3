// The type index in front of the DWARF reader: a complete index answers every query, a partial one
// (from a --struct read) the patterns it was made for; what is read from DWARF is stored back.
#include "cli/type_source.h"

#include "analysis/select.h"
#include "cache/type_index.h"
#include "cli/options.h"
#include "cli/progress.h"
#include "elf/elf_reader.h"

#include <algorithm>
#include <filesystem>

namespace memlayout::cli {

TypeSource typeSourceFor(const Options &options) {
  TypeSource source;
  source.useCache = !options.noCache;
  if (source.useCache) source.cacheDirectory = cache::defaultDirectory();
  source.threads = options.jobs;
  source.showProgress = progressWanted();
  return source;
}

llvm::Expected<model::TypeTable> readTypesOf(const elf::ElfInput &input, const model::Binary &binary,
                                             const std::string &path, const std::vector<std::string> &patterns,
                                             const TypeSource &source) {
  const analysis::NameMatcher matcher(patterns);
  std::function<bool(std::string_view)> wants;
  if (!patterns.empty()) wants = [&matcher](std::string_view name) { return matcher.matches(name); };

  std::optional<cache::Identity> identity;
  if (source.useCache && !source.cacheDirectory.empty())
    identity = cache::identityOf(path, binary.header.buildId);
  if (identity) {
    if (auto index = cache::loadIndex(source.cacheDirectory, *identity, wants)) {
      const bool answers =
          index->complete || (!patterns.empty() && std::all_of(patterns.begin(), patterns.end(), [&](const std::string &p) {
                                return std::find(index->patterns.begin(), index->patterns.end(), p) != index->patterns.end();
                              }));
      if (answers) return std::move(index->table);
    }
  }

  ProgressLine progress("reading the DWARF of " + std::filesystem::path(path).filename().string(),
                        source.showProgress);
  dwarf::TypeQuery query;
  query.wants = wants;
  query.threads = source.threads;
  query.progress = [&progress](std::size_t done, std::size_t total) { progress.update(done, total); };
  auto table = dwarf::readTypes(input.object(), path, query);
  if (table && identity) // an unwritable cache only costs time
    (void)cache::storeIndex(source.cacheDirectory, *identity, patterns.empty(), patterns, *table);
  return table;
}

} // namespace memlayout::cli
