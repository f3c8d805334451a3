# Golden tests: exact text, JSON and Markdown for yaml2obj-built fixtures, whose every address is fixed by
# their YAML (tests/inputs/). Regenerate: UPDATE_GOLDEN=1 ctest -L golden, then review the diff by eye.
set(ML_GOLDEN_DIR ${CMAKE_CURRENT_SOURCE_DIR}/golden)
foreach(fixture fixture_exec fixture_be32)
  if(NOT DEFINED ML_INPUT_${fixture})
    continue()
  endif()
  get_filename_component(input_dir "${ML_INPUT_${fixture}}" DIRECTORY)
  get_filename_component(input_name "${ML_INPUT_${fixture}}" NAME)
  foreach(action summary header segments sections)
    set(action_args "--${action}")
    if(action STREQUAL "summary")
      set(action_args "")
    endif()
    foreach(format text json markdown)
      set(extension ${format})
      if(format STREQUAL "markdown")
        set(extension md)
      elseif(format STREQUAL "text")
        set(extension txt)
      endif()
      add_test(NAME golden.${fixture}.${action}.${format}
        COMMAND ${CMAKE_COMMAND} -DMEMLAYOUT=${ML_MEMLAYOUT} -DWORKDIR=${input_dir}
                "-DARGS=${input_name};${action_args};--format;${format}"
                -DGOLDEN=${ML_GOLDEN_DIR}/${fixture}.${action}.${extension}
                -P ${PROJECT_SOURCE_DIR}/cmake/GoldenTest.cmake)
      set_tests_properties(golden.${fixture}.${action}.${format} PROPERTIES LABELS golden)
    endforeach()
  endforeach()
endforeach()
