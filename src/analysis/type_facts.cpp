// One type's facts: layout, rows (expanded or not), cache lines, variant layouts and rows, the
// discriminant, niches, Option's cost and the suggestion.
#include "analysis/type_facts.h"

#include "analysis/cachelines.h"
#include "analysis/discriminant.h"
#include "analysis/layout.h"
#include "analysis/niches.h"
#include "analysis/rows.h"
#include "analysis/suggest.h"

namespace memlayout::analysis {
namespace {

// Variants, discriminant, niches and Option's cost; variant rows only when `rows`.
void addRustFacts(model::TypeFacts &facts, const model::Type &type, const model::TypeTable *table, bool rows,
                  bool expand) {
  if (hasData(type)) {
    facts.discriminant = classifyDiscriminant(type, table);
    facts.variantLayouts.reserve(type.variants.size());
    for (std::size_t i = 0; i < type.variants.size(); ++i) {
      facts.variantLayouts.push_back(variantLayout(type, i, facts.discriminant));
      if (!rows) continue;
      // The variant as a struct of its fields; the discriminant item carries no field index.
      model::Type overlay;
      overlay.kind = model::Kind::Struct;
      overlay.language = type.language;
      overlay.size = type.size;
      overlay.fields = type.variants[i].fields;
      facts.variantRows.push_back(layoutRows(overlay, facts.variantLayouts.back(), table, expand));
    }
  }
  if (type.language == model::Language::Rust) {
    facts.niches = findNiches(type, table);
    facts.option = optionCost(type, facts.niches);
  }
}

} // namespace

model::Layout typeLayout(const model::Type &type) {
  if (type.kind == model::Kind::Enum) return hasData(type) ? enumLayout(type) : model::Layout{};
  return computeLayout(type);
}

model::TypeFacts analyzeType(const model::Type &type, const model::TypeTable *table, const AnalysisOptions &options) {
  model::TypeFacts facts;
  facts.layout = typeLayout(type);
  // An enum's table is its variants' (or, C-like, its enumerators).
  if (type.kind != model::Kind::Enum) facts.rows = layoutRows(type, facts.layout, table, options.expand);
  facts.cacheLines = markCacheLines(facts.rows, type.size, options.cacheLine);
  addRustFacts(facts, type, table, true, options.expand);
  if (options.suggest) facts.suggestion = suggestFieldOrder(type, facts.layout, options.namedExplicitly);
  return facts;
}

model::TypeFacts listedTypeFacts(const model::Type &type, const model::TypeTable *table, const model::Layout &layout,
                                 bool whole, bool suggest) {
  model::TypeFacts facts;
  facts.layout = layout;
  if (whole) addRustFacts(facts, type, table, false, false);
  if (suggest) facts.suggestion = suggestFieldOrder(type, facts.layout, false);
  return facts;
}

} // namespace memlayout::analysis
