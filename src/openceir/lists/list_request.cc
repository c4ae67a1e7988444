// OptionsFromConfig.
#include "openceir/lists/list_request.h"

namespace openceir::lists {

ListOptions OptionsFromConfig(const config::ListGenerationConfig& config) {
  ListOptions options;
  options.lookback_days = config.lookback_days;
  options.restrict_exceptions_to_blacklisted = config.restrict_exceptions_list_to_blacklisted_imeis;
  options.append_check_digit = config.generate_check_digit;
  options.output_invalid_imeis = config.output_invalid_imeis;
  options.include_barred_in_exceptions = config.include_barred_imeis_in_exceptions_list;
  return options;
}

}  // namespace openceir::lists
