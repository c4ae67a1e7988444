// Canonical JSON of match evidence (see evidence_json.h).
#include "openceir/store/evidence_json.h"

#include <fmt/format.h>

namespace openceir::store {
namespace {

void AppendQuoted(std::string_view text, std::string& out) {
  out += '"';
  // Characters that need no escape are appended a run at a time (evidence is mostly plain).
  std::size_t run = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && c != '"' && c != '\\') continue;
    out.append(text.data() + run, i - run);
    run = i + 1;
    if (byte < 0x20) {
      out += fmt::format("\\u{:04x}", byte);
    } else {
      out += '\\';
      out += c;
    }
  }
  out.append(text.data() + run, text.size() - run);
  out += '"';
}

class Parser {
 public:
  explicit Parser(std::string_view json) : json_(json) {}

  Result<std::vector<EvidenceField>> Object() {
    std::vector<EvidenceField> fields;
    SkipSpace();
    if (!Consume('{')) return Error("expected '{'");
    SkipSpace();
    if (!Consume('}')) {
      for (;;) {
        EvidenceField field;
        OPENCEIR_RETURN_IF_ERROR(String(field.name));
        SkipSpace();
        if (!Consume(':')) return Error("expected ':'");
        SkipSpace();
        OPENCEIR_RETURN_IF_ERROR(String(field.value));
        fields.push_back(std::move(field));
        SkipSpace();
        if (Consume('}')) break;
        if (!Consume(',')) return Error("expected ',' or '}'");
        SkipSpace();
      }
    }
    SkipSpace();
    if (pos_ != json_.size()) return Error("text after the object");
    return fields;
  }

 private:
  Status String(std::string& out) {
    if (!Consume('"')) return Error("expected a string");
    for (;;) {
      if (pos_ >= json_.size()) return Error("unterminated string");
      char c = json_[pos_++];
      if (c == '"') return Status::Ok();
      if (c != '\\') {
        out += c;
        continue;
      }
      if (pos_ >= json_.size()) return Error("unterminated escape");
      char e = json_[pos_++];
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': OPENCEIR_RETURN_IF_ERROR(Unicode(out)); break;
        default: return Error("unknown escape");
      }
    }
  }

  // \uXXXX below U+0800 (what AppendQuoted writes, and any BMP code point) as UTF-8.
  Status Unicode(std::string& out) {
    if (pos_ + 4 > json_.size()) return Error("short \\u escape");
    unsigned code = 0;
    for (int i = 0; i < 4; ++i) {
      char h = json_[pos_++];
      code <<= 4;
      if (h >= '0' && h <= '9')
        code |= static_cast<unsigned>(h - '0');
      else if (h >= 'a' && h <= 'f')
        code |= static_cast<unsigned>(h - 'a' + 10);
      else if (h >= 'A' && h <= 'F')
        code |= static_cast<unsigned>(h - 'A' + 10);
      else
        return Error("bad \\u escape");
    }
    if (code >= 0xd800 && code <= 0xdfff) return Error("surrogate \\u escape");
    if (code < 0x80) {
      out += static_cast<char>(code);
    } else if (code < 0x800) {
      out += static_cast<char>(0xc0 | (code >> 6));
      out += static_cast<char>(0x80 | (code & 0x3f));
    } else {
      out += static_cast<char>(0xe0 | (code >> 12));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3f));
      out += static_cast<char>(0x80 | (code & 0x3f));
    }
    return Status::Ok();
  }

  void SkipSpace() {
    while (pos_ < json_.size() && (json_[pos_] == ' ' || json_[pos_] == '\n' ||
                                   json_[pos_] == '\r' || json_[pos_] == '\t')) {
      ++pos_;
    }
  }
  bool Consume(char c) {
    if (pos_ < json_.size() && json_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  Status Error(std::string_view what) const {
    return InvalidInputError(fmt::format("evidence JSON at offset {}: {}", pos_, what));
  }

  std::string_view json_;
  std::size_t pos_ = 0;
};

}  // namespace

Status AppendEvidenceJson(std::span<const EvidenceField> evidence, std::string& out) {
  out += '{';
  for (std::size_t i = 0; i < evidence.size(); ++i) {
    const EvidenceField& field = evidence[i];
    if (field.name.empty()) return InvalidInputError("evidence field with an empty name");
    // Few fields per match: a quadratic check is cheaper than any set.
    for (std::size_t j = 0; j < i; ++j) {
      if (evidence[j].name == field.name) {
        return InvalidInputError(fmt::format("evidence field '{}' given twice", field.name));
      }
    }
    if (i > 0) out += ',';
    AppendQuoted(field.name, out);
    out += ':';
    AppendQuoted(field.value, out);
  }
  out += '}';
  return Status::Ok();
}

Result<std::vector<EvidenceField>> ParseEvidenceJson(std::string_view json) {
  return Parser(json).Object();
}

}  // namespace openceir::store
