// tests/oracle/rust_type_sizes.cpp: the `rustc -Zprint-type-sizes` parser (format in rust_type_sizes.h).
#include "rust_type_sizes.h"

#include <charconv>
#include <sstream>
#include <string_view>

namespace memlayout::testing {
namespace {

constexpr std::string_view kPrefix = "print-type-size ";

bool consume(std::string_view &text, std::string_view prefix) {
  if (text.substr(0, prefix.size()) != prefix) return false;
  text.remove_prefix(prefix.size());
  return true;
}

// "N bytes" at the start of `text`, consumed.
std::optional<std::uint64_t> consumeBytes(std::string_view &text) {
  std::uint64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc()) return std::nullopt;
  text.remove_prefix(static_cast<std::size_t>(end - text.data()));
  if (!consume(text, " bytes")) return std::nullopt;
  return value;
}

// "`NAME`: " where NAME may itself hold backquotes and ": " (closure spans do): the name ends at
// the last "`: " before the byte count.
std::optional<std::string> consumeQuotedName(std::string_view &text) {
  if (!consume(text, "`")) return std::nullopt;
  const std::size_t close = text.rfind("`: ");
  if (close == std::string_view::npos) return std::nullopt;
  std::string name(text.substr(0, close));
  text.remove_prefix(close + 3);
  return name;
}

class Parser {
public:
  RustcDump dump;

  void line(std::size_t number, std::string_view text) {
    if (!consume(text, kPrefix)) return;
    number_ = number;
    std::size_t indent = 0;
    while (indent < text.size() && text[indent] == ' ') ++indent;
    text.remove_prefix(indent);
    bool ok = false;
    if (indent == 0) ok = typeLine(text);
    else if (indent == 4 || indent == 8) ok = itemLine(text, indent == 8);
    if (!ok) error("cannot parse '" + std::string(text) + "' (indent " + std::to_string(indent) + ")");
  }

private:
  std::size_t number_ = 0;
  RustcType *type_ = nullptr;
  RustcVariant *variant_ = nullptr;
  std::uint64_t minOffset_ = 0;
  std::uint64_t pendingPadding_ = 0;

  void error(const std::string &what) {
    dump.errors.push_back("line " + std::to_string(number_) + ": " + what);
  }

  bool typeLine(std::string_view text) {
    if (!consume(text, "type: ")) return false;
    RustcType type;
    auto name = consumeQuotedName(text);
    if (!name) return false;
    type.name = *name;
    auto size = consumeBytes(text);
    if (!size || !consume(text, ", alignment: ")) return false;
    auto align = consumeBytes(text);
    if (!align || !text.empty()) return false;
    type.size = *size;
    type.align = *align;
    type.line = number_;
    dump.types.push_back(std::move(type));
    type_ = &dump.types.back();
    variant_ = nullptr;
    minOffset_ = pendingPadding_ = 0;
    return true;
  }

  bool itemLine(std::string_view text, bool inVariant) {
    if (!type_) return false;
    if (inVariant && !variant_) return false;
    if (!inVariant && consume(text, "discriminant: ")) {
      auto size = consumeBytes(text);
      if (!size || !text.empty() || !type_->variants.empty()) return false;
      type_->discriminantSize = *size;
      type_->enumLike = true;
      return true;
    }
    if (!inVariant && consume(text, "variant ")) {
      auto name = consumeQuotedName(text);
      if (!name) return false;
      auto size = consumeBytes(text);
      if (!size || !text.empty() || !type_->fields.empty()) return false;
      type_->enumLike = true;
      type_->variants.push_back({*name, *size, {}, {}});
      variant_ = &type_->variants.back();
      minOffset_ = type_->discriminantSize.value_or(0);
      pendingPadding_ = 0;
      return true;
    }
    if (!inVariant && consume(text, "end padding: ")) {
      auto size = consumeBytes(text);
      if (!size || !text.empty()) return false;
      type_->endPadding = *size;
      return true;
    }
    if (!inVariant && type_->enumLike) return false; // a struct-like item after variants
    if (consume(text, "padding: ")) {
      auto size = consumeBytes(text);
      if (!size || !text.empty()) return false;
      (inVariant ? variant_->padding : type_->holes).push_back({minOffset_, *size});
      pendingPadding_ = *size;
      return true;
    }
    return fieldLine(text, inVariant);
  }

  bool fieldLine(std::string_view text, bool inVariant) {
    RustcField field;
    for (const char *kind : {"field ", "upvar ", "local "})
      if (consume(text, kind)) field.kind = std::string(kind, 5);
    if (field.kind.empty() || !consume(text, "`.")) return false;
    const std::size_t close = text.find("`: ");
    if (close == std::string_view::npos) return false;
    field.name = std::string(text.substr(0, close));
    text.remove_prefix(close + 3);
    auto size = consumeBytes(text);
    if (!size) return false;
    field.size = *size;
    std::optional<std::uint64_t> explicitOffset;
    if (consume(text, ", offset: ")) {
      explicitOffset = consumeBytes(text);
      if (!explicitOffset) return false;
    }
    if (consume(text, ", alignment: ")) {
      field.align = consumeBytes(text);
      if (!field.align) return false;
    }
    if (consume(text, ", type: ")) {
      field.typeName = std::string(text);
      text = {};
    }
    if (!text.empty()) return false;
    if (explicitOffset) {
      if (pendingPadding_ != 0 || *explicitOffset >= minOffset_) {
        error("field '." + field.name + "' has an explicit offset rustc would not print");
        return true;
      }
      field.offset = *explicitOffset;
    } else {
      field.offset = minOffset_ + pendingPadding_;
    }
    pendingPadding_ = 0;
    minOffset_ = field.offset + field.size;
    (inVariant ? variant_->fields : type_->fields).push_back(std::move(field));
    return true;
  }
};

} // namespace

RustcDump parseTypeSizes(const std::string &output) {
  Parser parser;
  std::istringstream in(output);
  std::string text;
  for (std::size_t number = 1; std::getline(in, text); ++number) parser.line(number, text);
  return std::move(parser.dump);
}

} // namespace memlayout::testing
