// Key-by-key reading of a yaml-cpp tree with problem collection (see yaml_reader.h).
#include "openceir/config/yaml_reader.h"

#include <fmt/format.h>

#include "openceir/config/did_you_mean.h"
#include "openceir/config/scalar_text.h"

namespace openceir::config::internal {
namespace {

std::string_view KindName(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map: return "a mapping";
    case YAML::NodeType::Sequence: return "a sequence";
    case YAML::NodeType::Scalar: return "a scalar";
    case YAML::NodeType::Null: return "empty";
    case YAML::NodeType::Undefined: return "undefined";
  }
  return "unknown";
}

// The scalar text of `node`, or nullptr after reporting that it is not a scalar.
const std::string* ScalarOrReport(ProblemSink& sink, const YAML::Node& node,
                                  const std::string& path, std::string_view wanted) {
  if (node.IsScalar()) return &node.Scalar();
  if (node.IsNull()) {
    sink.Add(node, path, fmt::format("has no value (expected {})", wanted));
  } else {
    sink.Add(node, path, fmt::format("must be {}, not {}", wanted, KindName(node)));
  }
  return nullptr;
}

// Keeps quoted text short and on one line inside messages.
std::string Shown(std::string_view text) {
  std::string out;
  for (char c : text.substr(0, 40)) out += (c == '\n' || c == '\r') ? ' ' : c;
  if (text.size() > 40) out += "...";
  return out;
}

}  // namespace

void ProblemSink::Add(const YAML::Node& node, std::string path, std::string message) {
  AddAt(node.Mark(), std::move(path), std::move(message));
}

void ProblemSink::AddAt(const YAML::Mark& mark, std::string path, std::string message) {
  if (problems_.size() >= kMaxProblems) {
    ++dropped_;
    return;
  }
  ConfigProblem problem;
  problem.path = std::move(path);
  if (!mark.is_null() && mark.line >= 0 && mark.column >= 0) {
    problem.line = mark.line + 1;
    problem.column = mark.column + 1;
  }
  problem.message = std::move(message);
  problems_.push_back(std::move(problem));
}

std::vector<ConfigProblem> ProblemSink::TakeProblems() {
  if (dropped_ > 0) {
    ConfigProblem more;
    more.message = fmt::format("... and {} more problems", dropped_);
    problems_.push_back(std::move(more));
    dropped_ = 0;
  }
  return std::move(problems_);
}

bool ProblemSink::SpendItems(std::size_t count, const YAML::Node& node, const std::string& path) {
  const bool was_within = items_ <= kMaxItems;
  items_ += count;
  if (items_ <= kMaxItems) return true;
  if (was_within) {
    // Kept even past the problem cap (in place of the last one): it explains why the rest of
    // the file was not checked.
    if (problems_.size() >= kMaxProblems) {
      problems_.pop_back();
      ++dropped_;
    }
    Add(node, path,
        fmt::format("the configuration is too large: more than {} list items and keys in all "
                    "(aliases count each time they are used); the rest is not read",
                    kMaxItems));
  }
  return false;
}

std::string JoinPath(std::string_view parent, std::string_view key) {
  if (parent.empty()) return std::string(key);
  return fmt::format("{}.{}", parent, key);
}

std::string IndexPath(std::string_view parent, std::size_t index) {
  return fmt::format("{}[{}]", parent, index);
}

bool ReadString(ProblemSink& sink, const YAML::Node& node, const std::string& path,
                std::string* out, std::string_view wanted) {
  const std::string* text = ScalarOrReport(sink, node, path, wanted);
  if (text == nullptr) return false;
  *out = *text;
  return true;
}

bool ReadInt(ProblemSink& sink, const YAML::Node& node, const std::string& path,
             std::int64_t* out) {
  const std::string* text = ScalarOrReport(sink, node, path, "an integer");
  if (text == nullptr) return false;
  std::optional<std::int64_t> value = ParseIntText(*text);
  if (!value) {
    sink.Add(node, path, fmt::format("must be an integer (got \"{}\")", Shown(*text)));
    return false;
  }
  *out = *value;
  return true;
}

bool ReadReal(ProblemSink& sink, const YAML::Node& node, const std::string& path, double* out) {
  const std::string* text = ScalarOrReport(sink, node, path, "a number");
  if (text == nullptr) return false;
  std::optional<double> value = ParseRealText(*text);
  if (!value) {
    sink.Add(node, path, fmt::format("must be a number (got \"{}\")", Shown(*text)));
    return false;
  }
  *out = *value;
  return true;
}

bool ReadBool(ProblemSink& sink, const YAML::Node& node, const std::string& path, bool* out) {
  const std::string* text = ScalarOrReport(sink, node, path, "true or false");
  if (text == nullptr) return false;
  std::optional<bool> value = ParseBoolText(*text);
  if (!value) {
    sink.Add(node, path, fmt::format("must be true or false (got \"{}\")", Shown(*text)));
    return false;
  }
  *out = *value;
  return true;
}

std::vector<YAML::Node> SequenceItems(ProblemSink& sink, const YAML::Node& node,
                                      const std::string& path) {
  std::vector<YAML::Node> items;
  if (node.IsNull()) return items;
  if (!node.IsSequence()) {
    sink.Add(node, path, fmt::format("must be a sequence, not {}", KindName(node)));
    return items;
  }
  if (!sink.SpendItems(node.size(), node, path)) return items;
  for (const YAML::Node& item : node) items.push_back(item);
  return items;
}

MapReader::MapReader(ProblemSink& sink, const YAML::Node& node, std::string path,
                     std::vector<std::string_view> known_keys, bool allow_any)
    : sink_(&sink), node_(node), path_(std::move(path)) {
  if (node.IsNull()) return;
  if (!node.IsMap()) {
    sink.Add(node, path_, fmt::format("must be a mapping, not {}", KindName(node)));
    return;
  }
  if (!sink.SpendItems(node.size(), node, path_)) return;
  for (auto it = node.begin(); it != node.end(); ++it) {
    const YAML::Node key_node = it->first;
    if (!key_node.IsScalar()) {
      sink.Add(key_node, path_,
               fmt::format("has a key that is {}, not a name", KindName(key_node)));
      continue;
    }
    const std::string& key = key_node.Scalar();
    if (Find(key) != nullptr) {
      sink.Add(key_node, JoinPath(path_, key), "duplicate key");
      continue;
    }
    bool known = allow_any && known_keys.empty();
    for (std::string_view k : known_keys) known = known || k == key;
    if (!known) {
      sink.Add(key_node, JoinPath(path_, key),
               fmt::format("unknown key \"{}\"{}", Shown(key), DidYouMeanSuffix(key, known_keys)));
      continue;
    }
    entries_.push_back({key, key_node, it->second});
  }
}

const YAML::Node* MapReader::Find(std::string_view key) const {
  for (const Entry& entry : entries_) {
    if (entry.key == key) return &entry.value;
  }
  return nullptr;
}

const YAML::Node* MapReader::Require(std::string_view key) {
  const YAML::Node* node = Find(key);
  if (node == nullptr) {
    sink_->Add(node_, PathOf(key), "missing required key");
  }
  return node;
}

bool MapReader::String(std::string_view key, std::string* out) {
  const YAML::Node* node = Find(key);
  return node != nullptr && ReadString(*sink_, *node, PathOf(key), out);
}

bool MapReader::NonEmptyString(std::string_view key, std::string* out) {
  std::string value;
  if (!String(key, &value)) return false;
  if (value.find_first_not_of(" \t") == std::string::npos) {
    Problem(key, "must not be empty");
    return false;
  }
  *out = std::move(value);
  return true;
}

bool MapReader::Bool(std::string_view key, bool* out) {
  const YAML::Node* node = Find(key);
  return node != nullptr && ReadBool(*sink_, *node, PathOf(key), out);
}

bool MapReader::Real(std::string_view key, double* out) {
  const YAML::Node* node = Find(key);
  return node != nullptr && ReadReal(*sink_, *node, PathOf(key), out);
}

bool MapReader::Ratio(std::string_view key, double* out) {
  double value = 0;
  if (!Real(key, &value)) return false;
  if (value < 0 || value > 1) {
    Problem(key, fmt::format("must be a ratio from 0 to 1 (got {})", value));
    return false;
  }
  *out = value;
  return true;
}

void MapReader::Problem(std::string_view key, std::string message) {
  const YAML::Node* node = Find(key);
  sink_->Add(node != nullptr ? *node : node_, PathOf(key), std::move(message));
}

std::string MapReader::BoundMessage(std::int64_t min, std::int64_t max, std::int64_t value) {
  if (value > max) return fmt::format("must be an integer from {} to {} (got {})", min, max, value);
  return fmt::format("must be an integer >= {} (got {})", min, value);
}

}  // namespace openceir::config::internal
