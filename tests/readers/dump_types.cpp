// dump_types FILE [NAME...]: prints what dwarf::readTypes reads, one line per field, for checking the
// reader by eye against pahole and clang -fdump-record-layouts, and for timing it on large inputs.
#include "dwarf/type_reader.h"
#include "elf/elf_reader.h"
#include "support/error.h"

#include <cstdio>
#include <set>
#include <string>
#include <vector>

namespace {

const char *kindName(memlayout::model::Kind kind) {
  switch (kind) {
  case memlayout::model::Kind::Struct: return "struct";
  case memlayout::model::Kind::Class: return "class";
  case memlayout::model::Kind::Union: return "union";
  case memlayout::model::Kind::Enum: return "enum";
  case memlayout::model::Kind::Tuple: return "tuple";
  }
  return "?";
}

std::string hex(std::uint64_t value) {
  char text[32];
  std::snprintf(text, sizeof text, "%llx", static_cast<unsigned long long>(value));
  return text;
}

} // namespace

int main(int argc, char **argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: dump_types FILE [--quiet] [NAME...]\n");
    return 2;
  }
  bool quiet = false;
  std::set<std::string, std::less<>> wanted;
  for (int i = 2; i < argc; ++i) {
    if (std::string(argv[i]) == "--quiet") quiet = true;
    else wanted.insert(argv[i]);
  }
  auto input = memlayout::elf::ElfInput::open(argv[1]);
  if (!input) {
    std::fprintf(stderr, "%s\n", memlayout::support::takeErrorReport(input.takeError()).message.c_str());
    return 2;
  }
  memlayout::dwarf::TypeQuery query;
  if (!wanted.empty()) query.wants = [&](std::string_view name) { return wanted.count(name) > 0; };
  auto table = memlayout::dwarf::readTypes((*input)->object(), argv[1], query);
  if (!table) {
    auto report = memlayout::support::takeErrorReport(table.takeError());
    std::fprintf(stderr, "error (%s): %s\n", std::string(memlayout::support::errorKindName(report.kind)).c_str(),
                 report.message.c_str());
    return 2;
  }
  std::size_t fields = 0;
  for (const auto &type : table->types) {
    fields += type.fields.size();
    if (quiet) continue;
    std::printf("%s %s%s size=%llu align=%llu%s%s lang=%d unit=%s decl=%s:%u%s\n", kindName(type.kind),
                type.name.empty() ? "(anonymous)" : type.name.c_str(), type.selected ? "" : " [nested]",
                static_cast<unsigned long long>(type.size), static_cast<unsigned long long>(type.align),
                type.packed ? " packed" : "", type.hasVirtualBases ? " virtual-bases" : "",
                static_cast<int>(type.language), type.unit.c_str(), type.decl ? type.decl->file.c_str() : "-",
                type.decl ? type.decl->line : 0,
                type.underlyingType.empty() ? "" : (" underlying=" + type.underlyingType).c_str());
    auto printField = [](const memlayout::model::Field &field, const char *indent) {
      std::printf("%s%-24s %-28s bit %llu+%llu byteSize=%llu align=%llu%s%s%s%s idx=%d n=%llu\n", indent,
                  field.name.empty() ? "\"\"" : field.name.c_str(), field.typeName.c_str(),
                  static_cast<unsigned long long>(field.bitOffset), static_cast<unsigned long long>(field.bitSize),
                  static_cast<unsigned long long>(field.byteSize), static_cast<unsigned long long>(field.align),
                  field.bitField ? " bitfield" : "", field.base ? " base" : "", field.artificial ? " artificial" : "",
                  field.virtualBase ? " virtual" : "", field.typeIndex,
                  static_cast<unsigned long long>(field.arrayCount));
    };
    auto value = [](const memlayout::model::DiscriminantValue &v) {
      return v.isSigned ? std::to_string(v.asSigned()) : "0x" + hex(v.bits);
    };
    for (const auto &field : type.fields) printField(field, "  ");
    if (type.discriminant)
      std::printf("  discriminant %s %s bit %llu byteSize=%llu%s\n",
                  type.discriminant->name.empty() ? "\"\"" : type.discriminant->name.c_str(),
                  type.discriminant->typeName.c_str(), static_cast<unsigned long long>(type.discriminant->bitOffset),
                  static_cast<unsigned long long>(type.discriminant->byteSize),
                  type.discriminant->isSigned ? " signed" : "");
    for (const auto &variant : type.variants) {
      std::string ranges;
      for (const auto &[low, high] : variant.discriminantRanges) ranges += " [" + value(low) + ", " + value(high) + "]";
      std::printf("  = %s %s%s\n", variant.name.c_str(),
                  variant.discriminant ? value(*variant.discriminant).c_str() : "null", ranges.c_str());
      for (const auto &field : variant.fields) printField(field, "      ");
    }
  }
  std::printf("%zu types, %zu fields, %zu other names, %zu warnings\n", table->types.size(), fields,
              table->otherNames.size(), table->warnings.size());
  for (const auto &warning : table->warnings) std::printf("warning: %s\n", warning.c_str());
  return 0;
}
