// dwarf::readTypes on DWARF built from YAML (yaml2obj's DWARFYAML): the DWARF 4 DW_AT_bit_offset
// encoding on big- and little-endian targets, virtual bases the ABI rules cannot place, and damage:
// cycles, dangling type-unit signatures, unreadable units, no DWARF at all.
#include "dwarf/type_reader.h"
#include "support/error.h"

#include <gtest/gtest.h>

#include <llvm/Object/ObjectFile.h>
#include <llvm/ObjectYAML/yaml2obj.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/YAMLTraits.h>

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
  llvm::SmallString<0> bytes;
  llvm::raw_svector_ostream out(bytes);
  llvm::yaml::Input input(yaml);
  if (!llvm::yaml::convertYAML(input, out, [&](const llvm::Twine &message) { result.problem += message.str(); })) {
    return result;
  }
  result.built = true;
  auto object = llvm::object::ObjectFile::createObjectFile(llvm::MemoryBufferRef(bytes.str(), "yaml"));
  if (!object) {
    result.problem = llvm::toString(object.takeError());
    return result;
  }
  auto table = dwarf::readTypes(**object, "yaml", {});
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
