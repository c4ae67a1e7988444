// SQL text of the list-history part of the SQLite registry store (tables of migration 3 in
// sqlite_sql.cc). Dates are INTEGER YYYYMMDD.
#pragma once

#include <string_view>

namespace openceir::store::sqlite::sql {

inline constexpr std::string_view kClassificationRunExists =
    "SELECT count(*) FROM classification_run WHERE run = ?1";
inline constexpr std::string_view kInsertListGeneration =
    "INSERT INTO list_generation (run, list_date, base_run, options, operators, manifest,"
    " recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
inline constexpr std::string_view kInsertListGenerationFile =
    "INSERT INTO list_generation_file (run, list_date, name, bytes, sha256, codec, pieces)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
inline constexpr std::string_view kInsertListGenerationPiece =
    "INSERT INTO list_generation_piece (run, list_date, name, piece, bytes)"
    " VALUES (?1, ?2, ?3, ?4, ?5)";
inline constexpr std::string_view kGetListGeneration =
    "SELECT base_run, options, operators, manifest, recorded_at FROM list_generation"
    " WHERE run = ?1 AND list_date = ?2";
inline constexpr std::string_view kListGenerationFiles =
    "SELECT name, bytes, sha256, codec, pieces FROM list_generation_file"
    " WHERE run = ?1 AND list_date = ?2 ORDER BY name";
inline constexpr std::string_view kListGenerationFileExists =
    "SELECT pieces FROM list_generation_file WHERE run = ?1 AND list_date = ?2 AND name = ?3";
inline constexpr std::string_view kListGenerationPieces =
    "SELECT piece, bytes FROM list_generation_piece"
    " WHERE run = ?1 AND list_date = ?2 AND name = ?3 ORDER BY piece";

}  // namespace openceir::store::sqlite::sql
