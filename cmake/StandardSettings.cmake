# Build settings every memlayout target links privately: C++20, warnings, optional sanitizers.
set(CMAKE_CXX_STANDARD 20)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
set(CMAKE_CXX_EXTENSIONS OFF)
set(CMAKE_EXPORT_COMPILE_COMMANDS ON)
if(NOT CMAKE_BUILD_TYPE AND NOT CMAKE_CONFIGURATION_TYPES)
  set(CMAKE_BUILD_TYPE RelWithDebInfo CACHE STRING "Build type" FORCE)
endif()

find_program(CCACHE_PROGRAM ccache)
if(CCACHE_PROGRAM AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
  set(CMAKE_C_COMPILER_LAUNCHER ${CCACHE_PROGRAM})
  set(CMAKE_CXX_COMPILER_LAUNCHER ${CCACHE_PROGRAM})
endif()

add_library(ml_settings INTERFACE)
target_compile_options(ml_settings INTERFACE -Wall -Wextra -Wshadow -Wnon-virtual-dtor
  -Wold-style-cast -Wcast-align -Wunused -Woverloaded-virtual -Wpedantic -Wconversion
  -Wsign-conversion -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough)
# Warnings are errors only where we choose (CI), so a newer compiler cannot break a user's build.
if(ML_WERROR)
  target_compile_options(ml_settings INTERFACE -Werror)
endif()

if(ML_SANITIZE)
  set(ML_SANITIZER_FLAGS -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  target_compile_options(ml_settings INTERFACE ${ML_SANITIZER_FLAGS})
  target_link_options(ml_settings INTERFACE ${ML_SANITIZER_FLAGS})
endif()

# ml_sanitized_optimization(<-O level>): in the sanitized build, the optimisation of the targets defined
# in the calling directory. The checked build is compile-bound (CI builds it from scratch on 2 cores):
# -O1 is what the sanitizers' authors recommend and compiles a third faster than -O2; line tables
# (-g1) are all a sanitizer report needs. CMake reads these flags when the directory ends, so a
# subdirectory may choose its own level (tests/ compiles its own code at -O0).
function(ml_sanitized_optimization level)
  if(NOT ML_SANITIZE)
    return()
  endif()
  foreach(config IN ITEMS "" _DEBUG _RELEASE _RELWITHDEBINFO _MINSIZEREL)
    string(REGEX REPLACE "(^| )-O[0-9sgz]?( |$)" " " flags "${CMAKE_CXX_FLAGS${config}}")
    string(REGEX REPLACE "(^| )-g[0-9]?( |$)" " " flags "${flags}")
    if(config STREQUAL "")
      set(CMAKE_CXX_FLAGS "${flags}" PARENT_SCOPE)
    else()
      set(CMAKE_CXX_FLAGS${config} "${flags} ${level} -g1" PARENT_SCOPE)
    endif()
  endforeach()
endfunction()
ml_sanitized_optimization(-O1)
# ... and compiles each target's sources in batches (unity build): the heavy headers (LLVM's object and
# DWARF readers, nlohmann-json, gtest) are parsed and their templates instantiated once per batch, not
# once per file, which took the checked build from about 1,050 to 380 s of CPU. Helpers in anonymous
# namespaces must therefore have distinct names within a target (a file that cannot is marked
# SKIP_UNITY_BUILD_INCLUSION).
if(ML_SANITIZE)
  set(CMAKE_UNITY_BUILD ON)
endif()
