// Type names: scopes, declarators (pointers, arrays, functions, qualifiers), integer spellings.
#include "dwarf/names.h"

#include "dwarf/dies.h"
#include "dwarf/shapes.h"

#include <array>
#include <vector>

namespace memlayout::dwarf {
using namespace llvm::dwarf;

namespace {

bool isIdentifierChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

bool isIntegerWord(std::string_view word) {
  return word == "signed" || word == "unsigned" || word == "short" || word == "long" || word == "int" ||
         word == "char";
}

// Words that make a run of integer words part of another type ("long double", "__int128 unsigned").
bool isOtherTypeWord(std::string_view word) {
  static constexpr std::array<std::string_view, 9> kWords{"double", "float", "__int128", "complex", "_Complex",
                                                          "_Imaginary", "_Accum", "_Fract", "_Sat"};
  for (auto known : kWords)
    if (word == known) return true;
  return false;
}

std::string canonicalRun(const std::vector<std::string_view> &words) {
  int longs = 0;
  bool isUnsigned = false, isSigned = false, isShort = false, isChar = false;
  for (auto word : words) {
    if (word == "long") ++longs;
    else if (word == "unsigned") isUnsigned = true;
    else if (word == "signed") isSigned = true;
    else if (word == "short") isShort = true;
    else if (word == "char") isChar = true;
  }
  const std::string sign = isUnsigned ? "unsigned " : "";
  if (isChar) return isUnsigned ? "unsigned char" : isSigned ? "signed char" : "char";
  if (isShort) return sign + "short";
  if (longs >= 2) return sign + "long long";
  if (longs == 1) return sign + "long";
  return sign + "int";
}

std::string withInner(std::string base, const std::string &inner) {
  if (inner.empty()) return base;
  if (inner.front() == '[') return base + inner;
  return base + " " + inner;
}

const char *keywordOf(Tag tag) {
  switch (tag) {
  case DW_TAG_class_type: return "class";
  case DW_TAG_union_type: return "union";
  case DW_TAG_enumeration_type: return "enum";
  default: return "struct";
  }
}

// Does a declarator around this type need parentheses ("int (*)[5]", "void (*)(int)")?
bool needsParentheses(Die type) {
  for (int depth = 0; depth < kMaxTypeDepth && type.isValid(); ++depth) {
    const Tag tag = type.getTag();
    if (tag == DW_TAG_const_type || tag == DW_TAG_volatile_type) {
      type = referencedDie(type, DW_AT_type);
      continue;
    }
    return tag == DW_TAG_array_type || tag == DW_TAG_subroutine_type;
  }
  return false;
}

bool isPointerLike(Die type) {
  for (int depth = 0; depth < kMaxTypeDepth && type.isValid(); ++depth) {
    const Tag tag = type.getTag();
    if (tag == DW_TAG_const_type || tag == DW_TAG_volatile_type || tag == DW_TAG_restrict_type) {
      type = referencedDie(type, DW_AT_type);
      continue;
    }
    return tag == DW_TAG_pointer_type || tag == DW_TAG_ptr_to_member_type || tag == DW_TAG_reference_type ||
           tag == DW_TAG_rvalue_reference_type;
  }
  return false;
}

} // namespace

std::string canonicalIntegerNames(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  std::string_view previousWord;
  while (i < text.size()) {
    if (!isIdentifierChar(text[i])) {
      if (text[i] != ' ') previousWord = {};
      out.push_back(text[i++]);
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && isIdentifierChar(text[end])) ++end;
    std::string_view word = text.substr(i, end - i);
    if (!isIntegerWord(word)) {
      out.append(word);
      previousWord = word;
      i = end;
      continue;
    }
    // A run of integer words separated by single spaces.
    std::vector<std::string_view> run{word};
    std::size_t runEnd = end;
    while (runEnd + 1 < text.size() && text[runEnd] == ' ' && isIdentifierChar(text[runEnd + 1])) {
      std::size_t next = runEnd + 1, nextEnd = next;
      while (nextEnd < text.size() && isIdentifierChar(text[nextEnd])) ++nextEnd;
      std::string_view nextWord = text.substr(next, nextEnd - next);
      if (!isIntegerWord(nextWord)) break;
      run.push_back(nextWord);
      runEnd = nextEnd;
    }
    std::string_view following;
    if (runEnd + 1 < text.size() && text[runEnd] == ' ') {
      std::size_t nextEnd = runEnd + 1;
      while (nextEnd < text.size() && isIdentifierChar(text[nextEnd])) ++nextEnd;
      following = text.substr(runEnd + 1, nextEnd - runEnd - 1);
    }
    if (isOtherTypeWord(previousWord) || isOtherTypeWord(following)) out.append(text.substr(i, runEnd - i));
    else out += canonicalRun(run);
    previousWord = run.back();
    i = runEnd;
  }
  return out;
}

void Namer::nameAnonymous(const Die &type, std::string name) {
  if (name.empty()) return;
  anonymous_.try_emplace(DieKey(type), std::move(name));
}

std::string Namer::qualifiedName(const Die &die) { return qualified(die, 0); }

std::string Namer::qualified(const Die &die, int depth) {
  if (!die.isValid() || depth >= kMaxTypeDepth) return "";
  // gcc puts some definitions outside their scope, pointing back with DW_AT_specification to a
  // declaration inside it (type units, out-of-class definitions of nested classes).
  Die specification =
      language_ == model::Language::C ? Die() : referencedDie(die, DW_AT_specification);
  const char *name = rawName(die);
  if (!name && specification.isValid()) name = rawName(specification);
  if (!name) {
    auto found = anonymous_.find(DieKey(die));
    return found == anonymous_.end() ? std::string() : found->second;
  }
  if (language_ == model::Language::C) return name;
  const Die scope = specification.isValid() ? specification.getParent() : die.getParent();
  std::string result = scopePrefix(scope, depth + 1) + name;
  if (language_ == model::Language::Cpp && result.find('<') != std::string::npos)
    return canonicalIntegerNames(result);
  return result;
}

std::string Namer::scopePrefix(const Die &scope, int depth) {
  if (!scope.isValid() || depth >= kMaxTypeDepth) return "";
  const DieKey key(scope);
  if (auto cached = scopes_.find(key); cached != scopes_.end()) return cached->second;
  std::string prefix;
  switch (scope.getTag()) {
  case DW_TAG_namespace: {
    const char *name = rawName(scope);
    prefix = scopePrefix(scope.getParent(), depth + 1) + (name ? name : "(anonymous namespace)") + "::";
    break;
  }
  case DW_TAG_structure_type:
  case DW_TAG_class_type:
  case DW_TAG_union_type:
  case DW_TAG_enumeration_type: {
    // In a type unit, a nested type's parent is a nameless stand-in (DW_AT_signature) for its class.
    const Die definition = resolveSignature(scope);
    std::string name = qualified(definition.isValid() ? definition : scope, depth + 1);
    if (name.empty()) name = std::string("(anonymous ") + keywordOf(scope.getTag()) + ")";
    prefix = name + "::";
    break;
  }
  default: return ""; // the unit, or a function or block holding a local type
  }
  scopes_.emplace(key, prefix);
  return prefix;
}

std::string Namer::typeName(const Die &type) {
  budget_ = 512;
  return declarator(type, "", 0);
}

std::string Namer::declarator(Die type, const std::string &inner, int depth) {
  if (depth >= kMaxTypeDepth || --budget_ < 0) return withInner("?", inner);
  if (!type.isValid()) return withInner("void", inner);
  type = resolveSignature(type);
  const Tag tag = type.getTag();
  auto target = [&] { return referencedDie(type, DW_AT_type); };
  // rustc names its pointers, references and slices ("&str", "*const u8"); use what it says. Its
  // structs, enums and unions are named without their path: those get the qualified name below.
  if (language_ == model::Language::Rust && tag != DW_TAG_array_type && tag != DW_TAG_subroutine_type &&
      !isTypeOfInterest(tag) && tag != DW_TAG_typedef && tag != DW_TAG_namespace) {
    if (const char *name = rawName(type)) return withInner(name, inner);
    if (tag == DW_TAG_pointer_type) // the data pointer of a fat pointer (&[T], &str, &dyn Trait)
      return withInner("*const " + declarator(target(), "", depth + 1), inner);
  }
  switch (tag) {
  case DW_TAG_base_type:
  case DW_TAG_unspecified_type: {
    const char *name = rawName(type);
    std::string text = name ? name : "?";
    if (text == "decltype(nullptr)") text = "std::nullptr_t";
    return withInner(cFamily() ? canonicalIntegerNames(text) : text, inner);
  }
  case DW_TAG_typedef:
  case DW_TAG_structure_type:
  case DW_TAG_class_type:
  case DW_TAG_union_type:
  case DW_TAG_enumeration_type:
  case DW_TAG_namespace: {
    std::string name = qualifiedName(type);
    if (name.empty()) name = std::string(keywordOf(tag)) + " {...}";
    return withInner(name, inner);
  }
  case DW_TAG_pointer_type:
  case DW_TAG_reference_type:
  case DW_TAG_rvalue_reference_type: {
    const char *symbol = tag == DW_TAG_pointer_type ? "*" : tag == DW_TAG_reference_type ? "&" : "&&";
    Die pointee = target();
    std::string text = symbol + inner;
    return declarator(pointee, needsParentheses(pointee) ? "(" + text + ")" : text, depth + 1);
  }
  case DW_TAG_ptr_to_member_type: {
    Die pointee = target();
    std::string owner = qualifiedName(referencedDie(type, DW_AT_containing_type));
    std::string text = (owner.empty() ? std::string("?") : owner) + "::*" + inner;
    return declarator(pointee, needsParentheses(pointee) ? "(" + text + ")" : text, depth + 1);
  }
  case DW_TAG_const_type:
  case DW_TAG_volatile_type:
  case DW_TAG_restrict_type:
  case DW_TAG_atomic_type: {
    const char *word = tag == DW_TAG_const_type      ? "const"
                       : tag == DW_TAG_volatile_type ? "volatile"
                       : tag == DW_TAG_restrict_type ? "restrict"
                                                     : "_Atomic";
    Die qualified = target();
    if (isPointerLike(qualified)) // "char *const": the qualifier follows the star
      return declarator(qualified, inner.empty() ? std::string(word) : std::string(word) + " " + inner, depth + 1);
    return std::string(word) + " " + declarator(qualified, inner, depth + 1);
  }
  case DW_TAG_array_type: {
    const auto dimensions = arrayDimensions(type);
    if (language_ == model::Language::Rust) { // [T; N]
      std::string element = declarator(target(), "", depth + 1);
      for (auto it = dimensions.rbegin(); it != dimensions.rend(); ++it)
        element = "[" + element + (*it ? "; " + std::to_string(**it) : std::string()) + "]";
      return withInner(element, inner);
    }
    std::string text = inner;
    for (const auto &dimension : dimensions)
      text += dimension ? "[" + std::to_string(*dimension) + "]" : std::string("[]");
    return declarator(target(), text, depth + 1);
  }
  case DW_TAG_subroutine_type: {
    std::string parameters;
    bool any = false;
    for (const Die &child : type.children()) {
      if (child.getTag() == DW_TAG_formal_parameter) {
        if (hasFlag(child, DW_AT_artificial)) continue; // `this`
        parameters += (any ? ", " : "") + declarator(referencedDie(child, DW_AT_type), "", depth + 1);
        any = true;
      } else if (child.getTag() == DW_TAG_unspecified_parameters) {
        parameters += any ? ", ..." : "...";
        any = true;
      }
    }
    if (!any && language_ == model::Language::C && hasFlag(type, DW_AT_prototyped)) parameters = "void";
    return declarator(target(), inner + "(" + parameters + ")", depth + 1);
  }
  default: {
    const char *name = rawName(type);
    return withInner(name ? name : "?", inner);
  }
  }
}

} // namespace memlayout::dwarf
