// Command line → Options with CLI11. CLI11's own exit codes (≥100) and two-line failure messages
// would break the contract, so every ParseError becomes one Usage error here.
#include "cli/parse_args.h"

#include "support/error.h"

#include <CLI/CLI.hpp>

#include <cctype>
#include <charconv>
#include <map>

namespace memlayout::cli {

namespace {
constexpr const char *kVersion = "memlayout 0.1.0";
constexpr const char *kDescription =
    "memlayout: how an ELF binary is laid out in the file and in memory.\n"
    "With no action, prints a one-screen summary.";
std::string lowercase(std::string text) {
  for (char &c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// Numbers are taken as strings so that every bad value gets the same one-line message naming the flag.
llvm::Expected<std::uint64_t> parseCount(std::string_view flag, const std::string &text, std::string_view what) {
  std::uint64_t value = 0;
  const char *end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end)
    return support::makeUsageError(std::string(flag) + ": '" + text + "' is not " + std::string(what));
  return value;
}

} // namespace

llvm::Expected<std::variant<Options, EarlyExit>> parseArgs(const std::vector<std::string> &args) {
  Options options;
  CLI::App app{kDescription, "memlayout"};
  app.set_version_flag("--version", kVersion);
  app.add_option("FILE", options.file, "ELF file to inspect (executable, shared library, object, core)")
      ->type_name("");
  app.add_flag("--header", options.header, "ELF header: class, machine, type, entry, interpreter, build-id, debug info");
  app.add_flag("-l,--segments", options.segments, "program headers with the sections each holds; the loader's view");
  app.add_flag("-S,--sections", options.sections, "section table with the segment(s) holding each section");
  // One value per occurrence and no delimiter: "Pair<int, long>" is one name, and FILE may follow.
  app.add_option("-s,--struct", options.structs,
                 "layout of the types named NAME (repeatable; qualified name, last component, * and ? globs)")
      ->type_name("NAME")
      ->allow_extra_args(false);
  app.add_flag("-t,--types", options.types, "every aggregate type, one line each: size, align, padding, holes");
  std::string sort, top, minPadding, cacheLine = "64";
  app.add_option("--sort", sort, "--types order: size and padding largest first, name ascending")
      ->check(CLI::IsMember({"size", "padding", "name"}, CLI::ignore_case))
      ->type_name("size|padding|name");
  app.add_option("--top", top, "--types: only the first N (sorted by padding unless --sort says otherwise)")
      ->type_name("N");
  app.add_option("--min-padding", minPadding, "--types: only types with at least N bytes of padding")->type_name("N");
  app.add_option("--cacheline", cacheLine, "cache-line size for boundary marks (default: 64; a power of two)")
      ->type_name("N");
  app.add_flag("--expand", options.expand, "--struct: fields of nested aggregates inline, with absolute offsets");
  app.add_flag("--suggest", options.suggest,
               "for types with holes, a field order that removes them and the size it gives (rustc orders "
               "repr(Rust) types itself)");

  // The CI gate.
  std::string check, diff, saveBaseline, mode, failOn, sourceRoot;
  std::vector<std::string> maxSizes, maxPaddings;
  app.add_option("--check", check, "compare the layouts with a baseline file; exit 1 on regression")
      ->type_name("BASELINE");
  app.add_option("--diff", diff, "compare the layouts with those of OTHER (the old build); exit 1 on regression")
      ->type_name("OTHER");
  app.add_option("--save-baseline", saveBaseline,
                 "write the layouts (all types, or those chosen with --struct) as a baseline; with --check, "
                 "only when it passes (a ratchet)")
      ->type_name("F");
  app.add_option("--mode", mode,
                 "ratchet: only the --fail-on changes fail (default); exact: every change fails")
      ->check(CLI::IsMember({"ratchet", "exact"}, CLI::ignore_case))
      ->type_name("ratchet|exact");
  app.add_option("--fail-on", failOn,
                 "changes that fail the check, comma-separated (default: size-grew,padding-grew,type-removed,"
                 "field-moved); see the README for all")
      ->type_name("RULE,...");
  app.add_option("--max-size", maxSizes, "fail when a type matching NAME is larger than N bytes (repeatable)")
      ->type_name("NAME=N")
      ->allow_extra_args(false);
  app.add_option("--max-padding", maxPaddings, "fail when a type matching NAME has more than N bytes of padding (repeatable)")
      ->type_name("NAME=N")
      ->allow_extra_args(false);
  app.add_option("--suppress", options.policy.suppress, "leave types matching NAME (or glob) out of the check (repeatable)")
      ->type_name("NAME")
      ->allow_extra_args(false);
  app.add_option("--fixed-layout", options.policy.fixedLayout,
                 "Rust types (names or globs) whose field order is an ABI, e.g. repr(C): a moved field fails "
                 "(C and C++ types always are; repeatable)")
      ->type_name("NAME")
      ->allow_extra_args(false);
  app.add_option("--source-root", sourceRoot,
                 "show declarations relative to DIR in check reports and annotations (default: the current directory)")
      ->type_name("DIR");

  app.add_option("-j,--jobs", options.jobs, "threads reading DWARF units (default: 0, one per core); the output is the same for any number")
      ->type_name("N");
  app.add_flag("--no-cache", options.noCache,
               "neither read nor write the type index (kept in $XDG_CACHE_HOME/memlayout, else ~/.cache/memlayout)");

  // Enumerations are parsed as strings so that both help and errors list the words, not CLI11's mapping.
  const std::map<std::string, report::Format> formats{
      {"text", report::Format::Text}, {"json", report::Format::Json}, {"markdown", report::Format::Markdown},
      {"github", report::Format::Github}};
  std::string format = "text";
  app.add_option("--format", format, "output format (default: text)")
      ->check(CLI::IsMember({"text", "json", "markdown", "github"}, CLI::ignore_case))
      ->type_name("text|json|markdown|github");
  bool json = false;
  app.add_flag("--json", json, "short for --format json");
  const std::map<std::string, ColorMode> colors{
      {"auto", ColorMode::Auto}, {"always", ColorMode::Always}, {"never", ColorMode::Never}};
  std::string color = "auto";
  app.add_option("--color", color, "colour in text output (default: auto, which honours NO_COLOR)")
      ->check(CLI::IsMember({"auto", "always", "never"}, CLI::ignore_case))
      ->type_name("auto|always|never");

  std::vector<std::string> reversed(args.rbegin(), args.rend());
  try {
    app.parse(reversed); // CLI11 takes a reversed vector without argv[0]
  } catch (const CLI::CallForHelp &) {
    return EarlyExit{app.help()};
  } catch (const CLI::CallForVersion &) {
    return EarlyExit{std::string(kVersion) + "\n"};
  } catch (const CLI::ParseError &error) {
    return support::makeUsageError(error.what());
  }
  options.format = json ? report::Format::Json : formats.at(lowercase(format));
  options.color = colors.at(lowercase(color));
  if (options.file.empty()) return support::makeUsageError("no FILE given (try 'memlayout --help')");

  for (const auto &name : options.structs)
    if (name.empty()) return support::makeUsageError("--struct: the name is empty");
  auto cacheLineValue = parseCount("--cacheline", cacheLine, "a power of two greater than 0");
  if (!cacheLineValue) return cacheLineValue.takeError();
  if (*cacheLineValue == 0 || (*cacheLineValue & (*cacheLineValue - 1)) != 0)
    return support::makeUsageError("--cacheline: '" + cacheLine + "' is not a power of two greater than 0");
  options.cacheLine = *cacheLineValue;
  const bool listing = !sort.empty() || !top.empty() || !minPadding.empty();
  if (listing && !options.types)
    return support::makeUsageError("--sort, --top and --min-padding apply to --types, which is not given");
  if (!top.empty()) {
    auto value = parseCount("--top", top, "a positive integer");
    if (!value) return value.takeError();
    if (*value == 0) return support::makeUsageError("--top: '" + top + "' is not a positive integer");
    options.list.top = *value;
  }
  if (!minPadding.empty()) {
    auto value = parseCount("--min-padding", minPadding, "a number of bytes (0 or more)");
    if (!value) return value.takeError();
    options.list.minPadding = *value;
  }
  static const std::map<std::string, analysis::SortKey> sortKeys{
      {"size", analysis::SortKey::Size}, {"padding", analysis::SortKey::Padding}, {"name", analysis::SortKey::Name}};
  if (!sort.empty()) options.list.sort = sortKeys.at(lowercase(sort));
  else if (options.list.top) options.list.sort = analysis::SortKey::Padding; // "the top N" means the worst wasters

  if (!check.empty()) options.check = check;
  if (!diff.empty()) options.diff = diff;
  if (!saveBaseline.empty()) options.saveBaseline = saveBaseline;
  if (!sourceRoot.empty()) options.sourceRoot = sourceRoot;
  if (options.check && options.diff) return support::makeUsageError("--check and --diff: give one of them, not both");
  if (options.format == report::Format::Github && !options.check && !options.diff)
    return support::makeUsageError("--format github: annotations are made by --check and --diff, neither is given");
  if (!mode.empty()) options.policy.mode = lowercase(mode) == "exact" ? model::Policy::Mode::Exact : model::Policy::Mode::Ratchet;
  if (!failOn.empty()) {
    std::vector<model::Rule> rules;
    std::string_view rest = failOn;
    while (!rest.empty()) {
      const std::size_t comma = rest.find(',');
      std::string word(rest.substr(0, comma));
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
      if (word.empty()) continue;
      auto rule = model::ruleNamed(lowercase(word));
      if (!rule) {
        std::string known;
        for (auto name : model::kRuleNames) known += (known.empty() ? "" : ", ") + std::string(name);
        return support::makeUsageError("--fail-on: '" + word + "' is not one of " + known);
      }
      rules.push_back(*rule);
    }
    options.policy.failOn = std::move(rules);
  }
  auto parseLimits = [&](std::string_view flag, const std::vector<std::string> &values, bool size) -> llvm::Error {
    for (const auto &value : values) {
      const std::size_t equals = value.rfind('=');
      if (equals == std::string::npos || equals == 0)
        return support::makeUsageError(std::string(flag) + ": '" + value + "' is not NAME=N");
      auto bytes = parseCount(flag, value.substr(equals + 1), "a number of bytes");
      if (!bytes) return bytes.takeError();
      model::Limit limit{value.substr(0, equals), std::nullopt, std::nullopt};
      (size ? limit.maxSize : limit.maxPadding) = *bytes;
      options.policy.limits.push_back(std::move(limit));
    }
    return llvm::Error::success();
  };
  if (auto error = parseLimits("--max-size", maxSizes, true)) return error;
  if (auto error = parseLimits("--max-padding", maxPaddings, false)) return error;
  const bool policyGiven = !options.policy.empty();
  if ((policyGiven || options.sourceRoot) && !options.gate())
    return support::makeUsageError("--mode, --fail-on, --max-size, --max-padding, --suppress, --fixed-layout and "
                                   "--source-root apply to --check, --diff and --save-baseline, none of which is given");
  return options;
}

} // namespace memlayout::cli
