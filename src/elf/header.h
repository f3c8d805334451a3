// Internal to elf/: the ELF header and what lives beside it (interpreter, build-id, debuglink).
#pragma once

#include "model/binary.h"

#include <llvm/Object/ELF.h>

namespace memlayout::elf {

// Never fails: notes or a debuglink that cannot be read are simply absent.
template <class ELFT> model::ElfHeader readHeader(const llvm::object::ELFFile<ELFT> &file);

} // namespace memlayout::elf
