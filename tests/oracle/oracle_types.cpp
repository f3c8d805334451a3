// tests/oracle/oracle_types.cpp: checks memlayout's --struct/--types JSON for every C and C++ type of a sample against clang's record layouts and pahole.
//
// Run just these: ctest --test-dir BUILD -L oracle -R oracle.types   (one test per sample: oracle.types.<sample>;
// a bare `-R types` also picks the readelf oracle of the *_types samples). -V shows one line per type.
//
// Usage: oracle_types --memlayout M --sample FILE --root DIR --source REL --lang C|C++
//                     [--layout-flag F]... [--clang C] [--pahole P] [--readelf R]
//                     [--variant plain|types|zlib|zstd] [--baseline FILE]
//                     [--pahole-wrong NAME]... [--no-pahole REASON] [--skip REASON] [--without-memlayout]
// Exit: 0 all agree; 1 a disagreement or failure (each printed as FAIL); 77 skipped (tool or sample missing).
//
// Ground truth, none of it ours:
//  * clang: `clang -fsyntax-only -Xclang -fdump-record-layouts-complete` on the sample's source with the
//    build's layout flags gives each record's size, align and every top-level field's offset, bit-field
//    bits, bases, virtual bases and vtable pointer. Field sizes come from clang too: a generated file
//    includes the source and declares `char sN[sizeof(T)]` for every field type (C++: decltype of the
//    member, access control off), and its dumped layout reads the sizes back.
//    The sample's own records are those clang dumps for the source but not for its <system> includes
//    alone; each must be in memlayout's --types, and memlayout may list no struct/class/union from the
//    sample's files that clang does not know.
//  * holes and padding follow from clang's fields by the rule in types_layout.h (the SPEC's words): a
//    field covers its size; a base covers its size too (its own tail padding is its own, even where a
//    derived member reuses it), except that a non-virtual base which has virtual bases covers only its
//    non-virtual part (clang's nvsize), as its virtual bases live elsewhere in the complete object;
//    memlayout's "size" for such a base must be that part and its "base_type_size" the type's sizeof.
//  * pahole: its hole/padding statements, in the SPEC's terms (types_pahole.h), must agree, except for the
//    types named with --pahole-wrong, where pahole 1.24 is known to be wrong: there pahole must still
//    disagree with clang (so the README's claim stays true) and memlayout must agree with clang.
//  * variants (type units, compressed sections) must really be what they claim (readelf) and list the
//    same types as their plain --baseline build.
// --without-memlayout checks clang against pahole alone (for working on the parsers).
#include "oracle_support.h"
#include "json_fields.h"
#include "posix_regex.h"
#include "subprocess.h"
#include "types_clang.h"
#include "types_layout.h"
#include "types_pahole.h"
#include "types_source.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

namespace {

using Json = nlohmann::json;
using namespace memlayout::testing;

constexpr int kSkip = 77;
constexpr double kTimeout = 300;

struct Options {
  std::string memlayout, sample, root, source, lang;
  std::string clang = "clang-19", pahole = "pahole", readelf = "readelf";
  std::string variant = "plain", baseline, skip, noPahole;
  std::vector<std::string> layoutFlags, paholeWrong;
  bool withoutMemlayout = false;
};

int usage() {
  std::cerr << "usage: oracle_types --memlayout M --sample FILE --root DIR --source REL --lang C|C++\n"
               "  [--layout-flag F]... [--clang C] [--pahole P] [--readelf R] [--variant V]\n"
               "  [--baseline FILE] [--pahole-wrong NAME]... [--no-pahole REASON] [--skip REASON]\n"
               "  [--without-memlayout]\n";
  return 2;
}



std::string join(const std::vector<std::string> &items, const std::string &separator) {
  std::string out;
  for (const std::string &item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}




std::string stripKeyword(const std::string &type) {
  for (const char *keyword : {"struct ", "class ", "union ", "enum "})
    if (type.rfind(keyword, 0) == 0) return type.substr(std::string(keyword).size());
  return type;
}

bool sameName(const std::string &a, const std::string &b) {
  return canonicalTypeName(stripKeyword(a)) == canonicalTypeName(stripKeyword(b));
}

// Runs a tool; nullopt (with the failure reported) when it did not exit 0.
std::optional<ProcessResult> run(Verdict &verdict, const std::string &subject,
                                 const std::vector<std::string> &argv) {
  auto result = runProcess(argv, {"LC_ALL=C"}, kTimeout);
  if (!result.started || result.timedOut || result.signal != 0 || result.exitCode != 0) {
    verdict.fail(subject, "`" + join(argv, " ") + "` " + result.describe() + "\n" + rstrip(result.err));
    return std::nullopt;
  }
  return result;
}

bool toolWorks(const std::string &tool, const std::string &versionFlag) {
  auto result = runProcess({tool, versionFlag}, {"LC_ALL=C"}, 60);
  return result.started && !result.timedOut && result.signal == 0 && result.exitCode == 0;
}


// ---- clang -------------------------------------------------------------------------------------

struct Clang {
  const Options &options;
  Verdict &verdict;

  std::vector<std::string> command(const std::string &file, bool noAccessControl) const {
    std::vector<std::string> argv{options.clang, "-fsyntax-only", "-w", "-Wno-unused-command-line-argument",
                                  "-Xclang", "-fdump-record-layouts-complete"};
    if (noAccessControl) argv.insert(argv.end(), {"-Xclang", "-fno-access-control"});
    argv.insert(argv.end(), options.layoutFlags.begin(), options.layoutFlags.end());
    argv.insert(argv.end(), {"-x", options.lang == "C" ? "c" : "c++", file});
    return argv;
  }

  std::optional<ClangDump> dump(const std::string &file, bool noAccessControl = false) const {
    auto result = run(verdict, "clang", command(file, noAccessControl));
    if (!result) return std::nullopt;
    ClangDump parsed = parseClangDump(result->out);
    for (const std::string &error : parsed.errors) verdict.fail("clang dump of " + file, error);
    return parsed;
  }
};

// An aggregate type of the sample that memlayout must show, with clang's layout of it.
struct Expected {
  std::string name;        // as clang names it, or the typedef name of an anonymous struct
  const ClangRecord *record = nullptr;
  bool viaTypedef = false; // `typedef struct { … } name;`
};

struct Sizes {
  std::map<std::string, std::uint64_t> byProbe;   // probe expression → sizeof
  std::map<std::string, const ClangRecord *> unnamedAt; // "FILE:L:C" → the unnamed record dumped there
};

// "T[2][3]" → 6, "T" → 1; the element type is the text before the first '['.
std::uint64_t arrayCount(const std::string &type, std::string &element) {
  std::uint64_t count = 1;
  std::size_t at = type.find('[');
  element = type.substr(0, at);
  while (at != std::string::npos) {
    const std::size_t end = type.find(']', at);
    if (end == std::string::npos) break;
    const std::string digits = type.substr(at + 1, end - at - 1);
    count *= digits.empty() ? 0 : std::stoull(digits);
    at = type.find('[', end);
  }
  return count;
}

// What to put in sizeof(…) for a field, or "" when its size is known without asking (then `known`).
std::string probeFor(const Options &options, const Expected &expected, const ClangField &field,
                     const Sizes &sizes, std::optional<std::uint64_t> &known) {
  switch (field.kind) {
  case ClangField::Kind::Vptr:
    return "void *";
  case ClangField::Kind::Base:
  case ClangField::Kind::VirtualBase:
    return field.type;
  case ClangField::Kind::Member:
    break;
  }
  if (field.bitField) {
    known = bytesTouched(field.bitOffset, field.bitWidth).size;
    return "";
  }
  if (!field.anonymousAt.empty()) {
    std::string element;
    const std::uint64_t count = arrayCount(field.type.substr(field.type.rfind(')') + 1), element);
    auto it = sizes.unnamedAt.find(field.anonymousAt);
    if (it != sizes.unnamedAt.end()) known = it->second->size * count;
    return "";
  }
  if (field.type.size() > 2 && field.type.compare(field.type.size() - 2, 2, "[]") == 0) {
    known = 0; // a flexible array member: sizeof cannot be asked, and it adds nothing
    return "";
  }
  if (options.lang == "C") return field.type;
  return "decltype(" + expected.name + "::" + field.name + ")";
}

std::string probeKey(const std::string &recordName, const ClangField &field) {
  return recordName + "|" + field.line;
}

// Per field (probeKey): its size, and for a base with virtual bases the bytes it covers here.
struct FieldSizes {
  std::map<std::string, std::uint64_t> size, cover;
};

// ---- comparison --------------------------------------------------------------------------------

struct Truth {
  Padding padding;              // clang's fields, virtual bases included
  Padding withoutDynamicBases;  // the same without the virtual bases memlayout calls dynamic
  std::vector<std::string> dynamicBases;
};

// The bytes each field covers: its size, except that a non-virtual base which itself has virtual bases
// covers only its non-virtual part (clang's nvsize): its virtual bases live elsewhere in this object.
std::vector<ByteRange> clangRanges(const ClangRecord &record, const FieldSizes &sizes,
                                   const std::set<std::string> &leaveOut) {
  std::vector<ByteRange> ranges;
  for (const ClangField &field : record.fields) {
    if (field.bitField && field.name.empty()) continue; // unnamed bit-fields are not fields
    if (field.kind == ClangField::Kind::VirtualBase && leaveOut.count(canonicalTypeName(stripKeyword(field.type))))
      continue;
    if (field.bitField) {
      ranges.push_back(bytesTouched(field.bitOffset, field.bitWidth));
      continue;
    }
    const std::string key = probeKey(record.name, field);
    auto cover = sizes.cover.find(key);
    auto it = sizes.size.find(key);
    ranges.push_back({field.offset, cover != sizes.cover.end() ? cover->second
                                    : it == sizes.size.end()    ? 0
                                                                : it->second});
  }
  return ranges;
}

Padding jsonPadding(const Json &type) {
  Padding padding;
  if (type.contains("holes") && type["holes"].is_array())
    for (const Json &hole : type["holes"])
      padding.holes.push_back({u64Field(hole, "offset").value_or(~0ull), u64Field(hole, "size").value_or(~0ull)});
  padding.trailing = u64Field(type, "trailing_padding").value_or(~0ull);
  return padding;
}

std::string fieldLabel(const Json &field) {
  std::string name = stringField(field, "name");
  if (flagField(field, "base")) return "base " + stringField(field, "type");
  if (name.empty()) return "anonymous " + stringField(field, "type");
  return name;
}

// Compares one type; returns the truth for the pahole step.
Truth compareType(Verdict &verdict, const Expected &expected, const Json &type, const FieldSizes &sizes) {
  const std::map<std::string, std::uint64_t> &fieldSizes = sizes.size;
  const ClangRecord &record = *expected.record;
  const std::string &subject = expected.name;
  Truth truth;

  const std::string kind = stringField(type, "kind");
  if (kind != record.keyword)
    verdict.fail(subject, "kind: memlayout says '" + kind + "', the source says '" + record.keyword + "'");
  if (u64Field(type, "size") != record.size)
    verdict.fail(subject, "size: memlayout " + std::to_string(u64Field(type, "size").value_or(0)) + ", clang " +
                              std::to_string(record.size));
  if (u64Field(type, "align") != record.align)
    verdict.fail(subject, "align: memlayout " + std::to_string(u64Field(type, "align").value_or(0)) + ", clang " +
                              std::to_string(record.align));

  const Json fields = type.contains("fields") && type["fields"].is_array() ? type["fields"] : Json::array();
  std::vector<bool> used(fields.size(), false);
  std::optional<std::uint64_t> previous;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    auto offset = u64Field(fields[i], "offset");
    if (offset && previous && *offset < *previous)
      verdict.fail(subject, "fields are not in offset order at '" + fieldLabel(fields[i]) + "'");
    if (offset) previous = offset;
  }

  for (const ClangField &field : record.fields) {
    if (field.bitField && field.name.empty()) continue; // DWARF has no member for `int : 0;`
    std::optional<std::size_t> match;
    for (std::size_t i = 0; i < fields.size() && !match; ++i) {
      if (used[i]) continue;
      const Json &f = fields[i];
      switch (field.kind) {
      case ClangField::Kind::Vptr:
        if (flagField(f, "artificial") && !flagField(f, "base")) match = i;
        break;
      case ClangField::Kind::Base:
      case ClangField::Kind::VirtualBase:
        if (flagField(f, "base") && sameName(stringField(f, "type"), field.type)) match = i;
        break;
      case ClangField::Kind::Member:
        if (flagField(f, "base") || flagField(f, "artificial")) break;
        if (!field.name.empty() ? stringField(f, "name") == field.name
                                : stringField(f, "name").empty() && u64Field(f, "offset") == field.offset)
          match = i;
        break;
      }
    }
    if (!match) {
      verdict.fail(subject, "memlayout has no field for clang's '" + field.line + "'");
      continue;
    }
    used[*match] = true;
    const Json &f = fields[*match];
    const std::string label = fieldLabel(f);
    auto size = fieldSizes.find(probeKey(record.name, field));
    auto offset = u64Field(f, "offset");
    if (field.kind == ClangField::Kind::VirtualBase && !offset) {
      truth.dynamicBases.push_back(canonicalTypeName(stripKeyword(field.type)));
      verdict.note(subject, "memlayout gives virtual base '" + label + "' no offset (dynamic); clang places it at " +
                                std::to_string(field.offset) + " in a complete object");
    } else if (offset != field.offset) {
      verdict.fail(subject, "field '" + label + "': offset " + (offset ? std::to_string(*offset) : "none") +
                                ", clang '" + field.line + "'");
    }
    // A base that has virtual bases covers only its non-virtual part here: its "size" is that part
    // (clang's nvsize), and "base_type_size" keeps the type's own size.
    auto cover = sizes.cover.find(probeKey(record.name, field));
    if (size == fieldSizes.end()) {
      verdict.fail(subject, "field '" + label + "': clang gave no size for '" + field.line + "'");
    } else if (cover != sizes.cover.end()) {
      if (u64Field(f, "size") != cover->second || u64Field(f, "base_type_size") != size->second)
        verdict.fail(subject, "base '" + label + "': size " + std::to_string(u64Field(f, "size").value_or(0)) +
                                  ", base_type_size " + std::to_string(u64Field(f, "base_type_size").value_or(0)) +
                                  "; clang: it covers its nvsize " + std::to_string(cover->second) +
                                  " here, its type's sizeof is " + std::to_string(size->second));
    } else if (u64Field(f, "size") != size->second) {
      verdict.fail(subject, "field '" + label + "': size " + std::to_string(u64Field(f, "size").value_or(0)) +
                                ", clang " + std::to_string(size->second) + " ('" + field.line + "')");
    } else if (f.contains("base_type_size") && u64Field(f, "base_type_size") != size->second) {
      verdict.fail(subject, "base '" + label + "': base_type_size " + std::to_string(u64Field(f, "base_type_size").value_or(0)) +
                                ", clang sizeof " + std::to_string(size->second));
    }
    if (field.bitField) {
      if (u64Field(f, "bit_offset") != field.bitOffset || u64Field(f, "bit_size") != field.bitWidth)
        verdict.fail(subject, "bit-field '" + label + "': bits " +
                                  std::to_string(u64Field(f, "bit_offset").value_or(0)) + "+" +
                                  std::to_string(u64Field(f, "bit_size").value_or(0)) + ", clang '" + field.line +
                                  "' (bit " + std::to_string(field.bitOffset) + ", width " +
                                  std::to_string(field.bitWidth) + ")");
    } else if (f.contains("bit_size") || f.contains("bit_offset")) {
      verdict.fail(subject, "field '" + label + "' is a bit-field in memlayout, not in clang ('" + field.line + "')");
    }
    if ((field.kind == ClangField::Kind::Base || field.kind == ClangField::Kind::VirtualBase) != flagField(f, "base"))
      verdict.fail(subject, "field '" + label + "': \"base\" is wrong ('" + field.line + "')");
    if ((field.kind == ClangField::Kind::Vptr) != flagField(f, "artificial"))
      verdict.fail(subject, "field '" + label + "': \"artificial\" is wrong ('" + field.line + "')");
  }
  for (std::size_t i = 0; i < fields.size(); ++i)
    if (!used[i]) verdict.fail(subject, "memlayout has field '" + fieldLabel(fields[i]) + "' that clang does not");

  truth.padding = paddingOf(clangRanges(record, sizes, {}), record.size);
  std::set<std::string> leaveOut(truth.dynamicBases.begin(), truth.dynamicBases.end());
  truth.withoutDynamicBases = paddingOf(clangRanges(record, sizes, leaveOut), record.size);
  const Padding &expectedPadding = leaveOut.empty() ? truth.padding : truth.withoutDynamicBases;
  const Padding ours = jsonPadding(type);
  if (!(ours == expectedPadding))
    verdict.fail(subject, "memlayout: " + describe(ours) + "; clang's fields give: " + describe(expectedPadding));
  if (u64Field(type, "padding") != expectedPadding.total())
    verdict.fail(subject, "padding " + std::to_string(u64Field(type, "padding").value_or(0)) + ", clang's fields give " +
                              std::to_string(expectedPadding.total()));
  return truth;
}

// ---- pahole ------------------------------------------------------------------------------------

void comparePahole(Verdict &verdict, const Options &options, const Expected &expected, const Truth &truth,
                   const Json *type, const PaholeListing &listing) {
  const std::string &subject = expected.name;
  const std::string wanted = expected.viaTypedef ? expected.name : lastComponent(expected.name);
  std::vector<const PaholeType *> found;
  for (const PaholeType &candidate : listing.types)
    if (sameName(candidate.name, wanted)) found.push_back(&candidate);
  if (found.empty()) {
    verdict.fail(subject, "pahole lists no type named '" + wanted + "'");
    return;
  }
  for (const PaholeType *other : found)
    if (other->text != found.front()->text) {
      verdict.note(subject, "pahole lists several different types named '" + wanted + "': not compared");
      return;
    }
  const PaholeType &pahole = *found.front();
  const PaholeClaim claim = paholeClaim(pahole);
  const bool listedWrong = std::find(options.paholeWrong.begin(), options.paholeWrong.end(), expected.name) !=
                           options.paholeWrong.end();
  const std::string said = claim.state == PaholeClaim::State::Stated ? describe(claim.padding) : claim.why;
  if (listedWrong) {
    if (claim.state == PaholeClaim::State::Stated && claim.padding == truth.padding) {
      verdict.fail(subject, "pahole 1.24 is listed as wrong here but agrees with clang (" + said +
                                "): take it off --pahole-wrong and the README's claim");
      return;
    }
    std::cout << "pahole-wrong " << subject << " (as expected): pahole says " << said << "; clang's layout gives "
              << describe(truth.padding);
    if (type) std::cout << "; memlayout says " << describe(jsonPadding(*type));
    std::cout << "\n--- pahole's listing of " << wanted << " ---\n" << pahole.text << "---\n";
    return;
  }
  switch (claim.state) {
  case PaholeClaim::State::Silent:
    verdict.note(subject, claim.why);
    return;
  case PaholeClaim::State::Impossible:
    verdict.fail(subject, "pahole's statements cannot hold (" + claim.why + ")\n" + pahole.text);
    return;
  case PaholeClaim::State::Stated:
    break;
  }
  if (!(claim.padding == truth.padding))
    verdict.fail(subject, "pahole says " + said + ", clang's layout gives " + describe(truth.padding) +
                              " (if pahole is wrong, list it with --pahole-wrong and say why)\n" + pahole.text);
  if (type && !(claim.padding == jsonPadding(*type)))
    verdict.fail(subject, "pahole says " + said + ", memlayout says " + describe(jsonPadding(*type)));
}

// ---- variants ----------------------------------------------------------------------------------

void checkVariant(Verdict &verdict, const Options &options) {
  if (options.variant == "plain") return;
  if (options.variant == "zlib" || options.variant == "zstd") {
    auto sections = run(verdict, "readelf", {options.readelf, "-tW", options.sample});
    if (!sections) return;
    // "  [29] .debug_info", then the type line, "[…]: COMPRESSED" and "ZLIB, <size>, <align>".
    const Regex sectionName("^ *\\[ *[0-9]+\\] +([^ ]+) *$");
    const std::string wantedType = options.variant == "zlib" ? "ZLIB" : "ZSTD";
    std::istringstream in(sections->out);
    std::string line, current;
    std::vector<std::string> groups;
    bool compressed = false;
    while (std::getline(in, line)) {
      if (sectionName.search(line, &groups)) current = groups[1];
      else if (current == ".debug_info" && line.find(wantedType + ",") != std::string::npos) compressed = true;
    }
    if (!compressed)
      verdict.fail(options.sample, "readelf -t shows no " + wantedType + "-compressed .debug_info: the " +
                                       options.variant + " variant would test nothing");
    return;
  }
  if (options.variant == "types") {
    auto sections = run(verdict, "readelf", {options.readelf, "-SW", "--debug-dump=info", options.sample});
    if (!sections) return;
    if (sections->out.find(".debug_types") == std::string::npos &&
        sections->out.find("DW_UT_type") == std::string::npos)
      verdict.fail(options.sample, "readelf finds neither .debug_types nor DW_UT_type units: the type-unit "
                                   "variant would test nothing");
  }
}

std::optional<Json> memlayoutJson(Verdict &verdict, const Options &options, const std::string &file,
                                  const std::vector<std::string> &action) {
  std::vector<std::string> argv{options.memlayout, file};
  argv.insert(argv.end(), action.begin(), action.end());
  argv.insert(argv.end(), {"--format", "json"});
  auto result = run(verdict, "memlayout", argv);
  if (!result) return std::nullopt;
  if (!result->err.empty()) verdict.note("memlayout " + join(action, " "), "stderr: " + rstrip(result->err));
  try {
    Json json = Json::parse(result->out);
    if (!json.contains("types") || !json["types"].is_array()) {
      verdict.fail("memlayout " + join(action, " "), "no \"types\" array in its JSON");
      return std::nullopt;
    }
    return json;
  } catch (const std::exception &e) {
    verdict.fail("memlayout " + join(action, " "), std::string("invalid JSON: ") + e.what());
    return std::nullopt;
  }
}

// The keys SPEC.md fixes for a Type: --struct and --types must agree on them (either may add others).
Json specKeys(const Json &type) {
  Json kept = Json::object();
  for (const char *key : {"name", "kind", "language", "size", "align", "decl", "fields", "holes", "trailing_padding",
                          "padding", "discriminant", "variants", "niches"})
    if (type.contains(key)) kept[key] = type[key];
  return kept;
}

void compareWithBaseline(Verdict &verdict, const Options &options, const Json &types) {
  auto baseline = memlayoutJson(verdict, options, options.baseline, {"--types"});
  if (!baseline) return;
  auto keyed = [](const Json &list) {
    std::multimap<std::string, std::string> byName;
    for (const Json &type : list) byName.emplace(stringField(type, "name"), specKeys(type).dump());
    return byName;
  };
  const auto ours = keyed(types), theirs = keyed((*baseline)["types"]);
  std::set<std::string> names;
  for (const auto &entry : ours) names.insert(entry.first);
  for (const auto &entry : theirs) names.insert(entry.first);
  int differ = 0;
  for (const std::string &name : names) {
    std::vector<std::string> a, b;
    for (auto [it, end] = ours.equal_range(name); it != end; ++it) a.push_back(it->second);
    for (auto [it, end] = theirs.equal_range(name); it != end; ++it) b.push_back(it->second);
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    if (a != b) {
      ++differ;
      verdict.fail(name.empty() ? "(anonymous)" : name,
                   "differs from the plain build " + options.baseline + ":\n  this build: " + join(a, "\n              ") +
                       "\n  plain build: " + join(b, "\n               "));
    }
  }
  if (differ == 0)
    std::cout << "same types as " << options.baseline << ": " << ours.size() << " types\n";
}

bool fromSampleFile(const Json &type, const SourceFiles &files) {
  if (!type.contains("decl")) return false;
  std::string file = stringField(type["decl"], "file");
  while (file.rfind("./", 0) == 0) file = file.substr(2);
  for (const std::string &local : files.local)
    if (file == local || (file.size() > local.size() && file.compare(file.size() - local.size(), local.size(), local) == 0 &&
                          file[file.size() - local.size() - 1] == '/'))
      return true;
  return false;
}

} // namespace

int main(int argc, char **argv) {
  Options options;
  std::vector<std::string> args(argv + 1, argv + argc);
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string &arg = args[i];
    if (arg == "--without-memlayout") {
      options.withoutMemlayout = true;
      continue;
    }
    if (i + 1 >= args.size()) return usage();
    const std::string &value = args[++i];
    if (arg == "--memlayout") options.memlayout = value;
    else if (arg == "--sample") options.sample = value;
    else if (arg == "--root") options.root = value;
    else if (arg == "--source") options.source = value;
    else if (arg == "--lang") options.lang = value;
    else if (arg == "--layout-flag") options.layoutFlags.push_back(value);
    else if (arg == "--clang") options.clang = value;
    else if (arg == "--pahole") options.pahole = value;
    else if (arg == "--readelf") options.readelf = value;
    else if (arg == "--variant") options.variant = value;
    else if (arg == "--baseline") options.baseline = value;
    else if (arg == "--pahole-wrong") options.paholeWrong.push_back(value);
    else if (arg == "--no-pahole") options.noPahole = value;
    else if (arg == "--skip") options.skip = value;
    else return usage();
  }
  if (!options.skip.empty()) {
    std::cout << "SKIP: " << options.skip << "\n";
    return kSkip;
  }
  if (options.sample.empty() || options.root.empty() || options.source.empty() ||
      (options.lang != "C" && options.lang != "C++") || (options.memlayout.empty() && !options.withoutMemlayout))
    return usage();
  for (const auto &[tool, versionFlag] : {std::pair{options.clang, std::string("--version")},
                                          std::pair{options.pahole, std::string("--version")}}) {
    if (tool == options.pahole && !options.noPahole.empty()) continue;
    if (tool.empty() || tool.find("NOTFOUND") != std::string::npos || !toolWorks(tool, versionFlag)) {
      std::cout << "SKIP: '" << tool << "' is not installed (the type oracle needs clang and pahole)\n";
      return kSkip;
    }
  }
  Verdict verdict;
  std::error_code ec;
  if (!std::filesystem::exists(options.sample, ec)) {
    std::cout << "FAIL " << options.sample << ": does not exist (build the 'samples' target first)\n";
    return 1;
  }
  // clang runs where the samples were built, so its "(unnamed at FILE:L:C)" paths match DWARF's.
  if (chdir(options.root.c_str()) != 0) {
    std::cout << "FAIL " << options.root << ": cannot change into it\n";
    return 1;
  }
  checkVariant(verdict, options);

  // 1. The sample's records, as clang lays them out.
  const Clang clang{options, verdict};
  const SourceFiles files = readSourceFiles(options.root, options.source);
  auto dump = clang.dump(options.source);
  if (!dump) return 1;
  TempDir temp("memlayout-oracle");
  const std::string extension = options.lang == "C" ? ".c" : ".cpp";
  std::set<std::string> systemRecords;
  {
    const std::string preamble = (temp.path / ("preamble" + extension)).string();
    std::ofstream out(preamble);
    for (const std::string &include : files.systemIncludes) out << "#include <" << include << ">\n";
    out.close();
    auto system = clang.dump(preamble);
    if (!system) return 1;
    for (const ClangRecord &record : system->records) systemRecords.insert(record.name);
  }
  Sizes sizes;
  std::vector<Expected> expected;
  for (const ClangRecord &record : dump->records) {
    if (!record.unnamedAt.empty()) {
      if (record.unnamedAt.front() == '/') continue; // a system header's
      sizes.unnamedAt[record.unnamedAt] = &record;
      // Only a top-level `typedef struct { … } name;` is a type a user can ask for.
      if (record.name.find("::") != std::string::npos && record.name.find("::") < record.name.find('(')) continue;
      if (auto name = typedefNameAt(options.root, record.unnamedAt))
        expected.push_back({*name, &record, true});
      continue;
    }
    if (systemRecords.count(record.name)) continue;
    expected.push_back({record.name, &record, false});
  }
  if (expected.empty()) {
    verdict.fail(options.source, "clang dumps no record of the sample's own");
    return 1;
  }

  // 2. memlayout's list of types.
  std::optional<Json> listing;
  if (!options.withoutMemlayout) {
    listing = memlayoutJson(verdict, options, options.sample, {"--types"});
    if (!listing) return 1;
  }

  // 3. Field sizes (and enum sizes) from clang.
  std::vector<std::string> probes;
  std::map<std::string, std::string> probeOfField; // probeKey → expression
  FieldSizes fieldSizes;
  for (const Expected &type : expected)
    for (const ClangField &field : type.record->fields) {
      std::optional<std::uint64_t> known;
      const std::string probe = probeFor(options, type, field, sizes, known);
      if (known) fieldSizes.size[probeKey(type.record->name, field)] = *known;
      if (probe.empty()) continue;
      probeOfField[probeKey(type.record->name, field)] = probe;
      if (std::find(probes.begin(), probes.end(), probe) == probes.end()) probes.push_back(probe);
    }
  std::vector<std::pair<std::string, std::string>> enums; // memlayout name → probe
  if (listing)
    for (const Json &type : (*listing)["types"])
      if (stringField(type, "kind") == "enum" && !stringField(type, "name").empty() && fromSampleFile(type, files)) {
        const std::string probe = (options.lang == "C" ? "enum " : "") + stringField(type, "name");
        enums.emplace_back(stringField(type, "name"), probe);
        if (std::find(probes.begin(), probes.end(), probe) == probes.end()) probes.push_back(probe);
      }
  std::map<std::string, std::uint64_t> probeSize;
  if (!probes.empty()) {
    const std::string probeFile = (temp.path / ("sizes" + extension)).string();
    std::ofstream out(probeFile);
    out << "#include \"" << options.root << "/" << options.source << "\"\n"
        << "struct memlayout_oracle_sizes {\n";
    for (std::size_t i = 0; i < probes.size(); ++i) out << "  char s" << i << "[sizeof(" << probes[i] << ")];\n";
    out << "};\n";
    out.close();
    auto sized = clang.dump(probeFile, options.lang != "C");
    if (!sized) return 1;
    for (const ClangRecord &record : sized->records) {
      if (record.name != "memlayout_oracle_sizes") continue;
      for (const ClangField &field : record.fields) {
        std::string element;
        const std::uint64_t count = arrayCount(field.type, element);
        const std::size_t index = std::stoul(field.name.substr(1));
        if (index < probes.size()) probeSize[probes[index]] = count;
      }
    }
    for (const auto &[key, probe] : probeOfField) {
      auto it = probeSize.find(probe);
      if (it == probeSize.end()) verdict.fail("clang size probe", "no size for sizeof(" + probe + ")");
      else fieldSizes.size[key] = it->second;
    }
  }
  for (const Expected &type : expected)
    for (const ClangField &field : type.record->fields) {
      if (field.kind != ClangField::Kind::Base) continue;
      for (const ClangRecord &base : dump->records) {
        if (!base.unnamedAt.empty() || !sameName(base.name, field.type)) continue;
        const bool hasVirtualBases = std::any_of(base.fields.begin(), base.fields.end(), [](const ClangField &f) {
          return f.kind == ClangField::Kind::VirtualBase;
        });
        if (hasVirtualBases && base.nvsize) fieldSizes.cover[probeKey(type.record->name, field)] = *base.nvsize;
      }
    }

  // 4. pahole's listing.
  std::optional<PaholeListing> pahole;
  if (!options.noPahole.empty()) {
    verdict.note(options.sample, "pahole not compared: " + options.noPahole);
  } else {
    auto result = runProcess({options.pahole, "--show_private_classes", "--anon_include", options.sample},
                             {"LC_ALL=C"}, kTimeout);
    if (result.started && !result.timedOut && result.signal == 0 && result.exitCode == 0 && !result.out.empty()) {
      pahole = parsePahole(result.out);
      for (const std::string &error : pahole->errors) verdict.fail("pahole listing", error);
    } else if (options.variant == "zstd") {
      verdict.note(options.sample, "pahole cannot read zstd-compressed DWARF here (" + result.describe() +
                                       ": " + rstrip(result.err).substr(0, 200) + "); compared with clang only");
    } else {
      verdict.fail("pahole", result.describe() + "\n" + rstrip(result.err));
    }
  }

  // 5. Every type, by --struct NAME, against clang and pahole. One run names them all (a run per type
  // cost the suite a minute of sanitizer start-ups); each name must still show exactly its one type.
  std::set<std::string> seen; // canonical names memlayout was asked for
  std::optional<Json> result;
  if (!options.withoutMemlayout && !expected.empty()) {
    std::vector<std::string> action;
    for (const Expected &type : expected) action.insert(action.end(), {"--struct", type.name});
    result = memlayoutJson(verdict, options, options.sample, action);
  }
  for (const Expected &type : expected) {
    seen.insert(canonicalTypeName(type.name));
    const Json *ours = nullptr;
    if (!options.withoutMemlayout) {
      if (!result) continue;
      std::vector<const Json *> matches;
      for (const Json &candidate : (*result)["types"])
        if (sameName(stringField(candidate, "name"), type.name)) matches.push_back(&candidate);
      if (matches.size() != 1) {
        verdict.fail(type.name, "--struct '" + type.name + "' shows " + std::to_string(matches.size()) +
                                    " types of that name (one expected): " + (*result)["types"].dump());
        continue;
      }
      ours = matches.front();
      if (stringField(*ours, "name") != type.name)
        verdict.note(type.name, "memlayout names it '" + stringField(*ours, "name") + "'");
      bool listed = false;
      for (const Json &entry : (*listing)["types"])
        if (specKeys(entry) == specKeys(*ours)) listed = true;
      if (!listed)
        verdict.fail(type.name, "--types has no entry whose SPEC keys equal what --struct shows: " +
                                    specKeys(*ours).dump());
    }
    const std::size_t before = static_cast<std::size_t>(verdict.failures());
    Truth truth;
    if (ours) {
      truth = compareType(verdict, type, *ours, fieldSizes);
    } else {
      truth.padding = paddingOf(clangRanges(*type.record, fieldSizes, {}), type.record->size);
    }
    if (pahole) comparePahole(verdict, options, type, truth, ours, *pahole);
    if (static_cast<std::size_t>(verdict.failures()) == before)
      std::cout << "ok " << type.name << ": size " << type.record->size << ", align " << type.record->align << ", "
                << type.record->fields.size() << " fields, " << describe(truth.padding) << "\n";
  }

  // 6. Nothing extra in memlayout's list, enums sized right, variants equal to their plain build.
  if (listing) {
    for (const Json &type : (*listing)["types"]) {
      const std::string name = stringField(type, "name"), kind = stringField(type, "kind");
      if (name.empty() || kind == "enum" || !fromSampleFile(type, files)) continue;
      if (!seen.count(canonicalTypeName(name)))
        verdict.fail(name, "memlayout lists this " + kind + " from the sample, but clang dumps no such record");
    }
    for (const auto &[name, probe] : enums) {
      auto size = probeSize.find(probe);
      for (const Json &type : (*listing)["types"])
        if (stringField(type, "name") == name && stringField(type, "kind") == "enum" && size != probeSize.end() &&
            u64Field(type, "size") != size->second)
          verdict.fail(name, "enum size " + std::to_string(u64Field(type, "size").value_or(0)) + ", clang sizeof " +
                                 std::to_string(size->second));
    }
    if (!options.baseline.empty()) compareWithBaseline(verdict, options, (*listing)["types"]);
  }

  if (verdict.failures() != 0) {
    std::cout << verdict.failures() << " disagreement(s) for " << options.sample << " (" << expected.size()
              << " types)\n";
    return 1;
  }
  std::cout << "OK " << options.sample << ": " << expected.size() << " types agree with clang"
            << (pahole ? " and pahole" : "") << "\n";
  return 0;
}
