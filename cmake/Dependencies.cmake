# Finds memlayout's dependencies, all from Debian packages: LLVM 19, CLI11, fmt, nlohmann-json, GTest.
# LLVM's version file wants major.minor; accept any 19.x and say so when something else is found.
find_package(LLVM REQUIRED CONFIG HINTS /usr/lib/llvm-19/lib/cmake/llvm NO_DEFAULT_PATH)
if(NOT LLVM_VERSION_MAJOR EQUAL 19)
  message(FATAL_ERROR "memlayout needs LLVM 19 (Debian package llvm-19-dev); found ${LLVM_PACKAGE_VERSION}")
endif()
message(STATUS "LLVM ${LLVM_PACKAGE_VERSION} from ${LLVM_DIR}")
separate_arguments(ML_LLVM_DEFINITIONS NATIVE_COMMAND "${LLVM_DEFINITIONS}")

# LLVM's headers are not ours to warn about: attach them as SYSTEM includes, to one target at a time.
function(ml_link_llvm target)
  llvm_map_components_to_libnames(libs ${ARGN})
  target_include_directories(${target} SYSTEM PUBLIC ${LLVM_INCLUDE_DIRS})
  target_compile_definitions(${target} PUBLIC ${ML_LLVM_DEFINITIONS})
  target_link_libraries(${target} PUBLIC ${libs})
endfunction()

find_package(CLI11 REQUIRED CONFIG)
find_package(fmt REQUIRED CONFIG)
find_package(nlohmann_json 3.10 REQUIRED CONFIG)
if(ML_BUILD_TESTS)
  find_package(GTest REQUIRED CONFIG)
endif()

# Tools the tests and samples use, from the same LLVM.
find_program(ML_YAML2OBJ yaml2obj HINTS ${LLVM_TOOLS_BINARY_DIR} NO_DEFAULT_PATH)
find_program(ML_READELF readelf)
