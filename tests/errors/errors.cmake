# Error-path tests: each bad input or command line gives exit 2, empty stdout, one "memlayout: error:" line; odd but valid inputs give output.
#
# Every test prepares its own input in ${CMAKE_CURRENT_BINARY_DIR}/errors/<name> (see
# expect_memlayout.cpp for the input kinds), so the tests can run in parallel. Label: errors.
add_executable(expect_memlayout ${CMAKE_CURRENT_LIST_DIR}/expect_memlayout.cpp)
target_link_libraries(expect_memlayout PRIVATE ml_test_subprocess ml_settings nlohmann_json::nlohmann_json)

# GNU objcopy makes the stripped copy a distribution would ship; LLVM's will do.
find_program(ML_TESTS_OBJCOPY NAMES objcopy llvm-objcopy-19 llvm-objcopy HINTS ${LLVM_TOOLS_BINARY_DIR})

# A real executable to damage: a sample when one is built here, else the yaml2obj fixture.
set(ml_real_elf "")
set(ml_real_elf_skip "")
if(ML_TEST_EXEC_SAMPLE)
  set(ml_real_elf "${ML_TEST_SAMPLE_PATH_${ML_TEST_EXEC_SAMPLE}}")
elseif(DEFINED ML_INPUT_fixture_exec)
  set(ml_real_elf "${ML_INPUT_fixture_exec}")
else()
  set(ml_real_elf_skip "no executable sample is built here and yaml2obj is missing")
endif()

# ml_add_error_test(<name> [INPUT <kind> <args>...] (ERROR <regex> | OK) [USAGE] [AS_OTHER_USER]
#                   [TIMEOUT <seconds>] [SKIP <reason>] [ARGS <memlayout args>...])
# Regexes are POSIX extended, case-insensitive, searched in the text after "memlayout: error: ";
# keep them free of ';' and '\'.
function(ml_add_error_test name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "OK;USAGE;AS_OTHER_USER" "ERROR;TIMEOUT;SKIP" "INPUT;ARGS")
  set(command expect_memlayout --memlayout ${ML_MEMLAYOUT} --work ${CMAKE_CURRENT_BINARY_DIR}/errors/${name})
  if(arg_INPUT)
    list(APPEND command --input ${arg_INPUT})
  endif()
  if(arg_OK)
    list(APPEND command --ok)
  else()
    list(APPEND command --error "${arg_ERROR}")
  endif()
  if(arg_USAGE)
    list(APPEND command --usage)
  endif()
  if(arg_AS_OTHER_USER)
    list(APPEND command --as-other-user)
  endif()
  set(timeout 30)
  if(arg_TIMEOUT)
    set(timeout ${arg_TIMEOUT})
    math(EXPR inner "${timeout} - 2")
    list(APPEND command --timeout ${inner})
  endif()
  if(DEFINED arg_SKIP AND NOT arg_SKIP STREQUAL "")
    list(APPEND command --skip "${arg_SKIP}")
  endif()
  add_test(NAME errors.${name} COMMAND ${command} -- ${arg_ARGS})
  set_tests_properties(errors.${name} PROPERTIES LABELS errors SKIP_RETURN_CODE 77 TIMEOUT ${timeout})
endfunction()

# Inputs from yaml2obj (tests/inputs/corrupt_*.yaml); skipped when yaml2obj is missing.
function(ml_input_or_skip name out_path out_skip)
  if(DEFINED ML_INPUT_${name})
    set(${out_path} "${ML_INPUT_${name}}" PARENT_SCOPE)
    set(${out_skip} "" PARENT_SCOPE)
  else()
    set(${out_path} "${ML_TEST_INPUTS}/${name}" PARENT_SCOPE)
    set(${out_skip} "yaml2obj is missing, so ${name} is not built" PARENT_SCOPE)
  endif()
endfunction()

set(ml_truncated "truncated|past the end|beyond the end|out of bounds")

# Not ELF at all.
ml_add_error_test(empty_file INPUT empty ERROR "empty" ARGS @INPUT@)
ml_add_error_test(text_file INPUT text ERROR "not an ELF" ARGS @INPUT@)
ml_add_error_test(random_bytes INPUT random 20240601 4096 ERROR "not an ELF" ARGS @INPUT@)

# Truncated: a real executable cut short at three places, and the magic number alone.
ml_add_error_test(truncated_40_bytes INPUT truncate "${ml_real_elf}" 40 ERROR "truncated"
  SKIP "${ml_real_elf_skip}" ARGS @INPUT@)
ml_add_error_test(truncated_in_program_headers INPUT truncate "${ml_real_elf}" phdrs ERROR "${ml_truncated}"
  SKIP "${ml_real_elf_skip}" ARGS @INPUT@ --segments)
ml_add_error_test(truncated_in_section_headers INPUT truncate "${ml_real_elf}" shdrs ERROR "${ml_truncated}"
  SKIP "${ml_real_elf_skip}" ARGS @INPUT@ --sections)
ml_add_error_test(magic_only INPUT truncate "${ml_real_elf}" 4 ERROR "truncated"
  SKIP "${ml_real_elf_skip}" ARGS @INPUT@)

# Corrupt headers, from YAML.
ml_input_or_skip(corrupt_shoff path skip)
ml_add_error_test(section_headers_past_end INPUT copy "${path}" ERROR "${ml_truncated}" SKIP "${skip}"
  ARGS @INPUT@ --sections)
ml_input_or_skip(corrupt_phoff path skip)
ml_add_error_test(program_headers_past_end INPUT copy "${path}" ERROR "${ml_truncated}" SKIP "${skip}"
  ARGS @INPUT@ --segments)
ml_input_or_skip(corrupt_shstrndx path skip)
ml_add_error_test(bad_shstrndx INPUT copy "${path}"
  ERROR "section header string table index 255 does not exist" SKIP "${skip}" ARGS @INPUT@)
ml_input_or_skip(corrupt_shentsize path skip)
ml_add_error_test(bad_shentsize INPUT copy "${path}"
  ERROR "e_shentsize|section header (table )?entry size" SKIP "${skip}" ARGS @INPUT@)
ml_input_or_skip(corrupt_phentsize path skip)
ml_add_error_test(bad_phentsize INPUT copy "${path}"
  ERROR "e_phentsize|program header (table )?entry size" SKIP "${skip}" ARGS @INPUT@)
# EI_CLASS (byte 4) set to 3: neither ELFCLASS32 nor ELFCLASS64.
ml_add_error_test(bad_elf_class INPUT patch "${ml_real_elf}" 4 3 ERROR "class"
  SKIP "${ml_real_elf_skip}" ARGS @INPUT@)

# Not a readable regular file.
ml_add_error_test(missing_file INPUT missing ERROR "no such file" ARGS @INPUT@)
ml_add_error_test(directory INPUT directory ERROR "directory" ARGS @INPUT@)
ml_add_error_test(unreadable_file INPUT unreadable "${ml_real_elf}" ERROR "permission denied" AS_OTHER_USER
  SKIP "${ml_real_elf_skip}" ARGS @INPUT@)
# Opening a FIFO for reading blocks until a writer appears: memlayout must refuse it before opening.
ml_add_error_test(fifo INPUT fifo ERROR "regular file|fifo|pipe" TIMEOUT 10 ARGS @INPUT@)

# Bad usage: no file is named, still one line and exit 2.
ml_input_or_skip(fixture_exec fixture skip)
ml_add_error_test(usage_unknown_flag INPUT copy "${fixture}" ERROR "--bogus" USAGE SKIP "${skip}"
  ARGS @INPUT@ --bogus)
ml_add_error_test(usage_bad_format INPUT copy "${fixture}" ERROR "xml" USAGE SKIP "${skip}"
  ARGS @INPUT@ --format xml)
ml_add_error_test(usage_no_file INPUT none ERROR "FILE" USAGE ARGS --segments)

# Odd but valid: a stripped executable and a core file (no sections) must give output, not errors.
set(ml_stripped_skip "${ml_real_elf_skip}")
if(NOT ML_TESTS_OBJCOPY)
  set(ml_stripped_skip "neither objcopy nor llvm-objcopy found")
endif()
ml_input_or_skip(core core skip)
foreach(action summary header segments sections)
  set(action_args --${action})
  if(action STREQUAL "summary")
    set(action_args "")
  endif()
  foreach(format text json markdown)
    ml_add_error_test(ok.stripped.${action}.${format} INPUT strip "${ML_TESTS_OBJCOPY}" "${ml_real_elf}" OK
      SKIP "${ml_stripped_skip}" ARGS @INPUT@ ${action_args} --format ${format})
    ml_add_error_test(ok.core.${action}.${format} INPUT copy "${core}" OK SKIP "${skip}"
      ARGS @INPUT@ ${action_args} --format ${format})
  endforeach()
endforeach()

# Type actions (--struct, --types): no DWARF, no match, bad values. A stripped executable, a stripped
# object and a core file have no DWARF: --struct/--types fail with one line, exit 2, while the other
# actions above still succeed on them.
set(ml_no_dwarf "no DWARF debug info")
foreach(action struct types)
  set(action_args --struct point)
  if(action STREQUAL "types")
    set(action_args --types)
  endif()
  ml_add_error_test(types.stripped.${action} INPUT strip "${ML_TESTS_OBJCOPY}" "${ml_real_elf}" ERROR "${ml_no_dwarf}"
    SKIP "${ml_stripped_skip}" ARGS @INPUT@ ${action_args})
  ml_add_error_test(types.core.${action} INPUT copy "${core}" ERROR "${ml_no_dwarf}" SKIP "${skip}"
    ARGS @INPUT@ ${action_args} --format json)
endforeach()
set(ml_object "")
set(ml_object_skip "no C object sample is built here")
if(DEFINED ML_TEST_SAMPLE_PATH_c_gcc_dwarf5.o)
  set(ml_object "${ML_TEST_SAMPLE_PATH_c_gcc_dwarf5.o}")
  set(ml_object_skip "${ml_stripped_skip}")
endif()
ml_add_error_test(types.object_without_dwarf INPUT strip "${ML_TESTS_OBJCOPY}" "${ml_object}" ERROR "${ml_no_dwarf}"
  SKIP "${ml_object_skip}" ARGS @INPUT@ --struct point)
# The fixture has no debug sections at all: its summary has no padding section and still succeeds.
ml_add_error_test(types.fixture_no_dwarf INPUT copy "${fixture}" ERROR "${ml_no_dwarf}" SKIP "${skip}"
  ARGS @INPUT@ --types --sort padding)

# No type of that name: exit 2, the nearest names in the message. Needs the C sample's DWARF.
set(ml_c_sample_skip "${ml_real_elf_skip}")
if(NOT ML_TEST_EXEC_SAMPLE)
  set(ml_c_sample_skip "no C sample is built here")
endif()
ml_add_error_test(types.no_match INPUT copy "${ml_real_elf}" ERROR "no type named 'NOPE'" SKIP "${ml_c_sample_skip}"
  ARGS @INPUT@ --struct NOPE)
ml_add_error_test(types.no_match_nearest INPUT copy "${ml_real_elf}"
  ERROR "no type named 'hole_char_int_dbl' \\(nearest: hole_char_int_double" SKIP "${ml_c_sample_skip}"
  ARGS @INPUT@ --struct hole_char_int_dbl)
ml_add_error_test(types.no_match_glob INPUT copy "${ml_real_elf}" ERROR "no type matches 'zz\\*'"
  SKIP "${ml_c_sample_skip}" ARGS @INPUT@ --struct point --struct zz*)
ml_add_error_test(types.match_ok INPUT copy "${ml_real_elf}" OK SKIP "${ml_c_sample_skip}"
  ARGS @INPUT@ --struct point --struct hole_* --suggest --expand --format json)

# Rust: enums, niches and the short spellings go through the same paths. A stripped Rust binary
# has no DWARF; a near-miss names the Rust path; every type in every format succeeds.
set(ml_rust_sample "")
set(ml_rust_skip "no Rust sample is built here")
if(DEFINED ML_TEST_SAMPLE_PATH_rust_dwarf5)
  set(ml_rust_sample "${ML_TEST_SAMPLE_PATH_rust_dwarf5}")
  set(ml_rust_skip "")
endif()
ml_add_error_test(rust.stripped INPUT strip "${ML_TESTS_OBJCOPY}" "${ml_rust_sample}" ERROR "${ml_no_dwarf}"
  SKIP "${ml_rust_skip}" ARGS @INPUT@ --struct Message)
ml_add_error_test(rust.no_match_nearest INPUT copy "${ml_rust_sample}"
  ERROR "no type named 'Mesage' \\(nearest: samples::Message\\)" SKIP "${ml_rust_skip}" ARGS @INPUT@ --struct Mesage)
ml_add_error_test(rust.no_match_generic INPUT copy "${ml_rust_sample}"
  ERROR "no type named 'Option<Box<i64>>' \\(nearest: core::option::Option<alloc::boxed::Box<i32" SKIP "${ml_rust_skip}"
  ARGS @INPUT@ --struct Option<Box<i64>>)
foreach(format text json markdown)
  ml_add_error_test(rust.every_type.${format} INPUT copy "${ml_rust_sample}" OK SKIP "${ml_rust_skip}"
    ARGS @INPUT@ --struct * --expand --suggest --format ${format})
  ml_add_error_test(rust.types.${format} INPUT copy "${ml_rust_sample}" OK SKIP "${ml_rust_skip}"
    ARGS @INPUT@ --types --suggest --format ${format})
endforeach()

# Bad values: one usage line, exit 2.
ml_add_error_test(usage_cacheline_not_power_of_two INPUT copy "${fixture}" ERROR "--cacheline: '48' is not a power of two"
  USAGE SKIP "${skip}" ARGS @INPUT@ --struct point --cacheline 48)
ml_add_error_test(usage_cacheline_zero INPUT copy "${fixture}" ERROR "--cacheline: '0'" USAGE SKIP "${skip}"
  ARGS @INPUT@ --struct point --cacheline 0)
ml_add_error_test(usage_cacheline_text INPUT copy "${fixture}" ERROR "--cacheline: 'big'" USAGE SKIP "${skip}"
  ARGS @INPUT@ --struct point --cacheline big)
ml_add_error_test(usage_top_zero INPUT copy "${fixture}" ERROR "--top: '0' is not a positive integer" USAGE
  SKIP "${skip}" ARGS @INPUT@ --types --top 0)
ml_add_error_test(usage_top_negative INPUT copy "${fixture}" ERROR "--top: '-3'" USAGE SKIP "${skip}"
  ARGS @INPUT@ --types --top=-3)
ml_add_error_test(usage_top_text INPUT copy "${fixture}" ERROR "--top: 'ten'" USAGE SKIP "${skip}"
  ARGS @INPUT@ --types --top ten)
ml_add_error_test(usage_min_padding_text INPUT copy "${fixture}" ERROR "--min-padding: 'x'" USAGE SKIP "${skip}"
  ARGS @INPUT@ --types --min-padding x)
ml_add_error_test(usage_bad_sort INPUT copy "${fixture}" ERROR "--sort.*bogus" USAGE SKIP "${skip}"
  ARGS @INPUT@ --types --sort bogus)
ml_add_error_test(usage_sort_without_types INPUT copy "${fixture}" ERROR "apply to --types" USAGE SKIP "${skip}"
  ARGS @INPUT@ --sort size)
ml_add_error_test(usage_struct_without_name INPUT copy "${fixture}" ERROR "--struct" USAGE SKIP "${skip}"
  ARGS @INPUT@ --struct)
