// Helpers for reader tests: find built samples (samples.txt), read their types, look types and fields up.
#pragma once

#include "dwarf/context.h"
#include "dwarf/type_reader.h"
#include "elf/elf_reader.h"
#include "model/type.h"
#include "support/error.h"

#include <gtest/gtest.h>

#include <llvm/ADT/SmallString.h>
#include <llvm/DebugInfo/DWARF/DWARFContext.h>
#include <llvm/Object/ObjectFile.h>
#include <llvm/ObjectYAML/yaml2obj.h>
#include <llvm/Support/YAMLTraits.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace memlayout::testing {

// Path of a sample built in this build tree, from the samples.txt named by $ML_SAMPLES_FILE;
// nullopt when it was not built here (a missing compiler), so the test can skip.
inline std::optional<std::string> samplePath(const std::string &name) {
  const char *list = std::getenv("ML_SAMPLES_FILE");
  if (!list) return std::nullopt;
  std::ifstream in(list);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream columns(line);
    std::string sampleName, path;
    if (std::getline(columns, sampleName, '\t') && std::getline(columns, path, '\t') && sampleName == name &&
        std::ifstream(path).good())
      return path;
  }
  return std::nullopt;
}

struct ReadResult {
  std::unique_ptr<elf::ElfInput> input; // keeps the bytes alive
  model::TypeTable table;
};

inline std::optional<ReadResult> readSample(const std::string &path, const dwarf::TypeQuery &query = {}) {
  auto input = elf::ElfInput::open(path);
  if (!input) {
    ADD_FAILURE() << support::takeErrorReport(input.takeError()).message;
    return std::nullopt;
  }
  auto table = dwarf::readTypes((*input)->object(), path, query);
  if (!table) {
    ADD_FAILURE() << support::takeErrorReport(table.takeError()).message;
    return std::nullopt;
  }
  return ReadResult{std::move(*input), std::move(*table)};
}

// A test over one built sample named by the parameter: reads its types in SetUp, skips when the
// sample is not built here.
class SampleReaderTest : public ::testing::TestWithParam<std::string> {
protected:
  void SetUp() override {
    auto path = samplePath(GetParam());
    if (!path) GTEST_SKIP() << GetParam() << " is not built here";
    auto read = readSample(*path);
    ASSERT_TRUE(read);
    result_ = std::move(*read);
  }
  const model::TypeTable &table() const { return result_.table; }
  ReadResult result_;
};

// The selected types named `name` (several when layouts differ between units).
inline std::vector<const model::Type *> typesNamed(const model::TypeTable &table, const std::string &name) {
  std::vector<const model::Type *> found;
  for (const auto &type : table.types)
    if (type.name == name && type.selected) found.push_back(&type);
  return found;
}

inline const model::Type *onlyType(const model::TypeTable &table, const std::string &name) {
  auto found = typesNamed(table, name);
  EXPECT_EQ(found.size(), 1u) << "types named " << name;
  return found.size() == 1 ? found.front() : nullptr;
}

inline const model::Field *fieldNamed(const model::Type &type, const std::string &name) {
  for (const auto &field : type.fields)
    if (field.name == name) return &field;
  ADD_FAILURE() << type.name << " has no field " << name;
  return nullptr;
}

inline const model::Type *nested(const model::TypeTable &table, const model::Field &field) {
  if (field.typeIndex < 0 || static_cast<std::size_t>(field.typeIndex) >= table.types.size()) {
    ADD_FAILURE() << "field " << field.name << " has no nested type";
    return nullptr;
  }
  return &table.types[static_cast<std::size_t>(field.typeIndex)];
}

// An object built by yaml2obj from `yaml` (ELF with DWARFYAML), or why it could not be: `built` false
// when yaml2obj refused it, `object` null when the bytes are no object; `problem` says which.
struct YamlObject {
  bool built = false;
  std::string problem;
  llvm::SmallString<0> bytes; // what `object` reads
  std::unique_ptr<llvm::object::ObjectFile> object;
};

inline std::unique_ptr<YamlObject> yamlObject(const std::string &yaml) {
  auto result = std::make_unique<YamlObject>();
  llvm::raw_svector_ostream out(result->bytes);
  llvm::yaml::Input input(yaml);
  if (!llvm::yaml::convertYAML(input, out, [&](const llvm::Twine &message) { result->problem += message.str(); }))
    return result;
  result->built = true;
  auto object = llvm::object::ObjectFile::createObjectFile(llvm::MemoryBufferRef(result->bytes.str(), "yaml"));
  if (!object) result->problem = llvm::toString(object.takeError());
  else result->object = std::move(*object);
  return result;
}

// `yaml`'s object opened as DWARF: the object, the warnings its context's handlers write to (before
// the context, which they must outlive) and the context; `context` null, with a test failure, when
// either step fails.
struct YamlDwarf {
  std::unique_ptr<YamlObject> built;
  dwarf::Warnings warnings;
  std::unique_ptr<llvm::DWARFContext> context;
};

inline std::unique_ptr<YamlDwarf> yamlDwarf(const std::string &yaml) {
  auto result = std::make_unique<YamlDwarf>(); // the handlers hold the warnings' address
  result->built = yamlObject(yaml);
  if (!result->built->object) {
    ADD_FAILURE() << result->built->problem;
    return result;
  }
  auto context = dwarf::openContext(*result->built->object, "yaml", result->warnings);
  if (!context) ADD_FAILURE() << llvm::toString(context.takeError());
  else result->context = std::move(*context);
  return result;
}

} // namespace memlayout::testing
