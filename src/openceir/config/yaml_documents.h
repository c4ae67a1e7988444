// Internal to the config loader: the first YAML document of a text, and whether more follow.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>

namespace openceir::config::internal {

struct FirstYamlDocument {
  YAML::Node root;              // null when the text holds no document
  bool more_documents = false;  // a second document follows the first
  YAML::Mark second_document_mark = YAML::Mark::null_mark();
};

// Parses the first document of `text` and looks for a second one, reading no further.
// yaml-cpp's LoadAll is not used: on some malformed input (tabs then commas) its parser yields
// empty documents forever without advancing, and LoadAll collects them until memory runs out.
// Throws YAML::Exception on a syntax error, like YAML::Load.
FirstYamlDocument LoadFirstYamlDocument(const std::string& text);

}  // namespace openceir::config::internal
