// tests/oracle/rust_compare.cpp: rustc's printed layout of one type against memlayout's JSON (rules in rust_compare.h).
#include "json_fields.h"
#include "rust_compare.h"

#include <algorithm>
#include <map>
#include <optional>

namespace memlayout::testing {
namespace {

using Json = nlohmann::json;



const Json &array(const Json &object, const char *key) {
  static const Json empty = Json::array();
  if (!object.is_object()) return empty;
  auto it = object.find(key);
  return it != object.end() && it->is_array() ? *it : empty;
}

std::string number(std::optional<std::uint64_t> value) { return value ? std::to_string(*value) : "none"; }

void compareNumber(std::vector<std::string> &problems, const std::string &what, std::optional<std::uint64_t> ours,
                   std::uint64_t rustc) {
  if (ours != rustc) problems.push_back(what + ": memlayout " + number(ours) + ", rustc " + std::to_string(rustc));
}

std::string prefixed(const std::string &subject, const std::string &what) {
  return subject.empty() ? what : subject + ": " + what;
}

// rustc's fields against memlayout's: by name and offset (a coroutine state may hold an upvar and a
// local of the same name), then by name alone to report a moved field.
void compareFields(std::vector<std::string> &problems, const std::string &subject,
                   const std::vector<RustcField> &rustcFields, const Json &fields) {
  std::vector<bool> used(fields.size(), false);
  auto find = [&](const RustcField &field, bool byOffset) -> std::optional<std::size_t> {
    for (std::size_t i = 0; i < fields.size(); ++i)
      if (!used[i] && stringField(fields[i], "name") == field.name && (!byOffset || u64Field(fields[i], "offset") == field.offset))
        return i;
    return std::nullopt;
  };
  std::vector<const RustcField *> unmatched;
  for (const RustcField &field : rustcFields) {
    if (auto i = find(field, true)) {
      used[*i] = true;
      compareNumber(problems, prefixed(subject, "field '" + field.name + "' size"), u64Field(fields[*i], "size"), field.size);
    } else {
      unmatched.push_back(&field);
    }
  }
  for (const RustcField *field : unmatched) {
    const std::string label = prefixed(subject, field->kind + " '" + field->name + "'");
    if (auto i = find(*field, false)) {
      used[*i] = true;
      problems.push_back(label + ": offset: memlayout " + number(u64Field(fields[*i], "offset")) + ", rustc " +
                         std::to_string(field->offset));
      compareNumber(problems, label + " size", u64Field(fields[*i], "size"), field->size);
    } else {
      problems.push_back(label + " (offset " + std::to_string(field->offset) + ", " + std::to_string(field->size) +
                         " bytes) is missing from memlayout's fields");
    }
  }
  for (std::size_t i = 0; i < fields.size(); ++i)
    if (!used[i])
      problems.push_back(prefixed(subject, "memlayout has field '" + stringField(fields[i], "name") + "' at " +
                                               number(u64Field(fields[i], "offset")) + " (" + number(u64Field(fields[i], "size")) +
                                               " bytes) that rustc does not list"));
}

std::string describeHoles(const Json &holes) {
  std::vector<ByteRange> ranges;
  for (const Json &hole : holes) ranges.push_back({u64Field(hole, "offset").value_or(~0ull), u64Field(hole, "size").value_or(~0ull)});
  return describe(ranges);
}

// rustc's DWARF describes a fat Box (Box<[T]>, Box<str>, Box<dyn Trait>) by its two words
// (data_ptr + length, or pointer + vtable) where -Zprint-type-sizes shows the struct's own fields
// (its Unique pointer and the allocator): both views cover the same bytes.
bool isFatPointerView(const RustcType &rustc, const Json &type) {
  const Json &fields = array(type, "fields");
  if (fields.size() != 2 || rustc.size == 0) return false;
  const std::string first = stringField(fields[0], "name"), second = stringField(fields[1], "name");
  const bool named = (first == "data_ptr" && second == "length") || (first == "pointer" && second == "vtable");
  const std::uint64_t half = rustc.size / 2;
  std::uint64_t rustcEnd = 0;
  for (const RustcField &field : rustc.fields) rustcEnd = std::max(rustcEnd, field.offset + field.size);
  return named && u64Field(fields[0], "offset") == 0u && u64Field(fields[0], "size") == half && u64Field(fields[1], "offset") == half &&
         u64Field(fields[1], "size") == half && rustcEnd == rustc.size;
}

void compareStruct(std::vector<std::string> &problems, const RustcType &rustc, const Json &type) {
  const bool closure = isRustcClosure(rustc.name);
  if (closure && rustc.fields.empty()) return; // rustc lists no captures: size and align only
  if (isFatPointerView(rustc, type)) return;
  compareFields(problems, "", rustc.fields, array(type, "fields"));
  if (describeHoles(array(type, "holes")) != describe(rustc.holes))
    problems.push_back("holes: memlayout " + describeHoles(array(type, "holes")) + ", rustc " + describe(rustc.holes));
  compareNumber(problems, "trailing padding", u64Field(type, "trailing_padding"), rustc.endPadding);
}

std::uint64_t fieldsEnd(const Json &fields) {
  std::uint64_t end = 0;
  for (const Json &field : fields) end = std::max(end, u64Field(field, "offset").value_or(0) + u64Field(field, "size").value_or(0));
  return end;
}

void compareEnum(std::vector<std::string> &problems, const RustcType &rustc, const Json &type) {
  const bool coroutine = isRustcCoroutine(rustc.name);
  const Json *discriminant = type.contains("discriminant") && type["discriminant"].is_object() ? &type["discriminant"] : nullptr;
  const Json &variants = array(type, "variants");
  bool fieldless = true;
  for (const Json &variant : variants) fieldless = fieldless && array(variant, "fields").empty();

  if (rustc.discriminantSize) {
    if (discriminant) {
      if (stringField(*discriminant, "kind") != "tag")
        problems.push_back("discriminant: memlayout says '" + stringField(*discriminant, "kind") +
                           "', rustc prints a tag (`discriminant: " + std::to_string(*rustc.discriminantSize) + " bytes`)");
      compareNumber(problems, "discriminant size", u64Field(*discriminant, "size"), *rustc.discriminantSize);
      if (!coroutine) compareNumber(problems, "discriminant offset", u64Field(*discriminant, "offset"), 0);
    } else if (!fieldless) {
      problems.push_back("memlayout shows no discriminant; rustc prints a tag of " + std::to_string(*rustc.discriminantSize) + " bytes");
    } else {
      compareNumber(problems, "fieldless enum: size (= its discriminant's)", u64Field(type, "size"), *rustc.discriminantSize);
    }
  } else if (rustc.variants.size() >= 2) {
    if (!discriminant)
      problems.push_back("memlayout shows no discriminant; rustc lays it out in a niche (no `discriminant:` line)");
    else if (stringField(*discriminant, "kind") != "niche")
      problems.push_back("discriminant: memlayout says '" + stringField(*discriminant, "kind") +
                         "', rustc uses a niche (no `discriminant:` line)");
  }

  std::map<std::string, const Json *> byName;
  for (const Json &variant : variants) byName[stringField(variant, "name")] = &variant;
  std::map<std::string, bool> listed;
  const std::uint64_t discriminantSize = rustc.discriminantSize.value_or(0);
  for (const RustcVariant &variant : rustc.variants) {
    listed[variant.name] = true;
    auto it = byName.find(variant.name);
    const std::string subject = "variant " + variant.name;
    if (it == byName.end()) {
      problems.push_back(subject + " is missing from memlayout's variants");
      continue;
    }
    const Json &fields = array(*it->second, "fields");
    compareFields(problems, subject, variant.fields, fields);
    const std::uint64_t end = fieldsEnd(fields);
    if (end == 0) continue; // rustc then prints the variant's own size, which DWARF does not give
    std::uint64_t size = end;
    if (coroutine && discriminant && u64Field(*discriminant, "offset").value_or(0) >= end) size += discriminantSize;
    if (size < discriminantSize) {
      problems.push_back(subject + ": its fields end at " + std::to_string(end) + ", inside rustc's tag");
      continue;
    }
    if (size - discriminantSize != variant.printedSize)
      problems.push_back(subject + ": size: memlayout's fields end at " + std::to_string(end) + ", so rustc would print " +
                         std::to_string(size - discriminantSize) + ", rustc prints " + std::to_string(variant.printedSize));
  }
  // One variant and no discriminant: rustc's layout has a single variant (the others cannot exist,
  // as Ok of Result<Infallible, E>), and it prints only that one; DWARF lists them all.
  const bool single = rustc.variants.size() == 1 && !rustc.discriminantSize;
  if (!coroutine && !single)
    for (const Json &variant : variants)
      if (!listed.count(stringField(variant, "name")))
        problems.push_back("memlayout has variant '" + stringField(variant, "name") + "' that rustc does not list");
}

} // namespace

bool isRustcCoroutine(const std::string &rustcName) {
  for (const char *prefix : {"{async fn body of ", "{async block@", "{coroutine@", "{async closure body@"})
    if (rustcName.rfind(prefix, 0) == 0) return true;
  return false;
}

bool isRustcClosure(const std::string &rustcName) { return rustcName.rfind("{closure@", 0) == 0; }

std::vector<std::string> compareRustType(const RustcType &rustc, const Json &type) {
  std::vector<std::string> problems;
  compareNumber(problems, "size", u64Field(type, "size"), rustc.size);
  compareNumber(problems, "align", u64Field(type, "align"), rustc.align);
  const std::string kind = stringField(type, "kind");
  if (kind == "union") {
    // rustc prints a union as one variant, named after it, whose fields all start at 0.
    if (!rustc.enumLike || rustc.variants.size() != 1 || rustc.discriminantSize)
      problems.push_back("memlayout says union; rustc does not print it as one");
    else
      compareFields(problems, "", rustc.variants.front().fields, array(type, "fields"));
  } else if (rustc.enumLike) {
    if (kind != "enum")
      problems.push_back("kind: memlayout says '" + kind + "', rustc prints variants");
    else
      compareEnum(problems, rustc, type);
  } else if (kind == "enum") {
    // An enum rustc prints no variants for has none that can exist (Infallible).
    if (!array(type, "variants").empty() && rustc.size != 0)
      problems.push_back("memlayout says enum; rustc prints it as a struct");
  } else {
    compareStruct(problems, rustc, type);
  }
  return problems;
}

} // namespace memlayout::testing
