# Invariant tests: for every type memlayout lists in every sample (C, C++, Rust; all variants), field bytes + holes + trailing padding = size and the rest of the SPEC's arithmetic.
#
#   ctest --test-dir BUILD -L invariants          one test per sample: invariants.types.<sample>
# The checks are listed atop invariants_types.cpp. Samples this machine cannot build are skipped.
add_executable(invariants_types ${CMAKE_CURRENT_LIST_DIR}/invariants_types.cpp)
target_link_libraries(invariants_types PRIVATE ml_test_subprocess ml_settings nlohmann_json::nlohmann_json)

get_property(ml_invariant_samples GLOBAL PROPERTY ML_SAMPLE_NAMES)
foreach(name IN LISTS ml_invariant_samples)
  get_property(path GLOBAL PROPERTY ML_SAMPLE_PATH_${name})
  add_test(NAME invariants.types.${name} COMMAND invariants_types ${ML_MEMLAYOUT} ${path})
  set_tests_properties(invariants.types.${name} PROPERTIES LABELS invariants SKIP_RETURN_CODE 77 TIMEOUT 600)
endforeach()
get_property(ml_invariant_skipped GLOBAL PROPERTY ML_SAMPLES_SKIPPED)
foreach(name IN LISTS ml_invariant_skipped)
  get_property(reason GLOBAL PROPERTY ML_SAMPLE_SKIP_REASON_${name})
  add_test(NAME invariants.types.${name} COMMAND invariants_types --skip "sample ${name} is not built here: ${reason}")
  set_tests_properties(invariants.types.${name} PROPERTIES LABELS invariants SKIP_RETURN_CODE 77)
endforeach()
