// Picks the renderer for the requested format.
#include "report/render.h"

namespace memlayout::report {

void render(const Report &report, const RenderOptions &options, Output &out) {
  switch (options.format) {
  case Format::Json: return renderJson(report, out);
  case Format::Markdown: return renderMarkdown(report, out);
  case Format::Github: return renderGithub(report, out);
  case Format::Text: break;
  }
  renderText(report, options.color, out);
}

std::string render(const Report &report, const RenderOptions &options) {
  return renderToString([&](Output &out) { render(report, options, out); });
}

} // namespace memlayout::report
