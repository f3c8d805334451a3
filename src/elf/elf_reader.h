// The only way into elf/: open a file as ELF (validating every table first) and read it into model::Binary.
#pragma once

#include "model/binary.h"

#include <llvm/Support/Error.h>

#include <memory>
#include <string>

namespace llvm {
class MemoryBuffer;
namespace object {
class ObjectFile;
}
} // namespace llvm

namespace memlayout::elf {

// An open, validated ELF file. Owns the bytes; object() stays valid as long as this lives.
class ElfInput {
public:
  // Errors: Io (missing, directory, unreadable, not a regular file), NotElf, Truncated, CorruptElf.
  static llvm::Expected<std::unique_ptr<ElfInput>> open(const std::string &path);
  ~ElfInput();
  ElfInput(const ElfInput &) = delete;
  ElfInput &operator=(const ElfInput &) = delete;

  const std::string &path() const { return path_; }
  const llvm::object::ObjectFile &object() const { return *object_; }
  std::uint64_t fileSize() const;

private:
  ElfInput(std::string path, std::unique_ptr<llvm::MemoryBuffer> buffer,
           std::unique_ptr<llvm::object::ObjectFile> object);
  std::string path_;
  std::unique_ptr<llvm::MemoryBuffer> buffer_;
  std::unique_ptr<llvm::object::ObjectFile> object_;
};

// Header, program headers and section headers, with the section-to-segment map filled in.
llvm::Expected<model::Binary> readBinary(const ElfInput &input);

} // namespace memlayout::elf
