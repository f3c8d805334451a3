# Definitions shared between units (label readers): tests/units/check_units.cmake with gcc and clang,
# DWARF 4 and 5. A unit skips the definitions an earlier unit built; these tests hold that nothing
# distinct is lost and nothing is listed twice.
find_program(ML_UNITS_GCC NAMES gcc)
find_program(ML_UNITS_CLANG NAMES clang-19 clang HINTS ${LLVM_TOOLS_BINARY_DIR})
foreach(compiler gcc clang)
  string(TOUPPER ${compiler} upper)
  if(NOT ML_UNITS_${upper})
    continue()
  endif()
  foreach(dwarf 4 5)
    add_test(NAME readers.units.${compiler}_dwarf${dwarf}
      COMMAND ${CMAKE_COMMAND} -DCC=${ML_UNITS_${upper}} -DDWARF=${dwarf} -DMEMLAYOUT=${ML_MEMLAYOUT}
              -DSOURCE=${CMAKE_CURRENT_LIST_DIR} -DWORK=${CMAKE_CURRENT_BINARY_DIR}/units-test/${compiler}_dwarf${dwarf}
              -P ${CMAKE_CURRENT_LIST_DIR}/check_units.cmake)
    set_tests_properties(readers.units.${compiler}_dwarf${dwarf} PROPERTIES LABELS readers)
  endforeach()
endforeach()
