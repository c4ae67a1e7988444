// The small region the network-data parser and import tests run in: MCC 999, country code 999,
// op1 = 99901 and op2 = 99902.
#pragma once

#include "openceir/config/config.h"

namespace openceir::observe::testing {

inline config::Config TwoOperatorDemoConfig() {
  config::Config config;
  config.region.mccs = {"999"};
  config.region.country_codes = {"999"};
  config.region.operators = {{"op1", "Demo", {"99901"}}, {"op2", "Second", {"99902"}}};
  return config;
}

}  // namespace openceir::observe::testing
