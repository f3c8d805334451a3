# Type-layout oracle: memlayout's --struct/--types JSON for every C and C++ sample against clang's record layouts and pahole, one ctest per sample.
#
#   ctest --test-dir BUILD -L oracle -R oracle.types   all of them (oracle.types.<sample>; a bare
#                                                      `-R types` also picks oracle.readelf.*_types)
#   ctest --test-dir BUILD -R oracle.types.cpp_gcc_dwarf4 -V      one, with every type's line
# What is compared, and why pahole is overruled for a few types: tests/oracle/oracle_types.cpp.
# Needs clang (clang-19 preferred: the dump format is clang's) and pahole (package dwarves); a
# test whose tool is missing reports itself skipped.
add_executable(oracle_types
  ${CMAKE_CURRENT_LIST_DIR}/oracle_types.cpp
  ${CMAKE_CURRENT_LIST_DIR}/types_clang.cpp
  ${CMAKE_CURRENT_LIST_DIR}/types_pahole.cpp
  ${CMAKE_CURRENT_LIST_DIR}/types_source.cpp)
target_link_libraries(oracle_types PRIVATE ml_test_subprocess ml_settings nlohmann_json::nlohmann_json)

find_program(ML_ORACLE_CLANG NAMES clang-19 clang HINTS ${LLVM_TOOLS_BINARY_DIR})
find_program(ML_PAHOLE NAMES pahole)
find_program(ML_ORACLE_READELF NAMES readelf)
foreach(tool IN ITEMS ML_ORACLE_CLANG ML_PAHOLE ML_ORACLE_READELF)
  if(NOT ${tool})
    set(${tool} ${tool}-NOTFOUND) # the oracle reports the tests as skipped
  endif()
endforeach()

# Types whose holes or padding pahole 1.24 gets wrong (checked: pahole must still be wrong there,
# and memlayout must agree with clang):
#   Diamond, Left, Right   virtual bases: pahole puts the base at offset 4294967295 and, for Diamond, a
#                          65532-byte hole; for Left/Right it calls the virtual base's bytes padding
#   ReusesTailPadding      a member in the base's tail padding: a 65533-byte hole and "padding: 2"
#   WithoutNoUniqueAddress an empty member: pahole sizes it 0, so it sees a 4-byte hole where the
#                          member's own byte leaves 3
# [[no_unique_address]] itself (WithNoUniqueAddress) is not listed: pahole 1.24 gets it right.
set(ml_pahole_wrong Diamond Left Right ReusesTailPadding WithoutNoUniqueAddress)

get_filename_component(ml_types_root "${CMAKE_CURRENT_LIST_DIR}/../.." ABSOLUTE)
get_property(ml_type_samples GLOBAL PROPERTY ML_SAMPLE_NAMES)
foreach(name IN LISTS ml_type_samples)
  get_property(lang GLOBAL PROPERTY ML_SAMPLE_LANG_${name})
  if(NOT lang STREQUAL "C" AND NOT lang STREQUAL "C++")
    continue()
  endif()
  foreach(column IN ITEMS PATH SOURCE LAYOUT_FLAGS VARIANT BASELINE)
    get_property(${column} GLOBAL PROPERTY ML_SAMPLE_${column}_${name})
  endforeach()
  set(args --memlayout ${ML_MEMLAYOUT} --sample ${PATH} --root ${ml_types_root} --source ${SOURCE}
    --lang ${lang} --clang ${ML_ORACLE_CLANG} --pahole ${ML_PAHOLE} --readelf ${ML_ORACLE_READELF})
  foreach(flag IN LISTS LAYOUT_FLAGS)
    list(APPEND args --layout-flag ${flag})
  endforeach()
  if(VARIANT)
    list(APPEND args --variant ${VARIANT})
  endif()
  if(BASELINE)
    get_property(baseline_path GLOBAL PROPERTY ML_SAMPLE_PATH_${BASELINE})
    list(APPEND args --baseline ${baseline_path})
  endif()
  if(VARIANT STREQUAL "types")
    list(APPEND args --no-pahole "pahole 1.24 cannot follow references into type units (bases print as '(null)', members lose their types)")
  endif()
  if(lang STREQUAL "C++")
    foreach(type IN LISTS ml_pahole_wrong)
      list(APPEND args --pahole-wrong ${type})
    endforeach()
  endif()
  add_test(NAME oracle.types.${name} COMMAND oracle_types ${args})
  set_tests_properties(oracle.types.${name} PROPERTIES LABELS oracle SKIP_RETURN_CODE 77 TIMEOUT 600)
endforeach()

# C and C++ samples this machine cannot build: listed, and skipped with the reason.
get_property(ml_type_skipped GLOBAL PROPERTY ML_SAMPLES_SKIPPED)
foreach(name IN LISTS ml_type_skipped)
  if(name MATCHES "^(c|cpp|tiny)_" OR name STREQUAL "libshapes.so")
    get_property(reason GLOBAL PROPERTY ML_SAMPLE_SKIP_REASON_${name})
    add_test(NAME oracle.types.${name} COMMAND oracle_types --skip "sample ${name} is not built here: ${reason}")
    set_tests_properties(oracle.types.${name} PROPERTIES LABELS oracle SKIP_RETURN_CODE 77)
  endif()
endforeach()
