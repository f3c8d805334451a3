// Command line → Options with CLI11. CLI11's own exit codes (≥100) and two-line failure messages
// would break the contract, so every ParseError becomes one Usage error here.
#include "cli/parse_args.h"

#include "support/error.h"

#include <CLI/CLI.hpp>

#include <cctype>
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

  // Enumerations are parsed as strings so that both help and errors list the words, not CLI11's mapping.
  const std::map<std::string, report::Format> formats{
      {"text", report::Format::Text}, {"json", report::Format::Json}, {"markdown", report::Format::Markdown}};
  std::string format = "text";
  app.add_option("--format", format, "output format (default: text)")
      ->check(CLI::IsMember({"text", "json", "markdown"}, CLI::ignore_case))
      ->type_name("text|json|markdown");
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
  return options;
}

} // namespace memlayout::cli
