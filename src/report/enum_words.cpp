// Words for Rust enums and niches shared by the text and Markdown renderers.
#include "report/enum_words.h"

#include "report/type_names.h"
#include "report/units.h"
#include "support/type_paths.h"

#include <fmt/format.h>

#include <limits>
#include <vector>

namespace memlayout::report {
namespace {

using Why = model::Niche::Why;

std::string wrap(const std::string &text, bool code) { return code ? "`" + text + "`" : text; }

std::string hex(std::uint64_t bits, std::uint64_t width) {
  return fmt::format("0x{:0{}x}", bits, static_cast<int>(std::min<std::uint64_t>(width, 8) * 2));
}

// Niche values after the first shown by what differs from it: 0x8000000000000000, …0001, …0003.
std::vector<std::string> abbreviated(const std::vector<std::uint64_t> &values, std::uint64_t width) {
  std::vector<std::string> out;
  for (std::uint64_t value : values) out.push_back(nicheValueText(value, width));
  if (out.size() < 2 || out.front().size() < 10 || out.front().rfind("0x", 0) != 0) return out;
  const std::string &first = out.front();
  for (std::size_t i = 1; i < out.size(); ++i) {
    std::string &text = out[i];
    if (text.size() != first.size() || text.rfind("0x", 0) != 0) continue;
    std::size_t same = 0;
    while (same < text.size() && text[same] == first[same]) ++same;
    const std::size_t keep = std::max<std::size_t>(text.size() - same, 4);
    if (keep + 2 < text.size() - 2) text = "…" + text.substr(text.size() - keep);
  }
  return out;
}

// "bool flag", "UsizeNoHighBit Write.0.vec.buf.inner.cap", "the tag of inner", "the enum's value".
std::string nicheWhat(const model::Niche &niche, bool code) {
  const std::string_view tag = "(tag)";
  if (niche.why == Why::EnumTag) {
    if (niche.field.size() <= tag.size()) return "the tag";
    return "the tag of " + wrap(niche.field.substr(0, niche.field.size() - tag.size() - 1), code);
  }
  if (niche.field.empty()) return niche.why == Why::Enum ? "the enum's value" : wrap(support::shortenTypePaths(niche.typeName), code);
  const std::string type = niche.why == Why::Bool ? "bool" : niche.why == Why::Char ? "char" : support::shortenTypePaths(niche.typeName);
  return wrap(type, code) + " " + wrap(niche.field, code);
}

std::string freeValues(std::uint64_t n) {
  if (n == std::numeric_limits<std::uint64_t>::max()) return fmt::format("{} or more values free", n);
  return fmt::format("{} {} free", n, n == 1 ? "value" : "values");
}

} // namespace

std::string nicheValueText(std::uint64_t bits, std::uint64_t width) {
  if (width > 0 && width < 8) bits &= (std::uint64_t{1} << (8 * width)) - 1;
  return bits < 65536 ? std::to_string(bits) : hex(bits, width);
}

std::string variantSelector(const model::Variant &variant, const model::DiscriminantFacts *discriminant, bool owner) {
  if (owner) return "= any other value";
  const bool niche = discriminant && discriminant->kind == model::DiscriminantFacts::Kind::Niche;
  const std::uint64_t width = discriminant ? discriminant->size : 8;
  auto value = [&](const model::DiscriminantValue &v) {
    if (niche) return nicheValueText(v.bits, width);
    return v.isSigned ? std::to_string(v.asSigned()) : std::to_string(v.bits);
  };
  std::vector<std::string> parts;
  if (variant.discriminant) parts.push_back(value(*variant.discriminant));
  for (const auto &[low, high] : variant.discriminantRanges) parts.push_back(value(low) + "..=" + value(high));
  if (parts.empty()) return "= any other value";
  std::string out = "=";
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? ", " : " ") + parts[i];
  return out;
}

std::string discriminantSentence(const model::Type &type, const model::DiscriminantFacts &d, bool code) {
  if (d.kind == model::DiscriminantFacts::Kind::Tag) {
    std::string out = fmt::format("{}ag: {} at offset {} ({})", code ? "T" : "t", wrap(d.typeName.empty() ? "?" : d.typeName, code),
                                  d.offset, byteCount(d.size));
    std::string values;
    for (const auto &variant : type.variants) {
      std::string selector = variantSelector(variant, &d, false).substr(2);
      values += fmt::format("{}{} = {}", values.empty() ? "" : ", ", selector, wrap(variant.name, code));
    }
    return values.empty() ? out : out + ": " + values;
  }
  const std::string owner =
      d.owner >= 0 && static_cast<std::size_t>(d.owner) < type.variants.size() ? type.variants[static_cast<std::size_t>(d.owner)].name : "?";
  std::string out = fmt::format("{}he tag is stored in the niche of {} at offset {} ({})", code ? "T" : "t",
                                wrap(d.field.empty() ? owner : d.field, code), d.offset, byteCount(d.size));
  std::vector<std::uint64_t> values;
  std::vector<std::string> names, ranges;
  for (std::size_t i = 0; i < type.variants.size(); ++i) {
    const model::Variant &v = type.variants[i];
    if (static_cast<int>(i) == d.owner) continue;
    if (v.discriminant && v.discriminantRanges.empty()) {
      values.push_back(v.discriminant->bits);
      names.push_back(wrap(v.name, code));
    } else {
      ranges.push_back(fmt::format("{} {}", wrap(v.name, code), variantSelector(v, &d, false)));
    }
  }
  std::vector<std::string> shown = abbreviated(values, d.size);
  std::string list, who;
  for (std::size_t i = 0; i < shown.size(); ++i) {
    list += (i ? ", " : "") + wrap(shown[i], code);
    who += (i ? ", " : "") + names[i];
  }
  std::string selects;
  if (!shown.empty()) selects = fmt::format("{} {} {}", list, shown.size() == 1 ? "selects" : "select", who);
  if (shown.size() == 1 && values.front() == 0 && d.nicheWhy == model::Niche::Why::Pointer) selects += " (the null pointer)";
  for (const auto &range : ranges) selects += (selects.empty() ? "" : ", ") + range;
  if (!selects.empty()) out += ": " + selects;
  return out + fmt::format("; any other value means {}", wrap(owner, code));
}

std::string nicheSentence(const model::Niche &niche, bool code) {
  return fmt::format("offset {} ({}, {}): {}", niche.offset, byteCount(niche.size), nicheWhat(niche, code),
                     freeValues(niche.available));
}

std::string optionSentence(const model::Type &type, const model::OptionCost &option, bool code) {
  const std::string name = wrap("Option<" + support::shortenTypePaths(displayName(type)) + ">", code);
  if (option.free) return fmt::format("{} is free: still {}, None goes in a niche", name, byteCount(option.size));
  return fmt::format("{}o niche: {} takes {}, not {}", code ? "N" : "n", name, byteCount(option.size), type.size);
}

} // namespace memlayout::report
