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
