// DW_AT_language codes grouped by the language a user would name: every C standard is "C".
#include "dwarf/language.h"

#include <llvm/BinaryFormat/Dwarf.h>

namespace memlayout::dwarf {

std::string languageName(std::uint64_t dwLang) {
  using namespace llvm::dwarf;
  switch (dwLang) {
  case DW_LANG_C89:
  case DW_LANG_C:
  case DW_LANG_C99:
  case DW_LANG_C11:
  case DW_LANG_C17: return "C";
  case DW_LANG_C_plus_plus:
  case DW_LANG_C_plus_plus_03:
  case DW_LANG_C_plus_plus_11:
  case DW_LANG_C_plus_plus_14:
  case DW_LANG_C_plus_plus_17:
  case DW_LANG_C_plus_plus_20: return "C++";
  case DW_LANG_Rust: return "Rust";
  case DW_LANG_Go: return "Go";
  case DW_LANG_Zig: return "Zig";
  case DW_LANG_Swift: return "Swift";
  case DW_LANG_D: return "D";
  case DW_LANG_ObjC: return "Objective-C";
  case DW_LANG_ObjC_plus_plus: return "Objective-C++";
  case DW_LANG_Fortran77:
  case DW_LANG_Fortran90:
  case DW_LANG_Fortran95:
  case DW_LANG_Fortran03:
  case DW_LANG_Fortran08: return "Fortran";
  case DW_LANG_Ada83:
  case DW_LANG_Ada95: return "Ada";
  case DW_LANG_Mips_Assembler: return "Assembly";
  default: break;
  }
  llvm::StringRef name = LanguageString(static_cast<unsigned>(dwLang));
  if (name.consume_front("DW_LANG_")) return name.str();
  return "unknown";
}

} // namespace memlayout::dwarf
