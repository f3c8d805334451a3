// Names as the language writes them: qualified type names ("geo::detail::Extent", "ns::Pair<int, long>"),
// member types as declared ("const char *", "int[5]", "void (*)(int)"), gcc's integer spellings
// made the same as clang's, and anonymous types named by the typedef that names them.
#pragma once

#include "dwarf/die.h"
#include "dwarf/die_key.h"
#include "model/type.h"

#include <string>
#include <string_view>
#include <unordered_map>

namespace memlayout::dwarf {

// "long unsigned int" → "unsigned long", "short int" → "short", also inside template arguments
// ("Pair<int, long int>" → "Pair<int, long>"), so gcc and clang name the same type the same way.
std::string canonicalIntegerNames(std::string_view text);

// Names DIEs of one unit (and the type units it refers to). Not thread-safe: one per unit reader.
class Namer {
public:
  explicit Namer(model::Language language) : language_(language) {}

  // `typedef struct {...} name;` gives the anonymous type that name. The first typedef wins.
  void nameAnonymous(const Die &type, std::string name);

  // Qualified name of a type, namespace or typedef: scopes joined by "::" for C++ and Rust, the plain
  // name for C (one tag namespace, no scopes). An anonymous type a typedef names gets the typedef's
  // name; other anonymous types "".
  std::string qualifiedName(const Die &die);

  // A type as a declaration of it would be written: typedef names kept, "struct point" written
  // "point" (no keyword, like type names), an anonymous aggregate "struct {...}" / "union {...}".
  std::string typeName(const Die &type);

private:
  std::string qualified(const Die &die, int depth);
  std::string scopePrefix(const Die &scope, int depth);
  std::string declarator(Die type, const std::string &inner, int depth);
  bool cFamily() const { return language_ == model::Language::C || language_ == model::Language::Cpp; }

  model::Language language_;
  // Steps left for the current typeName: function types whose parameters are function types again
  // branch, so a depth limit alone would not bound damaged DWARF.
  int budget_ = 0;
  std::unordered_map<DieKey, std::string, DieKeyHash> anonymous_;
  std::unordered_map<DieKey, std::string, DieKeyHash> scopes_;
};

} // namespace memlayout::dwarf
