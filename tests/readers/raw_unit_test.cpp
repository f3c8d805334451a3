// dwarf::RawUnit against LLVM's own DIE extraction, on every sample unit (compile and type units, DWARF
// 4 and 5, compressed, relocatable objects, 32-bit and big-endian): the same DIEs in the same order with
// the same tags, parents and subtrees, and the same value for every attribute of every DIE.
#include "dwarf/context.h"
#include "dwarf/dies.h"
#include "dwarf/raw_unit.h"
#include "reader_test_support.h"

#include <llvm/DebugInfo/DWARF/DWARFAbbreviationDeclaration.h>
#include <llvm/DebugInfo/DWARF/DWARFContext.h>
#include <llvm/DebugInfo/DWARF/DWARFFormValue.h>
#include <llvm/DebugInfo/DWARF/DWARFUnit.h>

namespace memlayout {
namespace {

using dwarf::RawAttribute;
using dwarf::RawUnit;
using dwarf::RawValue;

constexpr std::pair<RawAttribute, llvm::dwarf::Attribute> kAttributes[] = {
    {RawAttribute::Name, llvm::dwarf::DW_AT_name},
    {RawAttribute::Type, llvm::dwarf::DW_AT_type},
    {RawAttribute::Declaration, llvm::dwarf::DW_AT_declaration},
    {RawAttribute::Signature, llvm::dwarf::DW_AT_signature},
    {RawAttribute::Specification, llvm::dwarf::DW_AT_specification},
};

// One attribute: what RawUnit decoded against what LLVM reads (a description of the first difference).
std::string difference(const RawUnit &raw, const RawValue &value, const llvm::DWARFDie &die,
                       const std::optional<llvm::DWARFFormValue> &expected) {
  if (!expected) return value ? "present, LLVM has none" : "";
  if (!value) return "absent, LLVM has one";
  switch (value.kind) {
  case RawValue::Kind::Constant:
    // Signed forms hold the value's bits, as RawValue does.
    return value.value == expected->getRawUValue() ? "" : "another value";
  case RawValue::Kind::Block: {
    auto block = expected->getAsBlock();
    if (!block || std::string_view(reinterpret_cast<const char *>(block->data()), block->size()) != value.bytes)
      return "another block";
    return "";
  }
  case RawValue::Kind::Text:
  case RawValue::Kind::StrOffset:
  case RawValue::Kind::LineStr: {
    const char *text = llvm::dwarf::toString(*expected, nullptr);
    auto mine = raw.text(value);
    if (!text || !mine || *mine != text) return "another string";
    return "";
  }
  case RawValue::Kind::UnitRef: {
    const llvm::DWARFDie target = die.getAttributeValueAsReferencedDie(*expected);
    if (!target.isValid() || target.getOffset() != value.value) return "refers elsewhere";
    return "";
  }
  case RawValue::Kind::Signature:
    return expected->getRawUValue() == value.value ? "" : "another signature";
  case RawValue::Kind::SectionRef: return expected->getRawUValue() == value.value ? "" : "another offset";
  default: return "a kind this test does not expect";
  }
}

class RawUnitTest : public ::testing::TestWithParam<std::string> {};

TEST_P(RawUnitTest, SameDiesAndValuesAsLlvm) {
  auto path = testing::samplePath(GetParam());
  if (!path) GTEST_SKIP() << GetParam() << " is not built here";
  auto input = elf::ElfInput::open(*path);
  ASSERT_TRUE(static_cast<bool>(input)) << llvm::toString(input.takeError());
  dwarf::Warnings warnings;
  auto context = dwarf::openContext((*input)->object(), *path, warnings);
  ASSERT_TRUE(static_cast<bool>(context)) << llvm::toString(context.takeError());

  std::vector<llvm::DWARFUnit *> units;
  for (const auto &unit : (*context)->info_section_units()) units.push_back(unit.get());
  for (const auto &unit : (*context)->types_section_units()) units.push_back(unit.get());
  ASSERT_FALSE(units.empty());
  std::size_t checked = 0;
  for (llvm::DWARFUnit *unit : units) {
    SCOPED_TRACE("unit at " + std::to_string(unit->getOffset()));
    ASSERT_FALSE(static_cast<bool>(unit->tryExtractDIEsIfNeeded(true)));
    const std::optional<RawUnit> raw = RawUnit::read(*unit);
    ASSERT_TRUE(raw.has_value());
    ASSERT_FALSE(static_cast<bool>(unit->tryExtractDIEsIfNeeded(false)));

    std::vector<llvm::DWARFDie> dies; // LLVM's, without the entries that end lists of children
    std::vector<std::uint64_t> following; // where the entry after each of them starts (0: none)
    for (const llvm::DWARFDebugInfoEntry &entry : unit->dies()) {
      if (!following.empty() && following.back() == 0) following.back() = entry.getOffset();
      if (entry.getAbbreviationDeclarationPtr()) {
        dies.emplace_back(unit, &entry);
        following.push_back(0);
      }
    }
    ASSERT_EQ(raw->dies().size(), dies.size());
    std::vector<std::uint32_t> typesAndTypedefs; // as LLVM's tags say
    for (std::uint32_t i = 0; i < dies.size(); ++i)
      if (dwarf::isTypeOfInterest(dies[i].getTag()) || dies[i].getTag() == llvm::dwarf::DW_TAG_typedef)
        typesAndTypedefs.push_back(i);
    EXPECT_EQ(raw->typesAndTypedefs().vec(), typesAndTypedefs);
    for (std::uint32_t i = 0; i < dies.size(); ++i) {
      const llvm::DWARFDie &die = dies[i];
      const RawUnit::Die &mine = raw->die(i);
      SCOPED_TRACE("DIE at " + std::to_string(die.getOffset()));
      ASSERT_EQ(raw->sectionOffset(i), die.getOffset());
      ASSERT_EQ(raw->indexOf(die.getOffset()), i);
      EXPECT_EQ(raw->indexOf(die.getOffset() + 1) == RawUnit::kNone,
                i + 1 >= dies.size() || dies[i + 1].getOffset() != die.getOffset() + 1);
      EXPECT_EQ(mine.tag, die.getTag());
      // RawUnit reads the abbreviations itself: the same attributes, in the same forms, as LLVM's parse.
      const llvm::DWARFAbbreviationDeclaration *declaration = die.getAbbreviationDeclarationPtr();
      const llvm::ArrayRef<RawUnit::Step> steps = raw->steps(mine.abbreviation);
      ASSERT_EQ(steps.size(), declaration->getNumAttributes());
      for (std::uint32_t a = 0; a < steps.size(); ++a) {
        EXPECT_EQ(steps[a].name, declaration->getAttrByIndex(a));
        EXPECT_EQ(steps[a].form, declaration->getFormByIndex(a));
        if (steps[a].form == llvm::dwarf::DW_FORM_implicit_const) {
          EXPECT_EQ(steps[a].implicitConst, declaration->getAttrImplicitConstValueByIndex(a));
        }
      }
      const llvm::DWARFDie parent = die.getParent();
      EXPECT_EQ(mine.parent == RawUnit::kNone ? 0 : raw->sectionOffset(mine.parent),
                parent.isValid() ? parent.getOffset() : 0);
      // The subtree ends where the next sibling starts, or with the parent's.
      const llvm::DWARFDie sibling = die.getSibling();
      if (sibling.isValid() && !sibling.isNULL()) EXPECT_EQ(mine.end, raw->indexOf(sibling.getOffset()));
      else EXPECT_EQ(mine.end, mine.parent == RawUnit::kNone ? dies.size() : raw->die(mine.parent).end);

      // Every attribute, stepped over and decoded as fingerprints do it.
      std::uint64_t offset = raw->attributesAt(i);
      for (const RawUnit::Step &step : raw->steps(mine.abbreviation)) {
        const std::string problem = difference(*raw, raw->decode(step, offset), die, die.find(step.name));
        EXPECT_EQ(problem, "") << llvm::dwarf::AttributeString(step.name).str() << " as "
                               << llvm::dwarf::FormEncodingString(step.form).str();
        if (step.size != RawUnit::kVariable) offset += step.size;
        else ASSERT_TRUE(raw->skip(step, offset));
      }
      if (following[i] != 0) {
        EXPECT_EQ(offset, following[i]); // the next entry starts where they end
      }
      // And the ones read() decodes by name.
      RawValue values[dwarf::kRawAttributes];
      raw->read(i, values, static_cast<dwarf::RawAttributeMask>(~0u));
      for (const auto &[slot, attribute] : kAttributes) {
        const std::string problem =
            difference(*raw, values[static_cast<std::size_t>(slot)], die, die.find(attribute));
        EXPECT_EQ(problem, "") << llvm::dwarf::AttributeString(attribute).str();
        EXPECT_EQ(raw->has(i, dwarf::rawBit(slot)) != 0, die.find(attribute).has_value());
      }
      ++checked;
    }
  }
  EXPECT_GT(checked, 10u);
}

INSTANTIATE_TEST_SUITE_P(Readers, RawUnitTest,
                         ::testing::Values("c_gcc_dwarf4", "c_gcc_dwarf5", "c_clang_dwarf4", "c_clang_dwarf5",
                                           "cpp_gcc_dwarf4", "cpp_clang_dwarf5", "cpp_gcc_dwarf4_types",
                                           "cpp_clang_dwarf5_types", "c_gcc_dwarf5_types", "c_gcc_dwarf5_zlib",
                                           "cpp_clang_dwarf5_zstd", "c_gcc_dwarf5.o", "c_clang_i386.o", "tiny_ppc.o",
                                           "tiny_ppc64.o", "rust_dwarf4", "rust_dwarf5"),
                         [](const auto &test) {
                           std::string name = test.param;
                           for (char &c : name)
                             if (c == '.') c = '_';
                           return name;
                         });

} // namespace
} // namespace memlayout
