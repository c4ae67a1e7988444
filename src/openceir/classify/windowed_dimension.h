// WindowedDimension: the shape of a dimension that reads the IMEI's summary over the `days`
// days before the classification date (internal to classify).
#pragma once

#include <string>

#include "openceir/classify/dimension_base.h"
#include "openceir/classify/dimension_makers.h"

namespace openceir::classify::internal {

class WindowedDimension : public Dimension {
 public:
  WindowedDimension(std::string_view module, Period period, std::uint32_t parts)
      : module_(module), period_(period), parts_(parts) {}
  std::string_view module() const override { return module_; }
  std::optional<store::DateWindow> Window(Date curr_date) const override {
    return period_.WindowFor(curr_date);
  }
  void AddNeeds(Date, ContextNeeds* needs) const override { needs->parts |= parts_; }

 protected:
  // Adds window_first and window_last for the context's classification date.
  void AddWindow(const ClassifyContext& context, DimensionOutcome* outcome) const {
    const store::DateWindow window = period_.WindowFor(context.curr_date());
    outcome->Add("window_first", window.first);
    outcome->Add("window_last", window.last);
  }
  // "20261001..20261030" from the evidence AddWindow added.
  static std::string WindowText(const DimensionOutcome& outcome) {
    return TextEvidence(outcome, "window_first") + ".." + TextEvidence(outcome, "window_last");
  }

 private:
  std::string_view module_;
  Period period_;
  std::uint32_t parts_;
};

}  // namespace openceir::classify::internal
