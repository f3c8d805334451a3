# memlayout_add_sample(): builds one sample source with one compiler and one DWARF version, and records it.
#
# Samples are compiled by calling gcc, clang and rustc directly (CMake's language support knows
# one C compiler per build; we need several). Every command runs in the project root with that
# root mapped to ".", so DWARF names hold `samples/c/structs.c` and comp_dir ".", never a
# machine path. What gets built is recorded in global properties (see samples/README.md):
#
#   ML_SAMPLE_NAMES                 every sample that will be built, in order
#   ML_SAMPLE_PATH_<NAME>           absolute path of the output
#   ML_SAMPLE_{LANG,COMPILER,DWARF,KIND}_<NAME>
#   ML_SAMPLE_SOURCE_<NAME>         the source, relative to the project root
#   ML_SAMPLE_LAYOUT_FLAGS_<NAME>   the flags that decide type layouts (-std, --target, -m32), for
#                                   a layout oracle that runs clang on the same source
#   ML_SAMPLE_PROGRAM_<NAME>        the compiler executable
#   ML_SAMPLE_COMPILE_FLAGS_<NAME>  every compiler argument but the output and the source, as run in
#                                   the project root (for an oracle that reruns the compiler, e.g.
#                                   rustc -Zprint-type-sizes)
#   ML_SAMPLE_ENV_<NAME>            VAR=value pairs the compiler runs with (rustc's DWARF_ENV)
#   ML_SAMPLE_VARIANT_<NAME>        plain, types (type units), zlib, zstd (compressed debug sections)
#   ML_SAMPLE_BASELINE_<NAME>       for a variant: the plain sample whose types it must match, or ""
#   ML_SAMPLES_SKIPPED              samples that were wanted but cannot be built here
#   ML_SAMPLE_SKIP_REASON_<NAME>    why
#   ML_SAMPLES_FILE                 the samples.txt written by memlayout_finish_samples()
include_guard(GLOBAL)

# The project root: the prefix every sample command maps to "." (CMAKE_SOURCE_DIR when memlayout
# is the top-level project; still right when it is someone's subproject).
get_filename_component(ML_SAMPLES_ROOT "${CMAKE_CURRENT_LIST_DIR}/.." ABSOLUTE)
set(ML_SAMPLES_PROBE_DIR "${CMAKE_BINARY_DIR}/CMakeFiles/memlayout-probes")

# memlayout_add_sample(NAME <output file name>
#                      SOURCE <path relative to the project root>
#                      LANG C|C++|Rust
#                      COMPILER gcc|clang|rustc       (the family, as recorded in samples.txt)
#                      PROGRAM <compiler executable>
#                      DWARF 4|5
#                      KIND exec|shared|object
#                      [FLAGS <extra compiler flags>...]
#                      [DWARF_FLAGS <flags that select DWARF>...] [DWARF_ENV <VAR=value>...]
#                      [HEADERS <headers the source includes, relative to the root>...]
#                      [LAYOUT_FLAGS <the FLAGS that decide layouts>...]
#                      [VARIANT plain|types|zlib|zstd] [BASELINE <plain sample with the same types>])
# Output: ${CMAKE_CURRENT_BINARY_DIR}/<NAME>, always -O0 with full debug info, built by `samples`.
# For gcc/clang, DWARF_FLAGS defaults to -gdwarf-<DWARF>. For rustc pass what
# memlayout_probe_rustc() found (empty means "rustc's default is already <DWARF>").
# LAYOUT_FLAGS defaults to FLAGS; give it when FLAGS hold more (type units, compression, -static).
function(memlayout_add_sample)
  cmake_parse_arguments(PARSE_ARGV 0 arg ""
    "NAME;SOURCE;LANG;COMPILER;PROGRAM;DWARF;KIND;VARIANT;BASELINE"
    "FLAGS;DWARF_FLAGS;DWARF_ENV;HEADERS;LAYOUT_FLAGS")
  foreach(required IN ITEMS NAME SOURCE LANG COMPILER PROGRAM DWARF KIND)
    if(NOT arg_${required})
      message(FATAL_ERROR "memlayout_add_sample: ${required} is required")
    endif()
  endforeach()
  if(NOT arg_KIND MATCHES "^(exec|shared|object)$")
    message(FATAL_ERROR "memlayout_add_sample(${arg_NAME}): KIND must be exec, shared or object")
  endif()
  if(NOT arg_DWARF MATCHES "^[2-5]$")
    message(FATAL_ERROR "memlayout_add_sample(${arg_NAME}): DWARF must be 2-5, not '${arg_DWARF}'")
  endif()
  if(NOT arg_VARIANT)
    set(arg_VARIANT plain)
  endif()
  if(NOT arg_VARIANT MATCHES "^(plain|types|zlib|zstd)$")
    message(FATAL_ERROR "memlayout_add_sample(${arg_NAME}): VARIANT must be plain, types, zlib or zstd")
  endif()
  if(NOT DEFINED arg_LAYOUT_FLAGS)
    set(arg_LAYOUT_FLAGS ${arg_FLAGS})
  endif()

  set(output "${CMAKE_CURRENT_BINARY_DIR}/${arg_NAME}")
  if(arg_COMPILER STREQUAL "rustc")
    get_filename_component(crate "${arg_SOURCE}" NAME_WE)
    if(arg_KIND STREQUAL "exec")
      set(kind_flags --crate-type bin)
    elseif(arg_KIND STREQUAL "shared")
      set(kind_flags --crate-type cdylib)
    else()
      set(kind_flags --crate-type lib --emit=obj)
    endif()
    # One codegen unit: one compile unit for the crate, the same split on every run.
    set(compile_flags --edition 2021 --crate-name ${crate} ${kind_flags}
      -C opt-level=0 -g -C debuginfo=2 -C codegen-units=1 ${arg_DWARF_FLAGS} ${arg_FLAGS}
      "--remap-path-prefix=${ML_SAMPLES_ROOT}=.")
    set(command "${arg_PROGRAM}" ${compile_flags} -o "${output}" "${arg_SOURCE}")
  else()
    if(NOT DEFINED arg_DWARF_FLAGS)
      set(arg_DWARF_FLAGS -gdwarf-${arg_DWARF})
    endif()
    if(arg_KIND STREQUAL "exec")
      set(kind_flags "")
    elseif(arg_KIND STREQUAL "shared")
      set(kind_flags -fPIC -shared)
    else()
      set(kind_flags -c)
    endif()
    set(compile_flags -O0 -g ${arg_DWARF_FLAGS} "-fdebug-prefix-map=${ML_SAMPLES_ROOT}=."
      ${kind_flags} ${arg_FLAGS})
    set(command "${arg_PROGRAM}" ${compile_flags} -o "${output}" "${arg_SOURCE}")
  endif()
  if(arg_COMPILER STREQUAL "rustc")
    # Make's jobserver fds are not passed to custom commands; without this rustc warns it cannot
    # connect to them.
    set(command "${CMAKE_COMMAND}" -E env --unset=MAKEFLAGS --unset=MFLAGS --unset=CARGO_MAKEFLAGS
      ${arg_DWARF_ENV} ${command})
  elseif(arg_DWARF_ENV)
    set(command "${CMAKE_COMMAND}" -E env ${arg_DWARF_ENV} ${command})
  endif()

  set(depends "${ML_SAMPLES_ROOT}/${arg_SOURCE}")
  foreach(header IN LISTS arg_HEADERS)
    list(APPEND depends "${ML_SAMPLES_ROOT}/${header}")
  endforeach()
  set(what "${arg_COMPILER}, DWARF ${arg_DWARF}")
  if(NOT arg_VARIANT STREQUAL "plain")
    string(APPEND what ", ${arg_VARIANT}")
  endif()
  add_custom_command(OUTPUT "${output}"
    COMMAND ${command}
    DEPENDS ${depends}
    WORKING_DIRECTORY "${ML_SAMPLES_ROOT}"
    COMMENT "Building sample ${arg_NAME} (${what})"
    VERBATIM)
  _memlayout_record_sample(${arg_NAME} "${output}" ${arg_LANG} ${arg_COMPILER} ${arg_DWARF}
    ${arg_KIND})
  set_property(GLOBAL PROPERTY ML_SAMPLE_SOURCE_${arg_NAME} "${arg_SOURCE}")
  set_property(GLOBAL PROPERTY ML_SAMPLE_LAYOUT_FLAGS_${arg_NAME} "${arg_LAYOUT_FLAGS}")
  set_property(GLOBAL PROPERTY ML_SAMPLE_COMPILE_FLAGS_${arg_NAME} "${compile_flags}")
  set_property(GLOBAL PROPERTY ML_SAMPLE_ENV_${arg_NAME} "${arg_DWARF_ENV}")
  set_property(GLOBAL PROPERTY ML_SAMPLE_PROGRAM_${arg_NAME} "${arg_PROGRAM}")
  set_property(GLOBAL PROPERTY ML_SAMPLE_VARIANT_${arg_NAME} ${arg_VARIANT})
  set_property(GLOBAL PROPERTY ML_SAMPLE_BASELINE_${arg_NAME} "${arg_BASELINE}")
endfunction()

# memlayout_add_sample_copy(NAME <name> OF <existing sample>): a byte-for-byte copy under
# another name (rust_samples, the README's demo file), recorded with the original's columns.
function(memlayout_add_sample_copy)
  cmake_parse_arguments(PARSE_ARGV 0 arg "" "NAME;OF" "")
  get_property(from GLOBAL PROPERTY ML_SAMPLE_PATH_${arg_OF})
  if(NOT from)
    message(FATAL_ERROR "memlayout_add_sample_copy(${arg_NAME}): no sample named '${arg_OF}'")
  endif()
  set(output "${CMAKE_CURRENT_BINARY_DIR}/${arg_NAME}")
  add_custom_command(OUTPUT "${output}"
    COMMAND "${CMAKE_COMMAND}" -E copy "${from}" "${output}"
    DEPENDS "${from}"
    COMMENT "Copying sample ${arg_OF} to ${arg_NAME}"
    VERBATIM)
  foreach(column IN ITEMS LANG COMPILER DWARF KIND)
    get_property(${column} GLOBAL PROPERTY ML_SAMPLE_${column}_${arg_OF})
  endforeach()
  _memlayout_record_sample(${arg_NAME} "${output}" ${LANG} ${COMPILER} ${DWARF} ${KIND})
  foreach(column IN ITEMS SOURCE LAYOUT_FLAGS COMPILE_FLAGS ENV PROGRAM VARIANT BASELINE)
    get_property(value GLOBAL PROPERTY ML_SAMPLE_${column}_${arg_OF})
    set_property(GLOBAL PROPERTY ML_SAMPLE_${column}_${arg_NAME} "${value}")
  endforeach()
endfunction()

# memlayout_skip_sample(<name> <reason>): a sample this machine cannot build; tests report it as
# skipped rather than failed.
function(memlayout_skip_sample name reason)
  set_property(GLOBAL APPEND PROPERTY ML_SAMPLES_SKIPPED ${name})
  set_property(GLOBAL PROPERTY ML_SAMPLE_SKIP_REASON_${name} "${reason}")
  message(STATUS "memlayout: skipping sample ${name}: ${reason}")
endfunction()

function(_memlayout_record_sample name output lang compiler dwarf kind)
  get_property(names GLOBAL PROPERTY ML_SAMPLE_NAMES)
  if(name IN_LIST names)
    message(FATAL_ERROR "memlayout: sample '${name}' is defined twice")
  endif()
  set_property(GLOBAL APPEND PROPERTY ML_SAMPLE_NAMES ${name})
  set_property(GLOBAL PROPERTY ML_SAMPLE_PATH_${name} "${output}")
  set_property(GLOBAL PROPERTY ML_SAMPLE_LANG_${name} ${lang})
  set_property(GLOBAL PROPERTY ML_SAMPLE_COMPILER_${name} ${compiler})
  set_property(GLOBAL PROPERTY ML_SAMPLE_DWARF_${name} ${dwarf})
  set_property(GLOBAL PROPERTY ML_SAMPLE_KIND_${name} ${kind})
endfunction()

# memlayout_finish_samples(<list file>): adds the `samples` target (part of ALL) over every
# recorded output, and writes <list file>, one sample a line:
#   NAME<TAB>ABSOLUTE_PATH<TAB>LANG<TAB>COMPILER<TAB>DWARF_VERSION<TAB>KIND
# The file is rewritten only when its content changes, so its timestamp means something.
function(memlayout_finish_samples list_file)
  get_property(names GLOBAL PROPERTY ML_SAMPLE_NAMES)
  set(outputs "")
  set(content "")
  foreach(name IN LISTS names)
    foreach(column IN ITEMS PATH LANG COMPILER DWARF KIND)
      get_property(${column} GLOBAL PROPERTY ML_SAMPLE_${column}_${name})
    endforeach()
    list(APPEND outputs "${PATH}")
    string(APPEND content "${name}\t${PATH}\t${LANG}\t${COMPILER}\t${DWARF}\t${KIND}\n")
  endforeach()
  add_custom_target(samples ALL DEPENDS ${outputs})

  file(WRITE "${list_file}.tmp" "${content}")
  file(COPY_FILE "${list_file}.tmp" "${list_file}" ONLY_IF_DIFFERENT)
  file(REMOVE "${list_file}.tmp")
  set_property(GLOBAL PROPERTY ML_SAMPLES_FILE "${list_file}")
  list(LENGTH names built)
  get_property(skipped GLOBAL PROPERTY ML_SAMPLES_SKIPPED)
  list(LENGTH skipped skipped_count)
  message(STATUS "memlayout: ${built} samples to build, ${skipped_count} skipped; list in ${list_file}")
endfunction()

# _memlayout_probe(<result var> <command>...): runs a configure-time probe in the probe directory;
# sets <result var> to TRUE when it exits 0.
function(_memlayout_probe result)
  file(MAKE_DIRECTORY "${ML_SAMPLES_PROBE_DIR}")
  execute_process(COMMAND ${ARGN}
    WORKING_DIRECTORY "${ML_SAMPLES_PROBE_DIR}"
    RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
  if(rc EQUAL 0)
    set(${result} TRUE PARENT_SCOPE)
  else()
    set(${result} FALSE PARENT_SCOPE)
  endif()
endfunction()

# _memlayout_dwarf_version_of(<result var> <object file>): the version of the first compile unit
# in .debug_info, or "" when readelf is missing or the file has none.
function(_memlayout_dwarf_version_of result file)
  set(${result} "" PARENT_SCOPE)
  find_program(ML_READELF readelf)
  if(NOT ML_READELF OR NOT EXISTS "${file}")
    return()
  endif()
  execute_process(COMMAND "${ML_READELF}" --debug-dump=info "${file}"
    OUTPUT_VARIABLE dump ERROR_QUIET)
  if(dump MATCHES "Version:[ \t]+([0-9]+)")
    set(${result} ${CMAKE_MATCH_1} PARENT_SCOPE)
  endif()
endfunction()

# memlayout_probe_static(<result var> <gcc>): TRUE when `<gcc> -static` links a program here
# (needs libc.a, i.e. libc6-dev on Debian).
function(memlayout_probe_static result gcc)
  if(DEFINED CACHE{ML_SAMPLES_STATIC_OK} AND "$CACHE{ML_SAMPLES_STATIC_PROBED_FOR}" STREQUAL gcc)
    set(${result} ${ML_SAMPLES_STATIC_OK} PARENT_SCOPE)
    return()
  endif()
  file(WRITE "${ML_SAMPLES_PROBE_DIR}/static.c" "int main(void) { return 0; }\n")
  _memlayout_probe(ok "${gcc}" -static -o static static.c)
  set(ML_SAMPLES_STATIC_OK ${ok} CACHE INTERNAL "gcc -static links")
  set(ML_SAMPLES_STATIC_PROBED_FOR "${gcc}" CACHE INTERNAL "compiler the static probe ran with")
  set(${result} ${ok} PARENT_SCOPE)
endfunction()

# memlayout_probe_clang_target(<result var> <clang> <triple> <source>): TRUE when clang can
# compile <source> (freestanding, no system headers) to an object for <triple>.
function(memlayout_probe_clang_target result clang triple source)
  string(MAKE_C_IDENTIFIER "${triple}" id)
  set(key "${clang}|${source}")
  if(DEFINED CACHE{ML_SAMPLES_TARGET_OK_${id}} AND "$CACHE{ML_SAMPLES_TARGET_PROBED_FOR_${id}}" STREQUAL key)
    set(${result} $CACHE{ML_SAMPLES_TARGET_OK_${id}} PARENT_SCOPE)
    return()
  endif()
  _memlayout_probe(ok "${clang}" --target=${triple} -ffreestanding -nostdinc -c
    -o "target-${id}.o" "${source}")
  set(ML_SAMPLES_TARGET_OK_${id} ${ok} CACHE INTERNAL "clang can target ${triple}")
  set(ML_SAMPLES_TARGET_PROBED_FOR_${id} "${key}" CACHE INTERNAL "clang the ${triple} probe ran with")
  set(${result} ${ok} PARENT_SCOPE)
endfunction()

# memlayout_probe_rustc(<rustc>): how this rustc selects DWARF 4 and 5. Sets, in the caller's
# scope, for N in 4 and 5:
#   ML_RUSTC_DWARF<N>_OK     TRUE when a DWARF <N> build is possible
#   ML_RUSTC_DWARF<N>_FLAGS  -Cdwarf-version=N (stable, rustc >= 1.88), -Zdwarf-version=N (older,
#                            needs RUSTC_BOOTSTRAP=1), or empty when rustc's default already is N
#   ML_RUSTC_DWARF<N>_ENV    RUSTC_BOOTSTRAP=1 with -Z, else empty
# A flag counts only if it exits 0 and, where readelf is available, the object really has
# version N. Results are cached per rustc version.
function(memlayout_probe_rustc rustc)
  execute_process(COMMAND "${rustc}" --version OUTPUT_VARIABLE version
    OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  set(key "${rustc}|${version}")
  if(NOT "$CACHE{ML_RUSTC_PROBED_FOR}" STREQUAL key)
    file(MAKE_DIRECTORY "${ML_SAMPLES_PROBE_DIR}")
    file(WRITE "${ML_SAMPLES_PROBE_DIR}/probe.rs" "pub fn probe() -> u32 { 1 }\n")
    set(base "${rustc}" --crate-type lib --emit=obj -g probe.rs -o)

    _memlayout_probe(ok ${base} default.o)
    _memlayout_dwarf_version_of(default_version "${ML_SAMPLES_PROBE_DIR}/default.o")
    foreach(n IN ITEMS 4 5)
      set(found FALSE)
      set(flags "")
      set(env "")
      foreach(attempt IN ITEMS stable unstable)
        if(attempt STREQUAL "stable")
          set(try_flags -Cdwarf-version=${n})
          set(try_env "")
        else()
          set(try_flags -Zdwarf-version=${n})
          set(try_env RUSTC_BOOTSTRAP=1)
        endif()
        _memlayout_probe(ok "${CMAKE_COMMAND}" -E env ${try_env} ${base} dwarf${n}.o ${try_flags})
        _memlayout_dwarf_version_of(got "${ML_SAMPLES_PROBE_DIR}/dwarf${n}.o")
        file(REMOVE "${ML_SAMPLES_PROBE_DIR}/dwarf${n}.o")
        if(ok AND (got STREQUAL "" OR got STREQUAL n))
          set(found TRUE)
          set(flags ${try_flags})
          set(env ${try_env})
          break()
        endif()
      endforeach()
      if(NOT found AND default_version STREQUAL n)
        set(found TRUE)
      endif()
      set(ML_RUSTC_DWARF${n}_OK ${found} CACHE INTERNAL "rustc can emit DWARF ${n}")
      set(ML_RUSTC_DWARF${n}_FLAGS "${flags}" CACHE INTERNAL "rustc flags for DWARF ${n}")
      set(ML_RUSTC_DWARF${n}_ENV "${env}" CACHE INTERNAL "environment for those flags")
    endforeach()
    set(ML_RUSTC_PROBED_FOR "${key}" CACHE INTERNAL "rustc the DWARF probe ran with")
    message(STATUS "memlayout: ${version}: DWARF 4 via '${ML_RUSTC_DWARF4_FLAGS}' "
      "(${ML_RUSTC_DWARF4_OK}), DWARF 5 via '${ML_RUSTC_DWARF5_FLAGS}' (${ML_RUSTC_DWARF5_OK}), "
      "default ${default_version}")
  endif()
  foreach(n IN ITEMS 4 5)
    foreach(what IN ITEMS OK FLAGS ENV)
      set(ML_RUSTC_DWARF${n}_${what} "$CACHE{ML_RUSTC_DWARF${n}_${what}}" PARENT_SCOPE)
    endforeach()
  endforeach()
endfunction()

# memlayout_probe_flags(<result var> <compiler> c|c++ compile|link <flags>...): TRUE when <compiler>
# accepts <flags> on a small program with a struct (compile: -c to an object; link: an executable).
# Cached per compiler and flags.
function(memlayout_probe_flags result compiler lang mode)
  set(flags ${ARGN})
  string(SHA1 id "${compiler}|${lang}|${mode}|${flags}")
  string(SUBSTRING "${id}" 0 12 id)
  if(DEFINED CACHE{ML_SAMPLES_FLAGS_OK_${id}})
    set(${result} $CACHE{ML_SAMPLES_FLAGS_OK_${id}} PARENT_SCOPE)
    return()
  endif()
  if(lang STREQUAL "c")
    set(source "probe_${id}.c")
  else()
    set(source "probe_${id}.cpp")
  endif()
  file(WRITE "${ML_SAMPLES_PROBE_DIR}/${source}"
    "struct probe_pair { char c; int i; };\nstruct probe_pair probe_value;\nint main(void) { return probe_value.i; }\n")
  if(mode STREQUAL "compile")
    _memlayout_probe(ok "${compiler}" -c -g ${flags} -o "probe_${id}.o" "${source}")
  else()
    _memlayout_probe(ok "${compiler}" -g ${flags} -o "probe_${id}" "${source}")
  endif()
  set(ML_SAMPLES_FLAGS_OK_${id} ${ok} CACHE INTERNAL "${compiler} ${mode}s with ${flags}")
  set(${result} ${ok} PARENT_SCOPE)
endfunction()

# memlayout_probe_type_units(<result var> <compiler> c|c++ <DWARF version>): TRUE when
# `-fdebug-types-section` really yields type units here (.debug_types for DWARF 4, DW_UT_type units
# in .debug_info for DWARF 5). clang makes them for C++ only; readelf tells. Cached.
function(memlayout_probe_type_units result compiler lang dwarf)
  set(key "${compiler}|${lang}|${dwarf}")
  string(SHA1 id "${key}")
  string(SUBSTRING "${id}" 0 12 id)
  if(DEFINED CACHE{ML_SAMPLES_TYPE_UNITS_${id}})
    set(${result} $CACHE{ML_SAMPLES_TYPE_UNITS_${id}} PARENT_SCOPE)
    return()
  endif()
  find_program(ML_READELF readelf)
  set(found FALSE)
  if(lang STREQUAL "c")
    set(source "type_units_${id}.c")
  else()
    set(source "type_units_${id}.cpp")
  endif()
  file(WRITE "${ML_SAMPLES_PROBE_DIR}/${source}"
    "struct probe_pair { char c; int i; };\nstruct probe_pair probe_value;\n")
  _memlayout_probe(ok "${compiler}" -c -g -gdwarf-${dwarf} -fdebug-types-section
    -o "type_units_${id}.o" "${source}")
  if(ok AND ML_READELF)
    execute_process(COMMAND "${ML_READELF}" -SW --debug-dump=info "type_units_${id}.o"
      WORKING_DIRECTORY "${ML_SAMPLES_PROBE_DIR}" OUTPUT_VARIABLE dump ERROR_QUIET)
    if(dump MATCHES "\\.debug_types|DW_UT_type")
      set(found TRUE)
    endif()
  endif()
  set(ML_SAMPLES_TYPE_UNITS_${id} ${found} CACHE INTERNAL "${key} makes type units")
  set(${result} ${found} PARENT_SCOPE)
endfunction()
