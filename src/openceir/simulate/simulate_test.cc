// Tests of `openceir simulate`: determinism, file formats, check digits, category shares, clone
// evidence in events, data quality below the shipped thresholds, and scaling with N.
#include "openceir/simulate/simulate.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "openceir/identifiers/imei.h"
#include "openceir/identifiers/rat.h"
#include "openceir/identifiers/subscriber.h"
#include "openceir/simulate/buffered_file.h"
#include "openceir/simulate/geography.h"

namespace openceir::simulate {
namespace {

namespace fs = std::filesystem;

config::OperatorConfig Operator(std::string id, std::vector<std::string> mcc_mncs) {
  config::OperatorConfig op;
  op.id = std::move(id);
  op.name = op.id;
  op.mcc_mncs = std::move(mcc_mncs);
  return op;
}

SimulationSpec DemoSpec(std::int64_t subscribers, int days, std::uint64_t seed) {
  SimulationSpec spec;
  spec.subscribers = subscribers;
  spec.days = days;
  spec.seed = seed;
  spec.start = *ParseYyyymmdd("20261101");
  spec.operators = {Operator("op1", {"99901"}), Operator("op2", {"99902"}),
                    Operator("op3", {"99903", "999040"})};
  return spec;
}

fs::path TempDir(const std::string& name) {
  fs::path dir = fs::temp_directory_path() /
                 ("openceir_simulate_test_" + std::to_string(getpid()) + "_" + name);
  fs::remove_all(dir);
  return dir;
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> Lines(const fs::path& path) {
  std::vector<std::string> lines;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// Splits at `sep`, honouring double quotes (registration's radio_interface).
std::vector<std::string> Split(const std::string& line, char sep = ',') {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (char c : line) {
    if (c == '"') {
      quoted = !quoted;
    } else if (c == sep && !quoted) {
      fields.emplace_back();
    } else {
      fields.back().push_back(c);
    }
  }
  return fields;
}

bool Digits(const std::string& text, std::size_t min, std::size_t max) {
  if (text.size() < min || text.size() > max) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// One country generated once for the tests that only read it.
class SimulatedCountryTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(TempDir("country"));
    summary_ = new SimulationSummary;
    ASSERT_TRUE(Simulate(DemoSpec(8000, 7, 7), dir_->string(), summary_).ok());
    truth_ = new std::map<std::string, std::string>;
    for (const auto& line : Lines(*dir_ / "truth.csv")) {
      auto fields = Split(line);
      (*truth_)[fields[0]] = fields[1];
    }
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
    delete summary_;
    delete truth_;
  }
  static fs::path* dir_;
  static SimulationSummary* summary_;
  static std::map<std::string, std::string>* truth_;  // imei as sent -> category
};
fs::path* SimulatedCountryTest::dir_ = nullptr;
SimulationSummary* SimulatedCountryTest::summary_ = nullptr;
std::map<std::string, std::string>* SimulatedCountryTest::truth_ = nullptr;

TEST(SimulateTest, SameSeedGivesByteIdenticalFilesAndAnotherSeedDiffers) {
  const fs::path a = TempDir("det_a"), b = TempDir("det_b"), c = TempDir("det_c");
  SimulationSummary summary;
  ASSERT_TRUE(Simulate(DemoSpec(3000, 5, 42), a.string(), &summary).ok());
  ASSERT_TRUE(Simulate(DemoSpec(3000, 5, 42), b.string()).ok());
  ASSERT_TRUE(Simulate(DemoSpec(3000, 5, 43), c.string()).ok());
  ASSERT_EQ(summary.files.size(), 2u + 2u * 3u + 12u);
  for (const auto& name : summary.files) {
    EXPECT_EQ(ReadFile(a / name), ReadFile(b / name)) << name;
  }
  EXPECT_NE(ReadFile(a / "truth.csv"), ReadFile(c / "truth.csv"));
  EXPECT_NE(ReadFile(a / "op1_20261101_20261105.csv"), ReadFile(c / "op1_20261101_20261105.csv"));
  for (const auto& dir : {a, b, c}) fs::remove_all(dir);
}

TEST(SimulateTest, RejectsSharesAddingUpToMoreThanOne) {
  SimulationSpec spec = DemoSpec(100, 2, 1);
  spec.shares[static_cast<std::size_t>(Category::kCloned)] = 0.9;
  spec.shares[static_cast<std::size_t>(Category::kSimBox)] = 0.5;
  const Status status = Simulate(spec, TempDir("bad").string());
  EXPECT_EQ(status.code(), StatusCode::kInvalidInput);
  EXPECT_NE(status.message().find("shares"), std::string::npos) << status.message();
  EXPECT_FALSE(fs::exists(TempDir("bad")));
}

TEST(SimulateTest, RejectsMccMncThatIsNotFiveOrSixDigits) {
  SimulationSpec spec = DemoSpec(100, 2, 1);
  spec.operators[1].mcc_mncs = {"9990"};
  const Status status = ValidateSpec(spec);
  EXPECT_EQ(status.code(), StatusCode::kInvalidInput);
  EXPECT_NE(status.message().find("'9990'"), std::string::npos) << status.message();
}

TEST(SimulateTest, ReportsAnOutputFolderThatCannotBeCreated) {
  const fs::path file = TempDir("not_a_folder");
  std::ofstream(file) << "x";
  const Status status = Simulate(DemoSpec(100, 2, 1), (file / "sub").string());
  EXPECT_EQ(status.code(), StatusCode::kIoError);
  EXPECT_NE(status.message().find("not_a_folder"), std::string::npos) << status.message();
  fs::remove(file);
}

TEST(BufferedFileTest, KeepsEveryByteAcrossFlushesAndOversizedAppends) {
  const fs::path path = TempDir("buffered");
  std::string expected;
  {
    BufferedFile out(path.string());
    const std::string big(3 << 20, 'b');  // larger than the buffer
    for (int i = 0; i < 100'000; ++i) {
      out.Append("row,");
      out.Append(static_cast<char>('0' + i % 10));
      expected += "row,";
      expected += static_cast<char>('0' + i % 10);
      if (i == 50'000) {
        out.Append(big);
        expected += big;
      }
    }
    out.Format("{}|{}\n", 42, "end");
    expected += "42|end\n";
    ASSERT_TRUE(out.Close().ok());
  }
  EXPECT_EQ(ReadFile(path), expected);
  fs::remove(path);
}

TEST(BufferedFileTest, CloseReportsAFileThatCannotBeCreated) {
  BufferedFile out("/nonexistent-folder-openceir/x.csv");
  out.Append("data");
  const Status status = out.Close();
  EXPECT_EQ(status.code(), StatusCode::kIoError);
  EXPECT_NE(status.message().find("/nonexistent-folder-openceir/x.csv"), std::string::npos);
}

TEST(SimulateTest, CitiesAreHundredsOfKilometresApart) {
  const auto cities = Cities();
  for (std::size_t i = 0; i < cities.size(); ++i) {
    for (std::size_t j = i + 1; j < cities.size(); ++j) {
      const double km = DistanceKm(cities[i].lat, cities[i].lon, cities[j].lat, cities[j].lon);
      EXPECT_GT(km, 250) << cities[i].name << " - " << cities[j].name;
      EXPECT_LT(km, 1500) << cities[i].name << " - " << cities[j].name;
    }
  }
}

TEST(SimulateTest, SizesScaleWithSubscribers) {
  const fs::path small = TempDir("small"), large = TempDir("large");
  SimulationSummary s, l;
  ASSERT_TRUE(Simulate(DemoSpec(2000, 5, 3), small.string(), &s).ok());
  ASSERT_TRUE(Simulate(DemoSpec(8000, 5, 3), large.string(), &l).ok());
  EXPECT_GE(s.local_subscribers, 2000);
  EXPECT_LT(s.local_subscribers, 2000 + 60);  // the last group may overshoot a little
  EXPECT_GE(l.local_subscribers, 8000);
  const double rows = static_cast<double>(l.data_rows) / static_cast<double>(s.data_rows);
  const double devices = static_cast<double>(l.devices) / static_cast<double>(s.devices);
  EXPECT_GT(rows, 3.2);
  EXPECT_LT(rows, 4.8);
  EXPECT_GT(devices, 3.2);
  EXPECT_LT(devices, 4.8);
  EXPECT_GT(fs::file_size(large / "op1_20261101_20261105.csv"),
            3 * fs::file_size(small / "op1_20261101_20261105.csv"));
  EXPECT_GT(l.event_rows, l.data_rows);
  fs::remove_all(small);
  fs::remove_all(large);
}

TEST_F(SimulatedCountryTest, CategoriesAppearInRoughlyTheirShares) {
  const CategoryShares shares = DefaultCategoryShares();
  std::map<std::string, int> counts;
  for (const auto& [imei, category] : *truth_) counts[category]++;
  const double total = static_cast<double>(truth_->size()) - 1;  // minus the header
  for (std::size_t i = 0; i < kCategoryCount; ++i) {
    const std::string name(CategoryName(static_cast<Category>(i)));
    const double share = counts[name] / total;
    EXPECT_GT(counts[name], 0) << name;
    EXPECT_NEAR(share, shares[i], std::max(0.35 * shares[i], 0.002)) << name;
  }
}

TEST_F(SimulatedCountryTest, GsmaTacFileHasRequiredColumnsAndEveryGeneration) {
  const auto lines = Lines(*dir_ / "gsma_tac.txt");
  ASSERT_GT(lines.size(), 100u);
  EXPECT_EQ(lines[0],
            "tac|manufacturer|bands|allocation_date|model_name|device_type|marketing_name|"
            "brand_name|radio_interface|operating_system|simslot|imeiquantitysupport");
  std::set<std::string> tacs, types;
  int two_g_only = 0, five_g = 0;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const auto f = Split(lines[i], '|');
    ASSERT_EQ(f.size(), 12u) << lines[i];
    EXPECT_TRUE(identifiers::IsValidTac(f[0])) << lines[i];
    EXPECT_TRUE(tacs.insert(f[0]).second) << "duplicate TAC " << f[0];
    const auto allocated = ParseDdMonYyyy(f[3]);
    ASSERT_TRUE(allocated.has_value()) << lines[i];
    EXPECT_LT(allocated->days, ParseYyyymmdd("20261101")->days);
    if (f[2] == "GSM 900,GSM 1800") ++two_g_only;
    if (f[2].find("NR SA") != std::string::npos) ++five_g;
    types.insert(f[5]);
  }
  EXPECT_GT(two_g_only, 0);
  EXPECT_GT(five_g, 0);
  for (const char* type : {"Smartphone", "Module", "IoT Device", "Modem", "Tablet"}) {
    EXPECT_TRUE(types.count(type)) << type;
  }
  // Counterfeit IMEIs carry TACs that are not in the database; the others are in it.
  for (const auto& [imei, category] : *truth_) {
    if (category == "category" || category == "malformed") continue;
    EXPECT_EQ(tacs.count(imei.substr(0, 8)) == 0, category == "counterfeit") << imei;
    EXPECT_EQ(identifiers::IsTestTac(imei), category == "test_tac") << imei;
  }
}

TEST_F(SimulatedCountryTest, OperatorDataRowsAreValidAndNoiseStaysBelowThresholds) {
  std::int64_t rows = 0;
  for (const char* op : {"op1", "op2", "op3"}) {
    const auto lines = Lines(*dir_ / (std::string(op) + "_20261101_20261107.csv"));
    ASSERT_EQ(lines[0], "date,imei,imsi,msisdn,rat");
    const std::string home = std::string(op) == "op1" ? "99901" : op[2] == '2' ? "99902" : "999";
    double null_imei = 0, null_imsi = 0, null_msisdn = 0, null_rat = 0, unclean_imsi = 0,
           foreign_imsi = 0, foreign_msisdn = 0, not_home = 0;
    std::set<std::string> keys;
    for (std::size_t i = 1; i < lines.size(); ++i) {
      const auto f = Split(lines[i]);
      ASSERT_EQ(f.size(), 5u) << lines[i];
      const auto date = ParseYyyymmdd(f[0]);
      ASSERT_TRUE(date.has_value()) << lines[i];
      EXPECT_GE(date->days, ParseYyyymmdd("20261101")->days);
      EXPECT_LE(date->days, ParseYyyymmdd("20261107")->days);
      EXPECT_TRUE(keys.insert(f[0] + "," + f[1] + "," + f[2] + "," + f[3]).second)
          << "duplicate row " << lines[i];
      EXPECT_LE(f[1].size(), 16u);
      EXPECT_EQ(f[1].find_first_not_of("0123456789ABCDEFabcdef*#"), std::string::npos);
      EXPECT_TRUE(f[2].empty() || Digits(f[2], 1, 15)) << lines[i];
      EXPECT_TRUE(f[3].empty() || Digits(f[3], 1, 15)) << lines[i];
      EXPECT_TRUE(identifiers::ParseRatList(f[4]).ok()) << lines[i];
      null_imei += f[1].empty() ? 1 : 0;
      null_imsi += f[2].empty() ? 1 : 0;
      null_msisdn += f[3].empty() ? 1 : 0;
      null_rat += f[4].empty() ? 1 : 0;
      unclean_imsi += !f[2].empty() && !identifiers::IsCleanImsi(f[2]) ? 1 : 0;
      foreign_imsi += !f[2].empty() && f[2].substr(0, 3) != "999" ? 1 : 0;
      foreign_msisdn += !f[3].empty() && f[3].substr(0, 3) != "999" ? 1 : 0;
      not_home += !f[2].empty() && f[2].substr(0, home.size()) != home ? 1 : 0;
    }
    const double n = static_cast<double>(lines.size() - 1);
    rows += static_cast<std::int64_t>(n);
    EXPECT_GT(null_imei + null_imsi + null_msisdn + null_rat + unclean_imsi, 0) << op;
    EXPECT_LT((null_imei + null_imsi + null_msisdn + null_rat) / n, 0.02) << op;
    EXPECT_LT(unclean_imsi / n, 0.01) << op;
    EXPECT_GT(foreign_imsi, 0) << op;  // inbound roamers
    EXPECT_LT(foreign_imsi / n, 0.05) << op;
    EXPECT_LT(foreign_msisdn / n, 0.05) << op;
    EXPECT_LT(not_home / n, 0.1) << op;
  }
  EXPECT_EQ(rows, summary_->data_rows);
}

TEST_F(SimulatedCountryTest, EveryValidImeiHasItsLuhnDigitAndMalformedOnesDoNotNormalise) {
  std::int64_t fifteen = 0;
  for (const auto& [imei, category] : *truth_) {
    if (category == "category") continue;
    const auto norm = identifiers::NormalizeImei(imei);
    ASSERT_TRUE(norm.has_value());
    EXPECT_EQ(identifiers::IsDigits14(*norm), category != "malformed") << imei;
    if (imei.size() == 15 && category != "malformed") {
      ++fifteen;
      EXPECT_TRUE(identifiers::LuhnVerify(imei)) << imei;
    }
  }
  EXPECT_GT(fifteen, 1000);
  // Typed lists: 15 digits with the right check digit.
  for (const char* list : {"stolen.csv", "registration.csv", "pairing.csv", "golden.csv",
                           "barred.csv", "association.csv", "monitoring.csv"}) {
    const auto lines = Lines(*dir_ / list);
    ASSERT_GT(lines.size(), 1u) << list;
    const std::size_t column = std::string(list) == "association.csv" ? 1 : 0;
    for (std::size_t i = 1; i < lines.size(); ++i) {
      const std::string imei = Split(lines[i])[column];
      EXPECT_TRUE(identifiers::LuhnVerify(imei)) << list << ": " << lines[i];
    }
  }
}

TEST_F(SimulatedCountryTest, ReferenceListsHaveTheirHeadersAndColumns) {
  const std::map<std::string, std::pair<std::string, std::size_t>> expected = {
      {"stolen.csv", {"imei,reporting_date,status", 3}},
      {"stolen_delta.csv", {"imei,reporting_date,status,change_type", 4}},
      {"registration.csv",
       {"approved_imei,make,model,status,model_number,brand_name,device_type,radio_interface,"
        "device_id",
        9}},
      {"pairing.csv", {"imei,imsi,msisdn", 3}},
      {"golden.csv", {"golden_imei", 1}},
      {"barred.csv", {"imei", 1}},
      {"barred_tac.csv", {"tac", 1}},
      {"subscribers.csv", {"uid,imsi", 2}},
      {"association.csv", {"uid,imei", 2}},
      {"monitoring.csv", {"imei", 1}},
      {"truth.csv", {"imei,category,details", 3}},
      {"truth_owners.csv", {"imei,imsi", 2}},
  };
  for (const auto& [name, header] : expected) {
    const auto lines = Lines(*dir_ / name);
    ASSERT_GT(lines.size(), 1u) << name;
    EXPECT_EQ(lines[0], header.first) << name;
    for (std::size_t i = 1; i < lines.size(); ++i) {
      EXPECT_EQ(Split(lines[i]).size(), header.second) << name << ": " << lines[i];
    }
  }
  // Dual-SIM IMEIs are registered in pairs under one device_id.
  std::map<std::string, int> per_device;
  for (const auto& line : Lines(*dir_ / "registration.csv")) per_device[Split(line)[8]]++;
  int pairs = 0;
  for (const auto& [id, count] : per_device) pairs += count == 2;
  EXPECT_GT(pairs, 50);
  // Every recovered device is removed by the delta and was on the full list.
  const std::string stolen = ReadFile(*dir_ / "stolen.csv");
  for (std::size_t i = 1; const auto& line : Lines(*dir_ / "stolen_delta.csv")) {
    if (i++ == 1) continue;
    EXPECT_NE(stolen.find(Split(line)[0]), std::string::npos);
    EXPECT_EQ(Split(line)[3], "remove");
  }
}

TEST_F(SimulatedCountryTest, EveryClonedImeiNamesItsOwnerWhoUsesItOnMostDays) {
  std::map<std::string, std::string> owner_of;  // imei as sent -> owner's IMSI
  for (std::size_t i = 1; const auto& line : Lines(*dir_ / "truth_owners.csv")) {
    if (i++ == 1) continue;
    const auto f = Split(line);
    EXPECT_TRUE(owner_of.emplace(f[0], f[1]).second) << "two owners: " << line;
    EXPECT_EQ((*truth_)[f[0]], "cloned") << line;
  }
  int cloned = 0;
  for (const auto& [imei, category] : *truth_) {
    if (category == "cloned") {
      ++cloned;
      EXPECT_TRUE(owner_of.count(imei)) << "no owner for " << imei;
    }
  }
  EXPECT_GT(cloned, 50);
  // The owner is one of the IMEI's SIMs, active on more days than any clone's SIM.
  std::map<std::string, std::map<std::string, std::set<std::string>>> days;  // imei, imsi
  for (const char* op : {"op1", "op2", "op3"}) {
    const auto lines = Lines(*dir_ / (std::string(op) + "_20261101_20261107.csv"));
    for (std::size_t i = 1; i < lines.size(); ++i) {
      const auto f = Split(lines[i]);
      if (owner_of.count(f[1]) && !f[2].empty()) days[f[1]][f[2]].insert(f[0]);
    }
  }
  int owner_most = 0;
  for (const auto& [imei, owner] : owner_of) {
    const auto& by_imsi = days[imei];
    ASSERT_TRUE(by_imsi.count(owner)) << imei << " never seen with its owner " << owner;
    EXPECT_GE(by_imsi.size(), 2u) << imei;
    bool most = true;
    for (const auto& [imsi, seen] : by_imsi) {
      most = most && (imsi == owner || seen.size() < by_imsi.at(owner).size());
    }
    owner_most += most;
  }
  // 7 days: a clone (half the days) sometimes ties the owner (92 %); over a month it does not.
  EXPECT_GT(owner_most, cloned * 7 / 10);
}

TEST_F(SimulatedCountryTest, ModelsWithoutUmtsAreNeverSeenOnUtran) {
  // An LTE-only module or wearable cannot fall back to 3G: such rows would make
  // inconsistent_rat match devices that are used as they should be.
  std::set<std::string> no_umts;
  const auto tac_lines = Lines(*dir_ / "gsma_tac.txt");
  for (std::size_t i = 1; i < tac_lines.size(); ++i) {
    const auto f = Split(tac_lines[i], '|');
    if (f[2].find("WCDMA") == std::string::npos) no_umts.insert(f[0]);
  }
  int rows = 0;
  for (const char* op : {"op1", "op2", "op3"}) {
    const auto lines = Lines(*dir_ / (std::string(op) + "_20261101_20261107.csv"));
    for (std::size_t i = 1; i < lines.size(); ++i) {
      const auto f = Split(lines[i]);
      // Malformed identifiers borrow a model's TAC but not its radio.
      if (!Digits(f[1].substr(0, 14), 14, 14) || !no_umts.count(f[1].substr(0, 8))) continue;
      ++rows;
      EXPECT_EQ(f[4].find("001"), std::string::npos) << lines[i];
    }
  }
  EXPECT_GT(rows, 100);
}

TEST_F(SimulatedCountryTest, BarredTacsAreUsedOnlyByDevicesThatShouldBeBlocked) {
  std::set<std::string> barred;
  for (std::size_t i = 1; const auto& line : Lines(*dir_ / "barred_tac.csv")) {
    if (i++ > 1) barred.insert(line);
  }
  EXPECT_EQ(barred.size(), 2u);  // an unallocated TAC and a 2G-only model
  const std::set<std::string> should_block = {"cloned", "counterfeit", "malformed", "rat_2g_on_lte",
                                              "stolen"};
  for (const auto& [imei, category] : *truth_) {
    if (category == "category" || should_block.count(category)) continue;
    EXPECT_FALSE(barred.count(imei.substr(0, 8))) << imei << " " << category;
  }
}

struct Event {
  std::int64_t second;
  std::string imsi;
  double lat, lon;
};

TEST_F(SimulatedCountryTest, EventsAreInTimeOrderAndOnlyClonedImeisShowImpossibleTravel) {
  std::unordered_map<std::string, std::pair<double, double>> cells;
  const auto cell_lines = Lines(*dir_ / "cells.csv");
  ASSERT_EQ(cell_lines[0],
            "radio,mcc,net,area,cell,unit,lon,lat,range,samples,changeable,created,updated,"
            "averageSignal");
  for (std::size_t i = 1; i < cell_lines.size(); ++i) {
    const auto f = Split(cell_lines[i]);
    ASSERT_EQ(f.size(), 14u);
    // net as written (2-3 digits: 01 and 001 are different networks), as in the cell ids.
    ASSERT_TRUE(Digits(f[2], 2, 3)) << cell_lines[i];
    cells[f[1] + "-" + f[2] + "-" + f[3] + "-" + f[4]] = {std::stod(f[7]), std::stod(f[6])};
  }
  std::map<std::string, std::string> category_of_norm;
  for (const auto& [imei, category] : *truth_) {
    category_of_norm[*identifiers::NormalizeImei(imei)] = category;
  }
  std::unordered_map<std::string, std::vector<Event>> by_imei;
  std::int64_t event_rows = 0;
  for (const char* op : {"op1", "op2", "op3"}) {
    const auto lines = Lines(*dir_ / (std::string(op) + "_20261101_20261107.events.csv"));
    ASSERT_EQ(lines[0], "timestamp,imei,imsi,msisdn,rat,cell_id");
    for (std::size_t i = 1; i < lines.size(); ++i) {
      const auto f = Split(lines[i]);
      if (i > 1) {
        EXPECT_LE(lines[i - 1].substr(0, 20), f[0]) << "events out of time order";
      }
      ASSERT_EQ(f.size(), 6u) << lines[i];
      ASSERT_EQ(f[0].size(), 20u) << lines[i];  // 2026-11-01T08:15:42Z
      const auto date = ParseIsoDate(f[0].substr(0, 10));
      ASSERT_TRUE(date.has_value()) << lines[i];
      const std::int64_t second =
          std::int64_t{date->days} * 86400 + std::stoi(f[0].substr(11, 2)) * 3600 +
          std::stoi(f[0].substr(14, 2)) * 60 + std::stoi(f[0].substr(17, 2));
      EXPECT_TRUE(identifiers::RatBit(f[4]).has_value()) << lines[i];
      const auto parts = Split(f[5], '-');
      ASSERT_EQ(parts.size(), 4u) << lines[i];
      const auto cell = cells.find(parts[0] + "-" + parts[1] + "-" + parts[2] + "-" + parts[3]);
      ASSERT_NE(cell, cells.end()) << lines[i];
      by_imei[*identifiers::NormalizeImei(f[1])].push_back(
          {second, f[2], cell->second.first, cell->second.second});
      ++event_rows;
    }
  }
  EXPECT_EQ(event_rows, summary_->event_rows);
  // Impossible: different IMSIs, more than 250 km apart, within 15 minutes (> 1000 km/h).
  int cloned = 0;
  for (auto& [imei_norm, events] : by_imei) {
    std::sort(events.begin(), events.end(),
              [](const Event& a, const Event& b) { return a.second < b.second; });
    bool impossible = false;
    for (std::size_t i = 0; i < events.size() && !impossible; ++i) {
      for (std::size_t j = i + 1; j < events.size() && events[j].second - events[i].second <= 900;
           ++j) {
        impossible = impossible ||
                     (events[i].imsi != events[j].imsi &&
                      DistanceKm(events[i].lat, events[i].lon, events[j].lat, events[j].lon) > 250);
      }
    }
    const bool is_cloned = category_of_norm[imei_norm] == "cloned";
    cloned += is_cloned;
    EXPECT_EQ(impossible, is_cloned) << imei_norm << " " << category_of_norm[imei_norm];
  }
  EXPECT_GT(cloned, 50);
}

}  // namespace
}  // namespace openceir::simulate
