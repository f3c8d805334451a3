// The DWARFContext types are read with: our own error handlers (nothing printed), relocations applied
// only where they are needed, and a private copy of each unit so its DIEs are freed once it is read.
#pragma once

#include "dwarf/warnings.h"

#include <llvm/Support/Error.h>

#include <memory>
#include <string>

namespace llvm {
class DWARFContext;
class DWARFDebugAbbrev;
class DWARFUnit;
namespace object {
class ObjectFile;
}
} // namespace llvm

namespace memlayout::dwarf {

// A compressed section (SHF_COMPRESSED; DWARFContext decompresses every one, debug or not) whose header
// claims an absurd uncompressed size would make LLVM allocate that much before finding out, and abort
// when it cannot: reject those first. Error: CorruptDwarf naming the section.
llvm::Error checkCompressedSections(const llvm::object::ObjectFile &object, const std::string &path);

// Damage found while the context parses goes to `warnings`, which must outlive the context. The context
// is made thread-safe (LLVM locks its lazily built tables), for units read in parallel.
// Relocations are applied for relocatable objects only: linked files have theirs resolved already
// (the kernel's vmlinux keeps 11 million .rela.debug_info entries it does not need).
// Errors: CorruptDwarf (checkCompressedSections); CorruptElf for relocation sections LLVM would abort on.
llvm::Expected<std::unique_ptr<llvm::DWARFContext>> openContext(const llvm::object::ObjectFile &object,
                                                                const std::string &path, Warnings &warnings);

// A unit object of our own for `unit` (same header, sections and unit vector). LLVM keeps every DIE
// a unit ever parsed until the context goes away (DWARFUnit::clearDIEs is private); a private copy
// frees them when it is destroyed. References into other units (DW_FORM_ref_addr, ref_sig8) still
// resolve through the context. nullptr (and a warning) when the header cannot be read again.
// `abbreviations`: the .debug_abbrev reader the unit uses (default: the context's). DWARFDebugAbbrev caches
// what it parsed in mutable members without a lock, so each thread reading units needs its own
// (abbreviationsReader), and it must outlive the unit.
std::unique_ptr<llvm::DWARFUnit> privateUnit(llvm::DWARFContext &context, const llvm::DWARFUnit &unit,
                                             bool inTypesSection, Warnings &warnings,
                                             const llvm::DWARFDebugAbbrev *abbreviations = nullptr);
std::unique_ptr<llvm::DWARFDebugAbbrev> abbreviationsReader(const llvm::DWARFContext &context);

} // namespace memlayout::dwarf
