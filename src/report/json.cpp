// JSON output: one object, keys exactly as ../shared/SPEC.md names them, in a stable order.
#include "report/render.h"

#include "report/check_render.h"
#include "report/json_types.h"

#include <nlohmann/json.hpp>

namespace memlayout::report {
namespace {
using Json = nlohmann::ordered_json;

Json optionalString(const std::optional<std::string> &value) { return value ? Json(*value) : Json(nullptr); }

Json debugInfoJson(const std::optional<model::DebugInfo> &info) {
  if (!info || !info->present) return nullptr;
  Json j;
  j["format"] = info->format;
  j["version"] = info->version != 0 ? Json(info->version) : Json(nullptr);
  j["versions"] = info->version != 0 ? Json::array({info->minVersion, info->maxVersion}) : Json::array();
  j["compressed"] = !info->compression.empty();
  j["compression"] = info->compression.empty() ? Json(nullptr) : Json(info->compression);
  j["size"] = info->infoSize;
  j["total_size"] = info->totalSize;
  j["units"] = info->units;
  j["type_units"] = info->typeUnits;
  j["languages"] = info->languages;
  j["problem"] = info->problem.empty() ? Json(nullptr) : Json(info->problem);
  return j;
}

Json headerJson(const model::Binary &binary) {
  const auto &h = binary.header;
  Json j;
  j["class"] = h.elfClass == 64 ? "ELF64" : "ELF32";
  j["endianness"] = h.bigEndian ? "big" : "little";
  j["machine"] = h.machine;
  j["machine_code"] = h.machineCode;
  j["type"] = h.type;
  j["type_description"] = h.typeDescription;
  j["os_abi"] = h.osAbi;
  j["entry"] = h.entry;
  j["flags"] = h.flags;
  j["interpreter"] = optionalString(h.interpreter);
  j["build_id"] = optionalString(h.buildId);
  if (h.debugLink) j["debuglink"] = Json{{"file", h.debugLink->file}, {"crc", h.debugLink->crc}};
  else j["debuglink"] = nullptr;
  j["debug_info"] = debugInfoJson(binary.debugInfo);
  j["file_size"] = binary.fileSize;
  j["program_headers"] = h.phnum;
  j["program_header_offset"] = h.phoff;
  j["section_headers"] = h.shnum;
  j["section_header_offset"] = h.shoff;
  return j;
}

Json segmentsJson(const model::Binary &binary) {
  Json out = Json::array();
  for (const auto &s : binary.segments) {
    Json names = Json::array();
    for (unsigned index : s.sections) names.push_back(binary.sections[index].name);
    out.push_back(Json{{"index", s.index},   {"type", s.type},     {"flags", s.flags},   {"offset", s.offset},
                       {"vaddr", s.vaddr},   {"paddr", s.paddr},   {"filesz", s.filesz}, {"memsz", s.memsz},
                       {"align", s.align},   {"sections", names},  {"type_code", s.typeCode}});
  }
  return out;
}

Json sectionsJson(const model::Binary &binary) {
  Json out = Json::array();
  for (const auto &s : binary.sections)
    out.push_back(Json{{"index", s.index},     {"name", s.name},         {"type", s.type},
                       {"flags", s.flags},     {"addr", s.addr},         {"offset", s.offset},
                       {"size", s.size},       {"align", s.align},       {"segments", s.segments},
                       {"entsize", s.entsize}, {"link", s.link},         {"info", s.info},
                       {"type_code", s.typeCode}});
  return out;
}

} // namespace

void renderJson(const Report &report, Output &out) {
  const model::Binary &binary = *report.binary;
  Json root;
  root["schema"] = "memlayout/1";
  root["file"] = binary.path;
  if (report.header || report.summary) root["header"] = headerJson(binary);
  if (report.segments || report.summary) root["segments"] = segmentsJson(binary);
  if (report.sections) root["sections"] = sectionsJson(binary);
  // The types array is streamed where this placeholder lands (see typesJson).
  const std::string kTypesPlaceholder = "\u0001memlayout-types\u0001";
  const bool types = report.structs || report.types;
  if (types) root["types"] = kTypesPlaceholder;
  if (report.summary && report.typesRead) root["most_padding"] = mostPaddingJson(report);
  if (report.check) root["check"] = checkJson(report);
  if (report.saved) root["saved_baseline"] = savedBaselineJson(report);
  // Paths and section names are bytes, not always UTF-8: replace what is invalid rather than throw.
  const std::string text = root.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  const std::string quoted = Json(kTypesPlaceholder).dump(); // as dump escapes it
  const std::size_t at = types ? text.find("\"types\": " + quoted) : std::string::npos;
  if (at == std::string::npos) {
    out << text;
    return;
  }
  out << std::string_view(text).substr(0, at + 9);
  typesJson(report, 1, out);
  out << std::string_view(text).substr(at + 9 + quoted.size());
}

std::string renderJson(const Report &report) {
  return renderToString([&](Output &out) { renderJson(report, out); });
}

} // namespace memlayout::report
