// tests/oracle/rust_expectations.cpp: the acceptance values of issue 4 for the Rust sample (see rust_expectations.h).
#include "rust_expectations.h"

#include <optional>
#include <utility>

namespace memlayout::testing {
namespace {

using Json = nlohmann::json;

struct EnumExpectation {
  const char *type;         // memlayout's name
  std::uint64_t size;
  const char *discriminant; // "tag", "niche", or nullptr for a fieldless enum (no discriminant object)
  std::uint64_t discriminantOffset, discriminantSize;
  std::vector<std::pair<const char *, const char *>> variants; // name, discriminant as JSON ("null": owns the niche)
  const char *why;
};

constexpr const char *k2to63 = "9223372036854775808"; // 0x8000000000000000: the first capacity a Vec cannot have

const std::vector<EnumExpectation> &enumExpectations() {
  static const std::vector<EnumExpectation> expectations{
      {"samples::Message", 24, "niche", 0, 8,
       {{"Quit", k2to63}, {"Move", "9223372036854775809"}, {"Write", "null"}, {"ChangeColor", "9223372036854775811"}},
       "the tutorial's enum: the tag lives in Write's String capacity (at offset 0, capacities are < 2^63), the "
       "values after the largest capacity select the other variants in declaration order (Write's own, 2^63 + 2, "
       "is never stored)"},
      {"core::option::Option<alloc::boxed::Box<i32, alloc::alloc::Global>>", 8, "niche", 0, 8,
       {{"None", "0"}, {"Some", "null"}}, "a Box is never null: None is the null pointer"},
      {"core::option::Option<bool>", 1, "niche", 0, 1, {{"None", "2"}, {"Some", "null"}},
       "a bool is 0 or 1: None is the first invalid value"},
      {"core::option::Option<char>", 4, "niche", 0, 4, {{"None", "1114112"}, {"Some", "null"}},
       "a char is at most 0x10FFFF: None is 0x110000"},
      {"core::option::Option<&u8>", 8, "niche", 0, 8, {{"None", "0"}, {"Some", "null"}},
       "a reference is never null"},
      {"core::option::Option<core::num::nonzero::NonZero<u32>>", 4, "niche", 0, 4, {{"None", "0"}, {"Some", "null"}},
       "NonZeroU32 is never 0"},
      {"core::option::Option<core::num::nonzero::NonZero<u128>>", 16, "niche", 0, 16, {{"None", "0"}, {"Some", "null"}},
       "NonZeroU128 is never 0; rustc writes the 16-byte discriminant value as a DWARF block"},
      {"core::option::Option<alloc::vec::Vec<u8, alloc::alloc::Global>>", 24, "niche", 0, 8,
       {{"None", k2to63}, {"Some", "null"}}, "a Vec's capacity (offset 0) is below 2^63"},
      {"core::result::Result<u32, alloc::string::String>", 24, "niche", 0, 8, {{"Ok", k2to63}, {"Err", "null"}},
       "Ok's u32 fits beside the niche in Err's String capacity"},
      {"core::option::Option<samples::Direction>", 1, "niche", 0, 1, {{"None", "3"}, {"Some", "null"}},
       "Direction uses 0..=2: None is 3"},
      {"samples::E", 8, "tag", 0, 1, {{"A", "0"}, {"B", "1"}, {"C", "2"}},
       "rustc 1.95 gives E { A(u32, bool), B, C } a 1-byte tag, not a niche in A's bool: both layouts take 8 bytes "
       "and rustc keeps the one that leaves the larger niche (the tag's 253 free values against the bool's 252); "
       "-Zprint-type-sizes prints `discriminant: 1 bytes` for it"},
      {"samples::NicheInNested", 8, "niche", 4, 1, {{"A", "null"}, {"B", "2"}, {"C", "3"}},
       "the niche is A.0.flag, a bool inside the struct inside the variant (a tag would cost 12 bytes)"},
      {"samples::ReprU8Data", 8, "tag", 0, 1, {{"Int", "0"}, {"Byte", "1"}, {"Empty", "2"}},
       "repr(u8) forces a u8 tag at offset 0"},
      {"samples::ReprI8Negative", 1, nullptr, 0, 0,
       {{"MinusThree", "-3"}, {"MinusTwo", "-2"}, {"Zero", "0"}, {"Seven", "7"}, {"Eight", "8"}},
       "repr(i8): -3 reads back as -3; implicit values follow the explicit one before them"},
      {"samples::ReprU8Gaps", 1, nullptr, 0, 0, {{"Low", "1"}, {"Two", "2"}, {"Mid", "5"}, {"High", "200"}},
       "repr(u8) with gaps and an implicit value"},
      {"samples::ReprI32Wide", 4, nullptr, 0, 0, {{"Negative", "-70000"}, {"NextImplicit", "-69999"}, {"Big", "100000"}},
       "repr(i32): 4-byte signed values"},
      {"samples::ReprU128", 16, nullptr, 0, 0, {{"Small", "1"}, {"Large", "1099511627776"}},
       "repr(u128): enumerator values are 16-byte DWARF blocks"},
      {"samples::Direction", 1, nullptr, 0, 0, {{"North", "0"}, {"East", "1"}, {"South", "2"}},
       "no repr: 0, 1, 2 in one byte"},
  };
  return expectations;
}

struct FieldExpectation {
  const char *name;
  std::uint64_t offset, size;
};

struct StructExpectation {
  const char *type;
  const char *kind;
  std::uint64_t size, align;
  std::vector<FieldExpectation> fields; // in memory order
  std::uint64_t trailing, padding;
  const char *why;
};

const std::vector<StructExpectation> &structExpectations() {
  static const std::vector<StructExpectation> expectations{
      {"(i32, f64, u8)", "tuple", 16, 8, {{"1", 0, 8}, {"0", 8, 4}, {"2", 12, 1}}, 3, 3,
       "rustc reorders the tuple (f64 first): 16 bytes, not the 24 of declaration order; fields are .0 .1 .2"},
      {"samples::Efficient", "struct", 12, 4, {{"a", 0, 4}, {"b", 4, 4}, {"c", 8, 2}}, 2, 2,
       "12 bytes, 2 of them trailing padding (not 10: the size is a multiple of the alignment)"},
      {"samples::Inefficient", "struct", 12, 4, {{"a", 0, 4}, {"b", 4, 4}, {"c", 8, 2}}, 2, 2,
       "repr(Rust) reorders a, c, b to a, b, c"},
      {"samples::InefficientC", "struct", 12, 4, {{"a", 0, 4}, {"c", 4, 2}, {"b", 8, 4}}, 0, 2,
       "repr(C) keeps the order: a 2-byte hole after c"},
      {"samples::TupleStruct", "struct", 8, 4, {{"1", 0, 4}, {"2", 4, 2}, {"0", 6, 1}}, 1, 1,
       "a tuple struct's fields are 0, 1, 2, reordered"},
  };
  return expectations;
}

const Json *findType(const Json &types, const std::string &name) {
  const Json *found = nullptr;
  for (const Json &type : types)
    if (type.is_object() && type.contains("name") && type["name"] == name) {
      if (found) return nullptr; // two layouts under one name: not what these types are
      found = &type;
    }
  return found;
}

std::string jsonText(const Json &object, const char *key) {
  if (!object.is_object() || !object.contains(key)) return "(missing)";
  return object[key].dump();
}

// A string member without its quotes; anything else as JSON.
std::string plain(const Json &object, const char *key) {
  if (object.is_object() && object.contains(key) && object[key].is_string()) return object[key].get<std::string>();
  return jsonText(object, key);
}

} // namespace

std::vector<std::string> checkRustExpectations(const Json &types, std::size_t &checked) {
  std::vector<std::string> problems;
  auto fail = [&](const std::string &type, const std::string &what, const char *why) {
    problems.push_back(type + ": " + what + " [" + why + "]");
  };
  for (const EnumExpectation &expected : enumExpectations()) {
    ++checked;
    const Json *type = findType(types, expected.type);
    if (!type) {
      fail(expected.type, "memlayout lists no single type of this name", expected.why);
      continue;
    }
    if (jsonText(*type, "kind") != "\"enum\"") fail(expected.type, "kind " + jsonText(*type, "kind") + ", not \"enum\"", expected.why);
    if (jsonText(*type, "size") != std::to_string(expected.size))
      fail(expected.type, "size " + jsonText(*type, "size") + ", not " + std::to_string(expected.size), expected.why);
    if (expected.discriminant) {
      const Json discriminant = type->contains("discriminant") && (*type)["discriminant"].is_object()
                                    ? (*type)["discriminant"]
                                    : Json::object();
      const std::string want = "{kind " + std::string(expected.discriminant) + ", offset " +
                               std::to_string(expected.discriminantOffset) + ", size " +
                               std::to_string(expected.discriminantSize) + "}";
      const std::string got = "{kind " + plain(discriminant, "kind") + ", offset " +
                              jsonText(discriminant, "offset") + ", size " + jsonText(discriminant, "size") + "}";
      if (got != want) fail(expected.type, "discriminant " + got + ", not " + want, expected.why);
    } else if (type->contains("discriminant") && !(*type)["discriminant"].is_null()) {
      fail(expected.type, "a fieldless enum with a discriminant object " + (*type)["discriminant"].dump(), expected.why);
    }
    const Json variants = type->contains("variants") && (*type)["variants"].is_array() ? (*type)["variants"] : Json::array();
    std::string got, want;
    for (const Json &variant : variants) got += (got.empty() ? "" : ", ") + plain(variant, "name") + "=" + jsonText(variant, "discriminant");
    for (const auto &[name, value] : expected.variants) want += (want.empty() ? "" : ", ") + std::string(name) + "=" + value;
    if (got != want) fail(expected.type, "variants " + got + ", not " + want, expected.why);
  }
  for (const StructExpectation &expected : structExpectations()) {
    ++checked;
    const Json *type = findType(types, expected.type);
    if (!type) {
      fail(expected.type, "memlayout lists no single type of this name", expected.why);
      continue;
    }
    std::string got = jsonText(*type, "kind") + " " + jsonText(*type, "size") + "/" + jsonText(*type, "align") + ":";
    std::string want = "\"" + std::string(expected.kind) + "\" " + std::to_string(expected.size) + "/" +
                       std::to_string(expected.align) + ":";
    const Json fields = type->contains("fields") && (*type)["fields"].is_array() ? (*type)["fields"] : Json::array();
    for (const Json &field : fields)
      got += " " + plain(field, "name") + "@" + jsonText(field, "offset") + "+" + jsonText(field, "size");
    for (const FieldExpectation &field : expected.fields)
      want += " " + std::string(field.name) + "@" + std::to_string(field.offset) + "+" + std::to_string(field.size);
    got += "; trailing " + jsonText(*type, "trailing_padding") + ", padding " + jsonText(*type, "padding");
    want += "; trailing " + std::to_string(expected.trailing) + ", padding " + std::to_string(expected.padding);
    if (got != want) fail(expected.type, got + ", not " + want, expected.why);
  }
  return problems;
}

} // namespace memlayout::testing
