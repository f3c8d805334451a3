// What the benchmark's helpers read: the file named on their command line, opened as ELF and DWARF.
#pragma once

#include "dwarf/context.h"
#include "elf/elf_reader.h"
#include "support/error.h"

#include <llvm/DebugInfo/DWARF/DWARFContext.h>

#include <cstdio>
#include <memory>

namespace memlayout::bench {

struct BenchInput {
  std::unique_ptr<elf::ElfInput> elf;
  dwarf::Warnings warnings; // written to by the context's handlers: declared before it, outlives it
  std::unique_ptr<llvm::DWARFContext> context;
};

// `tool FILE`'s file opened, or null after a usage line or the reason it cannot be read on stderr.
inline std::unique_ptr<BenchInput> openInput(int argc, char **argv, const char *tool) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s FILE\n", tool);
    return nullptr;
  }
  auto result = std::make_unique<BenchInput>(); // the handlers hold the warnings' address
  auto elf = elf::ElfInput::open(argv[1]);
  if (!elf) {
    std::fprintf(stderr, "%s\n", support::takeErrorReport(elf.takeError()).message.c_str());
    return nullptr;
  }
  result->elf = std::move(*elf);
  auto context = dwarf::openContext(result->elf->object(), argv[1], result->warnings);
  if (!context) {
    std::fprintf(stderr, "%s\n", support::takeErrorReport(context.takeError()).message.c_str());
    return nullptr;
  }
  result->context = std::move(*context);
  return result;
}

} // namespace memlayout::bench
