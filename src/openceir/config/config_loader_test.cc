// Tests of the YAML configuration loader: the shipped file, every rule's error path and
// message, several problems at once, hints, prefix clashes and store path resolution.
#include "openceir/config/config_loader.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace openceir::config {
namespace {

// A valid configuration that each bad case breaks in one place.
constexpr std::string_view kRegion = R"(region:
  name: Testland
  country_codes: ["999"]
  mccs: ["999"]
  operators:
    - id: op1
      name: One
      mcc_mncs: ["99901"]
)";

std::string WithRegion(std::string_view rest) { return std::string(kRegion) + std::string(rest); }

std::string Condition(std::string_view dimensions, std::string_view extra = "") {
  return WithRegion(std::string("conditions:\n  - label: c1\n    reason: R\n    dimensions:\n") +
                    std::string(dimensions) + std::string(extra));
}

std::string Describe(const std::vector<ConfigProblem>& problems) {
  std::string out;
  for (const ConfigProblem& p : problems) out += FormatConfigProblem("t.yaml", p) + "\n";
  return out;
}

TEST(ConfigLoaderTest, ShippedConfigLoadsCleanly) {
  const std::string path = std::string(OPENCEIR_SOURCE_DIR) + "/etc/openceir.yaml";
  Result<Config> config = LoadConfigFile(path);
  ASSERT_TRUE(config.ok()) << config.status().message();
  EXPECT_EQ(config->region.name, "Demoland");
  EXPECT_EQ(config->region.mccs, std::vector<std::string>({"999"}));
  ASSERT_EQ(config->region.operators.size(), 3u);
  EXPECT_EQ(config->region.operators[2].mcc_mncs, std::vector<std::string>({"99903", "999040"}));
  EXPECT_EQ(config->store.kind, "sqlite");
  EXPECT_EQ(config->store.path, std::string(OPENCEIR_SOURCE_DIR) + "/etc/openceir.db");
  EXPECT_EQ(config->ThresholdsFor("gsma-tac").size_drop_absolute, 100);
  EXPECT_DOUBLE_EQ(config->ThresholdsFor("stolen").size_drop_ratio, 0.25);
  EXPECT_GE(config->conditions.size(), 10u);
  EXPECT_EQ(config->conditions[0].label, "gsma_not_found");
  EXPECT_TRUE(config->conditions[0].blocking);
  EXPECT_EQ(config->conditions[0].grace_period_days, 30);
  // Defaults of module parameters are filled in.
  EXPECT_EQ(config->conditions[0].dimensions[0].parameters.at("ignore_rbi_delays"), "false");
}

TEST(ConfigLoaderTest, MinimalConfigKeepsDefaults) {
  ConfigParseOutcome outcome = ParseConfigYamlWithProblems(kRegion, "");
  ASSERT_TRUE(outcome.ok()) << Describe(outcome.problems);
  EXPECT_EQ(outcome.config.store.path, "openceir.db");
  EXPECT_EQ(outcome.config.import.max_listed_errors, 20);
  EXPECT_EQ(outcome.config.list_generation.lookback_days, 60);
  EXPECT_TRUE(outcome.config.conditions.empty());
  EXPECT_DOUBLE_EQ(outcome.config.ThresholdsFor("stolen").size_drop_ratio, 0.5);
}

struct BadCase {
  std::string name;
  std::string yaml;
  std::string path;
  std::string fragment;
};

std::vector<BadCase> BadCases() {
  const std::string dup = "      - module: duplicate_threshold\n        parameters:\n";
  return {
      {"no_region_name", "region:\n  country_codes: [\"1\"]\n  mccs: [\"999\"]\n  operators: []\n",
       "region.name", "missing required key"},
      {"no_region", "store:\n  kind: sqlite\n", "region", "missing required key"},
      {"country_code_plus",
       "region:\n  name: X\n  country_codes: [\"+99\"]\n  mccs: [\"999\"]\n  operators: []\n",
       "region.country_codes[0]", "\"+99\" is not a country code (1-3 digits, no '+')"},
      {"short_mcc", "region:\n  name: X\n  country_codes: [\"9\"]\n  mccs: [\"41\"]\n",
       "region.mccs[0]", "\"41\" is not an MCC (3 digits)"},
      {"repeated_mcc", "region:\n  name: X\n  country_codes: [\"9\"]\n  mccs: [\"410\", \"410\"]\n",
       "region.mccs[1]", "\"410\" is listed twice"},
      {"no_operators",
       "region:\n  name: X\n  country_codes: [\"9\"]\n  mccs: [\"410\"]\n  operators: []\n",
       "region.operators", "must list at least one operator"},
      {"bad_operator_id",
       "region:\n  name: X\n  country_codes: [\"9\"]\n  mccs: [\"410\"]\n  operators:\n"
       "    - {id: Op-1, name: A, mcc_mncs: [\"41001\"]}\n",
       "region.operators[0].id", "\"Op-1\" is not an operator id"},
      {"short_mcc_mnc",
       "region:\n  name: X\n  country_codes: [\"9\"]\n  mccs: [\"410\"]\n  operators:\n"
       "    - {id: op1, name: A, mcc_mncs: [\"41001\"]}\n"
       "    - {id: op2, name: B, mcc_mncs: [\"4100\"]}\n",
       "region.operators[1].mcc_mncs[0]", "\"4100\" is not an MCC-MNC (5 or 6 digits)"},
      {"foreign_mcc",
       "region:\n  name: X\n  country_codes: [\"9\"]\n  mccs: [\"410\"]\n  operators:\n"
       "    - {id: op1, name: A, mcc_mncs: [\"41101\"]}\n",
       "region.operators[0].mcc_mncs[0]", "MCC \"411\" of \"41101\" is not in region.mccs"},
      {"operator_id_twice",
       "region:\n  name: X\n  country_codes: [\"9\"]\n  mccs: [\"410\"]\n  operators:\n"
       "    - {id: op1, name: A, mcc_mncs: [\"41001\"]}\n"
       "    - {id: op1, name: B, mcc_mncs: [\"41002\"]}\n",
       "region.operators[1].id", "operator id \"op1\" is used twice"},
      {"empty_operator_name",
       "region:\n  name: X\n  country_codes: [\"9\"]\n  mccs: [\"410\"]\n  operators:\n"
       "    - {id: op1, name: \"\", mcc_mncs: [\"41001\"]}\n",
       "region.operators[0].name", "must not be empty"},
      {"store_kind", WithRegion("store:\n  kind: mysql\n"), "store.kind",
       "\"mysql\" is not a store kind (sqlite or postgresql)"},
      {"postgres_without_dsn", WithRegion("store:\n  kind: postgresql\n"), "store.dsn",
       "is required when kind is postgresql"},
      {"ratio_above_one", WithRegion("list_thresholds:\n  stolen:\n    size_drop_ratio: 1.5\n"),
       "list_thresholds.stolen.size_drop_ratio", "must be a ratio from 0 to 1, or -1 for off"},
      {"absolute_below_minus_one",
       WithRegion("list_thresholds:\n  stolen:\n    size_drop_absolute: -2\n"),
       "list_thresholds.stolen.size_drop_absolute", "must be an integer >= -1 (got -2)"},
      {"unknown_list", WithRegion("list_thresholds:\n  stolenn:\n    size_drop_ratio: 0.1\n"),
       "list_thresholds.stolenn", "unknown key \"stolenn\" (did you mean \"stolen\"?)"},
      {"operator_ratio", WithRegion("operator_thresholds:\n  null_imei: 2\n"),
       "operator_thresholds.null_imei", "must be a ratio from 0 to 1 (got 2)"},
      {"operator_ratio_text", WithRegion("operator_thresholds:\n  null_imsi: five\n"),
       "operator_thresholds.null_imsi", "must be a number (got \"five\")"},
      {"import_errors", WithRegion("import:\n  max_listed_errors: 0\n"), "import.max_listed_errors",
       "must be an integer >= 1 (got 0)"},
      {"lookback", WithRegion("list_generation:\n  lookback_days: 0\n"),
       "list_generation.lookback_days", "must be an integer >= 1 (got 0)"},
      {"lookback_too_big", WithRegion("list_generation:\n  lookback_days: 99999999999\n"),
       "list_generation.lookback_days", "must be an integer from 1 to 2147483647"},
      {"list_generation_bool", WithRegion("list_generation:\n  generate_check_digit: maybe\n"),
       "list_generation.generate_check_digit", "must be true or false (got \"maybe\")"},
      {"label_twice",
       WithRegion("conditions:\n  - {label: a, reason: R, dimensions: [{module: stolen_list}]}\n"
                  "  - {label: a, reason: S, dimensions: [{module: stolen_list}]}\n"),
       "conditions[1].label", "label \"a\" is used by an earlier condition"},
      {"label_chars",
       WithRegion("conditions:\n  - {label: Bad Label, reason: R, dimensions: "
                  "[{module: stolen_list}]}\n"),
       "conditions[0].label", "\"Bad Label\" is not a label"},
      {"reason_pipe",
       WithRegion(
           "conditions:\n  - {label: a, reason: A|B, dimensions: [{module: stolen_list}]}\n"),
       "conditions[0].reason", "must not contain '|'"},
      {"reason_missing",
       WithRegion("conditions:\n  - {label: a, dimensions: [{module: stolen_list}]}\n"),
       "conditions[0].reason", "missing required key"},
      {"no_dimensions", WithRegion("conditions:\n  - {label: a, reason: R, dimensions: []}\n"),
       "conditions[0].dimensions", "must list at least one dimension"},
      {"dimension_scalar", Condition("      - stolen_list\n"), "conditions[0].dimensions[0]",
       "must be a mapping such as {module: stolen_list}"},
      {"unknown_module", Condition("      - module: gsma_notfound\n"),
       "conditions[0].dimensions[0].module",
       "unknown module \"gsma_notfound\" (did you mean \"gsma_not_found\"?)"},
      {"threshold_zero", Condition(dup + "          threshold: 0\n          period_days: 30\n"),
       "conditions[0].dimensions[0].parameters.threshold", "must be an integer >= 1 (got \"0\")"},
      {"both_periods",
       Condition(dup + "          threshold: 3\n          period_days: 30\n"
                       "          period_months: 1\n"),
       "conditions[0].dimensions[0].parameters.period_months",
       "give exactly one of period_days and period_months"},
      {"no_period", Condition(dup + "          threshold: 3\n"),
       "conditions[0].dimensions[0].parameters",
       "give exactly one of period_days and period_months"},
      {"missing_threshold", Condition(dup + "          period_days: 3\n"),
       "conditions[0].dimensions[0].parameters", "missing required parameter \"threshold\""},
      {"misspelt_parameter", Condition(dup + "          treshold: 3\n          period_days: 30\n"),
       "conditions[0].dimensions[0].parameters.treshold",
       "unknown key \"treshold\" (did you mean \"threshold\"?)"},
      {"bool_parameter",
       Condition(dup + "          threshold: 3\n          period_days: 30\n"
                       "          use_msisdn: maybe\n"),
       "conditions[0].dimensions[0].parameters.use_msisdn",
       "must be true or false (got \"maybe\")"},
      {"min_seen_days_over_period",
       Condition("      - module: duplicate_daily_avg\n        parameters: {threshold: 2.5, "
                 "period_days: 5, min_seen_days: 9}\n"),
       "conditions[0].dimensions[0].parameters.min_seen_days",
       "must not exceed period_days (9 > 5)"},
      {"params_for_paramless_module",
       Condition("      - module: stolen_list\n        parameters: {threshold: 1}\n"),
       "conditions[0].dimensions[0].parameters", "module \"stolen_list\" takes no parameters"},
      {"rbi_key",
       Condition("      - module: gsma_not_found\n        parameters:\n"
                 "          per_rbi_delays: {\"3\": 10}\n"),
       "conditions[0].dimensions[0].parameters.per_rbi_delays.3", "\"3\" is not an RBI (2 digits)"},
      {"rbi_with_ignore",
       Condition("      - module: gsma_not_found\n        parameters:\n"
                 "          per_rbi_delays: {\"35\": 10}\n          ignore_rbi_delays: true\n"),
       "conditions[0].dimensions[0].parameters.ignore_rbi_delays",
       "cannot be true when per_rbi_delays is also given"},
      {"parameter_sequence",
       Condition(dup + "          threshold: [3]\n          period_days: 30\n"),
       "conditions[0].dimensions[0].parameters.threshold",
       "must be a single value, not a sequence"},
      {"invert_not_bool", Condition("      - {module: stolen_list, invert: 2}\n"),
       "conditions[0].dimensions[0].invert", "must be true or false (got \"2\")"},
      {"grace_negative", Condition("      - module: stolen_list\n", "    grace_period_days: -1\n"),
       "conditions[0].grace_period_days", "must be an integer >= 0 (got -1)"},
      {"matching_ratio_zero",
       Condition("      - module: stolen_list\n", "    max_allowed_matching_ratio: 0\n"),
       "conditions[0].max_allowed_matching_ratio", "must be a ratio above 0 and at most 1"},
      {"amnesty_date", WithRegion("amnesty:\n  evaluation_period_end_date: 2026-01-01\n"),
       "amnesty.evaluation_period_end_date", "\"2026-01-01\" is not a date (YYYYMMDD)"},
      {"amnesty_order",
       WithRegion("amnesty:\n  evaluation_period_end_date: 20270101\n"
                  "  amnesty_period_end_date: 20261231\n"),
       "amnesty.evaluation_period_end_date",
       "must not be after amnesty_period_end_date (20270101 > 20261231)"},
      {"amnesty_enabled_needs_dates",
       WithRegion("amnesty:\n  enabled: true\n  evaluation_period_end_date: 20260101\n"),
       "amnesty.amnesty_period_end_date", "missing required key"},
      {"duplicate_key", WithRegion("store:\n  kind: sqlite\n  kind: sqlite\n"), "store.kind",
       "duplicate key"},
      {"misspelt_section", WithRegion("list_generaton:\n  lookback_days: 3\n"), "list_generaton",
       "unknown key \"list_generaton\" (did you mean \"list_generation\"?)"},
      {"section_wrong_type", WithRegion("store: [1, 2]\n"), "store",
       "must be a mapping, not a sequence"},
      {"root_sequence", "- a\n- b\n", "", "must be a mapping, not a sequence"},
      {"empty_file", "", "", "the configuration is empty"},
      {"comment_only", "# nothing\n", "", "the configuration is empty"},
      {"two_documents", WithRegion("---\nregion: {}\n"), "",
       "the file holds more than one YAML document"},
      {"syntax_error", "region: [unclosed\n", "", "YAML syntax error"},
      {"scalar_for_list", "region:\n  name: X\n  country_codes: \"999\"\n  mccs: [\"999\"]\n",
       "region.country_codes", "must be a sequence, not a scalar"},
      {"name_mapping", "region:\n  name: {a: 1}\n", "region.name",
       "must be a text value, not a mapping"},
  };
}

TEST(ConfigLoaderTest, ReportsEachBrokenRuleAtItsPath) {
  for (const BadCase& c : BadCases()) {
    SCOPED_TRACE(c.name);
    ConfigParseOutcome outcome = ParseConfigYamlWithProblems(c.yaml, "");
    ASSERT_FALSE(outcome.ok()) << c.yaml;
    bool found = false;
    for (const ConfigProblem& p : outcome.problems) {
      found = found || (p.path == c.path && p.message.find(c.fragment) != std::string::npos);
    }
    EXPECT_TRUE(found) << "want " << c.path << ": " << c.fragment << "\ngot:\n"
                       << Describe(outcome.problems) << "yaml:\n"
                       << c.yaml;
  }
}

// Found by config_fuzz: on this text yaml-cpp's parser yields empty documents forever, so a
// loader that asks for every document (YAML::LoadAll) never returns and exhausts memory.
TEST(ConfigLoaderTest, InputThatMakesYamlCppRepeatDocumentsIsRefusedAndReturns) {
  const std::string yaml = "\n" + std::string(107, '\t') + std::string(118, ',') +
                           std::string(16, '\t') +
                           "enro--ilds:\n  - \xf6\xd2\xd2\xd2"
                           "1\n";
  ConfigParseOutcome outcome = ParseConfigYamlWithProblems(yaml, "");
  ASSERT_FALSE(outcome.ok());
  EXPECT_FALSE(outcome.problems.front().message.empty()) << Describe(outcome.problems);
}

TEST(ConfigLoaderTest, ReportsAllProblemsTogetherWithLineAndColumn) {
  const std::string yaml =
      "region:\n"                     // 1
      "  name: X\n"                   // 2
      "  country_codes: [\"9\"]\n"    // 3
      "  mccs: [\"410\"]\n"           // 4
      "  operators:\n"                // 5
      "    - id: op1\n"               // 6
      "      name: A\n"               // 7
      "      mcc_mncs: [\"4100\"]\n"  // 8
      "store:\n"                      // 9
      "  knd: sqlite\n"               // 10
      "list_generation:\n"            // 11
      "  lookback_days: 0\n";         // 12
  Result<Config> config = ParseConfigYaml(yaml, "etc/openceir.yaml", "");
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(config.status().message(),
            "etc/openceir.yaml:8:18: region.operators[0].mcc_mncs[0]: \"4100\" is not an "
            "MCC-MNC (5 or 6 digits)\n"
            "etc/openceir.yaml:10:3: store.knd: unknown key \"knd\" (did you mean \"kind\"?)\n"
            "etc/openceir.yaml:12:18: list_generation.lookback_days: must be an integer >= 1 "
            "(got 0)");
}

TEST(ConfigLoaderTest, RejectsMccMncPrefixClashAcrossOperators) {
  const std::string yaml =
      "region:\n  name: X\n  country_codes: [\"9\"]\n  mccs: [\"999\"]\n  operators:\n"
      "    - {id: op1, name: A, mcc_mncs: [\"99904\"]}\n"
      "    - {id: op2, name: B, mcc_mncs: [\"99905\", \"999040\"]}\n"
      "    - {id: op3, name: C, mcc_mncs: [\"99905\"]}\n";
  ConfigParseOutcome outcome = ParseConfigYamlWithProblems(yaml, "");
  ASSERT_EQ(outcome.problems.size(), 2u) << Describe(outcome.problems);
  EXPECT_EQ(outcome.problems[0].path, "region.operators[1].mcc_mncs[1]");
  EXPECT_EQ(outcome.problems[0].message,
            "\"999040\" and \"99904\" (operator \"op1\" at region.operators[0].mcc_mncs[0]) are "
            "prefixes of each other, so an IMSI could match both");
  EXPECT_EQ(outcome.problems[1].path, "region.operators[2].mcc_mncs[0]");
  EXPECT_EQ(outcome.problems[1].message,
            "\"99905\" is also given for operator \"op2\" at region.operators[1].mcc_mncs[0]");
}

TEST(ConfigLoaderTest, BoundsWorkAndProblemsOfAliasRepeatedNodes) {
  // 2000 aliases of one operator: 1999 repeated ids and pairs, far beyond the problem cap.
  std::string yaml =
      "x: &op {id: op1, name: A, mcc_mncs: [\"99901\"]}\n"
      "region:\n  name: X\n  country_codes: [\"9\"]\n  mccs: [\"999\"]\n  operators: [*op";
  for (int i = 1; i < 2000; ++i) yaml += ", *op";
  yaml += "]\n";
  ConfigParseOutcome outcome = ParseConfigYamlWithProblems(yaml, "");
  ASSERT_EQ(outcome.problems.size(), 101u);
  EXPECT_EQ(outcome.problems[0].path, "x");
  EXPECT_EQ(outcome.problems.back().message, "... and 3899 more problems");

  // Nested aliases multiply: 400 conditions x 400 dimensions pass the item budget, and the
  // problem saying so is kept although the problem cap was reached first.
  std::string nested = "x: &d {module: stolen_list}\ny: &ds [*d";
  for (int i = 1; i < 400; ++i) nested += ", *d";
  nested += "]\nz: &c {label: a, reason: r, dimensions: *ds}\n" + std::string(kRegion) +
            "conditions: [*c";
  for (int i = 1; i < 400; ++i) nested += ", *c";
  nested += "]\n";
  outcome = ParseConfigYamlWithProblems(nested, "");
  bool too_large = false;
  for (const ConfigProblem& p : outcome.problems) {
    too_large = too_large || p.message.find("the configuration is too large") == 0;
  }
  EXPECT_TRUE(too_large) << Describe(outcome.problems);
}

TEST(ConfigLoaderTest, ResolvesRelativeStorePathAgainstConfigFolder) {
  struct Case {
    std::string path;
    std::string base_dir;
    std::string want;
  };
  const std::vector<Case> cases = {
      {"openceir.db", "/srv/ceir/etc", "/srv/ceir/etc/openceir.db"},
      {"../data/registry.db", "/srv/ceir/etc", "/srv/ceir/data/registry.db"},
      {"/var/lib/openceir.db", "/srv/ceir/etc", "/var/lib/openceir.db"},
      {":memory:", "/srv/ceir/etc", ":memory:"},
      {"x.db", "", "x.db"},
      {"x.db", "etc", "etc/x.db"},
  };
  for (const Case& c : cases) {
    ConfigParseOutcome outcome =
        ParseConfigYamlWithProblems(WithRegion("store:\n  path: \"" + c.path + "\"\n"), c.base_dir);
    ASSERT_TRUE(outcome.ok()) << Describe(outcome.problems);
    EXPECT_EQ(outcome.config.store.path, c.want) << c.path << " in " << c.base_dir;
  }
}

TEST(ConfigLoaderTest, NormalisesParametersAndFillsDefaults) {
  ConfigParseOutcome outcome = ParseConfigYamlWithProblems(
      Condition("      - module: duplicate_threshold\n        parameters: {threshold: +07, "
                "period_months: 2, use_msisdn: True}\n"
                "      - module: gsma_not_found\n        parameters:\n"
                "          per_rbi_delays: {\"35\": 020, \"86\": 19}\n"
                "      - {module: impossible_travel, invert: yes}\n"),
      "");
  ASSERT_TRUE(outcome.ok()) << Describe(outcome.problems);
  const std::vector<DimensionConfig>& dims = outcome.config.conditions[0].dimensions;
  ASSERT_EQ(dims.size(), 3u);
  EXPECT_EQ(dims[0].parameters,
            (std::map<std::string, std::string>{
                {"threshold", "7"}, {"period_months", "2"}, {"use_msisdn", "true"}}));
  EXPECT_EQ(dims[1].parameters,
            (std::map<std::string, std::string>{{"per_rbi_delays.35", "20"},
                                                {"per_rbi_delays.86", "19"},
                                                {"ignore_rbi_delays", "false"}}));
  EXPECT_TRUE(dims[2].invert);
  EXPECT_EQ(dims[2].parameters.at("max_speed_kmh"), "900");
}

TEST(ConfigLoaderTest, LoadConfigFileErrors) {
  Result<Config> missing = LoadConfigFile("/nonexistent/openceir.yaml");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);

  const std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                    ("openceir_config_test_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string file = (dir / "bad.yaml").string();
  std::ofstream(file) << "region:\n  name: X\n  mccs: [\"1\"]\n";
  Result<Config> bad = LoadConfigFile(file);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(bad.status().message().find(file + ":3:10: region.mccs[0]: \"1\" is not an MCC"),
            std::string::npos)
      << bad.status().message();

  Result<Config> folder = LoadConfigFile(dir.string());
  ASSERT_FALSE(folder.ok());
  EXPECT_EQ(folder.status().code(), StatusCode::kIoError);
  std::filesystem::remove_all(dir);
}

TEST(ConfigLoaderTest, LoadConfigFileGivesAbsoluteStorePathForRelativeConfigPath) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                    ("openceir_config_rel_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir / "etc");
  std::ofstream(dir / "etc" / "c.yaml") << WithRegion("store:\n  path: ../db/registry.db\n");
  const std::filesystem::path old_cwd = std::filesystem::current_path();
  std::filesystem::current_path(dir);
  Result<Config> config = LoadConfigFile("etc/c.yaml");
  std::filesystem::current_path(old_cwd);
  ASSERT_TRUE(config.ok()) << config.status().message();
  EXPECT_EQ(config->store.path, (dir / "db" / "registry.db").lexically_normal().string());
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace openceir::config
