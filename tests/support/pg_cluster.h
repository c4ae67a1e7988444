// A private PostgreSQL server for integration tests: a fresh cluster in its own temporary
// folder, started by scripts/pg-cluster.sh on a free loopback port and stopped and removed by the
// destructor, so no test depends on a server left running.
#pragma once

#include <memory>
#include <string>

namespace openceir::testing {

class PgCluster {
 public:
  // Creates and starts a cluster (initdb, pg_ctl; a second or two). Returns null and sets
  // `*error` when it cannot: the message names what to install when PostgreSQL is missing, and
  // carries the script's output otherwise. Tests fail on it; they never skip.
  static std::unique_ptr<PgCluster> Start(std::string* error);

  // Stops the server (fast mode) and removes its folder.
  ~PgCluster();
  PgCluster(const PgCluster&) = delete;
  PgCluster& operator=(const PgCluster&) = delete;

  // The libpq DSN of the `postgres` database, as superuser `openceir` (trust on loopback).
  const std::string& dsn() const { return dsn_; }
  // The DSN of another database of the same cluster.
  std::string Dsn(const std::string& database) const { return dsn_ + " dbname=" + database; }
  // The folder holding the cluster (data/, server.log, the unix socket).
  const std::string& dir() const { return dir_; }

 private:
  PgCluster(std::string dir, std::string dsn) : dir_(std::move(dir)), dsn_(std::move(dsn)) {}

  std::string dir_;
  std::string dsn_;
};

}  // namespace openceir::testing
