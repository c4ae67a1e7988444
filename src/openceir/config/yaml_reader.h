// Internal to the config loader: reading a yaml-cpp node tree key by key while collecting
// problems (unknown keys with hints, duplicate keys, wrong types, missing values) with their
// key paths and YAML marks. Only config_loader and the *_section.cc files include this.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "openceir/config/config_problem.h"

namespace openceir::config::internal {

// Collects problems in the order they are found, and bounds the work a document can cause.
//
// YAML aliases let a small file repeat a node many times (`operators: [*op, *op, ...]`), so
// both the problems kept and the items read are capped: past kMaxProblems only a count is kept,
// and past kMaxItems no more list items or mapping entries are read (one problem says so).
class ProblemSink {
 public:
  static constexpr std::size_t kMaxProblems = 100;
  static constexpr std::size_t kMaxItems = 20000;

  // A problem at `node` (its line:column when yaml-cpp knows it).
  void Add(const YAML::Node& node, std::string path, std::string message);
  void AddAt(const YAML::Mark& mark, std::string path, std::string message);
  // Problems kept so far (at most kMaxProblems).
  const std::vector<ConfigProblem>& problems() const { return problems_; }
  // Every problem found so far, counting those past the cap.
  std::size_t problem_count() const { return problems_.size() + dropped_; }
  // The problems, plus a last "... and N more problems" when some were dropped.
  std::vector<ConfigProblem> TakeProblems();

  // Accounts for `count` more items read; false (and one problem, at `node`) once the total
  // passes kMaxItems.
  bool SpendItems(std::size_t count, const YAML::Node& node, const std::string& path);

 private:
  std::vector<ConfigProblem> problems_;
  std::size_t dropped_ = 0;
  std::size_t items_ = 0;
};

// "a" + "b" -> "a.b"; "" + "b" -> "b".
std::string JoinPath(std::string_view parent, std::string_view key);
// "a" + 2 -> "a[2]".
std::string IndexPath(std::string_view parent, std::size_t index);

// Scalar readers: report a problem and return false when `node` is not a scalar of the type.
// `wanted` names the expected value in messages ("must be a text value, not a mapping").
bool ReadString(ProblemSink& sink, const YAML::Node& node, const std::string& path,
                std::string* out, std::string_view wanted = "a text value");
bool ReadInt(ProblemSink& sink, const YAML::Node& node, const std::string& path, std::int64_t* out);
bool ReadReal(ProblemSink& sink, const YAML::Node& node, const std::string& path, double* out);
bool ReadBool(ProblemSink& sink, const YAML::Node& node, const std::string& path, bool* out);

// The items of a sequence node (null = empty); reports a problem when it is something else.
std::vector<YAML::Node> SequenceItems(ProblemSink& sink, const YAML::Node& node,
                                      const std::string& path);

// A mapping node read key by key. On construction, reports: a node that is neither a mapping
// nor null (then it reads as empty), non-scalar keys, duplicate keys, and keys not in
// `known_keys` (with a "did you mean" hint) unless `known_keys` is empty and allow_any is set.
class MapReader {
 public:
  struct Entry {
    std::string key;
    YAML::Node key_node;
    YAML::Node value;
  };

  MapReader(ProblemSink& sink, const YAML::Node& node, std::string path,
            std::vector<std::string_view> known_keys, bool allow_any = false);

  // The value of `key`, or nullptr when absent.
  const YAML::Node* Find(std::string_view key) const;
  bool Has(std::string_view key) const { return Find(key) != nullptr; }
  // Reports "missing required key" when absent.
  const YAML::Node* Require(std::string_view key);

  // Typed readers: false when absent or malformed (malformed is reported).
  bool String(std::string_view key, std::string* out);
  bool NonEmptyString(std::string_view key, std::string* out);
  bool Bool(std::string_view key, bool* out);
  bool Real(std::string_view key, double* out);
  bool Ratio(std::string_view key, double* out);  // [0, 1]
  // An integer >= min that fits in T.
  template <typename T>
  bool IntAtLeast(std::string_view key, std::int64_t min, T* out) {
    std::int64_t value = 0;
    const YAML::Node* node = Find(key);
    if (node == nullptr || !ReadInt(*sink_, *node, PathOf(key), &value)) return false;
    if (value < min || value > static_cast<std::int64_t>(std::numeric_limits<T>::max())) {
      Problem(key,
              BoundMessage(min, static_cast<std::int64_t>(std::numeric_limits<T>::max()), value));
      return false;
    }
    *out = static_cast<T>(value);
    return true;
  }

  // Adds a problem at `key`'s value (or at the mapping when absent).
  void Problem(std::string_view key, std::string message);
  std::string PathOf(std::string_view key) const { return JoinPath(path_, key); }
  const std::string& path() const { return path_; }
  const YAML::Node& node() const { return node_; }
  const std::vector<Entry>& entries() const { return entries_; }
  ProblemSink& sink() { return *sink_; }

 private:
  static std::string BoundMessage(std::int64_t min, std::int64_t max, std::int64_t value);

  ProblemSink* sink_;
  YAML::Node node_;
  std::string path_;
  std::vector<Entry> entries_;
};

}  // namespace openceir::config::internal
