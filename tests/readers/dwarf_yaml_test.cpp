// dwarf::readTypes on DWARF built from YAML (yaml2obj's DWARFYAML): the DWARF 4 DW_AT_bit_offset
// encoding on big- and little-endian targets, virtual bases the ABI rules cannot place, Rust variant
// parts (signed discriminants, DW_AT_discr_list), and damage: cycles, dangling type-unit signatures,
// unreadable units, damaged variant parts, no DWARF at all.
#include "dwarf/type_reader.h"
#include "reader_test_support.h"
#include "support/error.h"

#include <gtest/gtest.h>

#include <string>

namespace memlayout {
namespace {

struct YamlResult {
  bool built = false;
  std::string problem;                      // yaml2obj's complaint, or the reader's error message
  support::ErrorKind kind = support::ErrorKind::Internal;
  std::optional<model::TypeTable> table;
};

YamlResult readYaml(const std::string &yaml) {
  YamlResult result;
  const auto built = testing::yamlObject(yaml);
  result.built = built->built;
  result.problem = built->problem;
  if (!built->object) return result;
  auto table = dwarf::readTypes(*built->object, "yaml", {});
  if (!table) {
    auto report = support::takeErrorReport(table.takeError());
    result.kind = report.kind;
    result.problem = report.message;
    return result;
  }
  result.table = std::move(*table);
  return result;
}

const model::Type *typeNamed(const model::TypeTable &table, const std::string &name) {
  for (const auto &type : table.types)
    if (type.name == name) return &type;
  ADD_FAILURE() << "no type " << name;
  return nullptr;
}

std::string replaceAll(std::string text, const std::string &from, const std::string &to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

// struct flags { unsigned int a : 3, b : 5, c : 12; } as gcc's DWARF 4 writes it: DW_AT_bit_offset
// counts from the most significant bit of the 4-byte storage unit. @A@ @B@ @C@ are those offsets.
const std::string kBitOffsetYaml = R"(--- !ELF
FileHeader:
  Class:   ELFCLASS64
  Data:    @DATA@
  Type:    ET_EXEC
  Machine: @MACHINE@
DWARF:
  debug_abbrev:
    - Table:
        - { Code: 1, Tag: DW_TAG_compile_unit, Children: DW_CHILDREN_yes, Attributes: [ { Attribute: DW_AT_name, Form: DW_FORM_string }, { Attribute: DW_AT_language, Form: DW_FORM_data2 } ] }
        - { Code: 2, Tag: DW_TAG_structure_type, Children: DW_CHILDREN_yes, Attributes: [ { Attribute: DW_AT_name, Form: DW_FORM_string }, { Attribute: DW_AT_byte_size, Form: DW_FORM_data1 } ] }
        - { Code: 3, Tag: DW_TAG_member, Children: DW_CHILDREN_no, Attributes: [ { Attribute: DW_AT_name, Form: DW_FORM_string }, { Attribute: DW_AT_type, Form: DW_FORM_ref4 }, { Attribute: DW_AT_byte_size, Form: DW_FORM_data1 }, { Attribute: DW_AT_bit_size, Form: DW_FORM_data1 }, { Attribute: DW_AT_bit_offset, Form: DW_FORM_data1 }, { Attribute: DW_AT_data_member_location, Form: DW_FORM_data1 } ] }
        - { Code: 4, Tag: DW_TAG_base_type, Children: DW_CHILDREN_no, Attributes: [ { Attribute: DW_AT_name, Form: DW_FORM_string }, { Attribute: DW_AT_byte_size, Form: DW_FORM_data1 }, { Attribute: DW_AT_encoding, Form: DW_FORM_data1 } ] }
  debug_info:
    - Version:  4
      AddrSize: 8
      Entries:
        - { AbbrCode: 1, Values: [ { CStr: bits.c }, { Value: 0x0c } ] }
        - { AbbrCode: 2, Values: [ { CStr: flags }, { Value: 4 } ] }
        - { AbbrCode: 3, Values: [ { CStr: a }, { Value: 0x3f }, { Value: 4 }, { Value: 3 }, { Value: @A@ }, { Value: 0 } ] }
        - { AbbrCode: 3, Values: [ { CStr: b }, { Value: 0x3f }, { Value: 4 }, { Value: 5 }, { Value: @B@ }, { Value: 0 } ] }
        - { AbbrCode: 3, Values: [ { CStr: c }, { Value: 0x3f }, { Value: 4 }, { Value: 12 }, { Value: @C@ }, { Value: 0 } ] }
        - { AbbrCode: 0 }
        - { AbbrCode: 4, Values: [ { CStr: unsigned int }, { Value: 4 }, { Value: 0x08 } ] }
        - { AbbrCode: 0 }
)";

void expectFlagsLayout(const YamlResult &result) {
  ASSERT_TRUE(result.table) << result.problem;
  const model::Type *flags = typeNamed(*result.table, "flags");
  ASSERT_NE(flags, nullptr);
  ASSERT_EQ(flags->fields.size(), 3u);
  // Bits in memory order from the start of the type, on either byte order.
  EXPECT_EQ(flags->fields[0].bitOffset, 0u);
  EXPECT_EQ(flags->fields[0].bitSize, 3u);
  EXPECT_EQ(flags->fields[1].bitOffset, 3u);
  EXPECT_EQ(flags->fields[2].bitOffset, 8u);
  EXPECT_EQ(flags->fields[2].bitSize, 12u);
  EXPECT_TRUE(flags->fields[2].bitField);
  EXPECT_EQ(flags->fields[2].byteSize, 4u);
  EXPECT_TRUE(result.table->warnings.empty());
}

TEST(DwarfYaml, BitOffsetOnBigEndianCountsFromTheFirstBit) {
  std::string yaml = replaceAll(replaceAll(kBitOffsetYaml, "@DATA@", "ELFDATA2MSB"), "@MACHINE@", "EM_PPC64");
  yaml = replaceAll(replaceAll(replaceAll(yaml, "@A@", "0"), "@B@", "3"), "@C@", "8");
  expectFlagsLayout(readYaml(yaml));
}

TEST(DwarfYaml, BitOffsetOnLittleEndianCountsFromTheStorageUnitsEnd) {
  std::string yaml = replaceAll(replaceAll(kBitOffsetYaml, "@DATA@", "ELFDATA2LSB"), "@MACHINE@", "EM_X86_64");
  yaml = replaceAll(replaceAll(replaceAll(yaml, "@A@", "29"), "@B@", "24"), "@C@", "12");
  expectFlagsLayout(readYaml(yaml));
}

// struct D : virtual V { int d; } with a vptr; DW_AT_byte_size is @SIZE@ (16 is what the ABI gives).
const std::string kVirtualBaseYaml = R"(--- !ELF
FileHeader:
  Class:   ELFCLASS64
  Data:    ELFDATA2LSB
  Type:    ET_EXEC
  Machine: EM_X86_64
DWARF:
  debug_abbrev:
    - Table:
        - { Code: 1, Tag: DW_TAG_compile_unit, Children: DW_CHILDREN_yes, Attributes: [ { Attribute: DW_AT_name, Form: DW_FORM_string }, { Attribute: DW_AT_language, Form: DW_FORM_data2 } ] }
        - { Code: 2, Tag: DW_TAG_structure_type, Children: DW_CHILDREN_yes, Attributes: [ { Attribute: DW_AT_name, Form: DW_FORM_string }, { Attribute: DW_AT_byte_size, Form: DW_FORM_data1 } ] }
        - { Code: 3, Tag: DW_TAG_member, Children: DW_CHILDREN_no, Attributes: [ { Attribute: DW_AT_name, Form: DW_FORM_string }, { Attribute: DW_AT_type, Form: DW_FORM_ref4 }, { Attribute: DW_AT_data_member_location, Form: DW_FORM_data1 } ] }
        - { Code: 4, Tag: DW_TAG_inheritance, Children: DW_CHILDREN_no, Attributes: [ { Attribute: DW_AT_type, Form: DW_FORM_ref4 }, { Attribute: DW_AT_data_member_location, Form: DW_FORM_exprloc }, { Attribute: DW_AT_virtuality, Form: DW_FORM_data1 } ] }
        - { Code: 5, Tag: DW_TAG_base_type, Children: DW_CHILDREN_no, Attributes: [ { Attribute: DW_AT_name, Form: DW_FORM_string }, { Attribute: DW_AT_byte_size, Form: DW_FORM_data1 }, { Attribute: DW_AT_encoding, Form: DW_FORM_data1 } ] }
        - { Code: 6, Tag: DW_TAG_pointer_type, Children: DW_CHILDREN_no, Attributes: [ { Attribute: DW_AT_byte_size, Form: DW_FORM_data1 } ] }
        - { Code: 7, Tag: DW_TAG_member, Children: DW_CHILDREN_no, Attributes: [ { Attribute: DW_AT_name, Form: DW_FORM_string }, { Attribute: DW_AT_type, Form: DW_FORM_ref4 }, { Attribute: DW_AT_data_member_location, Form: DW_FORM_data1 }, { Attribute: DW_AT_artificial, Form: DW_FORM_flag_present } ] }
  debug_info:
    - Version:  4
      AddrSize: 8
      Entries:
        - { AbbrCode: 1, Values: [ { CStr: vb.cpp }, { Value: 0x04 } ] }
        - { AbbrCode: 2, Values: [ { CStr: V }, { Value: 4 } ] }
        - { AbbrCode: 3, Values: [ { CStr: v }, { Value: 0x4a }, { Value: 0 } ] }
        - { AbbrCode: 0 }
        - { AbbrCode: 2, Values: [ { CStr: D }, { Value: @SIZE@ } ] }
        - { AbbrCode: 4, Values: [ { Value: 0x15 }, { BlockData: [ 0x12, 0x06, 0x48, 0x1c, 0x06, 0x22 ] }, { Value: 1 } ] }
        - { AbbrCode: 7, Values: [ { CStr: _vptr.D }, { Value: 0x51 }, { Value: 0 }, { } ] }
        - { AbbrCode: 3, Values: [ { CStr: d }, { Value: 0x4a }, { Value: 8 } ] }
        - { AbbrCode: 0 }
        - { AbbrCode: 5, Values: [ { CStr: int }, { Value: 4 }, { Value: 0x05 } ] }
        - { AbbrCode: 6, Values: [ { Value: 8 } ] }
        - { AbbrCode: 0 }
)";

TEST(DwarfYaml, VirtualBaseIsPlacedWhenTheAbiReproducesTheSize) {
  auto result = readYaml(replaceAll(kVirtualBaseYaml, "@SIZE@", "16"));
  ASSERT_TRUE(result.table) << result.problem;
  const model::Type *d = typeNamed(*result.table, "D");
  ASSERT_NE(d, nullptr);
  EXPECT_TRUE(d->hasVirtualBases);
  ASSERT_EQ(d->fields.size(), 3u);
  const model::Field &base = d->fields[0];
  EXPECT_TRUE(base.base);
  EXPECT_TRUE(base.virtualBase);
  EXPECT_EQ(base.bitOffset, 96u); // after the vptr and d: 12, aligned to 4
  EXPECT_EQ(base.bitSize, 32u);
  EXPECT_TRUE(d->fields[1].artificial);
}

TEST(DwarfYaml, VirtualBaseStaysDynamicWhenTheAbiDisagrees) {
  auto result = readYaml(replaceAll(kVirtualBaseYaml, "@SIZE@", "24"));
  ASSERT_TRUE(result.table) << result.problem;
  const model::Type *d = typeNamed(*result.table, "D");
  ASSERT_NE(d, nullptr);
  const model::Field &base = d->fields[0];
  EXPECT_TRUE(base.virtualBase);
  EXPECT_EQ(base.bitSize, 0u); // never a made-up offset such as 4294967295
  EXPECT_EQ(base.bitOffset, 0u);
  EXPECT_EQ(base.byteSize, 4u);
}

// struct inner { u32 a, b; } __packed; struct outer { u16 x; struct inner in; u32 y; }: `in` sits at 2,
// which only inner's packing allows; outer itself is an ordinary 4-aligned struct (the kernel's
// fgraph_data holds its packed trace entries this way).
const std::string kPackedMemberYaml = R"(--- !ELF
FileHeader:
  Class:   ELFCLASS64
  Data:    ELFDATA2LSB
  Type:    ET_EXEC
  Machine: EM_X86_64
DWARF:
  debug_abbrev:
    - Table:
        - { Code: 1, Tag: DW_TAG_compile_unit, Children: DW_CHILDREN_yes, Attributes: [ { Attribute: DW_AT_name, Form: DW_FORM_string }, { Attribute: DW_AT_language, Form: DW_FORM_data2 } ] }
        - { Code: 2, Tag: DW_TAG_structure_type, Children: DW_CHILDREN_yes, Attributes: [ { Attribute: DW_AT_name, Form: DW_FORM_string }, { Attribute: DW_AT_byte_size, Form: DW_FORM_data1 } ] }
        - { Code: 3, Tag: DW_TAG_member, Children: DW_CHILDREN_no, Attributes: [ { Attribute: DW_AT_name, Form: DW_FORM_string }, { Attribute: DW_AT_type, Form: DW_FORM_ref4 }, { Attribute: DW_AT_data_member_location, Form: DW_FORM_data1 } ] }
        - { Code: 4, Tag: DW_TAG_base_type, Children: DW_CHILDREN_no, Attributes: [ { Attribute: DW_AT_name, Form: DW_FORM_string }, { Attribute: DW_AT_byte_size, Form: DW_FORM_data1 }, { Attribute: DW_AT_encoding, Form: DW_FORM_data1 } ] }
  debug_info:
    - Version:  4
      AddrSize: 8
      Entries:
        - { AbbrCode: 1, Values: [ { CStr: nest.c }, { Value: 0x0c } ] }
        - { AbbrCode: 2, Values: [ { CStr: inner }, { Value: 8 } ] }
        - { AbbrCode: 3, Values: [ { CStr: a }, { Value: 0x50 }, { Value: 0 } ] }
        - { AbbrCode: 3, Values: [ { CStr: b }, { Value: 0x50 }, { Value: 4 } ] }
        - { AbbrCode: 0 }
        - { AbbrCode: 2, Values: [ { CStr: outer }, { Value: 16 } ] }
        - { AbbrCode: 3, Values: [ { CStr: x }, { Value: 0x57 }, { Value: 0 } ] }
        - { AbbrCode: 3, Values: [ { CStr: in }, { Value: 0x15 }, { Value: 2 } ] }
        - { AbbrCode: 3, Values: [ { CStr: y }, { Value: 0x50 }, { Value: 12 } ] }
        - { AbbrCode: 0 }
        - { AbbrCode: 4, Values: [ { CStr: u32 }, { Value: 4 }, { Value: 0x07 } ] }
        - { AbbrCode: 4, Values: [ { CStr: u16 }, { Value: 2 }, { Value: 0x07 } ] }
        - { AbbrCode: 0 }
)";

TEST(DwarfYaml, PackedMemberTypeDoesNotMakeItsHolderPacked) {
  auto result = readYaml(kPackedMemberYaml);
  ASSERT_TRUE(result.table) << result.problem;
  const model::Type *outer = typeNamed(*result.table, "outer");
  ASSERT_NE(outer, nullptr);
  EXPECT_FALSE(outer->packed);
  EXPECT_EQ(outer->align, 4u);
  ASSERT_EQ(outer->fields.size(), 3u);
  EXPECT_EQ(outer->fields[1].bitOffset, 16u);
  EXPECT_EQ(outer->fields[1].align, 2u); // all its offset allows
  EXPECT_EQ(outer->fields[2].bitOffset, 96u);
}

// Damage: a struct holding itself, a typedef and a pointer naming themselves, an enum based on itself,
// a member whose type unit does not exist, and a function type whose three parameters are pointers to
// itself (a name that would branch 3^64 times without a budget).
const std::string kCyclesYaml = R"(--- !ELF
FileHeader:
  Class:   ELFCLASS64
  Data:    ELFDATA2LSB
  Type:    ET_EXEC
  Machine: EM_X86_64
DWARF:
  debug_abbrev:
    - Table:
        - { Code: 1, Tag: DW_TAG_compile_unit, Children: DW_CHILDREN_yes, Attributes: [ { Attribute: DW_AT_name, Form: DW_FORM_string }, { Attribute: DW_AT_language, Form: DW_FORM_data2 } ] }
        - { Code: 2, Tag: DW_TAG_structure_type, Children: DW_CHILDREN_yes, Attributes: [ { Attribute: DW_AT_name, Form: DW_FORM_string }, { Attribute: DW_AT_byte_size, Form: DW_FORM_data1 } ] }
        - { Code: 3, Tag: DW_TAG_member, Children: DW_CHILDREN_no, Attributes: [ { Attribute: DW_AT_name, Form: DW_FORM_string }, { Attribute: DW_AT_type, Form: DW_FORM_ref4 }, { Attribute: DW_AT_data_member_location, Form: DW_FORM_data1 } ] }
        - { Code: 4, Tag: DW_TAG_typedef, Children: DW_CHILDREN_no, Attributes: [ { Attribute: DW_AT_name, Form: DW_FORM_string }, { Attribute: DW_AT_type, Form: DW_FORM_ref4 } ] }
        - { Code: 5, Tag: DW_TAG_pointer_type, Children: DW_CHILDREN_no, Attributes: [ { Attribute: DW_AT_type, Form: DW_FORM_ref4 } ] }
        - { Code: 6, Tag: DW_TAG_enumeration_type, Children: DW_CHILDREN_no, Attributes: [ { Attribute: DW_AT_name, Form: DW_FORM_string }, { Attribute: DW_AT_type, Form: DW_FORM_ref4 }, { Attribute: DW_AT_byte_size, Form: DW_FORM_data1 } ] }
        - { Code: 7, Tag: DW_TAG_member, Children: DW_CHILDREN_no, Attributes: [ { Attribute: DW_AT_name, Form: DW_FORM_string }, { Attribute: DW_AT_type, Form: DW_FORM_ref_sig8 }, { Attribute: DW_AT_data_member_location, Form: DW_FORM_data1 } ] }
        - { Code: 8, Tag: DW_TAG_subroutine_type, Children: DW_CHILDREN_yes, Attributes: [ { Attribute: DW_AT_prototyped, Form: DW_FORM_flag_present } ] }
        - { Code: 9, Tag: DW_TAG_formal_parameter, Children: DW_CHILDREN_no, Attributes: [ { Attribute: DW_AT_type, Form: DW_FORM_ref4 } ] }
  debug_info:
    - Version:  4
      AddrSize: 8
      Entries:
        - { AbbrCode: 1, Values: [ { CStr: cyc.c }, { Value: 0x0c } ] }
        - { AbbrCode: 2, Values: [ { CStr: loop }, { Value: 16 } ] }
        - { AbbrCode: 3, Values: [ { CStr: self }, { Value: 0x14 }, { Value: 0 } ] }
        - { AbbrCode: 3, Values: [ { CStr: t }, { Value: 0x2f }, { Value: 8 } ] }
        - { AbbrCode: 0 }
        - { AbbrCode: 4, Values: [ { CStr: t1 }, { Value: 0x2f } ] }
        - { AbbrCode: 5, Values: [ { Value: 0x37 } ] }
        - { AbbrCode: 6, Values: [ { CStr: e }, { Value: 0x3c }, { Value: 4 } ] }
        - { AbbrCode: 2, Values: [ { CStr: user }, { Value: 32 } ] }
        - { AbbrCode: 3, Values: [ { CStr: p }, { Value: 0x37 }, { Value: 0 } ] }
        - { AbbrCode: 3, Values: [ { CStr: e }, { Value: 0x3c }, { Value: 8 } ] }
        - { AbbrCode: 7, Values: [ { CStr: lost }, { Value: 0x1122334455667788 }, { Value: 16 } ] }
        - { AbbrCode: 3, Values: [ { CStr: f }, { Value: 0x73 }, { Value: 24 } ] }
        - { AbbrCode: 0 }
        - { AbbrCode: 5, Values: [ { Value: 0x78 } ] }
        - { AbbrCode: 8, Values: [ { } ] }
        - { AbbrCode: 9, Values: [ { Value: 0x73 } ] }
        - { AbbrCode: 9, Values: [ { Value: 0x73 } ] }
        - { AbbrCode: 9, Values: [ { Value: 0x73 } ] }
        - { AbbrCode: 0 }
        - { AbbrCode: 0 }
)";

TEST(DwarfYaml, CyclesAndDanglingReferencesAreWarningsNotHangs) {
  auto result = readYaml(kCyclesYaml);
  ASSERT_TRUE(result.table) << result.problem;
  const model::Type *loop = typeNamed(*result.table, "loop");
  ASSERT_NE(loop, nullptr);
  ASSERT_EQ(loop->fields.size(), 2u);
  EXPECT_EQ(loop->fields[0].typeIndex, -1); // not a cycle in the table --expand would follow
  EXPECT_EQ(loop->fields[1].byteSize, 0u);  // the typedef names itself: size unknown
  const model::Type *user = typeNamed(*result.table, "user");
  ASSERT_NE(user, nullptr);
  ASSERT_EQ(user->fields.size(), 4u);
  EXPECT_EQ(user->fields[0].byteSize, 8u); // a pointer, whatever it points to
  EXPECT_EQ(user->fields[1].byteSize, 4u);
  EXPECT_EQ(user->fields[2].byteSize, 0u); // the type unit is missing
  EXPECT_EQ(user->fields[3].byteSize, 8u);
  EXPECT_LT(user->fields[3].typeName.size(), 100000u);
  ASSERT_FALSE(result.table->warnings.empty());
  EXPECT_NE(result.table->warnings.front().find("contains itself"), std::string::npos);
}

// A Rust enum with data as rustc writes it: a struct holding a DW_TAG_variant_part whose DW_AT_discr
// names an i8 member, and one DW_TAG_variant per variant, each with a member whose type is a struct
// nested in the enum that holds the variant's fields. Neg has DW_AT_discr_value 0xfd (-3 as an i8),
// Many a DW_AT_discr_list (@LIST@), Other no value. Then `enum Small : i8 { A = 0xfd, B = 7 }`, a
// struct holding one, and a u128 enum whose values are 16-byte blocks, as rustc writes them (Fits =
// 1 << 40, Huge = @HUGE@). @DISCR@ is the DW_AT_discr reference (0x24: the i8 member).
const std::string kVariantPartYaml = R"(--- !ELF
FileHeader:
  Class:   ELFCLASS64
  Data:    ELFDATA2LSB
  Type:    ET_EXEC
  Machine: EM_X86_64
DWARF:
  debug_abbrev:
    - Table:
        - { Code: 1, Tag: DW_TAG_compile_unit, Children: DW_CHILDREN_yes, Attributes: [ { Attribute: DW_AT_name, Form: DW_FORM_string }, { Attribute: DW_AT_language, Form: DW_FORM_data2 } ] }
        - { Code: 2, Tag: DW_TAG_structure_type, Children: DW_CHILDREN_yes, Attributes: [ { Attribute: DW_AT_name, Form: DW_FORM_string }, { Attribute: DW_AT_byte_size, Form: DW_FORM_data1 }, { Attribute: DW_AT_alignment, Form: DW_FORM_data1 } ] }
        - { Code: 3, Tag: DW_TAG_variant_part, Children: DW_CHILDREN_yes, Attributes: [ { Attribute: DW_AT_discr, Form: DW_FORM_ref4 } ] }
        - { Code: 4, Tag: DW_TAG_member, Children: DW_CHILDREN_no, Attributes: [ { Attribute: DW_AT_name, Form: DW_FORM_string }, { Attribute: DW_AT_type, Form: DW_FORM_ref4 }, { Attribute: DW_AT_data_member_location, Form: DW_FORM_data1 } ] }
        - { Code: 5, Tag: DW_TAG_member, Children: DW_CHILDREN_no, Attributes: [ { Attribute: DW_AT_type, Form: DW_FORM_ref4 }, { Attribute: DW_AT_data_member_location, Form: DW_FORM_data1 }, { Attribute: DW_AT_artificial, Form: DW_FORM_flag_present } ] }
        - { Code: 6, Tag: DW_TAG_variant, Children: DW_CHILDREN_yes, Attributes: [ { Attribute: DW_AT_discr_value, Form: DW_FORM_data1 } ] }
        - { Code: 7, Tag: DW_TAG_variant, Children: DW_CHILDREN_yes, Attributes: [ { Attribute: DW_AT_discr_list, Form: DW_FORM_block1 } ] }
        - { Code: 8, Tag: DW_TAG_variant, Children: DW_CHILDREN_yes, Attributes: [ ] }
        - { Code: 9, Tag: DW_TAG_base_type, Children: DW_CHILDREN_no, Attributes: [ { Attribute: DW_AT_name, Form: DW_FORM_string }, { Attribute: DW_AT_byte_size, Form: DW_FORM_data1 }, { Attribute: DW_AT_encoding, Form: DW_FORM_data1 } ] }
        - { Code: 10, Tag: DW_TAG_enumeration_type, Children: DW_CHILDREN_yes, Attributes: [ { Attribute: DW_AT_name, Form: DW_FORM_string }, { Attribute: DW_AT_type, Form: DW_FORM_ref4 }, { Attribute: DW_AT_byte_size, Form: DW_FORM_data1 } ] }
        - { Code: 11, Tag: DW_TAG_enumerator, Children: DW_CHILDREN_no, Attributes: [ { Attribute: DW_AT_name, Form: DW_FORM_string }, { Attribute: DW_AT_const_value, Form: DW_FORM_data1 } ] }
        - { Code: 12, Tag: DW_TAG_enumerator, Children: DW_CHILDREN_no, Attributes: [ { Attribute: DW_AT_name, Form: DW_FORM_string }, { Attribute: DW_AT_const_value, Form: DW_FORM_block1 } ] }
  debug_info:
    - Version:  4
      AddrSize: 8
      Entries:
        - { AbbrCode: 1, Values: [ { CStr: lib.rs }, { Value: 0x1c } ] }
        - { AbbrCode: 2, Values: [ { CStr: Tagged }, { Value: 8 }, { Value: 4 } ] }
        - { AbbrCode: 3, Values: [ { Value: @DISCR@ } ] }
        - { AbbrCode: 5, Values: [ { Value: 0x91 }, { Value: 0 }, { } ] }
        - { AbbrCode: 6, Values: [ { Value: 0xfd } ] }
        - { AbbrCode: 4, Values: [ { CStr: Neg }, { Value: 0x59 }, { Value: 0 } ] }
        - { AbbrCode: 0 }
        - { AbbrCode: 7, Values: [ { BlockData: [ @LIST@ ] } ] }
        - { AbbrCode: 4, Values: [ { CStr: Many }, { Value: 0x69 }, { Value: 0 } ] }
        - { AbbrCode: 0 }
        - { AbbrCode: 8, Values: [ ] }
        - { AbbrCode: 4, Values: [ { CStr: Other }, { Value: 0x86 }, { Value: 0 } ] }
        - { AbbrCode: 0 }
        - { AbbrCode: 0 }
        - { AbbrCode: 2, Values: [ { CStr: Neg }, { Value: 8 }, { Value: 4 } ] }
        - { AbbrCode: 4, Values: [ { CStr: '0' }, { Value: 0x97 }, { Value: 1 } ] }
        - { AbbrCode: 0 }
        - { AbbrCode: 2, Values: [ { CStr: Many }, { Value: 8 }, { Value: 4 } ] }
        - { AbbrCode: 4, Values: [ { CStr: __0 }, { Value: 0x9d }, { Value: 4 } ] }
        - { AbbrCode: 4, Values: [ { CStr: __1 }, { Value: 0x91 }, { Value: 1 } ] }
        - { AbbrCode: 0 }
        - { AbbrCode: 2, Values: [ { CStr: Other }, { Value: 8 }, { Value: 4 } ] }
        - { AbbrCode: 0 }
        - { AbbrCode: 0 }
        - { AbbrCode: 9, Values: [ { CStr: i8 }, { Value: 1 }, { Value: 0x05 } ] }
        - { AbbrCode: 9, Values: [ { CStr: u8 }, { Value: 1 }, { Value: 0x07 } ] }
        - { AbbrCode: 9, Values: [ { CStr: u32 }, { Value: 4 }, { Value: 0x07 } ] }
        - { AbbrCode: 10, Values: [ { CStr: Small }, { Value: 0x91 }, { Value: 1 } ] }
        - { AbbrCode: 11, Values: [ { CStr: A }, { Value: 0xfd } ] }
        - { AbbrCode: 11, Values: [ { CStr: B }, { Value: 0x07 } ] }
        - { AbbrCode: 0 }
        - { AbbrCode: 2, Values: [ { CStr: Holder }, { Value: 1 }, { Value: 1 } ] }
        - { AbbrCode: 4, Values: [ { CStr: s }, { Value: 0xa4 }, { Value: 0 } ] }
        - { AbbrCode: 0 }
        - { AbbrCode: 9, Values: [ { CStr: u128 }, { Value: 16 }, { Value: 0x07 } ] }
        - { AbbrCode: 10, Values: [ { CStr: Wide }, { Value: 0xcc }, { Value: 16 } ] }
        - { AbbrCode: 12, Values: [ { CStr: Fits }, { BlockData: [ 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 ] } ] }
        - { AbbrCode: 12, Values: [ { CStr: Huge }, { BlockData: [ @HUGE@ ] } ] }
        - { AbbrCode: 0 }
        - { AbbrCode: 0 }
)";

// 2^63 as a little-endian 16-byte block: fits in 64 bits.
const std::string kHugeFits = "0, 0, 0, 0, 0, 0, 0, 0x80, 0, 0, 0, 0, 0, 0, 0, 0";

std::string variantPartYaml(const std::string &discr, const std::string &list, const std::string &huge = kHugeFits) {
  return replaceAll(replaceAll(replaceAll(kVariantPartYaml, "@DISCR@", discr), "@LIST@", list), "@HUGE@", huge);
}

TEST(DwarfYaml, VariantPartIsAnEnumWithItsVariants) {
  // The list: label 1, range -5..-1 (signed LEB128, as the discriminant's type is signed).
  auto result = readYaml(variantPartYaml("0x24", "0x00, 0x01, 0x01, 0x7b, 0x7f"));
  ASSERT_TRUE(result.table) << result.problem;
  EXPECT_TRUE(result.table->warnings.empty()) << result.table->warnings.front();
  const model::Type *tagged = typeNamed(*result.table, "Tagged");
  ASSERT_NE(tagged, nullptr);
  EXPECT_EQ(tagged->kind, model::Kind::Enum);
  EXPECT_EQ(tagged->language, model::Language::Rust);
  EXPECT_EQ(tagged->size, 8u);
  EXPECT_EQ(tagged->align, 4u);
  EXPECT_TRUE(tagged->fields.empty()); // everything lives in the variants
  ASSERT_TRUE(tagged->discriminant);
  EXPECT_EQ(tagged->discriminant->name, "");
  EXPECT_EQ(tagged->discriminant->typeName, "i8");
  EXPECT_EQ(tagged->discriminant->bitOffset, 0u);
  EXPECT_EQ(tagged->discriminant->byteSize, 1u);
  EXPECT_TRUE(tagged->discriminant->isSigned);
  ASSERT_EQ(tagged->variants.size(), 3u);

  const model::Variant &negative = tagged->variants[0];
  EXPECT_EQ(negative.name, "Neg");
  ASSERT_TRUE(negative.discriminant);
  EXPECT_TRUE(negative.discriminant->isSigned);
  EXPECT_EQ(negative.discriminant->asSigned(), -3);
  EXPECT_EQ(negative.discriminant->bits, 0xfffffffffffffffdu);
  ASSERT_EQ(negative.fields.size(), 1u);
  EXPECT_EQ(negative.fields[0].name, "0");
  EXPECT_EQ(negative.fields[0].bitOffset, 8u);

  const model::Variant &many = tagged->variants[1];
  EXPECT_EQ(many.name, "Many");
  EXPECT_FALSE(many.discriminant);
  ASSERT_EQ(many.discriminantRanges.size(), 2u);
  EXPECT_EQ(many.discriminantRanges[0].first.asSigned(), 1);
  EXPECT_EQ(many.discriminantRanges[0].second.asSigned(), 1);
  EXPECT_EQ(many.discriminantRanges[1].first.asSigned(), -5);
  EXPECT_EQ(many.discriminantRanges[1].second.asSigned(), -1);
  EXPECT_TRUE(many.discriminantRanges[1].first.isSigned);
  ASSERT_EQ(many.fields.size(), 2u);
  EXPECT_EQ(many.fields[0].name, "0"); // rustc's __0, as the language writes it
  EXPECT_EQ(many.fields[0].typeName, "u32");
  EXPECT_EQ(many.fields[0].bitOffset, 32u);
  EXPECT_EQ(many.fields[1].name, "1");
  EXPECT_EQ(many.fields[1].bitOffset, 8u);

  const model::Variant &other = tagged->variants[2];
  EXPECT_EQ(other.name, "Other");
  EXPECT_FALSE(other.discriminant);
  EXPECT_TRUE(other.discriminantRanges.empty());
  EXPECT_TRUE(other.fields.empty());

  // The per-variant structs are shown within their enum, not as types of their own.
  for (const model::Type &type : result.table->types)
    EXPECT_TRUE(type.name != "Neg" && type.name != "Many" && type.name != "Other" && type.name != "Tagged::Neg")
        << type.name;
}

TEST(DwarfYaml, RustEnumFieldNestsTheEnumWithValuesOfItsWidth) {
  auto result = readYaml(variantPartYaml("0x24", "0x00, 0x01, 0x01, 0x7b, 0x7f"));
  ASSERT_TRUE(result.table) << result.problem;
  const model::Type *holder = typeNamed(*result.table, "Holder");
  ASSERT_NE(holder, nullptr);
  ASSERT_EQ(holder->fields.size(), 1u);
  const std::int32_t index = holder->fields[0].typeIndex;
  ASSERT_GE(index, 0); // analysis finds the enum's unused values through it
  ASSERT_LT(static_cast<std::size_t>(index), result.table->types.size());
  const model::Type &small = result.table->types[static_cast<std::size_t>(index)];
  EXPECT_EQ(small.name, "Small");
  EXPECT_EQ(small.kind, model::Kind::Enum);
  ASSERT_EQ(small.variants.size(), 2u);
  ASSERT_TRUE(small.variants[0].discriminant);
  EXPECT_EQ(small.variants[0].discriminant->asSigned(), -3); // DW_FORM_data1 0xfd of an i8
  EXPECT_TRUE(small.variants[0].discriminant->isSigned);
  EXPECT_EQ(small.variants[1].discriminant->bits, 7u);

  const model::Type *wide = typeNamed(*result.table, "Wide");
  ASSERT_NE(wide, nullptr);
  EXPECT_EQ(wide->size, 16u);
  ASSERT_EQ(wide->variants.size(), 2u);
  ASSERT_TRUE(wide->variants[0].discriminant);
  EXPECT_EQ(wide->variants[0].discriminant->bits, std::uint64_t{1} << 40);
  ASSERT_TRUE(wide->variants[1].discriminant);
  EXPECT_EQ(wide->variants[1].discriminant->bits, std::uint64_t{1} << 63);
  EXPECT_FALSE(wide->variants[1].discriminant->isSigned);
  EXPECT_TRUE(result.table->warnings.empty()) << result.table->warnings.front();
}

TEST(DwarfYaml, DamagedVariantPartIsAWarning) {
  // DW_AT_discr names a base type, not a member; the list's range stops in the middle of a LEB128.
  // And Huge is 2^64 + 1, which the model's 64 bits cannot hold.
  auto result = readYaml(variantPartYaml("0x91", "0x01, 0x05, 0x80, 0x80, 0x80",
                                         "1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0"));
  ASSERT_TRUE(result.table) << result.problem;
  const model::Type *tagged = typeNamed(*result.table, "Tagged");
  ASSERT_NE(tagged, nullptr);
  EXPECT_EQ(tagged->kind, model::Kind::Enum);
  EXPECT_FALSE(tagged->discriminant);
  ASSERT_EQ(tagged->variants.size(), 3u);
  ASSERT_TRUE(tagged->variants[0].discriminant);
  EXPECT_EQ(tagged->variants[0].discriminant->bits, 0xfdu); // no type to say it is signed
  EXPECT_TRUE(tagged->variants[1].discriminantRanges.empty());
  // The member DW_AT_discr should have named is then one the variants share.
  ASSERT_EQ(tagged->fields.size(), 1u);
  EXPECT_TRUE(tagged->fields[0].artificial);
  ASSERT_EQ(result.table->warnings.size(), 3u);
  EXPECT_NE(result.table->warnings[0].find("DW_AT_discr does not name"), std::string::npos);
  EXPECT_NE(result.table->warnings[1].find("DW_AT_discr_list is truncated"), std::string::npos);
  EXPECT_NE(result.table->warnings[2].find("enumerator value is wider than 64 bits"), std::string::npos);
  const model::Type *wide = typeNamed(*result.table, "Wide");
  ASSERT_NE(wide, nullptr);
  ASSERT_EQ(wide->variants.size(), 2u);
  EXPECT_FALSE(wide->variants[1].discriminant);
}

TEST(DwarfYaml, UnreadableUnitIsCorruptDwarf) {
  // A unit header whose length runs far past the section.
  const std::string yaml = R"(--- !ELF
FileHeader: { Class: ELFCLASS64, Data: ELFDATA2LSB, Type: ET_EXEC, Machine: EM_X86_64 }
Sections:
  - { Name: .debug_abbrev, Type: SHT_PROGBITS, Content: "011101030800000000" }
  - { Name: .debug_info, Type: SHT_PROGBITS, Content: "00ffff7f0400000000000801" }
)";
  auto result = readYaml(yaml);
  ASSERT_TRUE(result.built) << result.problem;
  EXPECT_FALSE(result.table);
  EXPECT_EQ(result.kind, support::ErrorKind::CorruptDwarf) << result.problem;
  EXPECT_NE(result.problem.find("'yaml'"), std::string::npos) << result.problem;
}

TEST(DwarfYaml, UndefinedAbbreviationIsCorruptDwarf) {
  // A well-formed header whose first DIE uses abbreviation 5, which .debug_abbrev does not define.
  const std::string yaml = R"(--- !ELF
FileHeader: { Class: ELFCLASS64, Data: ELFDATA2LSB, Type: ET_EXEC, Machine: EM_X86_64 }
Sections:
  - { Name: .debug_abbrev, Type: SHT_PROGBITS, Content: "011101030800000000" }
  - { Name: .debug_info, Type: SHT_PROGBITS, Content: "0c000000040000000000080561626300" }
)";
  auto result = readYaml(yaml);
  ASSERT_TRUE(result.built) << result.problem;
  EXPECT_FALSE(result.table);
  EXPECT_EQ(result.kind, support::ErrorKind::CorruptDwarf) << result.problem;
}

TEST(DwarfYaml, NoDebugInfo) {
  const std::string yaml = R"(--- !ELF
FileHeader: { Class: ELFCLASS32, Data: ELFDATA2MSB, Type: ET_REL, Machine: EM_PPC }
Sections:
  - { Name: .text, Type: SHT_PROGBITS, Flags: [ SHF_ALLOC, SHF_EXECINSTR ], Content: "4e800020" }
)";
  auto result = readYaml(yaml);
  ASSERT_TRUE(result.built) << result.problem;
  EXPECT_FALSE(result.table);
  EXPECT_EQ(result.kind, support::ErrorKind::NoDebugInfo) << result.problem;
}

} // namespace
} // namespace memlayout
