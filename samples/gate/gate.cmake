# The CI gate's sample pairs: samples/gate/gate.{c,cpp,rs}, each built "before" and "after" from one source (included by samples/CMakeLists.txt, so the outputs belong to its `samples` target).
#
#   gate_c_gcc_{before,after}          gcc, DWARF 5          -DGATE_AFTER selects the after layouts
#   gate_c_gcc_dwarf4_{before,after}   gcc, DWARF 4
#   gate_c_clang_{before,after}        clang, DWARF 5
#   gate_cpp_gcc_{before,after}        g++ -std=c++20, DWARF 5
#   gate_rust_{before,after}           rustc, DWARF 5 (else 4)   --cfg gate_after
# The flag that selects "after" is among FLAGS, so the type oracle's clang sees the same layouts.
# Expected changes per type: the tables atop each source and tests/gate/.
set(gate_c samples/gate/gate.c)
set(gate_cpp samples/gate/gate.cpp)
set(gate_rs samples/gate/gate.rs)

# _memlayout_gate_pair(<name> <lang> <compiler family> <program> <dwarf> <flags>...): the before/after
# pair of one source; skipped (both) when the compiler is missing.
function(_memlayout_gate_pair name lang compiler program dwarf)
  if(lang STREQUAL "C")
    set(source ${gate_c})
    set(after_flags -DGATE_AFTER)
  elseif(lang STREQUAL "C++")
    set(source ${gate_cpp})
    set(after_flags -DGATE_AFTER)
  else()
    set(source ${gate_rs})
    set(after_flags --cfg gate_after)
  endif()
  foreach(side IN ITEMS before after)
    if(NOT program)
      memlayout_skip_sample(${name}_${side} "no ${compiler} for ${lang} found")
      continue()
    endif()
    set(side_flags ${ARGN})
    if(side STREQUAL "after")
      list(APPEND side_flags ${after_flags})
    endif()
    if(compiler STREQUAL "rustc")
      memlayout_add_sample(NAME ${name}_${side} SOURCE ${source} LANG ${lang} COMPILER ${compiler}
        PROGRAM "${program}" DWARF ${dwarf} KIND exec FLAGS ${side_flags}
        DWARF_FLAGS ${ML_RUSTC_DWARF${dwarf}_FLAGS} DWARF_ENV ${ML_RUSTC_DWARF${dwarf}_ENV})
    else()
      memlayout_add_sample(NAME ${name}_${side} SOURCE ${source} LANG ${lang} COMPILER ${compiler}
        PROGRAM "${program}" DWARF ${dwarf} KIND exec FLAGS ${side_flags})
    endif()
  endforeach()
endfunction()

_memlayout_gate_pair(gate_c_gcc C gcc "${ML_SAMPLES_GCC}" 5 -std=gnu17)
_memlayout_gate_pair(gate_c_gcc_dwarf4 C gcc "${ML_SAMPLES_GCC}" 4 -std=gnu17)
_memlayout_gate_pair(gate_c_clang C clang "${ML_SAMPLES_CLANG}" 5 -std=gnu17)
_memlayout_gate_pair(gate_cpp_gcc C++ gcc "${ML_SAMPLES_GXX}" 5 -std=c++20)

# Rust: the DWARF version memlayout_probe_rustc() (run above for rust_dwarf*) can select, 5 first.
set(gate_rust_dwarf "")
if(ML_SAMPLES_RUSTC)
  if(ML_RUSTC_DWARF5_OK)
    set(gate_rust_dwarf 5)
  elseif(ML_RUSTC_DWARF4_OK)
    set(gate_rust_dwarf 4)
  endif()
endif()
if(gate_rust_dwarf)
  _memlayout_gate_pair(gate_rust Rust rustc "${ML_SAMPLES_RUSTC}" ${gate_rust_dwarf})
else()
  foreach(side IN ITEMS before after)
    memlayout_skip_sample(gate_rust_${side} "no rustc that can select DWARF 4 or 5")
  endforeach()
endif()
