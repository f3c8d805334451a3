# Golden tests: exact text, JSON and Markdown for yaml2obj-built fixtures, whose every address is fixed by
# their YAML (tests/inputs/). Regenerate: UPDATE_GOLDEN=1 ctest -L golden, then review the diff by eye.
set(ML_GOLDEN_DIR ${CMAKE_CURRENT_SOURCE_DIR}/golden)
# A golden file's extension: txt, json, md, github.
function(ml_golden_extension format out)
  set(extension ${format})
  if(format STREQUAL "markdown")
    set(extension md)
  elseif(format STREQUAL "text")
    set(extension txt)
  endif()
  set(${out} ${extension} PARENT_SCOPE)
endfunction()
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
      ml_golden_extension(${format} extension)
      add_test(NAME golden.${fixture}.${action}.${format}
        COMMAND ${CMAKE_COMMAND} -DMEMLAYOUT=${ML_MEMLAYOUT} -DWORKDIR=${input_dir}
                "-DARGS=${input_name};${action_args};--format;${format}"
                -DGOLDEN=${ML_GOLDEN_DIR}/${fixture}.${action}.${extension}
                -P ${PROJECT_SOURCE_DIR}/cmake/GoldenTest.cmake)
      set_tests_properties(golden.${fixture}.${action}.${format} PROPERTIES LABELS golden)
    endforeach()
  endforeach()
endforeach()

# Type layouts on samples built here (gcc's DWARF 5 for C and C++: stable from run to run on one
# machine; a new compiler may move a line number, then regenerate and review). Each case: a name, the
# sample, the formats, the arguments after the file.
function(ml_add_type_golden name sample formats)
  if(NOT DEFINED ML_TEST_SAMPLE_PATH_${sample})
    return()
  endif()
  get_filename_component(sample_dir "${ML_TEST_SAMPLE_PATH_${sample}}" DIRECTORY)
  foreach(format IN LISTS formats)
    ml_golden_extension(${format} extension)
    add_test(NAME golden.${sample}.${name}.${format}
      COMMAND ${CMAKE_COMMAND} -DMEMLAYOUT=${ML_MEMLAYOUT} -DWORKDIR=${sample_dir}
              "-DARGS=${sample};${ARGN};--format;${format}"
              -DGOLDEN=${ML_GOLDEN_DIR}/${sample}.${name}.${extension}
              -P ${PROJECT_SOURCE_DIR}/cmake/GoldenTest.cmake)
    set_tests_properties(golden.${sample}.${name}.${format} PROPERTIES LABELS golden)
  endforeach()
endfunction()

ml_add_type_golden(struct c_gcc_dwarf5 "text;json;markdown"
  --struct hole_char_int_double --struct "bitfield_*" --struct int_or_double --struct crosses_cacheline
  --struct flexible_array --struct packed_record --struct aligned_64 --struct color --struct polygon --suggest)
ml_add_type_golden(expand c_gcc_dwarf5 "text;json"
  --struct nested_anonymous --struct polygon --expand --cacheline 16)
ml_add_type_golden(types c_gcc_dwarf5 "text;json;markdown" --types --sort name)
ml_add_type_golden(types_top c_gcc_dwarf5 "text" --types --top 3 --suggest)
ml_add_type_golden(struct cpp_gcc_dwarf5 "text;json;markdown"
  --struct Diamond --struct ReusesTailPadding --struct NoTailPaddingReuse --struct EmptyBaseOptimized
  --struct WithNoUniqueAddress --struct WithoutNoUniqueAddress --struct Circle --struct "Pair<int, long>"
  --struct "geo::*" --suggest)
# Rust: the tutorial's Message (a niche in String's capacity) and Option<Box<i32>> (None is the null
# pointer). rustc changes its layouts and DWARF between versions (1.95 here: the capacity became
# UsizeNoHighBit in 1.84), so the goldens hold two types only; after a rustc upgrade regenerate with
# UPDATE_GOLDEN=1 ctest -L golden -R rust and review the diff against -Zprint-type-sizes (oracle.rust.*).
ml_add_type_golden(rust rust_dwarf5 "text;json;markdown"
  --struct Message --struct "Option<Box<i32>>" --suggest)

# The CI gate's reports on the gate sample pairs (samples/gate/): `AFTER --diff BEFORE` exits 1, and its
# text, Markdown (pull-request comments) and GitHub annotations are compared whole. Declarations are
# relative paths (the samples are built with -fdebug-prefix-map), so the goldens hold no machine paths.
# After a compiler upgrade, regenerate with UPDATE_GOLDEN=1 ctest -L golden -R golden.gate and review.
function(ml_add_gate_golden pair formats)
  if(NOT DEFINED ML_TEST_SAMPLE_PATH_gate_${pair}_before OR NOT DEFINED ML_TEST_SAMPLE_PATH_gate_${pair}_after)
    return()
  endif()
  get_filename_component(sample_dir "${ML_TEST_SAMPLE_PATH_gate_${pair}_after}" DIRECTORY)
  foreach(format IN LISTS formats)
    ml_golden_extension(${format} extension)
    add_test(NAME golden.gate_${pair}.diff.${format}
      COMMAND ${CMAKE_COMMAND} -DMEMLAYOUT=${ML_MEMLAYOUT} -DWORKDIR=${sample_dir} -DEXIT=1
              "-DARGS=gate_${pair}_after;--diff;gate_${pair}_before;${ARGN};--format;${format}"
              -DGOLDEN=${ML_GOLDEN_DIR}/gate_${pair}.diff.${extension}
              -P ${PROJECT_SOURCE_DIR}/cmake/GoldenTest.cmake)
    set_tests_properties(golden.gate_${pair}.diff.${format} PROPERTIES LABELS "golden;gate")
  endforeach()
endfunction()

ml_add_gate_golden(c_gcc "text;markdown;github")
ml_add_gate_golden(cpp_gcc "text;markdown;github")
# Rust: the gate crate's types only (rustc's standard-library types move with its version).
ml_add_gate_golden(rust "text;markdown;github" --struct "gate::*" --struct "Option<gate::Handle>")
