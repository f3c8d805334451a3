// Words for types shared by the text, JSON and Markdown renderers.
#include "report/type_names.h"

#include "model/type_words.h"

namespace memlayout::report {

std::string_view kindName(model::Kind kind) { return model::kindWord(kind); }

std::string_view languageName(model::Language language) { return model::languageWord(language); }

std::string displayName(const model::Type &type) { return type.name.empty() ? "(anonymous)" : type.name; }

std::string originText(const model::Type &type) {
  std::string out;
  if (type.decl && !type.decl->file.empty())
    out = type.decl->file + (type.decl->line ? ":" + std::to_string(type.decl->line) : "");
  if (!type.unit.empty()) out += (out.empty() ? "unit " : ", unit ") + type.unit;
  return out;
}

std::string discriminantText(const model::Variant &variant) {
  if (!variant.discriminant) return "niche";
  const auto &d = *variant.discriminant;
  return d.isSigned ? std::to_string(d.asSigned()) : std::to_string(d.bits);
}

std::string fieldLabel(const model::Field &field) {
  // Tuple and tuple-struct fields are numbered; Rust writes them .0, .1, … (JSON keeps the SPEC's "0").
  const bool numbered = !field.name.empty() && field.name.find_first_not_of("0123456789") == std::string::npos;
  std::string label = numbered ? "." + field.name : !field.name.empty() ? field.name : field.base ? field.typeName : "(anonymous)";
  if (field.bitField) label += ":" + std::to_string(field.bitSize);
  return label;
}

std::string artificialLabel(const model::Field &field) {
  const bool vptr = field.name.find("vptr") != std::string::npos || field.name.find("vtbl") != std::string::npos ||
                    field.name.find("vtable") != std::string::npos;
  return vptr ? "vtable pointer" : "compiler-generated";
}

bool isPartialBase(const model::Field &field) {
  return field.base && !field.bitField && field.bitSize > 0 && field.bitSize < field.byteSize * 8;
}

std::uint64_t fieldBytes(const model::Field &field) {
  if (isPartialBase(field)) return (field.bitSize + 7) / 8;
  if (!field.bitField) return field.byteSize;
  if (field.bitSize == 0) return 0;
  return (field.bitOffset + field.bitSize - 1) / 8 - field.bitOffset / 8 + 1;
}

} // namespace memlayout::report
