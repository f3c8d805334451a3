# Reader tests (label `readers`): dwarf::readTypes on the samples (plain, type units, compressed, other
# ABIs) and on DWARF built from YAML; plus dump_types, a driver for checking and timing by hand.
add_executable(dump_types readers/dump_types.cpp)
target_link_libraries(dump_types PRIVATE ml_dwarf ml_elf ml_support ml_settings)

add_executable(reader_tests readers/sample_types_test.cpp readers/rust_types_test.cpp readers/dwarf_yaml_test.cpp
  readers/raw_unit_test.cpp readers/fingerprint_test.cpp readers/unit_reader_test.cpp)
target_link_libraries(reader_tests PRIVATE ml_dwarf ml_elf ml_support ml_settings GTest::gtest_main)
ml_link_llvm(reader_tests ObjectYAML Object Support)
if(TARGET samples)
  add_dependencies(reader_tests samples)
endif()
ml_add_gtest_suites(reader_tests readers PROPERTIES LABELS readers ENVIRONMENT "ML_SAMPLES_FILE=${ML_SAMPLES_FILE}")

# Damaged debug sections (tests/robustness/mutation_test.cpp, DwarfMutation): samples covering DWARF 4
# and 5, C, C++ and Rust, type units, compression, relocations, ELF32 and big-endian.
set(ml_dwarf_mutation_inputs "")
foreach(sample c_gcc_dwarf4 c_clang_dwarf5 cpp_gcc_dwarf4 cpp_clang_dwarf5 cpp_gcc_dwarf4_types cpp_clang_dwarf5_types
    c_gcc_dwarf5.o c_clang_dwarf5_zlib cpp_gcc_dwarf5_zstd c_gcc_i386.o tiny_ppc.o rust_dwarf5)
  if(DEFINED ML_SAMPLE_PATH_${sample})
    list(APPEND ml_dwarf_mutation_inputs ${ML_SAMPLE_PATH_${sample}})
  endif()
endforeach()
string(REPLACE ";" "\\;" ml_dwarf_mutation_env "${ml_dwarf_mutation_inputs}")
add_test(NAME robustness.dwarf_mutations COMMAND mutation_test --gtest_filter=DwarfMutation.*)
set_tests_properties(robustness.dwarf_mutations PROPERTIES LABELS "robustness;readers"
  ENVIRONMENT "ML_DWARF_MUTATION_INPUTS=${ml_dwarf_mutation_env}" TIMEOUT 1200 COST 100)
