# Rust type oracle: memlayout's JSON for every type of each Rust sample against `rustc -Zprint-type-sizes`, plus the issue's acceptance values; one ctest per sample (oracle.rust.<sample>, label oracle).
#
#   ctest --test-dir BUILD -R oracle.rust -V       one line per type rustc prints
# What is compared, and how names are matched: tests/oracle/rust_types_oracle.cpp and the rust_*.h
# files beside it. rustc reruns on the sample's source with the flags it was built with
# (ML_SAMPLE_COMPILE_FLAGS) plus RUSTC_BOOTSTRAP=1; a rustc that still refuses -Z reports the test
# as skipped. A gtest (label unit) covers the output parser and the name rules on canned text.
add_library(ml_test_rust_oracle STATIC
  ${CMAKE_CURRENT_LIST_DIR}/rust_type_sizes.cpp
  ${CMAKE_CURRENT_LIST_DIR}/rust_names.cpp
  ${CMAKE_CURRENT_LIST_DIR}/rust_compare.cpp
  ${CMAKE_CURRENT_LIST_DIR}/rust_expectations.cpp)
target_include_directories(ml_test_rust_oracle PUBLIC ${CMAKE_CURRENT_LIST_DIR})
target_link_libraries(ml_test_rust_oracle PUBLIC nlohmann_json::nlohmann_json PRIVATE ml_settings)

add_executable(rust_types_oracle ${CMAKE_CURRENT_LIST_DIR}/rust_types_oracle.cpp)
target_link_libraries(rust_types_oracle PRIVATE ml_test_rust_oracle ml_test_subprocess ml_settings)

add_executable(rust_oracle_test ${CMAKE_CURRENT_LIST_DIR}/rust_oracle_test.cpp)
target_link_libraries(rust_oracle_test PRIVATE ml_test_rust_oracle ml_settings GTest::gtest_main)
ml_add_gtest_suites(rust_oracle_test unit.rust_oracle PROPERTIES LABELS unit)

# Standard-library instantiations the sample makes on purpose (rustc's spelling): each must be in
# rustc's output and found in memlayout's, like the sample's own types. (Not Box<Point>: rustc
# describes a thin Box as a DW_TAG_pointer_type, no aggregate; Owners' `boxed` field is checked.)
set(ml_rust_required
  "std::option::Option<std::boxed::Box<i32>>"
  "std::option::Option<bool>"
  "std::option::Option<char>"
  "std::option::Option<&u8>"
  "std::option::Option<std::num::NonZero<u32>>"
  "std::option::Option<std::num::NonZero<u128>>"
  "std::option::Option<std::vec::Vec<u8>>"
  "std::option::Option<Direction>"
  "std::result::Result<u32, std::string::String>"
  "std::vec::Vec<Point>"
  "std::string::String"
  "std::rc::Rc<std::cell::Cell<u32>>"
  "std::sync::Arc<u64>")

# Types rustc prints that DWARF does not hold, "rustc name|reason" (the test fails if one turns up
# in memlayout's output, or if rustc stops printing it).
set(ml_rust_no_dwarf)

# Where rustc's DWARF contradicts its own layout, "rustc name|start of the problem line|evidence":
# memlayout shows what DWARF says, the test shows the line as a note, and fails once the difference
# goes away.
# (Empty: the one rustc 1.95 quirk met so far, the captured argument b of add_after_yield's Suspend0
# state placed by DWARF at offset 8 where the body's local b lives, is corrected by the reader since
# 99eeadd, as the poll function's code shows: it loads the argument from 0 and stores it to 8.)
set(ml_rust_known_differences)

get_filename_component(ml_rust_root "${CMAKE_CURRENT_LIST_DIR}/../.." ABSOLUTE)
get_property(ml_rust_samples GLOBAL PROPERTY ML_SAMPLE_NAMES)
foreach(name IN LISTS ml_rust_samples)
  get_property(lang GLOBAL PROPERTY ML_SAMPLE_LANG_${name})
  if(NOT lang STREQUAL "Rust" OR name STREQUAL "rust_samples" OR name MATCHES "^gate_") # rust_samples is a copy of rust_dwarf5; gate_* are checked by tests/gate
    continue()
  endif()
  foreach(column IN ITEMS PATH SOURCE PROGRAM COMPILE_FLAGS ENV)
    get_property(${column} GLOBAL PROPERTY ML_SAMPLE_${column}_${name})
  endforeach()
  get_filename_component(crate "${SOURCE}" NAME_WE)
  set(args --memlayout ${ML_MEMLAYOUT} --sample ${PATH} --root ${ml_rust_root} --source ${SOURCE}
    --rustc ${PROGRAM} --crate ${crate})
  foreach(flag IN LISTS COMPILE_FLAGS)
    list(APPEND args --flag ${flag})
  endforeach()
  foreach(pair IN LISTS ENV)
    list(APPEND args --env ${pair})
  endforeach()
  foreach(type IN LISTS ml_rust_required)
    list(APPEND args --require ${type})
  endforeach()
  foreach(entry IN LISTS ml_rust_no_dwarf)
    string(REPLACE "|" ";" entry "${entry}")
    list(GET entry 0 type)
    list(GET entry 1 reason)
    list(APPEND args --no-dwarf ${type} ${reason})
  endforeach()
  foreach(entry IN LISTS ml_rust_known_differences)
    string(REPLACE "|" ";" entry "${entry}")
    list(GET entry 0 type)
    list(GET entry 1 problem)
    list(GET entry 2 reason)
    list(APPEND args --known-difference ${type} ${problem} ${reason})
  endforeach()
  add_test(NAME oracle.rust.${name} COMMAND rust_types_oracle ${args})
  set_tests_properties(oracle.rust.${name} PROPERTIES LABELS oracle SKIP_RETURN_CODE 77 TIMEOUT 900)
endforeach()

# Rust samples this machine cannot build: listed, and skipped with the reason.
get_property(ml_rust_skipped GLOBAL PROPERTY ML_SAMPLES_SKIPPED)
foreach(name IN LISTS ml_rust_skipped)
  if(name MATCHES "^rust_dwarf")
    get_property(reason GLOBAL PROPERTY ML_SAMPLE_SKIP_REASON_${name})
    add_test(NAME oracle.rust.${name} COMMAND rust_types_oracle --skip "sample ${name} is not built here: ${reason}")
    set_tests_properties(oracle.rust.${name} PROPERTIES LABELS oracle SKIP_RETURN_CODE 77)
  endif()
endforeach()
