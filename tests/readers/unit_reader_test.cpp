// dwarf::readUnitTypes on units built from YAML: the raw walk reads a unit's abbreviations and first
// DIE itself (LLVM's parse of them cost more than the walk), and leaves to LLVM the tables it does not
// take as they are.
#include "dwarf/context.h"
#include "dwarf/raw_unit.h"
#include "dwarf/unit_reader.h"
#include "reader_test_support.h"

#include <llvm/DebugInfo/DWARF/DWARFContext.h>
#include <llvm/DebugInfo/DWARF/DWARFDebugAbbrev.h>
#include <llvm/DebugInfo/DWARF/DWARFUnit.h>

namespace memlayout {
namespace {

// struct S { int a[4]; } in C: the array's bound is an upper bound only, so its lower bound comes from
// the unit's language (shapes.cpp).
const char *const kArrayInC = R"(--- !ELF
FileHeader: { Class: ELFCLASS64, Data: ELFDATA2LSB, Type: ET_EXEC, Machine: EM_X86_64 }
DWARF:
  debug_abbrev:
    - ID: 0
      Table:
        - { Code: 1, Tag: DW_TAG_compile_unit, Children: DW_CHILDREN_yes, Attributes: [ { Attribute: DW_AT_name, Form: DW_FORM_string }, { Attribute: DW_AT_language, Form: DW_FORM_data2 }, { Attribute: DW_AT_comp_dir, Form: DW_FORM_string } ] }
        - { Code: 2, Tag: DW_TAG_structure_type, Children: DW_CHILDREN_yes, Attributes: [ { Attribute: DW_AT_name, Form: DW_FORM_string }, { Attribute: DW_AT_byte_size, Form: DW_FORM_data1 } ] }
        - { Code: 3, Tag: DW_TAG_member, Children: DW_CHILDREN_no, Attributes: [ { Attribute: DW_AT_name, Form: DW_FORM_string }, { Attribute: DW_AT_type, Form: DW_FORM_ref4 }, { Attribute: DW_AT_data_member_location, Form: DW_FORM_data1 } ] }
        - { Code: 4, Tag: DW_TAG_array_type, Children: DW_CHILDREN_yes, Attributes: [ { Attribute: DW_AT_type, Form: DW_FORM_ref4 } ] }
        - { Code: 5, Tag: DW_TAG_subrange_type, Children: DW_CHILDREN_no, Attributes: [ { Attribute: DW_AT_upper_bound, Form: DW_FORM_data1 } ] }
        - { Code: 6, Tag: DW_TAG_base_type, Children: DW_CHILDREN_no, Attributes: [ { Attribute: DW_AT_name, Form: DW_FORM_string }, { Attribute: DW_AT_byte_size, Form: DW_FORM_data1 }, { Attribute: DW_AT_encoding, Form: DW_FORM_data1 } ] }
  debug_info:
    - Version: 5
      UnitType: DW_UT_compile
      AbbrevTableID: 0
      AddrSize: 8
      Entries:
        - { AbbrCode: 1, Values: [ { CStr: s.c }, { Value: 0x0c }, { CStr: /src } ] }
        - { AbbrCode: 2, Values: [ { CStr: S }, { Value: 16 } ] }
        - { AbbrCode: 3, Values: [ { CStr: a }, { Value: 37 }, { Value: 0 } ] }
        - { AbbrCode: 0 }
        - { AbbrCode: 4, Values: [ { Value: 45 } ] }
        - { AbbrCode: 5, Values: [ { Value: 3 } ] }
        - { AbbrCode: 0 }
        - { AbbrCode: 6, Values: [ { CStr: int }, { Value: 4 }, { Value: 5 } ] }
        - { AbbrCode: 0 }
)";

TEST(UnitReader, RawWalkNeedsNoAbbreviationsFromLlvm) {
  const auto opened = testing::yamlDwarf(kArrayInC);
  ASSERT_TRUE(opened->context);
  ASSERT_EQ(opened->context->getNumCompileUnits(), 1u);
  // A copy of the unit whose LLVM abbreviation reader has no table at all: reading its first DIE
  // through LLVM would fail (and say so in the warnings).
  dwarf::Warnings &warnings = opened->warnings;
  llvm::DWARFDebugAbbrev nothing(llvm::DataExtractor(llvm::StringRef(), true, 0));
  const std::unique_ptr<llvm::DWARFUnit> unit =
      dwarf::privateUnit(*opened->context, *opened->context->getUnitAtIndex(0), false, warnings, &nothing);
  ASSERT_TRUE(unit);
  dwarf::EarlierDefinitions earlier;
  const dwarf::UnitTypes result = dwarf::readUnitTypes(*unit, dwarf::abiOf(*opened->built->object),
                                                       dwarf::TypeQuery{}, warnings, &earlier, 0);
  EXPECT_TRUE(result.readable);
  ASSERT_EQ(result.types.size(), 1u);
  const model::Type &s = result.types.front();
  EXPECT_EQ(s.name, "S");
  EXPECT_EQ(s.unit, "s.c");
  EXPECT_EQ(s.size, 16u);
  ASSERT_EQ(s.fields.size(), 1u);
  EXPECT_EQ(s.fields.front().typeName, "int[4]");
  EXPECT_EQ(s.fields.front().byteSize, 16u);
  EXPECT_EQ(warnings.take(), std::vector<std::string>{});
}

// Two abbreviations with code 2, a struct's and a union's, with the same attributes: LLVM takes the
// first, so the raw walk, which would have to choose, leaves the unit to LLVM.
const char *const kCodeTwice = R"(--- !ELF
FileHeader: { Class: ELFCLASS64, Data: ELFDATA2LSB, Type: ET_EXEC, Machine: EM_X86_64 }
DWARF:
  debug_abbrev:
    - ID: 0
      Table:
        - { Code: 1, Tag: DW_TAG_compile_unit, Children: DW_CHILDREN_yes, Attributes: [ { Attribute: DW_AT_name, Form: DW_FORM_string }, { Attribute: DW_AT_language, Form: DW_FORM_data2 } ] }
        - { Code: 2, Tag: DW_TAG_structure_type, Children: DW_CHILDREN_yes, Attributes: [ { Attribute: DW_AT_name, Form: DW_FORM_string }, { Attribute: DW_AT_byte_size, Form: DW_FORM_data1 } ] }
        - { Code: 3, Tag: DW_TAG_member, Children: DW_CHILDREN_no, Attributes: [ { Attribute: DW_AT_name, Form: DW_FORM_string }, { Attribute: DW_AT_type, Form: DW_FORM_ref4 }, { Attribute: DW_AT_data_member_location, Form: DW_FORM_data1 } ] }
        - { Code: 4, Tag: DW_TAG_base_type, Children: DW_CHILDREN_no, Attributes: [ { Attribute: DW_AT_name, Form: DW_FORM_string }, { Attribute: DW_AT_byte_size, Form: DW_FORM_data1 }, { Attribute: DW_AT_encoding, Form: DW_FORM_data1 } ] }
        - { Code: 2, Tag: DW_TAG_union_type, Children: DW_CHILDREN_yes, Attributes: [ { Attribute: DW_AT_name, Form: DW_FORM_string }, { Attribute: DW_AT_byte_size, Form: DW_FORM_data1 } ] }
  debug_info:
    - Version: 5
      UnitType: DW_UT_compile
      AbbrevTableID: 0
      AddrSize: 8
      Entries:
        - { AbbrCode: 1, Values: [ { CStr: t.c }, { Value: 0x0c } ] }
        - { AbbrCode: 2, Values: [ { CStr: T }, { Value: 8 } ] }
        - { AbbrCode: 3, Values: [ { CStr: x }, { Value: 32 }, { Value: 4 } ] }
        - { AbbrCode: 0 }
        - { AbbrCode: 4, Values: [ { CStr: int }, { Value: 4 }, { Value: 5 } ] }
        - { AbbrCode: 0 }
)";

TEST(UnitReader, AbbreviationCodeDefinedTwiceIsLeftToLlvm) {
  const auto opened = testing::yamlDwarf(kCodeTwice);
  ASSERT_TRUE(opened->context);
  llvm::DWARFUnit *unit = opened->context->getUnitAtIndex(0);
  ASSERT_NE(unit, nullptr);
  EXPECT_FALSE(dwarf::RawUnit::read(*unit).has_value());

  auto table = dwarf::readTypes(*opened->built->object, "yaml", dwarf::TypeQuery{});
  ASSERT_TRUE(static_cast<bool>(table)) << support::takeErrorReport(table.takeError()).message;
  const model::Type *t = testing::onlyType(*table, "T");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->kind, model::Kind::Struct) << "LLVM reads the first abbreviation with code 2";
  EXPECT_EQ(t->size, 8u);
}

// struct S { int x; } in a C unit and a C++ unit, names in .debug_str, and in the C unit a struct whose
// name is the empty string. A C unit keys its definitions by where their names are (the kernel's 770,000
// names are not read), a C++ unit by the qualified name's text, which is the name's own for S: S must get
// one key either way, so the C++ unit leaves it to the C unit. The empty name is found only when the
// struct is to be built, and keeps it from being listed, as when names were read up front.
const char *const kCAndCpp = R"(--- !ELF
FileHeader: { Class: ELFCLASS64, Data: ELFDATA2LSB, Type: ET_EXEC, Machine: EM_X86_64 }
DWARF:
  debug_str:
    - S
    - x
    - int
    - ''
  debug_abbrev:
    - ID: 0
      Table:
        - { Code: 1, Tag: DW_TAG_compile_unit, Children: DW_CHILDREN_yes, Attributes: [ { Attribute: DW_AT_name, Form: DW_FORM_string }, { Attribute: DW_AT_language, Form: DW_FORM_data2 } ] }
        - { Code: 2, Tag: DW_TAG_structure_type, Children: DW_CHILDREN_yes, Attributes: [ { Attribute: DW_AT_name, Form: DW_FORM_strp }, { Attribute: DW_AT_byte_size, Form: DW_FORM_data1 } ] }
        - { Code: 3, Tag: DW_TAG_member, Children: DW_CHILDREN_no, Attributes: [ { Attribute: DW_AT_name, Form: DW_FORM_strp }, { Attribute: DW_AT_type, Form: DW_FORM_ref4 }, { Attribute: DW_AT_data_member_location, Form: DW_FORM_data1 } ] }
        - { Code: 4, Tag: DW_TAG_base_type, Children: DW_CHILDREN_no, Attributes: [ { Attribute: DW_AT_name, Form: DW_FORM_strp }, { Attribute: DW_AT_byte_size, Form: DW_FORM_data1 }, { Attribute: DW_AT_encoding, Form: DW_FORM_data1 } ] }
  debug_info:
    - Version: 5
      UnitType: DW_UT_compile
      AbbrevTableID: 0
      AddrSize: 8
      Entries:
        - { AbbrCode: 1, Values: [ { CStr: c.c }, { Value: 0x0c } ] }
        - { AbbrCode: 2, Values: [ { Value: 0 }, { Value: 4 } ] }
        - { AbbrCode: 3, Values: [ { Value: 2 }, { Value: 53 }, { Value: 0 } ] }
        - { AbbrCode: 0 }
        - { AbbrCode: 2, Values: [ { Value: 8 }, { Value: 4 } ] }
        - { AbbrCode: 3, Values: [ { Value: 2 }, { Value: 53 }, { Value: 0 } ] }
        - { AbbrCode: 0 }
        - { AbbrCode: 4, Values: [ { Value: 4 }, { Value: 4 }, { Value: 5 } ] }
        - { AbbrCode: 0 }
    - Version: 5
      UnitType: DW_UT_compile
      AbbrevTableID: 0
      AddrSize: 8
      Entries:
        - { AbbrCode: 1, Values: [ { CStr: p.c }, { Value: 0x04 } ] }
        - { AbbrCode: 2, Values: [ { Value: 0 }, { Value: 4 } ] }
        - { AbbrCode: 3, Values: [ { Value: 2 }, { Value: 36 }, { Value: 0 } ] }
        - { AbbrCode: 0 }
        - { AbbrCode: 4, Values: [ { Value: 4 }, { Value: 4 }, { Value: 5 } ] }
        - { AbbrCode: 0 }
)";

TEST(UnitReader, CNamesKeyedWhereTheyAreAsCppTextKeysThemEmptyOnesStillUnlisted) {
  const auto opened = testing::yamlDwarf(kCAndCpp);
  ASSERT_TRUE(opened->context);
  ASSERT_EQ(opened->context->getNumCompileUnits(), 2u);
  dwarf::Warnings &warnings = opened->warnings;
  dwarf::EarlierDefinitions earlier;
  const dwarf::Abi abi = dwarf::abiOf(*opened->built->object);
  const dwarf::UnitTypes c =
      dwarf::readUnitTypes(*opened->context->getUnitAtIndex(0), abi, dwarf::TypeQuery{}, warnings, &earlier, 0);
  ASSERT_EQ(c.types.size(), 1u) << "S, and not the struct named by the empty string";
  EXPECT_EQ(c.types.front().name, "S");
  const dwarf::UnitTypes cpp =
      dwarf::readUnitTypes(*opened->context->getUnitAtIndex(1), abi, dwarf::TypeQuery{}, warnings, &earlier, 1);
  EXPECT_TRUE(cpp.readable);
  EXPECT_TRUE(cpp.types.empty()) << "S is the C unit's to build: one key for it in both units";
  EXPECT_EQ(warnings.take(), std::vector<std::string>{});
}

} // namespace
} // namespace memlayout
