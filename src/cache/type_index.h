// The persistent type index: a file's model::TypeTable stored in the user's cache directory under the
// file's identity, so that a repeat query reads no DWARF. The cache is an optimisation only: anything
// missing, stale, damaged or unwritable reads as "no index" and the caller reads the DWARF.
#pragma once

#include "model/type.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace memlayout::cache {

// Who the index belongs to. `key` names the index file (the build-id, or a hash of the contents);
// `stamp` must match for the index to be used (file size and modification time, and memlayout's own
// build), so an edited file or a new memlayout never reads an old index.
struct Identity {
  std::string key;
  std::string stamp;
};

// $XDG_CACHE_HOME/memlayout, else $HOME/.cache/memlayout; "" when neither is set.
std::string defaultDirectory();

// The identity of `path`, whose build-id (lowercase hex) is given when the file has one; nullopt when the
// file cannot be read. Without a build-id the contents are hashed (xxh3, a few ms per 100 MB).
std::optional<Identity> identityOf(const std::string &path, const std::optional<std::string> &buildId);

// What a stored index holds: every type of the file (`complete`), or only the types matching
// `patterns` (a --struct read: the matches, the types they nest, and every name seen).
struct Index {
  bool complete = false;
  std::vector<std::string> patterns;
  model::TypeTable table;
};

// Reads the index of `identity` from `directory`. With `wants`, only the types it accepts and the types
// they nest are decoded (Type::selected false for the latter), and TypeTable::otherNames lists every
// name the index knows, as a filtered DWARF read gives them. nullopt: no usable index.
std::optional<Index> loadIndex(const std::string &directory, const Identity &identity,
                               const std::function<bool(std::string_view name)> &wants = nullptr);

// Writes `index` atomically (a temporary file renamed over the old one, so concurrent runs never see
// half an index), then trims the directory to the 64 most recently written indexes and 1 GiB. False
// when it could not be written; callers carry on without it.
// `table` is written as it is (not copied into an Index): `complete` and `patterns` as in Index.
bool storeIndex(const std::string &directory, const Identity &identity, bool complete,
                const std::vector<std::string> &patterns, const model::TypeTable &table);

// For tests: the encoded bytes of an index and their decoding (nullopt for damaged bytes).
std::string encodeIndex(const Identity &identity, bool complete, const std::vector<std::string> &patterns,
                        const model::TypeTable &table);
inline std::string encodeIndex(const Identity &identity, const Index &index) {
  return encodeIndex(identity, index.complete, index.patterns, index.table);
}
std::optional<Index> decodeIndex(std::string_view bytes, const Identity &identity,
                                 const std::function<bool(std::string_view name)> &wants = nullptr);

} // namespace memlayout::cache
