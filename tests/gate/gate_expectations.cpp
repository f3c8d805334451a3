// Expected gate changes per sample pair. Sizes, offsets, holes and padding come from the compilers:
// pahole and `clang -Xclang -fdump-record-layouts` on samples/gate/gate.{c,cpp} with and without
// -DGATE_AFTER, and `RUSTC_BOOTSTRAP=1 rustc -Zprint-type-sizes` on samples/gate/gate.rs with and
// without --cfg gate_after (rustc 1.95, x86-64). The layouts are tabled atop each source. Type names of
// fields are DWARF's, which differ by compiler (gcc "long int", clang "long"): both are accepted.
//
// How a change is written is the contract's (SPEC "Check", model/check.h): size/align/padding carry the
// numbers; a hole names the field before it, before = the bytes that were already a hole there, after = the
// hole's size, offset = where; field-moved carries offsets; field-added the new type (offset, after_size);
// field-removed the old type (before_size); field-type both types and sizes; variant-added/-removed the
// variant's name; discriminant "niche"/"tag"; type-added/-removed the type's size.
//
// Default policy (ratchet): regressions are size grew, padding grew, type removed, and a field that moved
// in a C or C++ type (a Rust type only when --fixed-layout names it).
#include "gate_expectations.h"

#include <stdexcept>

namespace memlayout::gate {
namespace {

Expected row(std::string type, std::string change, std::string field, Value before, Value after, bool regression) {
  Expected e;
  e.type = std::move(type);
  e.change = std::move(change);
  e.field = std::move(field);
  e.before = std::move(before);
  e.after = std::move(after);
  e.regression = regression;
  return e;
}

Expected at(Expected e, std::uint64_t offset) {
  e.offset = offset;
  return e;
}

Expected sized(Expected e, std::optional<std::uint64_t> beforeSize, std::optional<std::uint64_t> afterSize) {
  e.beforeSize = beforeSize;
  e.afterSize = afterSize;
  return e;
}

// gate.c. pahole, before → after:
//   gate_flip     {int b@0; char a@4; char c@5} 8, padding 2 → {char a@0; hole 1..4; int b@4; char c@8} 12,
//                 holes 3 + trailing 3 = padding 6
//   gate_added    {int id@0; int flags@4} 8 → + int extra@8, 12
//   gate_widened  {int id@0, count@4, total@8} 12 align 4 → total long@8, 16 align 8
//   gate_shrunk   {int a@0, b@4, c@8} 12 → c gone, 8
//   gate_aligned  {int v[4]} 16 align 4 → aligned(16): 16 align 16
//   gate_removed  {int gone} 4 → absent;  gate_new absent → {short fresh} 2;  gate_same unchanged
Table cTable() {
  return {
      row("gate_flip", "size", "", n(8), n(12), true),
      row("gate_flip", "padding", "", n(2), n(6), true),
      at(row("gate_flip", "hole", "a", n(0), n(3), false), 1),
      row("gate_flip", "field-moved", "b", n(0), n(4), true),
      row("gate_flip", "field-moved", "a", n(4), n(0), true),
      row("gate_flip", "field-moved", "c", n(5), n(8), true),
      row("gate_added", "size", "", n(8), n(12), true),
      sized(at(row("gate_added", "field-added", "extra", none(), s("int"), false), 8), std::nullopt, 4),
      row("gate_widened", "size", "", n(12), n(16), true),
      row("gate_widened", "align", "", n(4), n(8), false),
      sized(at(row("gate_widened", "field-type", "total", s("int"), oneOf({"long int", "long"}), false), 8), 4, 8),
      row("gate_shrunk", "size", "", n(12), n(8), false),
      sized(row("gate_shrunk", "field-removed", "c", s("int"), none(), false), 4, std::nullopt),
      row("gate_aligned", "align", "", n(4), n(16), false),
      row("gate_removed", "type-removed", "", n(4), none(), true),
      row("gate_new", "type-added", "", none(), n(2), false),
  };
}

// gate.cpp. pahole -C / clang's record dump, before → after:
//   gate::Appended  Base@0 (4); int count@4 → + int extra@8: 8 → 12
//   gate::Widened   Base@0 (4); short value@4, trailing 2 → int value@4: 8, padding 2 → 0
//   gate::Shape     {int w@0; int h@4} 8 align 4 → vtable pointer (gcc: _vptr.Shape, 8 bytes)@0, w@8, h@12: 16
//                   align 8
//   gate::Base, gate::Stable unchanged
Table cppTable() {
  return {
      row("gate::Appended", "size", "", n(8), n(12), true),
      sized(at(row("gate::Appended", "field-added", "extra", none(), s("int"), false), 8), std::nullopt, 4),
      row("gate::Shape", "size", "", n(8), n(16), true),
      row("gate::Shape", "align", "", n(4), n(8), false),
      // The vtable pointer's type is DWARF's spelling of gcc's __vtbl_ptr_type: any name will do.
      sized(at(row("gate::Shape", "field-added", "_vptr.Shape", none(), anyString(), false), 0), std::nullopt, 8),
      row("gate::Shape", "field-moved", "w", n(0), n(8), true),
      row("gate::Shape", "field-moved", "h", n(4), n(12), true),
      row("gate::Widened", "padding", "", n(2), n(0), false),
      sized(at(row("gate::Widened", "field-type", "value", oneOf({"short int", "short"}), s("int"), false), 4), 2, 4),
  };
}

// gate.rs. rustc -Zprint-type-sizes, before → after:
//   Command          8 align 4: discriminant 4 (tag at 0), Go.0@4 → + Jump(u64): 16 align 8, tag still 4 bytes at
//                    0, Go.0@4, Jump.0@8 (after 4 bytes of padding); no byte unused by every variant
//   Option<Handle>   8: no discriminant line (a niche: None is 0 in Some.0) → 16: discriminant 8 bytes, Some.0@8
//   Handle           .0 NonZeroU64 (DWARF: core::num::nonzero::NonZero<u64>) → u64, 8 bytes either way
//   Mode             2: discriminant 1, Write.0@1, Append.0@1 → Append gone, still 2
//   Shuffled         b@0 c@4 a@6 in both builds: the flipped declaration changes nothing
//   Swapped          x@0 y@4 → y@0 x@4 (equal alignment keeps the declared order)
//   FlipC (repr(C))  b@0 a@4 c@5, end padding 2 → a@0, padding 3, b@4, c@8, end padding 3: 12
//   Stable           unchanged
Table rustTable() {
  const std::string option = "core::option::Option<gate::Handle>";
  return {
      row("gate::Command", "size", "", n(8), n(16), true),
      row("gate::Command", "align", "", n(4), n(8), false),
      row("gate::Command", "variant-added", "Jump", none(), s("Jump"), false),
      row(option, "size", "", n(8), n(16), true),
      row(option, "discriminant", "", s("niche"), s("tag"), false),
      row(option, "field-moved", "Some.0", n(0), n(8), false),
      sized(at(row("gate::Handle", "field-type", "0",
                   oneOf({"core::num::nonzero::NonZero<u64>", "core::num::nonzero::NonZeroU64"}), s("u64"), false),
               0),
            8, 8),
      row("gate::Mode", "variant-removed", "Append", s("Append"), none(), false),
      row("gate::Swapped", "field-moved", "y", n(4), n(0), false),
      row("gate::Swapped", "field-moved", "x", n(0), n(4), false),
      row("gate::FlipC", "size", "", n(8), n(12), true),
      row("gate::FlipC", "padding", "", n(2), n(6), true),
      at(row("gate::FlipC", "hole", "a", n(0), n(3), false), 1),
      row("gate::FlipC", "field-moved", "b", n(0), n(4), false),
      row("gate::FlipC", "field-moved", "a", n(4), n(0), false),
      row("gate::FlipC", "field-moved", "c", n(5), n(8), false),
  };
}

bool startsWith(const std::string &s, const std::string &prefix) { return s.rfind(prefix, 0) == 0; }

} // namespace

const std::vector<GatePair> &gatePairs() {
  static const std::vector<GatePair> pairs = [] {
    const TypeFilter cTypes = [](const std::string &t) { return startsWith(t, "gate_"); };
    // C++ and Rust: every type that names the gate namespace or crate, so standard-library wrappers of
    // gate types (core::slice::Iter<Option<gate::Handle>>, …) must not change either.
    const TypeFilter gateNamespace = [](const std::string &t) { return t.find("gate::") != std::string::npos; };
    const std::vector<std::string> cSame{"gate_same"};
    return std::vector<GatePair>{
        {"c_gcc", "gate_c_gcc_before", "gate_c_gcc_after", cTypes, cTable(), cSame},
        {"c_gcc_dwarf4", "gate_c_gcc_dwarf4_before", "gate_c_gcc_dwarf4_after", cTypes, cTable(), cSame},
        {"c_clang", "gate_c_clang_before", "gate_c_clang_after", cTypes, cTable(), cSame},
        {"cpp_gcc", "gate_cpp_gcc_before", "gate_cpp_gcc_after", gateNamespace, cppTable(), {"gate::Base", "gate::Stable"}},
        {"rust", "gate_rust_before", "gate_rust_after", gateNamespace, rustTable(), {"gate::Shuffled", "gate::Stable"}},
    };
  }();
  return pairs;
}

const GatePair &gatePair(const std::string &name) {
  for (const GatePair &p : gatePairs())
    if (p.name == name) return p;
  throw std::out_of_range("no gate pair " + name);
}

Table rowsOf(const Table &table, const std::string &type) {
  Table out;
  for (const Expected &e : table)
    if (e.type == type) out.push_back(e);
  return out;
}

} // namespace memlayout::gate
