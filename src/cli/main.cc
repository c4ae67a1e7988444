// The `openceir` executable: parses arguments with CLI11 and calls one command function
// (commands.h). Exit codes are mapped in cli_context.cc; CLI11 parse errors exit 2.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "cli/api_commands.h"
#include "cli/commands.h"
#include "cli/eir_commands.h"
#include "openceir/observe/quality_checks.h"
#include "openceir/store/list_schema.h"

namespace {

using namespace openceir::cli;  // NOLINT(google-build-using-namespace): main only

std::string JoinArguments(int argc, char** argv) {
  std::string out;
  for (int i = 1; i < argc; ++i) {
    if (i > 1) out += ' ';
    out += argv[i];
  }
  return out;
}

int Main(int argc, char** argv) {
  CLI::App app{"OpenCEIR: an open national Central Equipment Identity Register", "openceir"};
  app.require_subcommand(1);
  app.footer(
      "Exit codes: 0 ok; 1 rejected input or failed check; 2 usage error; 3 internal or I/O "
      "error.");
  app.fallthrough();  // global options may also come after the command

  GlobalOptions global;
  app.add_option("--config", global.config_path,
                 "Configuration file (default: $OPENCEIR_CONFIG, else etc/openceir.yaml)");
  app.add_option("--store", global.store_path,
                 "The store: a SQLite file, or a PostgreSQL database as a postgresql:// URI "
                 "(overrides the configuration's store)");

  CLI::App* db = app.add_subcommand("db", "Create, migrate or check the registry store");
  db->require_subcommand(1);
  CLI::App* db_init = db->add_subcommand("init", "Create the store and apply every migration");
  CLI::App* db_migrate = db->add_subcommand("migrate", "Apply pending schema migrations");
  std::string dump_dir;
  CLI::App* db_export = db->add_subcommand(
      "export",
      "Write the whole store (registry and observations) to a new folder, backend-neutral");
  db_export->add_option("dir", dump_dir, "The folder to create (must not exist or be empty)")
      ->required();
  CLI::App* db_import = db->add_subcommand(
      "import", "Copy a store dump into a new store of any kind (all or nothing)");
  db_import->add_option("dir", dump_dir, "The folder `db export` wrote")->required();
  CLI::App* db_check = db->add_subcommand(
      "check",
      "Mark jobs of dead processes interrupted, then check integrity (exit 1 on problems)");

  ImportOptions import_options;
  std::vector<std::string> list_names;
  for (const auto& schema : openceir::store::AllListSchemas()) {
    list_names.emplace_back(schema.name);
  }
  CLI::App* import = app.add_subcommand("import", "Import a reference list file");
  // Not ->required(): CLI11 fills required positionals before it looks for a subcommand, so
  // `import operator ...` could not be recognised; checked after parsing instead.
  import->add_option("list", import_options.list, "The list the file holds")
      ->check(CLI::IsMember(list_names));
  import->add_option("file", import_options.file, "The file (plain, .gz, .zst or .zip)");
  import->add_flag("--delta", import_options.delta,
                   "The file is a delta: a last column change_type = add|remove|update");
  import->add_flag("--allow-reimport", import_options.allow_reimport,
                   "Apply a file that was already imported successfully");
  import->add_flag("--prehashed", import_options.prehashed,
                   "Golden list: every value is the MD5 (hex) of imei_norm (default: detected "
                   "from the first value)");
  import->add_flag("--json", import_options.json, "Print the import report as JSON");

  ImportOperatorOptions operator_options;
  import->require_subcommand(0, 1);  // `import operator ...`, or `import <list> FILE`
  CLI::App* import_operator = import->add_subcommand(
      "operator", "Import an operator data file (<operator>_<YYYYMMDD>_<YYYYMMDD>.csv)");
  import_operator->add_option("operator_id", operator_options.operator_id, "Configured operator")
      ->required();
  import_operator->add_option("file", operator_options.file, "The file (plain, .gz, .zst or .zip)")
      ->required();
  for (std::string_view name : openceir::observe::QualityCheckNames()) {
    std::string flag = "--no-check-" + std::string(name);
    std::replace(flag.begin(), flag.end(), '_', '-');
    import_operator->add_flag_callback(
        flag, [&operator_options, name] { operator_options.disabled_checks.emplace_back(name); },
        fmt::format("Skip the {} data-quality check", name));
  }
  import_operator->add_flag("--json", operator_options.json, "Print the import report as JSON");

  ImportCellsOptions cells_options;
  CLI::App* import_cells = import->add_subcommand(
      "cells", "Import a cell table (OpenCelliD layout: radio,mcc,net,area,cell,...)");
  import_cells->add_option("file", cells_options.file, "The file (plain, .gz, .zst or .zip)")
      ->required();
  import_cells->add_flag("--json", cells_options.json, "Print the import report as JSON");

  ImportEventsOptions events_options;
  CLI::App* import_events = import->add_subcommand(
      "events", "Import an events file (<operator>_<YYYYMMDD>_<YYYYMMDD>.events.csv)");
  import_events->add_option("operator_id", events_options.operator_id, "Configured operator")
      ->required();
  import_events->add_option("file", events_options.file, "The file (plain, .gz, .zst or .zip)")
      ->required();
  import_events
      ->add_option("--max-speed-kmh", events_options.max_speed_kmh,
                   "Impossible travel: fastest possible speed (default 300)")
      ->check(CLI::PositiveNumber);
  import_events
      ->add_option("--min-distance-km", events_options.min_distance_km,
                   "Impossible travel: ignore places closer than this (default 30)")
      ->check(CLI::NonNegativeNumber);
  import_events
      ->add_option("--max-cell-range-km", events_options.max_cell_range_km,
                   "Impossible travel: most of a cell's range counted as tolerance "
                   "(default 10)")
      ->check(CLI::NonNegativeNumber);
  import_events->add_flag("--json", events_options.json, "Print the import report as JSON");

  CheckOptions check_options;
  CLI::App* check = app.add_subcommand("check", "What the registry knows about IMEIs");
  check->add_option("imei", check_options.imeis, "IMEIs (14, 15 or 16 digits)")->required();
  check->add_flag("--json", check_options.json, "Print a JSON array of reports");

  StatusOptions status_options;
  CLI::App* status = app.add_subcommand(
      "status", "What the store holds: list sizes, network data, figures of the last N days");
  status->add_option("--days", status_options.days, "Window of the network figures (default 30)")
      ->check(CLI::Range(1, 3660));
  status->add_flag("--json", status_options.json, "Print JSON");

  ListsOptions lists_options;
  CLI::App* lists = app.add_subcommand(
      "lists",
      "Blacklist, notification and exception lists of a classification run, full and "
      "delta, zipped with a manifest");
  // Not ->required(): `lists publish ...` must reach its subcommand (see `import`).
  lists->add_option("output_dir", lists_options.output_dir, "Folder the lists go into");
  lists
      ->add_option("--run", lists_options.run,
                   "Classification run (default: the newest, on or before --curr-date)")
      ->check(CLI::PositiveNumber);
  lists->add_option("--curr-date", lists_options.curr_date,
                    "List date YYYYMMDD (default: the run's analysis date)");
  lists
      ->add_option("--base", lists_options.base,
                   "Run the deltas are against (default: the newest run before --run)")
      ->check(CLI::PositiveNumber);
  lists->add_flag("--json", lists_options.json, "Print the manifest as JSON");

  lists->require_subcommand(0, 1);
  ListsPublishOptions publish_options;
  CLI::App* lists_publish = lists->add_subcommand(
      "publish", "Publish a lists run as a signed bundle for EIR nodes (full and delta)");
  lists_publish
      ->add_option("lists_dir", publish_options.lists_dir,
                   "A lists folder, or the folder `lists` writes into (its newest run)")
      ->required();
  lists_publish->add_option("bundle_dir", publish_options.bundle_dir, "Bundle folder (served)")
      ->required();
  lists_publish->add_option("--key", publish_options.key_file, "Secret key file (keygen)")
      ->required();
  lists_publish->add_flag("--known-imeis", publish_options.known_imeis,
                          "Carry the registration list for whitelist mode (default: when "
                          "eir.policies.unknown_imei is set)");
  lists_publish->add_flag("!--no-allocated-tacs", publish_options.allocated_tacs,
                          "Do not carry the GSMA TAC database's TACs");
  lists_publish->add_flag("--json", publish_options.json, "Print the bundle manifest");

  KeygenOptions keygen_options;
  CLI::App* keygen =
      app.add_subcommand("keygen", "Write an Ed25519 key pair for signing list bundles");
  keygen->add_option("secret_file", keygen_options.secret_file, "Secret key (mode 0600)")
      ->required();
  keygen->add_option("public_file", keygen_options.public_file, "Public key (for EIR nodes)")
      ->required();

  EirOptions eir_options;
  CLI::App* eir = app.add_subcommand(
      "eir", "Run an EIR node: N5g-eir/REST over HTTP/2, S13 when configured, bundle sync");
  eir->add_option("--sync", eir_options.sync_url, "Bundle folder URL of the central node");
  eir->add_option("--trust", eir_options.trust_file, "Public key bundles must be signed with");
  eir->add_option("--bundle-dir", eir_options.bundle_dir,
                  "Also serve this bundle folder under /bundles/ (the central node)");
  eir->add_option("--listen", eir_options.listen,
                  "h2c listen address host:port (repeatable; port 0: any free port)");
  eir->add_option("--state-dir", eir_options.state_dir, "Where the last good bundle is kept");
  eir->add_option("--poll-interval", eir_options.poll_interval_seconds, "Seconds between polls")
      ->check(CLI::Range(0.01, 86400.0));
  eir->add_flag("--no-diameter", eir_options.no_diameter, "Do not start S13 even when configured");
  eir->add_flag("--sync-http1", eir_options.sync_http1,
                "The sync server speaks HTTP/1.1 (default: h2c prior knowledge for http://)");

  AuditEirOptions audit_options;
  CLI::App* audit = app.add_subcommand(
      "audit-eir",
      "Q.5053 audit: ask an EIR node about listed and unlisted IMEIs (exit 1 when "
      "an answer disagrees with the lists)");
  audit->add_option("url", audit_options.url, "The node's apiRoot, e.g. http://eir1:8080")
      ->required();
  audit->add_option("--sample", audit_options.sample, "Queries (default 1000)")
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{10'000'000}));
  audit
      ->add_option("--lists", audit_options.lists_dir,
                   "A lists folder, or the folder `lists` writes into (its newest run)")
      ->required();
  audit->add_option("--seed", audit_options.seed, "Sample seed (default 1)");
  audit->add_flag("--json", audit_options.json, "Print JSON");

  JobsOptions jobs_options;
  CLI::App* jobs = app.add_subcommand("jobs", "List recorded jobs, newest first");
  jobs->add_option("--limit", jobs_options.limit, "How many jobs (default 20)")
      ->check(CLI::PositiveNumber);
  jobs->add_flag("--json", jobs_options.json, "Print JSON");

  CLI::App* config = app.add_subcommand("config", "Configuration commands");
  config->require_subcommand(1);
  CLI::App* config_check =
      config->add_subcommand("check", "Validate the configuration file (exit 1 when invalid)");

  CLI::App* version = app.add_subcommand("version", "Print the version");

  SimulateOptions simulate_options;
  CLI::App* simulate = app.add_subcommand(
      "simulate", "Write a synthetic country: TAC database, cells, operator files, lists, truth");
  simulate->add_option("--out", simulate_options.out_dir, "Output folder (created when missing)")
      ->required();
  simulate
      ->add_option("--subscribers", simulate_options.subscribers,
                   "Local subscribers (default 10000)")
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{50'000'000}));
  simulate->add_option("--days", simulate_options.days, "Days of network data (default 30)")
      ->check(CLI::Range(1, 366));
  simulate->add_option("--start", simulate_options.start,
                       "First day, YYYYMMDD (default: the period ends yesterday)");
  simulate->add_option("--seed", simulate_options.seed,
                       "Random seed; the same seed gives byte-identical files (default 1)");
  for (const std::string& category : SimulateShareCategories()) {
    std::string flag = "--share-" + category;
    std::replace(flag.begin(), flag.end(), '_', '-');
    simulate
        ->add_option_function<double>(
            flag,
            [&simulate_options, category](const double& share) {
              simulate_options.shares[category] = share;
            },
            "Share of IMEIs that are " + category + " (0..1)")
        ->check(CLI::Range(0.0, 1.0));
  }

  ClassifyCommandOptions classify_options;
  CLI::App* classify = app.add_subcommand(
      "classify",
      "Classify every IMEI against the configured conditions (exit 1 when the safety "
      "cap kept a condition from being applied)");
  classify->add_option("--curr-date", classify_options.curr_date,
                       "Analysis date YYYYMMDD (default: the day after the latest operator data)");
  classify->add_flag("--json", classify_options.json, "Print the run report as JSON");

  ExplainOptions explain_options;
  CLI::App* explain = app.add_subcommand(
      "explain", "Why an IMEI is classified: conditions, evidence, block date, what to do");
  explain->add_option("imei", explain_options.imei, "The IMEI")->required();
  explain->add_flag("--json", explain_options.json, "Print JSON");

  ReportOptions report_options;
  CLI::App* report = app.add_subcommand("report", "Monthly and ad-hoc reports (read-only)");
  report->require_subcommand(1);
  CLI::App* report_monthly = report->add_subcommand(
      "monthly", "Country and per-operator figures of a month: JSON, CSV and an HTML page");
  report_monthly->add_option("month", report_options.month, "Month 1-12")
      ->required()
      ->check(CLI::Range(1, 12));
  report_monthly->add_option("year", report_options.year, "Year")->required();
  report_monthly->add_option("output_dir", report_options.output_dir, "Output folder")->required();
  report_monthly->add_option("--run", report_options.run,
                             "Classification run to show (default: the one that looked at the "
                             "month)");
  report_monthly
      ->add_option("--top-models", report_options.top_models, "Models listed (default 20)")
      ->check(CLI::Range(1, 1000));
  std::vector<CLI::App*> adhoc_reports;
  for (const std::string& name : AdhocReportNames()) {
    CLI::App* adhoc = report->add_subcommand(name, "Ad-hoc report " + name + " (CSV)");
    adhoc->add_option("output_dir", report_options.output_dir, "Output folder")->required();
    adhoc->add_option("--month", report_options.month, "Month 1-12 (with --year)")
        ->check(CLI::Range(1, 12));
    adhoc->add_option("--year", report_options.year, "Year (with --month)");
    adhoc->add_option("--from", report_options.from, "First day YYYYMMDD (with --to)");
    adhoc->add_option("--to", report_options.to, "Last day YYYYMMDD (with --from)");
    adhoc->add_option("--run", report_options.run,
                      "Classification run (default: the one that looked at the period)");
    adhoc->add_option("--top", report_options.top, "top-duplicates: rows (default 100)")
        ->check(CLI::PositiveNumber);
    adhoc->add_option("--min-imsis", report_options.min_imsis,
                      "top-duplicates: fewest IMSIs listed (default 2)");
    adhoc->add_option("--min-imeis", report_options.min_imeis,
                      "transient-msisdns: fewest IMEIs listed (default 5)");
    adhoc_reports.push_back(adhoc);
  }

  ApiCommands api_commands;  // serve, apikey, audit verify (api_commands.h)
  api_commands.Register(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    int code = app.exit(error);  // prints help, or the error and a hint
    return code == 0 ? kExitOk : kExitUsage;
  }

  if (global.config_path.empty()) {
    const char* from_env = std::getenv("OPENCEIR_CONFIG");
    global.config_given = from_env != nullptr && *from_env != '\0';
    global.config_path = global.config_given ? from_env : kDefaultConfigPath;
  } else {
    global.config_given = true;
  }

  if (auto code = api_commands.Run(global)) return *code;
  if (*db_init) return RunDb(global, DbAction::kInit);
  if (*db_migrate) return RunDb(global, DbAction::kMigrate);
  if (*db_check) return RunDb(global, DbAction::kCheck);
  if (*db_export) return RunDbExport(global, dump_dir);
  if (*db_import) return RunDbImport(global, dump_dir);
  if (*import_operator) {
    operator_options.arguments = JoinArguments(argc, argv);
    return RunImportOperator(global, operator_options);
  }
  if (*import_cells) {
    cells_options.arguments = JoinArguments(argc, argv);
    return RunImportCells(global, cells_options);
  }
  if (*import_events) {
    events_options.arguments = JoinArguments(argc, argv);
    return RunImportEvents(global, events_options);
  }
  if (*import) {
    if (import_options.list.empty() || import_options.file.empty()) {
      std::fprintf(stderr, "%s is required\nRun with --help for more information.\n",
                   import_options.list.empty() ? "list" : "file");
      return kExitUsage;
    }
    import_options.arguments = JoinArguments(argc, argv);
    return RunImport(global, import_options);
  }
  if (*check) return RunCheck(global, check_options);
  if (*jobs) return RunJobs(global, jobs_options);
  if (*status) return RunStatus(global, status_options);
  if (*lists_publish) return RunListsPublish(global, publish_options);
  if (*lists) {
    if (lists_options.output_dir.empty()) {
      std::fprintf(stderr, "output_dir is required\nRun with --help for more information.\n");
      return kExitUsage;
    }
    return RunLists(global, lists_options);
  }
  if (*keygen) return RunKeygen(keygen_options);
  if (*eir) return RunEir(global, eir_options);
  if (*audit) return RunAuditEir(global, audit_options);
  if (*config_check) return RunConfigCheck(global);
  if (*version) return RunVersion();
  if (*simulate) return RunSimulate(global, simulate_options);
  if (*classify) {
    classify_options.arguments = JoinArguments(argc, argv);
    return RunClassify(global, classify_options);
  }
  if (*explain) return RunExplain(global, explain_options);
  if (*report_monthly) {
    report_options.kind = "monthly";
    return RunReport(global, report_options);
  }
  for (CLI::App* adhoc : adhoc_reports) {
    if (*adhoc) {
      report_options.kind = adhoc->get_name();
      return RunReport(global, report_options);
    }
  }
  return kExitUsage;  // unreachable: a subcommand is required
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return Main(argc, argv);
  } catch (const std::exception& error) {  // a throwing library escaped its wrapper: a bug
    std::fprintf(stderr, "openceir: internal error: %s\n", error.what());
    return kExitInternal;
  }
}
