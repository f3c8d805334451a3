# --header against readelf for every sample, system binaries, and compressed-DWARF copies made at test time.
function(ml_add_header_test name file)
  add_test(NAME header.${name}
    COMMAND ${CMAKE_COMMAND} -DMEMLAYOUT=${ML_MEMLAYOUT} -DREADELF=${ML_READELF} -DFILE=${file} ${ARGN}
            -P ${CMAKE_CURRENT_SOURCE_DIR}/header/check_header.cmake)
  set_tests_properties(header.${name} PROPERTIES LABELS oracle SKIP_REGULAR_EXPRESSION "SKIP:")
endfunction()

foreach(sample IN LISTS ML_SAMPLE_NAMES)
  # Compressed sample variants must say so; every other sample must not.
  get_property(variant GLOBAL PROPERTY ML_SAMPLE_VARIANT_${sample})
  if(variant MATCHES "^(zlib|zstd)$")
    ml_add_header_test(${sample} ${ML_SAMPLE_PATH_${sample}} -DCOMPRESSION=${variant})
  else()
    ml_add_header_test(${sample} ${ML_SAMPLE_PATH_${sample}})
  endif()
endforeach()
ml_add_header_test(bin_ls /bin/ls)
ml_add_header_test(libc /lib/x86_64-linux-gnu/libc.so.6)

# Compressed copies of a sample: zlib and zstd (SHF_COMPRESSED), made with binutils' objcopy.
find_program(ML_OBJCOPY objcopy)
if(ML_OBJCOPY AND DEFINED ML_SAMPLE_PATH_c_gcc_dwarf5)
  foreach(compression zlib zstd)
    set(copy ${ML_TEST_INPUTS}/c_gcc_dwarf5.${compression})
    add_custom_command(OUTPUT ${copy}
      COMMAND ${ML_OBJCOPY} --compress-debug-sections=${compression} ${ML_SAMPLE_PATH_c_gcc_dwarf5} ${copy}
      DEPENDS samples COMMENT "Compressing debug sections of c_gcc_dwarf5 with ${compression}")
    list(APPEND ml_compressed_inputs ${copy})
    ml_add_header_test(c_gcc_dwarf5.${compression} ${copy} -DCOMPRESSION=${compression})
  endforeach()
  add_custom_target(compressed_inputs ALL DEPENDS ${ml_compressed_inputs})
endif()
