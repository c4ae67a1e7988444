// The throwaway store of store/testing (store_test_util.h) with the operators list generation is
// given, and helpers to generate lists and read back what list generation wrote. For the lists
// tests and benchmark.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "openceir/lists/list_generator.h"
#include "openceir/store/testing/store_test_util.h"

namespace openceir::lists {

using store::testing::Day;
using store::testing::SeenTriplet;
using store::testing::TestMatch;

// The shared test store, with the two operators list generation is given.
class ListsTestbed : public store::testing::StoreTestbed {
 public:
  // Creates a fresh folder under the temp directory named after `name` and the pid.
  static Result<std::unique_ptr<ListsTestbed>> Create(const std::string& name);

  // Two operators: op1 = 41001, op2 = 41002 (region MCC 410).
  static std::vector<config::OperatorConfig> Operators();

  // Generates lists into a new folder under dir()/`out`.
  Result<ListsManifest> Generate(store::JobId run, std::optional<store::JobId> base,
                                 const ListOptions& options, const std::string& out,
                                 std::optional<Date> list_date = std::nullopt);

 private:
  ListsTestbed() = default;
};

// The data rows of a CSV file's text (header dropped, line breaks removed).
std::vector<std::string> CsvDataRows(const std::string& csv);

// Every member of every zip of `manifest`: member name -> bytes.
Result<std::map<std::string, std::string>> ReadLists(const ListsManifest& manifest);

}  // namespace openceir::lists
