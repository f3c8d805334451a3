# The CI gate's end-to-end tests (label gate): --diff, --save-baseline/--check, policies and errors on the gate sample pairs and the existing samples; goldens of the Markdown and GitHub reports.
#
#   ctest --test-dir BUILD -L gate           all of them
#   ctest --test-dir BUILD -R gate.GatePairTest -V          one suite (gate.<Suite>); one test:
#   BUILD/tests/gate_tests --gtest_filter=Gate/GatePairTest.DiffReportsExactlyTheExpectedChanges/rust
# Expected changes: tests/gate/gate_expectations.cpp, written from pahole, clang's record dumps and
# rustc -Zprint-type-sizes on samples/gate/. A sample this machine cannot build makes its tests skip.
add_executable(gate_tests
  ${CMAKE_CURRENT_LIST_DIR}/gate_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/gate_support.cpp
  ${CMAKE_CURRENT_LIST_DIR}/gate_expectations.cpp)
target_include_directories(gate_tests PRIVATE ${PROJECT_SOURCE_DIR}/src)
target_link_libraries(gate_tests PRIVATE ml_test_subprocess ml_settings GTest::gtest_main nlohmann_json::nlohmann_json)
set(ml_gate_samples_file "${ML_SAMPLES_FILE}")
if(NOT ml_gate_samples_file)
  set(ml_gate_samples_file "${CMAKE_BINARY_DIR}/samples/samples.txt") # no samples: every test skips
endif()
target_compile_definitions(gate_tests PRIVATE
  ML_GATE_MEMLAYOUT="$<TARGET_FILE:memlayout>"
  ML_GATE_SAMPLES_FILE="${ml_gate_samples_file}"
  ML_GATE_ROOT="${PROJECT_SOURCE_DIR}")
add_dependencies(gate_tests memlayout)
if(TARGET samples)
  add_dependencies(gate_tests samples)
endif()
ml_add_gtest_suites(gate_tests gate PROPERTIES LABELS gate TIMEOUT 600)
set_tests_properties(gate.GatePairTest PROPERTIES COST 50) # the longest suite: started early
