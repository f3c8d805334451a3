# The persistent type index (label cache): tests/cache/check_cache.cmake on samples with compile units only,
# type units, compression, a relocatable object and Rust; each in its own XDG_CACHE_HOME.
foreach(case "c_gcc_dwarf5;hole_char_int_double" "cpp_clang_dwarf4_types;geo::*" "cpp_gcc_dwarf5_zlib;Diamond"
             "c_gcc_dwarf5.o;polygon" "rust_dwarf5;Message")
  list(GET case 0 sample)
  list(GET case 1 struct)
  if(NOT DEFINED ML_TEST_SAMPLE_PATH_${sample})
    continue()
  endif()
  add_test(NAME cache.${sample}
    COMMAND ${CMAKE_COMMAND} -DMEMLAYOUT=${ML_MEMLAYOUT} "-DSAMPLE=${ML_TEST_SAMPLE_PATH_${sample}}"
            "-DSTRUCT=${struct}" -DWORK=${CMAKE_CURRENT_BINARY_DIR}/cache-test/${sample}
            -P ${CMAKE_CURRENT_LIST_DIR}/check_cache.cmake)
  set_tests_properties(cache.${sample} PROPERTIES LABELS cache)
endforeach()
