// The first document via YAML::Load, then a second pass that only counts document starts.
#include "openceir/config/yaml_documents.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>

#include <sstream>

namespace openceir::config::internal {
namespace {

// Remembers where each document starts; every other event is ignored.
class DocumentStarts final : public YAML::EventHandler {
 public:
  int count() const { return count_; }
  const YAML::Mark& last_start() const { return last_start_; }

  void OnDocumentStart(const YAML::Mark& mark) override {
    ++count_;
    last_start_ = mark;
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}

 private:
  int count_ = 0;
  YAML::Mark last_start_ = YAML::Mark::null_mark();
};

}  // namespace

FirstYamlDocument LoadFirstYamlDocument(const std::string& text) {
  FirstYamlDocument result;
  result.root = YAML::Load(text);
  std::istringstream stream(text);
  YAML::Parser parser(stream);
  DocumentStarts starts;
  // Two documents at most: whether there is a second is all we need to know.
  for (int handled = 0; handled < 2 && parser.HandleNextDocument(starts); ++handled) {
  }
  if (starts.count() > 1) {
    result.more_documents = true;
    result.second_document_mark = starts.last_start();
  }
  return result;
}

}  // namespace openceir::config::internal
