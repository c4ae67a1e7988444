#include "openceir/store/postgresql/pg_dsn.h"

#include <fmt/format.h>
#include <libpq-fe.h>

#include <map>
#include <memory>

namespace openceir::store {

Result<std::string> DescribePgDsn(const std::string& dsn) {
  char* error = nullptr;
  PQconninfoOption* parsed = PQconninfoParse(dsn.c_str(), &error);
  if (parsed == nullptr) {
    std::string message = error != nullptr ? error : "out of memory";
    PQfreemem(error);
    while (!message.empty() && message.back() == '\n') message.pop_back();
    return InvalidInputError(fmt::format("PostgreSQL connection string: {}", message));
  }
  std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)> options(parsed, &PQconninfoFree);
  std::map<std::string, std::string, std::less<>> given;
  for (const PQconninfoOption* option = parsed; option->keyword != nullptr; ++option) {
    if (option->val != nullptr && *option->val != '\0') given[option->keyword] = option->val;
  }
  auto value = [&given](const char* key) {
    auto it = given.find(key);
    return it == given.end() ? std::string() : it->second;
  };
  std::string text = "postgresql://";
  if (std::string user = value("user"); !user.empty()) text += user + "@";
  std::string host = value("host");
  if (host.empty()) host = value("hostaddr");
  text += host;
  if (std::string port = value("port"); !port.empty()) text += ":" + port;
  if (std::string database = value("dbname"); !database.empty()) text += "/" + database;
  return text;
}

bool IsPgUri(const std::string& location) {
  return location.starts_with("postgresql://") || location.starts_with("postgres://");
}

}  // namespace openceir::store
