# Reader tests (label `readers`): dwarf::readTypes on the samples, on type-unit and compressed variants
# built here, and on DWARF built from YAML; plus dump_types, a driver for checking and timing by hand.
add_executable(dump_types readers/dump_types.cpp)
target_link_libraries(dump_types PRIVATE ml_dwarf ml_elf ml_support ml_settings)
