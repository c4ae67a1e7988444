// SQL text of the PostgreSQL registry store: its migrations (applied by PgSchema with the
// version table kRegistryVersionTable). One place for all of it, prepared statements only.
#pragma once

#include <span>
#include <string_view>

namespace openceir::store::postgresql::sql {

inline constexpr std::string_view kRegistryVersionTable = "schema_version";

// Element i takes the registry schema from version i to i + 1. Version 1 so far holds the job
// records and list heads; the reference-list and classification tables join it (to match the
// SQLite store's versions 1 to 3) before the PostgreSQL registry store ships, which is when
// these scripts freeze.
std::span<const std::string_view> RegistryMigrations();

}  // namespace openceir::store::postgresql::sql
