// tests/invariants/invariants_types.cpp: for every type memlayout lists in a sample, the bytes add up: covered + holes + trailing padding = size, and the rest of the SPEC's arithmetic.
//
// Usage: invariants_types MEMLAYOUT FILE  |  invariants_types --skip REASON
// Exit: 0 every invariant holds; 1 one does not (each printed as FAIL); 77 skipped.
//
// Per type (and per variant of an enum with data, whose fields are laid out over the whole enum):
//   * every field's offset + size <= size; bit-fields: offset = bit_offset / 8, size = the bytes
//     the bits touch, bit_offset + bit_size <= 8 * size;
//   * field offsets ascend (equal is fine: unions, [[no_unique_address]], bases in tail padding);
//   * holes lie inside the type, ascend, overlap neither each other nor any field, nor does the
//     trailing padding (the last `trailing_padding` bytes);
//   * bytes covered by fields (their union: overlapping fields count once) + holes + trailing = size;
//   * padding = sum of holes + trailing padding.
// A virtual base without an offset (memlayout: dynamic) covers nothing here.
// Enums (SPEC "Type": discriminant, variants, niches):
//   * a discriminant is "tag" or "niche" and lies inside the type; a niche layout has exactly one
//     variant with a null discriminant (the owner) and the niche lies inside one of its fields; a tag
//     layout has none, and no variant's field overlaps the tag;
//   * Rust enums select each variant by a different value; C-like enums (no discriminant object and
//     no fields) give every enumerator a value;
//   * tuples name their fields 0, 1, 2, … (listed in offset order, so in any order); every niche lies inside the type and has values free;
//   * Rust: `core::option::Option<T>` is no larger than T exactly when memlayout finds a niche in T
//     (the language's rule: Option uses a niche when there is one), for every T the file also lists.
#include "json_fields.h"
#include "subprocess.h"
#include "types_layout.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace {

using Json = nlohmann::json;
using namespace memlayout::testing;

constexpr int kSkip = 77;



class Checker {
public:
  int failures = 0;
  std::size_t checked = 0;

  void fail(const std::string &subject, const std::string &what) {
    ++failures;
    std::cout << "FAIL " << subject << ": " << what << "\n";
  }

  // `extra` are byte ranges counted as covered besides the fields (an enum's discriminant).
  void checkLayout(const std::string &subject, const Json &layout, std::uint64_t size, bool hasTrailingKey,
                   const std::vector<ByteRange> &extra) {
    ++checked;
    std::vector<ByteRange> ranges = extra;
    std::optional<std::uint64_t> previous;
    const Json fields = layout.contains("fields") && layout["fields"].is_array() ? layout["fields"] : Json::array();
    for (const Json &field : fields) {
      const std::string label = "field '" + stringField(field, "name") + "'";
      auto offset = u64Field(field, "offset"), fieldSize = u64Field(field, "size");
      if (!fieldSize) {
        fail(subject, label + " has no size");
        continue;
      }
      if (!offset) {
        if (!field.value("base", false)) fail(subject, label + " has no offset");
        continue; // a dynamic virtual base
      }
      if (previous && *offset < *previous) fail(subject, label + " at " + std::to_string(*offset) + " comes after offset " + std::to_string(*previous));
      previous = offset;
      if (*offset + *fieldSize > size)
        fail(subject, label + ": offset " + std::to_string(*offset) + " + size " + std::to_string(*fieldSize) +
                          " > type size " + std::to_string(size));
      if (field.contains("bit_size")) {
        auto bitOffset = u64Field(field, "bit_offset"), bitSize = u64Field(field, "bit_size");
        if (!bitOffset || !bitSize) {
          fail(subject, label + ": bit_offset/bit_size missing or not numbers");
        } else {
          const ByteRange touched = bytesTouched(*bitOffset, *bitSize);
          if (touched.offset != *offset || touched.size != *fieldSize)
            fail(subject, label + ": bits " + std::to_string(*bitOffset) + "+" + std::to_string(*bitSize) +
                              " touch bytes " + std::to_string(touched.offset) + "+" + std::to_string(touched.size) +
                              ", but offset/size say " + std::to_string(*offset) + "+" + std::to_string(*fieldSize));
          if (*bitOffset + *bitSize > size * 8) fail(subject, label + ": bits run past the type's end");
        }
      }
      ranges.push_back({*offset, *fieldSize});
    }

    std::vector<bool> covered(size, false);
    for (const ByteRange &range : ranges)
      for (std::uint64_t b = range.offset; b < range.end() && b < size; ++b) covered[b] = true;
    const auto coveredBytes = static_cast<std::uint64_t>(std::count(covered.begin(), covered.end(), true));

    std::uint64_t holeBytes = 0, holesEnd = 0;
    const Json holes = layout.contains("holes") && layout["holes"].is_array() ? layout["holes"] : Json::array();
    for (const Json &hole : holes) {
      auto offset = u64Field(hole, "offset"), holeSize = u64Field(hole, "size");
      if (!offset || !holeSize || *holeSize == 0) {
        fail(subject, "a hole without offset or size: " + hole.dump());
        continue;
      }
      const std::string label = "hole " + std::to_string(*holeSize) + " at " + std::to_string(*offset);
      if (*offset < holesEnd) fail(subject, label + " overlaps or precedes the hole before it");
      holesEnd = *offset + *holeSize;
      if (holesEnd > size) {
        fail(subject, label + " runs past the type's size " + std::to_string(size));
        continue;
      }
      for (std::uint64_t b = *offset; b < holesEnd; ++b)
        if (covered[b]) {
          fail(subject, label + " overlaps a field at byte " + std::to_string(b));
          break;
        }
      holeBytes += *holeSize;
    }

    auto padding = u64Field(layout, "padding");
    std::uint64_t trailing = 0;
    if (hasTrailingKey) {
      auto value = u64Field(layout, "trailing_padding");
      if (!value) {
        fail(subject, "no trailing_padding");
        return;
      }
      trailing = *value;
    } else if (padding && *padding >= holeBytes) {
      trailing = *padding - holeBytes; // a variant: its padding beyond the holes is at the end
    }
    if (trailing > size) {
      fail(subject, "trailing padding " + std::to_string(trailing) + " > size " + std::to_string(size));
      return;
    }
    for (std::uint64_t b = size - trailing; b < size; ++b)
      if (covered[b]) {
        fail(subject, "trailing padding (" + std::to_string(trailing) + " bytes) overlaps a field at byte " + std::to_string(b));
        break;
      }
    if (holesEnd > size - trailing) fail(subject, "a hole reaches into the trailing padding");
    if (coveredBytes + holeBytes + trailing != size)
      fail(subject, "covered " + std::to_string(coveredBytes) + " + holes " + std::to_string(holeBytes) +
                        " + trailing " + std::to_string(trailing) + " = " +
                        std::to_string(coveredBytes + holeBytes + trailing) + ", not size " + std::to_string(size));
    if (!padding)
      fail(subject, "no padding");
    else if (*padding != holeBytes + trailing)
      fail(subject, "padding " + std::to_string(*padding) + " != holes " + std::to_string(holeBytes) +
                        " + trailing " + std::to_string(trailing));
  }

  void checkEnum(const std::string &subject, const Json &type, std::uint64_t size) {
    const bool rust = stringField(type, "language") == "Rust";
    const Json variants = type.contains("variants") && type["variants"].is_array() ? type["variants"] : Json::array();
    std::vector<std::string> values;
    std::size_t owners = 0;
    const Json *owner = nullptr;
    for (const Json &variant : variants) {
      if (!variant.contains("discriminant")) {
        fail(subject, "variant '" + stringField(variant, "name") + "' has no discriminant key");
        continue;
      }
      if (variant["discriminant"].is_null()) {
        ++owners;
        owner = &variant;
        continue;
      }
      const std::string value = variant["discriminant"].dump();
      if (rust && std::find(values.begin(), values.end(), value) != values.end())
        fail(subject, "two variants are selected by " + value);
      values.push_back(value);
    }
    if (!type.contains("discriminant") || type["discriminant"].is_null()) {
      bool fieldless = true;
      for (const Json &variant : variants) fieldless = fieldless && (!variant.contains("fields") || variant["fields"].empty());
      if (fieldless && owners != 0) fail(subject, "a fieldless enum with a variant whose discriminant is null");
      return;
    }
    const Json &discriminant = type["discriminant"];
    const std::string kind = stringField(discriminant, "kind");
    auto offset = u64Field(discriminant, "offset"), discSize = u64Field(discriminant, "size");
    if (!offset || !discSize || *discSize == 0 || *offset + *discSize > size) {
      fail(subject, "discriminant " + discriminant.dump() + " does not lie inside the " + std::to_string(size) + " bytes");
      return;
    }
    const ByteRange bytes{*offset, *discSize};
    auto overlaps = [&](const Json &field) {
      auto fieldOffset = u64Field(field, "offset"), fieldSize = u64Field(field, "size");
      return fieldOffset && fieldSize && *fieldOffset < bytes.end() && bytes.offset < *fieldOffset + *fieldSize;
    };
    if (kind == "niche") {
      if (owners != 1) {
        fail(subject, "a niche layout with " + std::to_string(owners) + " variants whose discriminant is null (not 1)");
        return;
      }
      bool inside = false;
      for (const Json &field : owner->value("fields", Json::array())) {
        auto fieldOffset = u64Field(field, "offset"), fieldSize = u64Field(field, "size");
        inside = inside || (fieldOffset && fieldSize && *fieldOffset <= bytes.offset && bytes.end() <= *fieldOffset + *fieldSize);
      }
      if (!inside)
        fail(subject, "the niche at " + std::to_string(bytes.offset) + " (" + std::to_string(bytes.size) +
                          " bytes) lies in no field of " + stringField(*owner, "name") + ", the variant that owns it");
    } else if (kind == "tag") {
      if (owners != 0) fail(subject, "a tag layout with a variant whose discriminant is null");
      for (const Json &variant : variants)
        for (const Json &field : variant.value("fields", Json::array()))
          if (overlaps(field))
            fail(subject, "variant " + stringField(variant, "name") + "'s field '" + stringField(field, "name") + "' overlaps the tag");
    } else {
      fail(subject, "discriminant kind '" + kind + "' is neither tag nor niche");
    }
  }

  void checkRustExtras(const std::string &subject, const Json &type, std::uint64_t size) {
    if (stringField(type, "kind") == "tuple") {
      // In offset order, so any order of 0 … n-1.
      std::set<std::string> names, expected;
      const Json fields = type.value("fields", Json::array());
      for (const Json &field : fields) names.insert(stringField(field, "name"));
      for (std::size_t i = 0; i < fields.size(); ++i) expected.insert(std::to_string(i));
      if (names != expected) {
        std::string list;
        for (const std::string &name : names) list += (list.empty() ? "" : ", ") + name;
        fail(subject, "tuple fields are named " + list + ", not 0 to " + std::to_string(fields.size()) + " - 1");
      }
    }
    if (!type.contains("niches")) return;
    if (!type["niches"].is_array()) {
      fail(subject, "niches is not an array");
      return;
    }
    for (const Json &niche : type["niches"]) {
      auto offset = u64Field(niche, "offset"), nicheSize = u64Field(niche, "size"), available = u64Field(niche, "available");
      if (!offset || !nicheSize || *nicheSize == 0 || *offset + *nicheSize > size)
        fail(subject, "niche " + niche.dump() + " does not lie inside the " + std::to_string(size) + " bytes");
      if (!available || *available == 0) fail(subject, "niche " + niche.dump() + " has no values free");
    }
  }

  // Option<T> against T, for every T both are listed for (SPEC: Option<T> costs nothing exactly
  // when T has a niche).
  void checkOptions(const Json &types) {
    std::map<std::string, const Json *> byName;
    std::set<std::string> ambiguous;
    for (const Json &type : types) {
      const std::string name = stringField(type, "name");
      if (!byName.emplace(name, &type).second) ambiguous.insert(name);
    }
    const std::string prefix = "core::option::Option<";
    for (const auto &[name, option] : byName) {
      if (name.rfind(prefix, 0) != 0 || name.back() != '>' || stringField(*option, "language") != "Rust") continue;
      const std::string inner = name.substr(prefix.size(), name.size() - prefix.size() - 1);
      auto it = byName.find(inner);
      if (it == byName.end() || ambiguous.count(name) || ambiguous.count(inner)) continue;
      ++checked;
      const Json &type = *it->second;
      const bool hasNiche = type.contains("niches") && type["niches"].is_array() && !type["niches"].empty();
      const bool free = u64Field(*option, "size") == u64Field(type, "size");
      if (hasNiche != free)
        fail(name, std::string(free ? "costs no extra bytes over " : "is larger than ") + inner + ", but memlayout finds " +
                       (hasNiche ? "a niche" : "no niche") + " in it");
    }
  }

  void checkType(const Json &type) {
    const std::string name = stringField(type, "name");
    const std::string subject = (name.empty() ? std::string("(anonymous ") + stringField(type, "kind") + ")" : name);
    auto size = u64Field(type, "size");
    if (!size) {
      fail(subject, "no size");
      return;
    }
    if (!u64Field(type, "align")) fail(subject, "no align");
    if (stringField(type, "kind") != "enum" || type.contains("fields")) checkLayout(subject, type, *size, true, {});
    if (stringField(type, "kind") == "enum") checkEnum(subject, type, *size);
    if (stringField(type, "language") == "Rust") checkRustExtras(subject, type, *size);
    if (!type.contains("variants") || !type["variants"].is_array()) return;
    std::vector<ByteRange> discriminant;
    if (type.contains("discriminant")) {
      auto offset = u64Field(type["discriminant"], "offset"), discSize = u64Field(type["discriminant"], "size");
      if (offset && discSize) discriminant.push_back({*offset, *discSize});
    }
    for (const Json &variant : type["variants"]) {
      const bool laidOut = (variant.contains("fields") && !variant["fields"].empty()) || variant.contains("padding");
      if (laidOut)
        checkLayout(subject + " variant " + stringField(variant, "name"), variant, *size, false, discriminant);
    }
  }
};

} // namespace

int main(int argc, char **argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() == 2 && args[0] == "--skip") {
    std::cout << "SKIP: " << args[1] << "\n";
    return kSkip;
  }
  if (args.size() != 2) {
    std::cerr << "usage: invariants_types MEMLAYOUT FILE | invariants_types --skip REASON\n";
    return 2;
  }
  auto result = runProcess({args[0], args[1], "--types", "--format", "json"}, {"LC_ALL=C"}, 600);
  if (!result.started || result.timedOut || result.signal != 0 || result.exitCode != 0) {
    std::cout << "FAIL " << args[1] << ": memlayout --types " << result.describe() << "\n" << result.err;
    return 1;
  }
  Json json;
  try {
    json = Json::parse(result.out);
  } catch (const std::exception &e) {
    std::cout << "FAIL " << args[1] << ": invalid JSON: " << e.what() << "\n";
    return 1;
  }
  if (!json.contains("types") || !json["types"].is_array() || json["types"].empty()) {
    std::cout << "FAIL " << args[1] << ": no types listed (every sample has some)\n";
    return 1;
  }
  Checker checker;
  for (const Json &type : json["types"]) checker.checkType(type);
  checker.checkOptions(json["types"]);
  if (checker.failures != 0) {
    std::cout << checker.failures << " broken invariant(s) in " << args[1] << "\n";
    return 1;
  }
  std::cout << "OK " << args[1] << ": " << json["types"].size() << " types, " << checker.checked
            << " layouts add up\n";
  return 0;
}
