// One type's facts: layout, rows (expanded or not), cache lines, variant layouts and the suggestion.
#include "analysis/type_facts.h"

#include "analysis/cachelines.h"
#include "analysis/layout.h"
#include "analysis/rows.h"
#include "analysis/suggest.h"

namespace memlayout::analysis {

model::Layout typeLayout(const model::Type &type) {
  // An enum's storage is its value, not padding; an enum with data keeps its fields in its variants.
  if (type.kind == model::Kind::Enum && type.fields.empty()) return {};
  return computeLayout(type);
}

model::TypeFacts analyzeType(const model::Type &type, const model::TypeTable *table, const AnalysisOptions &options) {
  model::TypeFacts facts;
  facts.layout = typeLayout(type);
  facts.rows = layoutRows(type, facts.layout, table, options.expand);
  facts.cacheLines = markCacheLines(facts.rows, type.size, options.cacheLine);
  if (type.kind == model::Kind::Enum)
    for (const auto &variant : type.variants) {
      if (variant.fields.empty()) continue;
      model::Type overlay = type; // the variant's fields laid over the whole enum
      overlay.kind = model::Kind::Struct;
      overlay.fields = variant.fields;
      overlay.variants.clear();
      facts.variantLayouts.resize(type.variants.size());
      facts.variantLayouts[static_cast<std::size_t>(&variant - type.variants.data())] = computeLayout(overlay);
    }
  if (options.suggest) facts.suggestion = suggestFieldOrder(type, facts.layout, options.namedExplicitly);
  return facts;
}

} // namespace memlayout::analysis
