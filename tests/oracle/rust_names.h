// tests/oracle/rust_names.h: matches type names as `rustc -Zprint-type-sizes` prints them with the names rustc writes into DWARF.
//
// The two spellings differ (rustc 1.95):
//   print-type-sizes                                 DWARF (and so memlayout)
//   Message, Borrowed<'_>                            samples::Message, samples::Borrowed
//   std::option::Option<std::boxed::Box<i32>>        core::option::Option<alloc::boxed::Box<i32, alloc::alloc::Global>>
//   std::ptr::NonNull<u8>                            core::ptr::non_null::NonNull<u8>
//   alloc::raw_vec::RawVecInner                      alloc::raw_vec::RawVecInner<alloc::alloc::Global>
//   {closure@std::rt::lang_start<()>::{closure#0}}   std::rt::lang_start::{closure_env#0}<()>
//   {async fn body of add_after_yield()}             samples::add_after_yield::{async_fn_env#0}
//   {closure@samples/rust/samples.rs:359:19: 359:32} samples::main::{closure_env#0}
// So names are compared as token sequences: punctuation must be equal, and each path of rustc's
// must match the DWARF path at the same place: the same last segment; the same first segment,
// where `std` stands for `std`, `core` or `alloc` (std re-exports them) and a path of the local
// crate may lack the crate's name; rustc's middle segments a subsequence of DWARF's (re-exports
// skip private modules: `std::ptr::NonNull` is `core::ptr::non_null::NonNull`). Lifetimes and a
// defaulted `Global` allocator argument are dropped first. Closures and async blocks named by
// their source span are resolved by the caller (they need the source) and passed in as `spans`.
// A closure inside a qualified path (`{closure@<u32 as std::iter::Sum>::sum<…>::{closure#0}}`)
// matches nothing: DWARF names that impl `{impl#36}`, which rustc's spelling does not tell.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace memlayout::testing {

struct NameToken {
  bool isPath = false;
  std::vector<std::string> segments; // a path: `core`, `option`, `Option`; `{closure_env#0}` is one segment
  std::string text;                  // punctuation: "<", ",", "&", "->", "\"C\"", …
  bool operator==(const NameToken &) const = default;
};
using NameTokens = std::vector<NameToken>;

// A closure or async block that rustc names by where it is written:
// `{closure@samples/rust/samples.rs:359:19: 359:32}`, `{async block@FILE:L:C: L:C}`.
struct RustcSpan {
  std::string text;     // the whole braced name, as it appears (also inside generic arguments)
  std::string kind;     // "closure" or "async block"
  std::string file;
  unsigned line = 0, column = 0;
};

// Every span-named closure or async block inside a rustc type name.
std::vector<RustcSpan> findSpans(const std::string &rustcName);

// rustc's spelling, rewritten into DWARF's terms and tokenized. `spans` maps a RustcSpan's text to
// the DWARF path it denotes; a span not in it becomes a path that matches nothing.
NameTokens tokenizeRustcName(const std::string &name, const std::map<std::string, std::string> &spans);
NameTokens tokenizeDwarfName(const std::string &name);

// True when the rustc name denotes the DWARF name, by the rules above; `crate` is the local crate.
// `strict`: every path segment present on both sides (no re-export skipping modules). Where a loose
// match is ambiguous (`std::process::ExitCode` would also match `std::sys::process::unix::common::
// ExitCode`, which rustc prints as well), the caller prefers the rustc name that matches strictly.
bool namesMatch(const NameTokens &rustc, const NameTokens &dwarf, const std::string &crate, bool strict = false);

// True when the outermost path of a rustc name is not in one of the standard library's crates
// (std, core, alloc, and what they link in): a type the sample itself defines. Closures in
// qualified paths are not counted as local.
bool isLocalName(const NameTokens &rustc);

// Every path in a DWARF name (nested ones too), joined with "::".
std::vector<std::string> pathsIn(const NameTokens &tokens);

std::string toString(const NameTokens &tokens);

} // namespace memlayout::testing
