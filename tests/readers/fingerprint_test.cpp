// dwarf::DefinitionFingerprints on three units built from YAML, each defining struct S { struct T *p; int x; }
// (or long x): what two units' copies of one definition must share, so that only one unit builds it, and
// what must tell different layouts apart.
#include "dwarf/context.h"
#include "dwarf/fingerprint.h"
#include "dwarf/raw_unit.h"
#include "reader_test_support.h"

#include <llvm/DebugInfo/DWARF/DWARFContext.h>
#include <llvm/DebugInfo/DWARF/DWARFUnit.h>

namespace memlayout {
namespace {

// Unit A: T only declared, DW_AT_decl_column as data1. Unit B: T defined, decl_column as data2 (gcc picks
// a constant's form per unit). Unit C: as A, but x is a long. All three S are 16 bytes.
const char *const kThreeUnits = R"(--- !ELF
FileHeader:
  Class:   ELFCLASS64
  Data:    ELFDATA2LSB
  Type:    ET_EXEC
  Machine: EM_X86_64
DWARF:
  debug_abbrev:
    - ID: 0
      Table:
        - { Code: 1, Tag: DW_TAG_compile_unit, Children: DW_CHILDREN_yes, Attributes: [ { Attribute: DW_AT_name, Form: DW_FORM_string }, { Attribute: DW_AT_language, Form: DW_FORM_data2 } ] }
        - { Code: 2, Tag: DW_TAG_structure_type, Children: DW_CHILDREN_yes, Attributes: [ { Attribute: DW_AT_name, Form: DW_FORM_string }, { Attribute: DW_AT_byte_size, Form: DW_FORM_data1 }, { Attribute: DW_AT_decl_column, Form: DW_FORM_data1 } ] }
        - { Code: 3, Tag: DW_TAG_member, Children: DW_CHILDREN_no, Attributes: [ { Attribute: DW_AT_name, Form: DW_FORM_string }, { Attribute: DW_AT_type, Form: DW_FORM_ref4 }, { Attribute: DW_AT_data_member_location, Form: DW_FORM_data1 } ] }
        - { Code: 4, Tag: DW_TAG_base_type, Children: DW_CHILDREN_no, Attributes: [ { Attribute: DW_AT_name, Form: DW_FORM_string }, { Attribute: DW_AT_byte_size, Form: DW_FORM_data1 }, { Attribute: DW_AT_encoding, Form: DW_FORM_data1 } ] }
        - { Code: 5, Tag: DW_TAG_pointer_type, Children: DW_CHILDREN_no, Attributes: [ { Attribute: DW_AT_byte_size, Form: DW_FORM_data1 }, { Attribute: DW_AT_type, Form: DW_FORM_ref4 } ] }
        - { Code: 6, Tag: DW_TAG_structure_type, Children: DW_CHILDREN_no, Attributes: [ { Attribute: DW_AT_name, Form: DW_FORM_string }, { Attribute: DW_AT_declaration, Form: DW_FORM_flag_present } ] }
    - ID: 1
      Table:
        - { Code: 1, Tag: DW_TAG_compile_unit, Children: DW_CHILDREN_yes, Attributes: [ { Attribute: DW_AT_name, Form: DW_FORM_string }, { Attribute: DW_AT_language, Form: DW_FORM_data2 } ] }
        - { Code: 2, Tag: DW_TAG_structure_type, Children: DW_CHILDREN_yes, Attributes: [ { Attribute: DW_AT_name, Form: DW_FORM_string }, { Attribute: DW_AT_byte_size, Form: DW_FORM_data1 }, { Attribute: DW_AT_decl_column, Form: DW_FORM_data2 } ] }
        - { Code: 3, Tag: DW_TAG_member, Children: DW_CHILDREN_no, Attributes: [ { Attribute: DW_AT_name, Form: DW_FORM_string }, { Attribute: DW_AT_type, Form: DW_FORM_ref4 }, { Attribute: DW_AT_data_member_location, Form: DW_FORM_data1 } ] }
        - { Code: 4, Tag: DW_TAG_base_type, Children: DW_CHILDREN_no, Attributes: [ { Attribute: DW_AT_name, Form: DW_FORM_string }, { Attribute: DW_AT_byte_size, Form: DW_FORM_data1 }, { Attribute: DW_AT_encoding, Form: DW_FORM_data1 } ] }
        - { Code: 5, Tag: DW_TAG_pointer_type, Children: DW_CHILDREN_no, Attributes: [ { Attribute: DW_AT_byte_size, Form: DW_FORM_data1 }, { Attribute: DW_AT_type, Form: DW_FORM_ref4 } ] }
        - { Code: 6, Tag: DW_TAG_structure_type, Children: DW_CHILDREN_yes, Attributes: [ { Attribute: DW_AT_name, Form: DW_FORM_string }, { Attribute: DW_AT_byte_size, Form: DW_FORM_data1 } ] }
  debug_info:
    - Version: 5
      UnitType: DW_UT_compile
      AbbrevTableID: 0
      AddrSize: 8
      Entries:
        - { AbbrCode: 1, Values: [ { CStr: a.c }, { Value: 0x0c } ] }
        - { AbbrCode: 2, Values: [ { CStr: S }, { Value: 16 }, { Value: 7 } ] }
        - { AbbrCode: 3, Values: [ { CStr: p }, { Value: 48 }, { Value: 0 } ] }
        - { AbbrCode: 3, Values: [ { CStr: x }, { Value: 41 }, { Value: 8 } ] }
        - { AbbrCode: 0 }
        - { AbbrCode: 4, Values: [ { CStr: int }, { Value: 4 }, { Value: 5 } ] }
        - { AbbrCode: 5, Values: [ { Value: 8 }, { Value: 54 } ] }
        - { AbbrCode: 6, Values: [ { CStr: T } ] }
        - { AbbrCode: 0 }
    - Version: 5
      UnitType: DW_UT_compile
      AbbrevTableID: 1
      AddrSize: 8
      Entries:
        - { AbbrCode: 1, Values: [ { CStr: b.c }, { Value: 0x0c } ] }
        - { AbbrCode: 2, Values: [ { CStr: S }, { Value: 16 }, { Value: 7 } ] }
        - { AbbrCode: 3, Values: [ { CStr: p }, { Value: 49 }, { Value: 0 } ] }
        - { AbbrCode: 3, Values: [ { CStr: x }, { Value: 42 }, { Value: 8 } ] }
        - { AbbrCode: 0 }
        - { AbbrCode: 4, Values: [ { CStr: int }, { Value: 4 }, { Value: 5 } ] }
        - { AbbrCode: 5, Values: [ { Value: 8 }, { Value: 55 } ] }
        - { AbbrCode: 6, Values: [ { CStr: T }, { Value: 4 } ] }
        - { AbbrCode: 3, Values: [ { CStr: y }, { Value: 42 }, { Value: 0 } ] }
        - { AbbrCode: 0 }
        - { AbbrCode: 0 }
    - Version: 5
      UnitType: DW_UT_compile
      AbbrevTableID: 0
      AddrSize: 8
      Entries:
        - { AbbrCode: 1, Values: [ { CStr: c.c }, { Value: 0x0c } ] }
        - { AbbrCode: 2, Values: [ { CStr: S }, { Value: 16 }, { Value: 7 } ] }
        - { AbbrCode: 3, Values: [ { CStr: p }, { Value: 49 }, { Value: 0 } ] }
        - { AbbrCode: 3, Values: [ { CStr: x }, { Value: 41 }, { Value: 8 } ] }
        - { AbbrCode: 0 }
        - { AbbrCode: 4, Values: [ { CStr: long }, { Value: 8 }, { Value: 5 } ] }
        - { AbbrCode: 5, Values: [ { Value: 8 }, { Value: 55 } ] }
        - { AbbrCode: 6, Values: [ { CStr: T } ] }
        - { AbbrCode: 0 }
)";

// The fingerprint of S (each unit's second DIE) in every unit of `yaml`, after `check` has looked at
// each unit's raw walk.
template <typename Check>
std::vector<dwarf::Fingerprint> printsOfS(const char *yaml, Check check) {
  std::vector<dwarf::Fingerprint> prints;
  const auto opened = testing::yamlDwarf(yaml);
  if (!opened->context) return prints;
  for (const auto &unit : opened->context->info_section_units()) {
    EXPECT_FALSE(static_cast<bool>(unit->tryExtractDIEsIfNeeded(false)));
    const std::optional<dwarf::RawUnit> raw = dwarf::RawUnit::read(*unit);
    EXPECT_TRUE(raw.has_value());
    if (!raw || raw->dies().size() < 2) return {};
    EXPECT_EQ(raw->die(1).tag, llvm::dwarf::DW_TAG_structure_type); // S
    check(*raw);
    dwarf::DefinitionFingerprints fingerprints(*raw);
    prints.push_back(fingerprints.of(1, "S"));
  }
  return prints;
}

TEST(Fingerprints, SameDefinitionAlikeWhateverPointeeAndFormsDifferentMemberTypeNot) {
  const std::vector<dwarf::Fingerprint> prints = printsOfS(kThreeUnits, [](const dwarf::RawUnit &) {});
  ASSERT_EQ(prints.size(), 3u);
  EXPECT_TRUE(prints[0] == prints[1]) << "T declared or defined, decl_column as data1 or data2: one layout";
  EXPECT_FALSE(prints[0] == prints[2]) << "x an int or a long: two layouts";
}

// struct S { int x; } in two units whose names are strp: in unit D every attribute of S and of x has a
// fixed size (hashed from offsets known in advance), in unit E the size and the member offset are udata
// (hashed attribute by attribute, in order). Both must give the same bytes for the same values.
const char *const kFixedAndVariable = R"(--- !ELF
FileHeader:
  Class:   ELFCLASS64
  Data:    ELFDATA2LSB
  Type:    ET_EXEC
  Machine: EM_X86_64
DWARF:
  debug_str:
    - S
    - x
    - int
  debug_abbrev:
    - ID: 0
      Table:
        - { Code: 1, Tag: DW_TAG_compile_unit, Children: DW_CHILDREN_yes, Attributes: [ { Attribute: DW_AT_name, Form: DW_FORM_string }, { Attribute: DW_AT_language, Form: DW_FORM_data2 } ] }
        - { Code: 2, Tag: DW_TAG_structure_type, Children: DW_CHILDREN_yes, Attributes: [ { Attribute: DW_AT_name, Form: DW_FORM_strp }, { Attribute: DW_AT_byte_size, Form: DW_FORM_data1 } ] }
        - { Code: 3, Tag: DW_TAG_member, Children: DW_CHILDREN_no, Attributes: [ { Attribute: DW_AT_name, Form: DW_FORM_strp }, { Attribute: DW_AT_type, Form: DW_FORM_ref4 }, { Attribute: DW_AT_data_member_location, Form: DW_FORM_data1 } ] }
        - { Code: 4, Tag: DW_TAG_base_type, Children: DW_CHILDREN_no, Attributes: [ { Attribute: DW_AT_name, Form: DW_FORM_strp }, { Attribute: DW_AT_byte_size, Form: DW_FORM_data1 }, { Attribute: DW_AT_encoding, Form: DW_FORM_data1 } ] }
    - ID: 1
      Table:
        - { Code: 1, Tag: DW_TAG_compile_unit, Children: DW_CHILDREN_yes, Attributes: [ { Attribute: DW_AT_name, Form: DW_FORM_string }, { Attribute: DW_AT_language, Form: DW_FORM_data2 } ] }
        - { Code: 2, Tag: DW_TAG_structure_type, Children: DW_CHILDREN_yes, Attributes: [ { Attribute: DW_AT_name, Form: DW_FORM_strp }, { Attribute: DW_AT_byte_size, Form: DW_FORM_udata } ] }
        - { Code: 3, Tag: DW_TAG_member, Children: DW_CHILDREN_no, Attributes: [ { Attribute: DW_AT_name, Form: DW_FORM_strp }, { Attribute: DW_AT_type, Form: DW_FORM_ref4 }, { Attribute: DW_AT_data_member_location, Form: DW_FORM_udata } ] }
        - { Code: 4, Tag: DW_TAG_base_type, Children: DW_CHILDREN_no, Attributes: [ { Attribute: DW_AT_name, Form: DW_FORM_strp }, { Attribute: DW_AT_byte_size, Form: DW_FORM_data1 }, { Attribute: DW_AT_encoding, Form: DW_FORM_data1 } ] }
  debug_info:
    - Version: 5
      UnitType: DW_UT_compile
      AbbrevTableID: 0
      AddrSize: 8
      Entries:
        - { AbbrCode: 1, Values: [ { CStr: d.c }, { Value: 0x0c } ] }
        - { AbbrCode: 2, Values: [ { Value: 0 }, { Value: 4 } ] }
        - { AbbrCode: 3, Values: [ { Value: 2 }, { Value: 36 }, { Value: 0 } ] }
        - { AbbrCode: 0 }
        - { AbbrCode: 4, Values: [ { Value: 4 }, { Value: 4 }, { Value: 5 } ] }
        - { AbbrCode: 0 }
    - Version: 5
      UnitType: DW_UT_compile
      AbbrevTableID: 1
      AddrSize: 8
      Entries:
        - { AbbrCode: 1, Values: [ { CStr: e.c }, { Value: 0x0c } ] }
        - { AbbrCode: 2, Values: [ { Value: 0 }, { Value: 4 } ] }
        - { AbbrCode: 3, Values: [ { Value: 2 }, { Value: 36 }, { Value: 0 } ] }
        - { AbbrCode: 0 }
        - { AbbrCode: 4, Values: [ { Value: 4 }, { Value: 4 }, { Value: 5 } ] }
        - { AbbrCode: 0 }
)";

TEST(Fingerprints, FixedSizeAttributesHashedAsInOrder) {
  const std::vector<dwarf::Fingerprint> prints = printsOfS(kFixedAndVariable, [](const dwarf::RawUnit &raw) {
    ASSERT_EQ(raw.dies().size(), 4u);
    EXPECT_EQ(raw.die(3).tag, llvm::dwarf::DW_TAG_base_type); // int, where x's DW_AT_type leads
    EXPECT_EQ(raw.indexOf(raw.unitOffset() + 36), 3u);
  });
  ASSERT_EQ(prints.size(), 2u);
  EXPECT_TRUE(prints[0] == prints[1]) << "S's size and x's offset as data1 or udata: one layout";
}

// struct S { struct T *p; } in three units, names strp. Behind the pointer only T's name counts: read
// with one load where the name is a strp at a fixed place (units F and H), attribute by attribute where a
// string of variable length comes first (unit G). F and G must give the same bytes; H names U.
const char *const kPointeeNames = R"(--- !ELF
FileHeader:
  Class:   ELFCLASS64
  Data:    ELFDATA2LSB
  Type:    ET_EXEC
  Machine: EM_X86_64
DWARF:
  debug_str:
    - S
    - p
    - T
    - U
  debug_abbrev:
    - ID: 0
      Table:
        - { Code: 1, Tag: DW_TAG_compile_unit, Children: DW_CHILDREN_yes, Attributes: [ { Attribute: DW_AT_name, Form: DW_FORM_string }, { Attribute: DW_AT_language, Form: DW_FORM_data2 } ] }
        - { Code: 2, Tag: DW_TAG_structure_type, Children: DW_CHILDREN_yes, Attributes: [ { Attribute: DW_AT_name, Form: DW_FORM_strp }, { Attribute: DW_AT_byte_size, Form: DW_FORM_data1 } ] }
        - { Code: 3, Tag: DW_TAG_member, Children: DW_CHILDREN_no, Attributes: [ { Attribute: DW_AT_name, Form: DW_FORM_strp }, { Attribute: DW_AT_type, Form: DW_FORM_ref4 }, { Attribute: DW_AT_data_member_location, Form: DW_FORM_data1 } ] }
        - { Code: 4, Tag: DW_TAG_pointer_type, Children: DW_CHILDREN_no, Attributes: [ { Attribute: DW_AT_byte_size, Form: DW_FORM_data1 }, { Attribute: DW_AT_type, Form: DW_FORM_ref4 } ] }
        - { Code: 5, Tag: DW_TAG_structure_type, Children: DW_CHILDREN_no, Attributes: [ { Attribute: DW_AT_name, Form: DW_FORM_strp }, { Attribute: DW_AT_declaration, Form: DW_FORM_flag_present } ] }
    - ID: 1
      Table:
        - { Code: 1, Tag: DW_TAG_compile_unit, Children: DW_CHILDREN_yes, Attributes: [ { Attribute: DW_AT_name, Form: DW_FORM_string }, { Attribute: DW_AT_language, Form: DW_FORM_data2 } ] }
        - { Code: 2, Tag: DW_TAG_structure_type, Children: DW_CHILDREN_yes, Attributes: [ { Attribute: DW_AT_name, Form: DW_FORM_strp }, { Attribute: DW_AT_byte_size, Form: DW_FORM_data1 } ] }
        - { Code: 3, Tag: DW_TAG_member, Children: DW_CHILDREN_no, Attributes: [ { Attribute: DW_AT_name, Form: DW_FORM_strp }, { Attribute: DW_AT_type, Form: DW_FORM_ref4 }, { Attribute: DW_AT_data_member_location, Form: DW_FORM_data1 } ] }
        - { Code: 4, Tag: DW_TAG_pointer_type, Children: DW_CHILDREN_no, Attributes: [ { Attribute: DW_AT_byte_size, Form: DW_FORM_data1 }, { Attribute: DW_AT_type, Form: DW_FORM_ref4 } ] }
        - { Code: 5, Tag: DW_TAG_structure_type, Children: DW_CHILDREN_no, Attributes: [ { Attribute: DW_AT_linkage_name, Form: DW_FORM_string }, { Attribute: DW_AT_name, Form: DW_FORM_strp }, { Attribute: DW_AT_declaration, Form: DW_FORM_flag_present } ] }
  debug_info:
    - Version: 5
      UnitType: DW_UT_compile
      AbbrevTableID: 0
      AddrSize: 8
      Entries:
        - { AbbrCode: 1, Values: [ { CStr: f.c }, { Value: 0x0c } ] }
        - { AbbrCode: 2, Values: [ { Value: 0 }, { Value: 8 } ] }
        - { AbbrCode: 3, Values: [ { Value: 2 }, { Value: 36 }, { Value: 0 } ] }
        - { AbbrCode: 0 }
        - { AbbrCode: 4, Values: [ { Value: 8 }, { Value: 42 } ] }
        - { AbbrCode: 5, Values: [ { Value: 4 } ] }
        - { AbbrCode: 0 }
    - Version: 5
      UnitType: DW_UT_compile
      AbbrevTableID: 1
      AddrSize: 8
      Entries:
        - { AbbrCode: 1, Values: [ { CStr: g.c }, { Value: 0x0c } ] }
        - { AbbrCode: 2, Values: [ { Value: 0 }, { Value: 8 } ] }
        - { AbbrCode: 3, Values: [ { Value: 2 }, { Value: 36 }, { Value: 0 } ] }
        - { AbbrCode: 0 }
        - { AbbrCode: 4, Values: [ { Value: 8 }, { Value: 42 } ] }
        - { AbbrCode: 5, Values: [ { CStr: _T }, { Value: 4 } ] }
        - { AbbrCode: 0 }
    - Version: 5
      UnitType: DW_UT_compile
      AbbrevTableID: 0
      AddrSize: 8
      Entries:
        - { AbbrCode: 1, Values: [ { CStr: h.c }, { Value: 0x0c } ] }
        - { AbbrCode: 2, Values: [ { Value: 0 }, { Value: 8 } ] }
        - { AbbrCode: 3, Values: [ { Value: 2 }, { Value: 36 }, { Value: 0 } ] }
        - { AbbrCode: 0 }
        - { AbbrCode: 4, Values: [ { Value: 8 }, { Value: 42 } ] }
        - { AbbrCode: 5, Values: [ { Value: 6 } ] }
        - { AbbrCode: 0 }
)";

TEST(Fingerprints, PointeeNameReadInOneLoadOrInOrderAlike) {
  const std::vector<dwarf::Fingerprint> prints = printsOfS(kPointeeNames, [](const dwarf::RawUnit &raw) {
    ASSERT_EQ(raw.dies().size(), 5u);
    EXPECT_EQ(raw.indexOf(raw.unitOffset() + 42), 4u) << "the pointer's type: the declared struct";
  });
  ASSERT_EQ(prints.size(), 3u);
  EXPECT_TRUE(prints[0] == prints[1]) << "struct T * whichever way T's name is read";
  EXPECT_FALSE(prints[0] == prints[2]) << "struct T * and struct U *";
}

// struct S { int x; } in three units. Where x was written (decl_line, decl_column) shows nowhere in a
// layout, and S's own place shows as that of the first unit with its layout whichever unit builds it (the
// merge keeps identical layouts once): units F and G, which differ in x's line and column and S's column,
// and H, where S starts a line further down, share one fingerprint.
const char *const kDeclarationLines = R"(--- !ELF
FileHeader:
  Class:   ELFCLASS64
  Data:    ELFDATA2LSB
  Type:    ET_EXEC
  Machine: EM_X86_64
DWARF:
  debug_abbrev:
    - ID: 0
      Table:
        - { Code: 1, Tag: DW_TAG_compile_unit, Children: DW_CHILDREN_yes, Attributes: [ { Attribute: DW_AT_name, Form: DW_FORM_string }, { Attribute: DW_AT_language, Form: DW_FORM_data2 } ] }
        - { Code: 2, Tag: DW_TAG_structure_type, Children: DW_CHILDREN_yes, Attributes: [ { Attribute: DW_AT_name, Form: DW_FORM_string }, { Attribute: DW_AT_byte_size, Form: DW_FORM_data1 }, { Attribute: DW_AT_decl_line, Form: DW_FORM_data1 }, { Attribute: DW_AT_decl_column, Form: DW_FORM_data1 } ] }
        - { Code: 3, Tag: DW_TAG_member, Children: DW_CHILDREN_no, Attributes: [ { Attribute: DW_AT_name, Form: DW_FORM_string }, { Attribute: DW_AT_decl_line, Form: DW_FORM_data1 }, { Attribute: DW_AT_decl_column, Form: DW_FORM_data1 }, { Attribute: DW_AT_type, Form: DW_FORM_ref4 }, { Attribute: DW_AT_data_member_location, Form: DW_FORM_data1 } ] }
        - { Code: 4, Tag: DW_TAG_base_type, Children: DW_CHILDREN_no, Attributes: [ { Attribute: DW_AT_name, Form: DW_FORM_string }, { Attribute: DW_AT_byte_size, Form: DW_FORM_data1 }, { Attribute: DW_AT_encoding, Form: DW_FORM_data1 } ] }
  debug_info:
    - Version: 5
      UnitType: DW_UT_compile
      AbbrevTableID: 0
      AddrSize: 8
      Entries:
        - { AbbrCode: 1, Values: [ { CStr: f.c }, { Value: 0x0c } ] }
        - { AbbrCode: 2, Values: [ { CStr: S }, { Value: 4 }, { Value: 10 }, { Value: 8 } ] }
        - { AbbrCode: 3, Values: [ { CStr: x }, { Value: 11 }, { Value: 7 }, { Value: 36 }, { Value: 0 } ] }
        - { AbbrCode: 0 }
        - { AbbrCode: 4, Values: [ { CStr: int }, { Value: 4 }, { Value: 5 } ] }
        - { AbbrCode: 0 }
    - Version: 5
      UnitType: DW_UT_compile
      AbbrevTableID: 0
      AddrSize: 8
      Entries:
        - { AbbrCode: 1, Values: [ { CStr: g.c }, { Value: 0x0c } ] }
        - { AbbrCode: 2, Values: [ { CStr: S }, { Value: 4 }, { Value: 10 }, { Value: 9 } ] }
        - { AbbrCode: 3, Values: [ { CStr: x }, { Value: 12 }, { Value: 9 }, { Value: 36 }, { Value: 0 } ] }
        - { AbbrCode: 0 }
        - { AbbrCode: 4, Values: [ { CStr: int }, { Value: 4 }, { Value: 5 } ] }
        - { AbbrCode: 0 }
    - Version: 5
      UnitType: DW_UT_compile
      AbbrevTableID: 0
      AddrSize: 8
      Entries:
        - { AbbrCode: 1, Values: [ { CStr: h.c }, { Value: 0x0c } ] }
        - { AbbrCode: 2, Values: [ { CStr: S }, { Value: 4 }, { Value: 11 }, { Value: 8 } ] }
        - { AbbrCode: 3, Values: [ { CStr: x }, { Value: 12 }, { Value: 9 }, { Value: 36 }, { Value: 0 } ] }
        - { AbbrCode: 0 }
        - { AbbrCode: 4, Values: [ { CStr: int }, { Value: 4 }, { Value: 5 } ] }
        - { AbbrCode: 0 }
)";

TEST(Fingerprints, WhereThingsWereWrittenNotPartOfTheLayout) {
  const std::vector<dwarf::Fingerprint> prints = printsOfS(kDeclarationLines, [](const dwarf::RawUnit &raw) {
    ASSERT_EQ(raw.dies().size(), 4u);
    EXPECT_EQ(raw.indexOf(raw.unitOffset() + 36), 3u); // x's type: int
  });
  ASSERT_EQ(prints.size(), 3u);
  EXPECT_TRUE(prints[0] == prints[1]) << "x on another line and column, S's column: one layout";
  EXPECT_TRUE(prints[0] == prints[2]) << "S declared on another line: one layout";
}

} // namespace
} // namespace memlayout
