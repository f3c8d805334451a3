// Picks the renderer for the requested format.
#include "report/render.h"

namespace memlayout::report {

std::string render(const Report &report, const RenderOptions &options) {
  switch (options.format) {
  case Format::Json: return renderJson(report);
  case Format::Markdown: return renderMarkdown(report);
  case Format::Github: return renderGithub(report);
  case Format::Text: break;
  }
  return renderText(report, options.color);
}

} // namespace memlayout::report
