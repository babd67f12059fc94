// Reading study files; see study_file.hpp.
#include "scenario/study_file.hpp"

#include <algorithm>
#include <filesystem>

#include "base/error.hpp"
#include "model/scenario.hpp"
#include "scenario/toml_reader.hpp"

namespace arteria {
namespace {

// A scenario file named at `node`: resolved like any input path of the study, a folder
// standing for its scenario.toml as on the command line.
std::string scenario_path(TomlTable& table, const toml::node& node, const std::string& field) {
  const auto text = node.value<std::string>();
  if (!text || text->empty()) table.fail_node(node, field, "expected a scenario file name");
  std::string problem;
  const auto expanded = expand_data_variable(*text, problem);
  if (!expanded) table.fail_node(node, field, problem);
  std::filesystem::path path(*expanded);
  const auto folder = table.document().folder_of(node.source());
  if (!path.is_absolute() && folder) path = std::filesystem::path(*folder) / path;
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) path /= "scenario.toml";
  path = path.lexically_normal();
  if (!std::filesystem::is_regular_file(path, error)) {
    table.fail_node(node, field,
                    "scenario file '" + path.string() +
                        "' does not exist (a relative name is taken from the study's folder)");
  }
  return path.string();
}

}  // namespace

const char* study_schedule_name(StudySchedule schedule) {
  switch (schedule) {
    case StudySchedule::automatic: return "auto";
    case StudySchedule::side_by_side: return "side_by_side";
    case StudySchedule::one_by_one: return "one_by_one";
  }
  return "auto";
}

StudySpec read_study_file(const std::string& path) {
  StudySpec study;
  study.file = path;
  const std::string text = read_input_file(path, "cannot open the study file (does it exist?)");
  toml::table parsed;
  try {
    parsed = toml::parse(std::string_view(text), std::string_view(path));
  } catch (const toml::parse_error& error) {
    throw InputError(path, error.source().begin.line, "", std::string(error.description()));
  }
  TomlDocument document{path, std::filesystem::path(path).parent_path().string(), {}, {}};
  TomlTable root(parsed, "", document);
  auto table = root.table("study");
  // Before unknown tables: a scenario file given as a study has [network], [demand], ...
  if (!table) {
    root.fail("study",
              "a study file has a [study] table with base and variants (for scenario files "
              "alone: arteria study --base BASE.toml VARIANT.toml ...)");
  }
  root.finish();
  study.name = table->string("name").value_or(std::filesystem::path(path).stem().string());
  study.description = table->string("description").value_or("");
  if (!table->has("base")) table->fail("base", "is required: the scenario the variants change");
  study.base = scenario_path(*table, *table->find("base"), "study.base");
  const toml::array* variants = table->array("variants");
  if (!variants || variants->empty()) {
    table->fail("variants", "is required: a list of variant scenario files");
  }
  for (std::size_t i = 0; i < variants->size(); ++i) {
    const std::string field = "study.variants[" + std::to_string(i) + "]";
    std::string variant = scenario_path(*table, *variants->get(i), field);
    if (variant == study.base ||
        std::find(study.variants.begin(), study.variants.end(), variant) != study.variants.end()) {
      table->fail_node(*variants->get(i), field, "'" + variant + "' is listed twice");
    }
    study.variants.push_back(std::move(variant));
  }
  study.threads = static_cast<int>(table->integer_in("threads", 0, 0, max_threads));
  const std::string schedule =
      table->choice("schedule", {"auto", "side_by_side", "one_by_one"}, "auto");
  study.schedule = schedule == "side_by_side" ? StudySchedule::side_by_side
                   : schedule == "one_by_one" ? StudySchedule::one_by_one
                                              : StudySchedule::automatic;
  table->finish();
  return study;
}

}  // namespace arteria
