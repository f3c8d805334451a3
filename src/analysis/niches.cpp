// Niche rules by field type, recursion into nested aggregates and enums, and the value counting rustc
// does for tags and fieldless enums (the largest free run around the circle of values).
#include "analysis/niches.h"

#include "analysis/discriminant.h"

#include <algorithm>
#include <limits>
#include <map>
#include <string_view>

namespace memlayout::analysis {
namespace {

using Why = model::Niche::Why;

constexpr std::uint64_t kMany = std::numeric_limits<std::uint64_t>::max();
// Bounds, because typeIndex comes from untrusted debug info: nesting depth, and niches kept per type
// (a struct of structs of bools would otherwise list a product of them).
constexpr unsigned kMaxNicheDepth = 12;
constexpr std::size_t kMaxNiches = 64;

bool startsWith(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }
bool endsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

std::string join(const std::string &prefix, const std::string &name) {
  return prefix.empty() ? name : name.empty() ? prefix : prefix + "." + name;
}

// The largest value of a `bytes`-wide integer (bytes in 1..=8).
std::uint64_t maxValue(std::uint64_t bytes) { return bytes >= 8 ? kMany : (std::uint64_t{1} << (8 * bytes)) - 1; }

std::uint64_t twoToThe(std::uint64_t bits) { return bits >= 64 ? kMany : std::uint64_t{1} << bits; }

// What a field's type alone says: a niche covering the whole field, or nothing known.
struct Leaf {
  Why why = Why::Bool;
  std::uint64_t available = 0;
};

bool isPointerName(std::string_view name) {
  return startsWith(name, "&") || startsWith(name, "alloc::boxed::Box<") ||
         startsWith(name, "core::ptr::non_null::NonNull<") || startsWith(name, "core::ptr::unique::Unique<") ||
         startsWith(name, "fn(") || startsWith(name, "unsafe fn(") || startsWith(name, "extern \"") ||
         startsWith(name, "unsafe extern \"");
}

std::optional<Leaf> leafNiche(std::string_view name, std::uint64_t bytes) {
  if (bytes == 0) return std::nullopt;
  if (name == "bool" && bytes == 1) return Leaf{Why::Bool, 254};
  if (name == "char" && bytes == 4) return Leaf{Why::Char, (std::uint64_t{1} << 32) - 0x110000};
  if (isPointerName(name)) return Leaf{Why::Pointer, 1};
  if (startsWith(name, "core::num::nonzero::NonZero")) return Leaf{Why::NonZero, 1};
  // core::num::niche_types (rustc 1.84+), and core::time::Nanoseconds before it moved there.
  std::string_view last = name.substr(name.rfind(':') == std::string_view::npos ? 0 : name.rfind(':') + 1);
  if (startsWith(name, "core::num::niche_types::") || name == "core::time::Nanoseconds") {
    if (last == "UsizeNoHighBit") return Leaf{Why::ValidRange, twoToThe(8 * bytes - 1)};
    if (last == "Nanoseconds" && bytes == 4) return Leaf{Why::ValidRange, (std::uint64_t{1} << 32) - 1000000000};
    if (endsWith(last, "NotAllOnes")) return Leaf{Why::ValidRange, 1};
    if (startsWith(last, "NonZero")) return Leaf{Why::NonZero, 1};
  }
  return std::nullopt;
}

// "[bool; 4]" → "bool"; anything else unchanged.
std::string_view elementName(std::string_view name) {
  if (name.size() < 2 || name.front() != '[' || name.back() != ']') return name;
  const std::size_t semicolon = name.rfind(';');
  if (semicolon == std::string_view::npos) return name;
  return name.substr(1, semicolon - 1);
}

void sortAndCap(std::vector<model::Niche> &niches) {
  std::stable_sort(niches.begin(), niches.end(),
                   [](const model::Niche &a, const model::Niche &b) { return a.offset < b.offset; });
  if (niches.size() > kMaxNiches) niches.resize(kMaxNiches);
}

class Finder {
public:
  explicit Finder(const model::TypeTable *table) : table_(table) {}

  std::vector<model::Niche> ofType(const model::Type &type, unsigned depth) {
    std::vector<model::Niche> out;
    if (type.kind == model::Kind::Union || depth >= kMaxNicheDepth) return out;
    // NonNull, NonZero, the niche_types, a fat reference: the type itself has the narrowed range.
    if (type.kind != model::Kind::Enum)
      if (auto leaf = leafNiche(type.name, type.size)) return leafNiches(*leaf, type.name, type.size, &type, "", depth);
    if (type.kind == model::Kind::Enum) {
      if (!hasData(type)) {
        ValueRanges used = discriminantValues(type, -1);
        if (type.size == 0 || used.empty()) return out;
        const std::uint64_t free = largestFreeRun(std::move(used), type.size);
        if (free > 0) out.push_back({0, type.size, "", type.name, Why::Enum, free});
        return out;
      }
      return ownEnumNiche(type, depth);
    }
    out = ofFields(type.fields, "", depth);
    sortAndCap(out);
    return out;
  }

  std::vector<model::Niche> ofFields(const std::vector<model::Field> &fields, const std::string &prefix, unsigned depth) {
    std::vector<model::Niche> out;
    for (const model::Field &field : fields) {
      if (field.bitField || field.virtualBase || field.bitSize == 0) continue;
      std::vector<model::Niche> inner = ofField(field, join(prefix, field.name), depth);
      for (auto &niche : inner) niche.offset += field.bitOffset / 8;
      out.insert(out.end(), inner.begin(), inner.end());
      if (out.size() > 4 * kMaxNiches) sortAndCap(out);
    }
    sortAndCap(out);
    return out;
  }

  std::vector<model::Niche> ofTableType(std::int32_t index) { return ofIndex(index, 0); }

private:
  const model::TypeTable *table_;
  std::map<std::int32_t, std::vector<model::Niche>> memo_; // by type index: niches at offsets from its start
  std::vector<std::int32_t> path_;                           // type indices being worked out (cycles)

  const model::Type *nested(std::int32_t index) const {
    if (!table_ || index < 0 || static_cast<std::size_t>(index) >= table_->types.size()) return nullptr;
    return &table_->types[static_cast<std::size_t>(index)];
  }

  std::vector<model::Niche> ofIndex(std::int32_t index, unsigned depth) {
    const model::Type *type = nested(index);
    if (!type || std::find(path_.begin(), path_.end(), index) != path_.end()) return {};
    if (auto it = memo_.find(index); it != memo_.end()) return it->second;
    path_.push_back(index);
    std::vector<model::Niche> niches = ofType(*type, depth + 1);
    path_.pop_back();
    memo_.emplace(index, niches);
    return niches;
  }

  // The niche a leaf rule gives a value of `bytes` bytes; `parts` is its type when the table has it.
  std::vector<model::Niche> leafNiches(const Leaf &leaf, std::string_view typeName, std::uint64_t bytes,
                                       const model::Type *parts, const std::string &path, unsigned depth) {
    std::vector<model::Niche> out;
    if (leaf.why != Why::Pointer || !isFat(parts, bytes)) {
      out.push_back({0, bytes, path, std::string(typeName), leaf.why, leaf.available});
      return out;
    }
    // A fat pointer (&[T], &str, &dyn Trait, Box<dyn Trait>, NonNull<[T]>): two words, the data pointer
    // first, never null; a vtable reference beside it is a reference of its own. NonNull<[T]> wraps a
    // fat raw pointer: look inside it for the data pointer.
    const std::uint64_t word = bytes / 2;
    std::uint64_t offset = 0;
    std::string at = path;
    for (unsigned level = 0; parts && !parts->fields.empty() && level < 4; ++level) {
      const model::Field *data = nullptr;
      for (const auto &f : parts->fields)
        if (f.bitSize > 0 && (!data || f.bitOffset < data->bitOffset)) data = &f;
      if (!data) break;
      offset += data->bitOffset / 8;
      at = join(at, data->name);
      std::vector<model::Field> rest;
      for (const auto &f : parts->fields)
        if (&f != data) rest.push_back(f);
      std::vector<model::Niche> others = ofFields(rest, at.substr(0, at.rfind('.') == std::string::npos ? 0 : at.rfind('.')), depth + 1);
      for (auto &n : others) n.offset += offset - data->bitOffset / 8;
      out.insert(out.end(), others.begin(), others.end());
      if (data->byteSize <= word) break;
      parts = nested(data->typeIndex);
    }
    out.push_back({offset, word, at, std::string(typeName), Why::Pointer, 1});
    return out;
  }

  // Two words: a pointer and a length or vtable (zero-size markers aside: Unique has PhantomData).
  // Without the parts, only the size tells (64-bit).
  bool isFat(const model::Type *parts, std::uint64_t bytes, unsigned level = 0) const {
    if (!parts) return bytes > 8;
    std::vector<const model::Field *> sized;
    for (const auto &f : parts->fields)
      if (f.bitSize > 0) sized.push_back(&f);
    if (sized.size() >= 2) return true;
    if (sized.size() != 1 || sized.front()->byteSize != bytes || level >= 4) return false;
    const model::Type *inner = nested(sized.front()->typeIndex);
    return inner && isFat(inner, bytes, level + 1);
  }

  // One value of a field's type (an array's element), at offset 0, named `path`.
  std::vector<model::Niche> ofValue(std::string_view typeName, std::uint64_t bytes, std::int32_t typeIndex,
                                    const std::string &path, unsigned depth) {
    if (auto leaf = leafNiche(typeName, bytes)) return leafNiches(*leaf, typeName, bytes, nested(typeIndex), path, depth);
    if (typeIndex < 0) return {};
    std::vector<model::Niche> inner = ofIndex(typeIndex, depth);
    for (auto &niche : inner) niche.field = join(path, niche.field);
    return inner;
  }

  std::vector<model::Niche> ofField(const model::Field &field, const std::string &path, unsigned depth) {
    if (field.arrayCount == 0) return ofValue(field.typeName, field.byteSize, field.typeIndex, path, depth);
    // rustc gives an array the niche of its first element.
    if (field.byteSize == 0 || field.byteSize % field.arrayCount != 0) return {};
    const model::Type *element = nested(field.typeIndex);
    const std::string_view name = element ? std::string_view(element->name) : elementName(field.typeName);
    return ofValue(name, field.byteSize / field.arrayCount, field.typeIndex, path + "[0]", depth);
  }

  // An enum with data: its tag's unused values, or what is left of the niche it uses.
  std::vector<model::Niche> ownEnumNiche(const model::Type &type, unsigned depth) {
    std::vector<model::Niche> out;
    if (!type.discriminant) { // a single variant: laid out like a struct of its fields
      for (const auto &variant : type.variants) {
        std::vector<model::Niche> inner = ofFields(variant.fields, variant.name, depth);
        out.insert(out.end(), inner.begin(), inner.end());
      }
      sortAndCap(out);
      return out;
    }
    const model::Discriminant &d = *type.discriminant;
    const int owner = nicheOwner(type);
    if (owner < 0) {
      if (d.byteSize == 0) return out;
      const std::uint64_t free = largestFreeRun(discriminantValues(type, -1), d.byteSize);
      if (free > 0) out.push_back({d.bitOffset / 8, d.byteSize, "(tag)", d.typeName, Why::EnumTag, free});
      return out;
    }
    const model::Variant &variant = type.variants[static_cast<std::size_t>(owner)];
    const std::vector<model::Niche> inner = ofFields(variant.fields, variant.name, depth);
    const std::uint64_t begin = d.bitOffset / 8, end = begin + d.byteSize;
    const model::Niche *leaf = nullptr;
    for (const auto &niche : inner)
      if (niche.offset <= begin && end <= niche.offset + niche.size &&
          (!leaf || (niche.offset == begin && niche.size == d.byteSize)))
        leaf = &niche;
    if (!leaf) return out;
    const ValueRanges used = discriminantValues(type, owner);
    std::uint64_t reserved = 0;
    if (!used.empty()) {
      const std::uint64_t free = largestFreeRun(used, d.byteSize);
      reserved = d.byteSize > 8 ? used.size() : maxValue(d.byteSize) - free + 1; // the run rustc reserved
    }
    if (leaf->available == kMany || leaf->available > reserved) {
      model::Niche left = *leaf;
      left.why = Why::EnumNiche;
      left.available = leaf->available == kMany ? kMany : leaf->available - reserved;
      out.push_back(std::move(left));
    }
    return out;
  }
};

} // namespace

std::uint64_t largestFreeRun(ValueRanges used, std::uint64_t bytes) {
  if (bytes == 0) return 0;
  if (bytes > 8) return kMany;
  const std::uint64_t top = maxValue(bytes);
  // Bring values to the width and split ranges that wrap past the top.
  ValueRanges ranges;
  for (auto [low, high] : used) {
    low &= top;
    high &= top;
    if (low <= high) {
      ranges.emplace_back(low, high);
    } else {
      ranges.emplace_back(low, top);
      ranges.emplace_back(0, high);
    }
  }
  if (ranges.empty()) return top == kMany ? kMany : top + 1;
  std::sort(ranges.begin(), ranges.end());
  std::uint64_t best = 0, reach = ranges.front().second;
  for (std::size_t i = 1; i < ranges.size(); ++i) {
    if (ranges[i].first > reach + 1) best = std::max(best, ranges[i].first - reach - 1);
    reach = std::max(reach, ranges[i].second);
  }
  // Around the top: from reach + 1 up to the largest value, then from 0 below the first range.
  best = std::max(best, (top - reach) + ranges.front().first);
  return best;
}

ValueRanges discriminantValues(const model::Type &type, int except) {
  ValueRanges out;
  for (std::size_t i = 0; i < type.variants.size(); ++i) {
    if (static_cast<int>(i) == except) continue;
    const model::Variant &v = type.variants[i];
    if (v.discriminant) out.emplace_back(v.discriminant->bits, v.discriminant->bits);
    for (const auto &[low, high] : v.discriminantRanges) out.emplace_back(low.bits, high.bits);
  }
  return out;
}

std::vector<model::Niche> findNiches(const model::Type &type, const model::TypeTable *table) {
  if (type.language != model::Language::Rust) return {};
  Finder finder(table);
  // A type of the table goes through its index, so a corrupt field naming it again ends the walk.
  const bool inTable = table && !table->types.empty() && &type >= table->types.data() &&
                       &type < table->types.data() + table->types.size();
  std::vector<model::Niche> out =
      inTable ? finder.ofTableType(static_cast<std::int32_t>(&type - table->types.data())) : finder.ofType(type, 0);
  out.erase(std::remove_if(out.begin(), out.end(), [](const model::Niche &n) { return n.available == 0; }), out.end());
  return out;
}

std::vector<model::Niche> fieldNiches(const std::vector<model::Field> &fields, const model::TypeTable *table,
                                      const std::string &prefix) {
  Finder finder(table);
  return finder.ofFields(fields, prefix, 0);
}

std::optional<model::OptionCost> optionCost(const model::Type &type, const std::vector<model::Niche> &niches) {
  if (type.language != model::Language::Rust || type.align == 0) return std::nullopt;
  model::OptionCost cost;
  cost.free = !niches.empty();
  cost.size = cost.free ? type.size : type.size + type.align;
  return cost;
}

} // namespace memlayout::analysis
