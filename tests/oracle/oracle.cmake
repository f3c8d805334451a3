# Oracle tests: memlayout's segments, sections and section-to-segment map against `readelf -lSW`, one ctest per input.
#
# Inputs: every sample (built ones must exist; ones this machine cannot build report as skipped), the
# well-formed yaml2obj inputs, and a few system binaries (skipped when absent). Label: oracle.
add_library(ml_test_subprocess STATIC ${CMAKE_CURRENT_LIST_DIR}/subprocess.cpp)
target_include_directories(ml_test_subprocess PUBLIC ${CMAKE_CURRENT_LIST_DIR})
target_link_libraries(ml_test_subprocess PRIVATE ml_settings)

add_executable(oracle_readelf ${CMAKE_CURRENT_LIST_DIR}/oracle_readelf.cpp)
target_link_libraries(oracle_readelf PRIVATE ml_test_subprocess ml_settings nlohmann_json::nlohmann_json)

set(ml_oracle_readelf "${ML_READELF}")
if(NOT ml_oracle_readelf)
  set(ml_oracle_readelf readelf-NOTFOUND) # the oracle reports every test as skipped
endif()

# ml_add_readelf_oracle(<test name> <file> [MISSING_OK] [SKIP <reason>])
function(ml_add_readelf_oracle name file)
  cmake_parse_arguments(PARSE_ARGV 2 arg "MISSING_OK" "SKIP" "")
  set(options "")
  if(arg_MISSING_OK)
    list(APPEND options --missing-ok)
  endif()
  if(DEFINED arg_SKIP)
    list(APPEND options --skip "${arg_SKIP}")
  endif()
  add_test(NAME oracle.readelf.${name}
    COMMAND oracle_readelf ${options} ${ML_MEMLAYOUT} "${ml_oracle_readelf}" "${file}")
  set_tests_properties(oracle.readelf.${name} PROPERTIES LABELS oracle SKIP_RETURN_CODE 77 TIMEOUT 120)
endfunction()

foreach(name IN LISTS ML_TEST_SAMPLES)
  ml_add_readelf_oracle(${name} "${ML_TEST_SAMPLE_PATH_${name}}")
endforeach()
foreach(name IN LISTS ML_TEST_SAMPLES_SKIPPED)
  if(NOT name IN_LIST ML_TEST_SAMPLES)
    ml_add_readelf_oracle(${name} "${CMAKE_BINARY_DIR}/samples/${name}"
      SKIP "sample ${name} is not built here: ${ML_TEST_SAMPLE_SKIP_REASON_${name}}")
  endif()
endforeach()

# yaml2obj inputs that are well-formed (the corrupt_* ones belong to the error tests).
foreach(name IN LISTS ML_TEST_INPUT_NAMES)
  if(NOT name MATCHES "^corrupt_")
    ml_add_readelf_oracle(input.${name} "${ML_INPUT_${name}}")
  endif()
endforeach()

# System binaries: a small executable, libc (the real file, not the symlink), the dynamic loader and
# a large C++ program. Absent ones are registered anyway and skip, so the list reads the same everywhere.
file(REAL_PATH /lib/x86_64-linux-gnu/libc.so.6 ml_libc)
file(REAL_PATH /lib64/ld-linux-x86-64.so.2 ml_loader)
foreach(entry IN ITEMS "ls|/bin/ls" "libc|${ml_libc}" "ld-linux|${ml_loader}" "cmake|${CMAKE_COMMAND}")
  string(REPLACE "|" ";" entry "${entry}")
  list(GET entry 0 name)
  list(GET entry 1 path)
  if(EXISTS "${path}")
    ml_add_readelf_oracle(system.${name} "${path}" MISSING_OK)
  else()
    ml_add_readelf_oracle(system.${name} "${path}" SKIP "${path} does not exist on this machine")
  endif()
endforeach()
