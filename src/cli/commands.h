// The `openceir` commands: one function per command, each taking the global options and its
// own parsed options and returning the process exit code (see cli_context.h). main.cc only
// parses arguments with CLI11 and calls these.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "cli/cli_context.h"

namespace openceir::cli {

// db init | migrate | check
enum class DbAction { kInit, kMigrate, kCheck };
int RunDb(const GlobalOptions& global, DbAction action);
// db export DIR | db import DIR (cmd_db_dump.cc): the whole store to or from a store dump.
int RunDbExport(const GlobalOptions& global, const std::string& dir);
int RunDbImport(const GlobalOptions& global, const std::string& dir);

struct ImportOptions {
  std::string list;  // CLI list name: "stolen", "gsma-tac", ...
  std::string file;
  bool delta = false;
  bool allow_reimport = false;
  bool prehashed = false;  // golden list: every value is an MD5 of imei_norm
  bool json = false;       // print the report as JSON on stdout
  std::string arguments;   // the whole command line, for the job record
};
int RunImport(const GlobalOptions& global, const ImportOptions& options);

// import operator OPERATOR_ID FILE (cmd_import_operator.cc)
struct ImportOperatorOptions {
  std::string operator_id;
  std::string file;
  std::vector<std::string> disabled_checks;  // quality check names (--no-check-<name>)
  bool json = false;
  std::string arguments;  // the whole command line, for the job record
};
int RunImportOperator(const GlobalOptions& global, const ImportOperatorOptions& options);

// import cells FILE / import events OPERATOR_ID FILE (cmd_import_events.cc)
struct ImportCellsOptions {
  std::string file;
  bool json = false;
  std::string arguments;  // the whole command line, for the job record
};
int RunImportCells(const GlobalOptions& global, const ImportCellsOptions& options);

struct ImportEventsOptions {
  std::string operator_id;
  std::string file;
  double max_speed_kmh = 300;  // impossible-travel settings (no configuration section yet)
  double min_distance_km = 30;
  double max_cell_range_km = 10;
  bool json = false;
  std::string arguments;  // the whole command line, for the job record
};
int RunImportEvents(const GlobalOptions& global, const ImportEventsOptions& options);

struct CheckOptions {
  std::vector<std::string> imeis;
  bool json = false;
};
int RunCheck(const GlobalOptions& global, const CheckOptions& options);

struct JobsOptions {
  int limit = 20;
  bool json = false;
};
int RunJobs(const GlobalOptions& global, const JobsOptions& options);

int RunConfigCheck(const GlobalOptions& global);

// status [--days N] [--json] (cmd_status.cc)
struct StatusOptions {
  int days = 30;  // the window of the network figures, ending today
  bool json = false;
};
int RunStatus(const GlobalOptions& global, const StatusOptions& options);

// lists OUTPUT_DIR [--run RUN] [--curr-date YYYYMMDD] [--base RUN] [--json] (cmd_lists.cc)
struct ListsOptions {
  std::string output_dir;
  std::int64_t run = 0;   // 0: the newest classification run (on or before --curr-date)
  std::string curr_date;  // the list date; empty: the run's curr_date
  std::int64_t base = 0;  // 0: the newest run older than `run` (none: deltas are everything)
  bool json = false;      // print the manifest as JSON
};
int RunLists(const GlobalOptions& global, const ListsOptions& options);

int RunVersion();

// simulate --out DIR [...]: a synthetic country for the configured region (cmd_simulate.cc).
struct SimulateOptions {
  std::string out_dir;
  std::int64_t subscribers = 10'000;
  int days = 30;
  std::string start;  // YYYYMMDD; empty = the `days` days ending yesterday
  std::uint64_t seed = 1;
  std::map<std::string, double> shares;  // category -> share, for the --share-* flags given
};
// Categories with a --share-<name> flag ('_' written '-'): all but genuine, the remainder.
std::vector<std::string> SimulateShareCategories();
int RunSimulate(const GlobalOptions& global, const SimulateOptions& options);

// classify [--curr-date YYYYMMDD] [--json] (cmd_classify.cc)
struct ClassifyCommandOptions {
  std::string curr_date;  // empty: the day after the latest operator data
  bool json = false;
  std::string arguments;  // the whole command line, for the job record
};
int RunClassify(const GlobalOptions& global, const ClassifyCommandOptions& options);

// explain IMEI [--json] (cmd_explain.cc)
struct ExplainOptions {
  std::string imei;
  bool json = false;
};
int RunExplain(const GlobalOptions& global, const ExplainOptions& options);

// report monthly MONTH YEAR OUTPUT_DIR | report <ad-hoc> OUTPUT_DIR [--month M --year Y |
// --from D --to D] [--run RUN] ... (cmd_report.cc)
struct ReportOptions {
  std::string kind;  // "monthly" or an ad-hoc report name (AdhocReportNames)
  std::string output_dir;
  int month = 0;
  int year = 0;
  std::string from;  // YYYYMMDD, ad-hoc reports
  std::string to;
  std::int64_t run = 0;  // 0: the run that looked at the period (reports/report_period.h)
  int top_models = 20;
  int top = 100;      // top-duplicates
  int min_imsis = 2;  // top-duplicates
  int min_imeis = 5;  // transient-msisdns
};
std::vector<std::string> AdhocReportNames();
int RunReport(const GlobalOptions& global, const ReportOptions& options);

}  // namespace openceir::cli
