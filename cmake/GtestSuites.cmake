# ml_add_gtest_suites(<target> <prefix> [PROPERTIES <test properties>...]): one ctest per gtest suite
# of <target>, named <prefix>.<Suite>, running that suite's tests (and its parameterized instances) in
# one process. One process per test case cost the suite a minute and a half of sanitizer and LLVM
# start-ups on 2 cores. Suites are found in the target's sources (TEST, TEST_F, TEST_P at a line's
# start); editing a source re-runs the scan. One test: `<target> --gtest_filter=Suite.Name`.
function(ml_add_gtest_suites target prefix)
  cmake_parse_arguments(arg "" "" "PROPERTIES" ${ARGN})
  get_target_property(sources ${target} SOURCES)
  get_target_property(dir ${target} SOURCE_DIR)
  set(suites "")
  set(scanned "")
  foreach(source IN LISTS sources)
    if(NOT IS_ABSOLUTE "${source}")
      set(source "${dir}/${source}")
    endif()
    list(APPEND scanned "${source}")
    file(STRINGS "${source}" lines REGEX "^[ \t]*TEST(_F|_P)?\\([ \t]*[A-Za-z0-9_]+[ \t]*,")
    foreach(line IN LISTS lines)
      string(REGEX REPLACE "^[ \t]*TEST(_F|_P)?\\([ \t]*([A-Za-z0-9_]+).*" "\\2" suite "${line}")
      list(APPEND suites "${suite}")
    endforeach()
  endforeach()
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${scanned})
  list(REMOVE_DUPLICATES suites)
  if(NOT suites)
    message(FATAL_ERROR "ml_add_gtest_suites: no TEST, TEST_F or TEST_P in the sources of ${target}")
  endif()
  foreach(suite IN LISTS suites)
    add_test(NAME ${prefix}.${suite} COMMAND ${target} "--gtest_filter=${suite}.*:*/${suite}.*")
    # A suite the filter no longer finds (renamed since the scan) must not pass by running nothing.
    set_tests_properties(${prefix}.${suite} PROPERTIES FAIL_REGULAR_EXPRESSION "0 tests from 0 test suites ran"
      ${arg_PROPERTIES})
  endforeach()
endfunction()
