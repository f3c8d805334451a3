// Qualified type names shortened for people: every path segment cut to its last component.
#pragma once

#include <string>
#include <string_view>

namespace memlayout::support {

// Every `::` path cut to its last component, inside generic arguments too, spaces kept, and Rust's
// default allocator argument dropped: "core::option::Option<alloc::boxed::Box<i32, alloc::alloc::Global>>"
// → "Option<Box<i32>>", "(anonymous namespace)::Hidden" → "Hidden", "Box<dyn core::fmt::Debug>" →
// "Box<dyn Debug>". Used both to match what users type (--struct) and to print long names.
std::string shortenTypePaths(std::string_view name);

} // namespace memlayout::support
