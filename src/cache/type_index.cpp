// The type index file: header (magic, format, identity, payload size and xxh3 checksum), then the
// payload: flags and patterns, each type as a length-prefixed record that starts with its name and
// selected flag (so a --struct query decodes only what it needs), the warnings, the other names.
#include "cache/type_index.h"

#include <llvm/ADT/ArrayRef.h>
#include <llvm/ADT/StringExtras.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/Path.h>
#include <llvm/Support/Process.h>
#include <llvm/Support/xxhash.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <unistd.h>

namespace memlayout::cache {
namespace {

constexpr std::string_view kMagic = "MLTYPIDX";
// Bump whenever model::Type or this encoding changes: old indexes are then ignored.
constexpr std::uint64_t kFormat = 1;

// ---- Encoding: unsigned LEB128 numbers, strings as length + bytes ----

class Writer {
public:
  void number(std::uint64_t value) {
    do {
      auto byte = static_cast<unsigned char>(value & 0x7f);
      value >>= 7;
      if (value) byte |= 0x80;
      out_ += static_cast<char>(byte);
    } while (value);
  }
  void text(std::string_view s) {
    number(s.size());
    out_.append(s);
  }
  void flag(bool b) { number(b ? 1 : 0); }
  std::string &bytes() { return out_; }

private:
  std::string out_;
};

// Every read is bounds-checked: a damaged index sets `failed` and yields zeros, never a crash.
class Reader {
public:
  explicit Reader(std::string_view data) : data_(data) {}
  std::uint64_t number() {
    std::uint64_t value = 0;
    for (unsigned shift = 0; shift < 64; shift += 7) {
      if (pos_ >= data_.size()) return fail();
      const auto byte = static_cast<unsigned char>(data_[pos_++]);
      value |= std::uint64_t{byte & 0x7fu} << shift;
      if (!(byte & 0x80)) return value;
    }
    return fail();
  }
  std::string_view text() {
    const std::uint64_t size = number();
    if (failed_ || size > data_.size() - pos_) return fail(), std::string_view();
    std::string_view s = data_.substr(pos_, size);
    pos_ += size;
    return s;
  }
  bool flag() { return number() != 0; }
  std::string_view take(std::uint64_t size) {
    if (size > data_.size() - pos_) return fail(), std::string_view();
    std::string_view s = data_.substr(pos_, size);
    pos_ += size;
    return s;
  }
  bool failed() const { return failed_; }
  bool atEnd() const { return pos_ == data_.size(); }
  // A count of items each taking at least one byte: more than the bytes left is damage.
  std::uint64_t count() {
    const std::uint64_t n = number();
    if (n > data_.size() - pos_) return fail();
    return n;
  }

private:
  std::uint64_t fail() {
    failed_ = true;
    pos_ = data_.size();
    return 0;
  }
  std::string_view data_;
  std::size_t pos_ = 0;
  bool failed_ = false;
};

void writeField(Writer &w, const model::Field &f) {
  w.text(f.name);
  w.text(f.typeName);
  w.number(f.bitOffset);
  w.number(f.bitSize);
  w.number(f.byteSize);
  w.number(f.align);
  w.number((f.bitField ? 1u : 0u) | (f.base ? 2u : 0u) | (f.artificial ? 4u : 0u) | (f.virtualBase ? 8u : 0u));
  w.number(static_cast<std::uint64_t>(static_cast<std::int64_t>(f.typeIndex) + 1));
  w.number(f.arrayCount);
}

model::Field readField(Reader &r) {
  model::Field f;
  f.name = r.text();
  f.typeName = r.text();
  f.bitOffset = r.number();
  f.bitSize = r.number();
  f.byteSize = r.number();
  f.align = r.number();
  const std::uint64_t flags = r.number();
  f.bitField = flags & 1u;
  f.base = flags & 2u;
  f.artificial = flags & 4u;
  f.virtualBase = flags & 8u;
  f.typeIndex = static_cast<std::int32_t>(static_cast<std::int64_t>(r.number()) - 1);
  f.arrayCount = r.number();
  return f;
}

void writeFields(Writer &w, const std::vector<model::Field> &fields) {
  w.number(fields.size());
  for (const auto &f : fields) writeField(w, f);
}

std::vector<model::Field> readFields(Reader &r) {
  std::vector<model::Field> fields(r.count());
  for (auto &f : fields) f = readField(r);
  return fields;
}

void writeValue(Writer &w, const model::DiscriminantValue &v) {
  w.number(v.bits);
  w.flag(v.isSigned);
}

model::DiscriminantValue readValue(Reader &r) {
  model::DiscriminantValue v;
  v.bits = r.number();
  v.isSigned = r.flag();
  return v;
}

// The record of one type; it starts with the name and the selected flag (see loadIndex).
std::string typeRecord(const model::Type &t) {
  Writer w;
  w.text(t.name);
  w.flag(t.selected);
  w.number(static_cast<std::uint64_t>(t.kind));
  w.number(static_cast<std::uint64_t>(t.language));
  w.number(t.size);
  w.number(t.align);
  w.flag(t.decl.has_value());
  if (t.decl) {
    w.text(t.decl->file);
    w.number(t.decl->line);
  }
  w.text(t.unit);
  writeFields(w, t.fields);
  w.number(t.variants.size());
  for (const auto &v : t.variants) {
    w.text(v.name);
    w.flag(v.discriminant.has_value());
    if (v.discriminant) writeValue(w, *v.discriminant);
    w.number(v.discriminantRanges.size());
    for (const auto &[low, high] : v.discriminantRanges) {
      writeValue(w, low);
      writeValue(w, high);
    }
    writeFields(w, v.fields);
  }
  w.flag(t.discriminant.has_value());
  if (t.discriminant) {
    w.text(t.discriminant->name);
    w.text(t.discriminant->typeName);
    w.number(t.discriminant->bitOffset);
    w.number(t.discriminant->byteSize);
    w.flag(t.discriminant->isSigned);
  }
  w.text(t.underlyingType);
  w.number((t.packed ? 1u : 0u) | (t.hasVirtualBases ? 2u : 0u));
  return std::move(w.bytes());
}

model::Type readType(Reader &r) {
  model::Type t;
  t.name = r.text();
  t.selected = r.flag();
  const std::uint64_t kind = r.number(), language = r.number();
  if (kind > static_cast<std::uint64_t>(model::Kind::Tuple) || language > static_cast<std::uint64_t>(model::Language::Other))
    r.take(~std::uint64_t{0}); // damage: fail
  t.kind = static_cast<model::Kind>(kind);
  t.language = static_cast<model::Language>(language);
  t.size = r.number();
  t.align = r.number();
  if (r.flag()) {
    model::Decl decl;
    decl.file = r.text();
    decl.line = static_cast<unsigned>(r.number());
    t.decl = std::move(decl);
  }
  t.unit = r.text();
  t.fields = readFields(r);
  t.variants.resize(r.count());
  for (auto &v : t.variants) {
    v.name = r.text();
    if (r.flag()) v.discriminant = readValue(r);
    v.discriminantRanges.resize(r.count());
    for (auto &[low, high] : v.discriminantRanges) {
      low = readValue(r);
      high = readValue(r);
    }
    v.fields = readFields(r);
  }
  if (r.flag()) {
    model::Discriminant d;
    d.name = r.text();
    d.typeName = r.text();
    d.bitOffset = r.number();
    d.byteSize = r.number();
    d.isSigned = r.flag();
    t.discriminant = std::move(d);
  }
  t.underlyingType = r.text();
  const std::uint64_t flags = r.number();
  t.packed = flags & 1u;
  t.hasVirtualBases = flags & 2u;
  return t;
}

std::string indexPath(const std::string &directory, const Identity &identity) {
  llvm::SmallString<256> path(directory);
  llvm::sys::path::append(path, identity.key + ".idx");
  return std::string(path);
}

// Only the types `keep` marks, in table order, with Field::typeIndex remapped (-1 for a dropped type).
void keepOnly(std::vector<model::Type> &types, const std::vector<bool> &keep) {
  std::vector<std::int32_t> newIndex(types.size(), -1);
  std::vector<model::Type> kept;
  for (std::size_t i = 0; i < types.size(); ++i)
    if (keep[i]) {
      newIndex[i] = static_cast<std::int32_t>(kept.size());
      kept.push_back(std::move(types[i]));
    }
  auto remap = [&](std::vector<model::Field> &fields) {
    for (auto &f : fields)
      if (f.typeIndex >= 0)
        f.typeIndex = static_cast<std::size_t>(f.typeIndex) < newIndex.size() ? newIndex[static_cast<std::size_t>(f.typeIndex)] : -1;
  };
  for (auto &t : kept) {
    remap(t.fields);
    for (auto &v : t.variants) remap(v.fields);
  }
  types = std::move(kept);
}

} // namespace

std::string defaultDirectory() {
  llvm::SmallString<256> path;
  if (const char *xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) {
    path = xdg;
  } else if (const char *home = std::getenv("HOME"); home && *home) {
    path = home;
    llvm::sys::path::append(path, ".cache");
  } else {
    return "";
  }
  llvm::sys::path::append(path, "memlayout");
  return std::string(path);
}

std::optional<Identity> identityOf(const std::string &path, const std::optional<std::string> &buildId) {
  llvm::sys::fs::file_status status, self;
  if (llvm::sys::fs::status(path, status) || !llvm::sys::fs::is_regular_file(status)) return std::nullopt;
  Identity identity;
  if (buildId && !buildId->empty()) {
    identity.key = *buildId;
  } else {
    auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false, /*RequiresNullTerminator=*/false);
    if (!buffer) return std::nullopt;
    const llvm::StringRef bytes = (*buffer)->getBuffer();
    identity.key = "xxh3-" + llvm::utohexstr(llvm::xxh3_64bits(llvm::arrayRefFromStringRef(bytes)), true);
  }
  // memlayout's own build: a rebuilt memlayout may read DWARF differently, so it starts a new index.
  const std::string exe = llvm::sys::fs::getMainExecutable(nullptr, nullptr);
  std::uint64_t selfSize = 0, selfTime = 0;
  if (!exe.empty() && !llvm::sys::fs::status(exe, self)) {
    selfSize = self.getSize();
    selfTime = static_cast<std::uint64_t>(self.getLastModificationTime().time_since_epoch().count());
  }
  identity.stamp = std::to_string(status.getSize()) + ":" +
                   std::to_string(status.getLastModificationTime().time_since_epoch().count()) + ":" +
                   std::to_string(selfSize) + ":" + std::to_string(selfTime);
  return identity;
}

std::string encodeIndex(const Identity &identity, bool complete, const std::vector<std::string> &patterns,
                        const model::TypeTable &table) {
  Writer payload;
  payload.flag(complete);
  payload.number(patterns.size());
  for (const auto &p : patterns) payload.text(p);
  payload.number(table.types.size());
  for (const auto &type : table.types) payload.text(typeRecord(type));
  payload.number(table.warnings.size());
  for (const auto &w : table.warnings) payload.text(w);
  payload.number(table.otherNames.size());
  for (const auto &n : table.otherNames) payload.text(n);

  Writer file;
  file.bytes() = std::string(kMagic);
  file.number(kFormat);
  file.text(identity.key);
  file.text(identity.stamp);
  const std::string &body = payload.bytes();
  file.number(llvm::xxh3_64bits(llvm::arrayRefFromStringRef(body)));
  file.text(body);
  return std::move(file.bytes());
}

std::optional<Index> decodeIndex(std::string_view bytes, const Identity &identity,
                                 const std::function<bool(std::string_view name)> &wants) {
  if (bytes.substr(0, kMagic.size()) != kMagic) return std::nullopt;
  Reader file(bytes.substr(kMagic.size()));
  if (file.number() != kFormat || file.text() != identity.key || file.text() != identity.stamp) return std::nullopt;
  const std::uint64_t checksum = file.number();
  const std::string_view body = file.text();
  if (file.failed() || !file.atEnd()) return std::nullopt;
  if (llvm::xxh3_64bits(llvm::arrayRefFromStringRef(llvm::StringRef(body.data(), body.size()))) != checksum)
    return std::nullopt;

  Reader r(body);
  Index index;
  index.complete = r.flag();
  index.patterns.resize(r.count());
  for (auto &p : index.patterns) p = r.text();
  const std::uint64_t typeCount = r.count();
  std::vector<std::string_view> records(typeCount);
  for (auto &record : records) record = r.text();
  index.table.warnings.resize(r.count());
  for (auto &w : index.table.warnings) w = r.text();
  index.table.otherNames.resize(r.count());
  for (auto &n : index.table.otherNames) n = r.text();
  if (r.failed() || !r.atEnd()) return std::nullopt;

  // Decode what is asked for: every type, or the ones `wants` names and what they nest.
  std::vector<bool> keep(records.size(), !wants);
  std::vector<std::string> names;
  if (wants) {
    for (std::size_t i = 0; i < records.size(); ++i) {
      Reader head(records[i]);
      const std::string_view name = head.text();
      const bool selected = head.flag();
      if (head.failed()) return std::nullopt;
      if (!name.empty() && selected) {
        names.emplace_back(name);
        keep[i] = wants(name);
      }
    }
  }
  index.table.types.resize(records.size());
  for (std::size_t i = 0; i < records.size(); ++i) {
    if (wants && !keep[i]) {
      // Only nested types of kept ones are needed: decoded lazily below.
      continue;
    }
    Reader record(records[i]);
    index.table.types[i] = readType(record);
    if (record.failed() || !record.atEnd()) return std::nullopt;
  }
  if (wants) {
    // Decode the nested closure, then drop the rest.
    std::vector<bool> decoded = keep;
    std::vector<std::size_t> stack;
    for (std::size_t i = 0; i < keep.size(); ++i)
      if (keep[i]) stack.push_back(i);
    while (!stack.empty()) {
      const std::size_t i = stack.back();
      stack.pop_back();
      auto visit = [&](const std::vector<model::Field> &fields) {
        for (const auto &f : fields) {
          if (f.typeIndex < 0 || static_cast<std::size_t>(f.typeIndex) >= records.size()) continue;
          const auto j = static_cast<std::size_t>(f.typeIndex);
          if (decoded[j]) continue;
          Reader record(records[j]);
          index.table.types[j] = readType(record);
          if (record.failed() || !record.atEnd()) return false;
          index.table.types[j].selected = false; // nested only, as a filtered read gives it
          decoded[j] = true;
          stack.push_back(j);
        }
        return true;
      };
      bool ok = visit(index.table.types[i].fields);
      for (const auto &v : index.table.types[i].variants) ok = ok && visit(v.fields);
      if (!ok) return std::nullopt;
    }
    keepOnly(index.table.types, decoded);
    // A filtered read's names: every named type, plus the names a partial index already lists.
    names.insert(names.end(), index.table.otherNames.begin(), index.table.otherNames.end());
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    index.table.otherNames = std::move(names);
  }
  return index;
}

std::optional<Index> loadIndex(const std::string &directory, const Identity &identity,
                               const std::function<bool(std::string_view name)> &wants) {
  if (directory.empty()) return std::nullopt;
  auto buffer = llvm::MemoryBuffer::getFile(indexPath(directory, identity), /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!buffer) return std::nullopt;
  const llvm::StringRef bytes = (*buffer)->getBuffer();
  return decodeIndex(std::string_view(bytes.data(), bytes.size()), identity, wants);
}

namespace {

// The cache stays bounded: past kMaxIndexes files or kMaxBytes, the least recently written go first.
constexpr std::size_t kMaxIndexes = 64;
constexpr std::uint64_t kMaxBytes = std::uint64_t{1} << 30;

void trimDirectory(const std::string &directory, const std::string &keep) {
  struct Entry {
    std::string path;
    std::uint64_t size;
    llvm::sys::TimePoint<> written;
  };
  std::vector<Entry> entries;
  std::error_code ec;
  for (llvm::sys::fs::directory_iterator it(directory, ec), end; it != end && !ec; it.increment(ec)) {
    if (llvm::sys::path::extension(it->path()) != ".idx") continue;
    llvm::sys::fs::file_status status;
    if (llvm::sys::fs::status(it->path(), status)) continue;
    entries.push_back({it->path(), status.getSize(), status.getLastModificationTime()});
  }
  std::sort(entries.begin(), entries.end(), [](const Entry &a, const Entry &b) { return a.written > b.written; });
  std::uint64_t total = 0;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    total += entries[i].size;
    if ((i >= kMaxIndexes || total > kMaxBytes) && entries[i].path != keep) llvm::sys::fs::remove(entries[i].path);
  }
}

} // namespace

bool storeIndex(const std::string &directory, const Identity &identity, bool complete,
                const std::vector<std::string> &patterns, const model::TypeTable &table) {
  if (directory.empty() || llvm::sys::fs::create_directories(directory)) return false;
  const std::string path = indexPath(directory, identity);
  const std::string temporary = path + ".tmp." + std::to_string(::getpid());
  const std::string bytes = encodeIndex(identity, complete, patterns, table);
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) return false;
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) {
      std::remove(temporary.c_str());
      return false;
    }
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    std::remove(temporary.c_str());
    return false;
  }
  trimDirectory(directory, path);
  return true;
}

} // namespace memlayout::cache
