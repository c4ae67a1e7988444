#include "openceir/store/list_schema.h"

#include <gtest/gtest.h>

#include <set>

namespace openceir::store {
namespace {

TEST(ListSchemaTest, EveryKindHasItsOwnSchema) {
  std::set<std::string_view> names, tables;
  for (const auto& schema : AllListSchemas()) {
    EXPECT_EQ(SchemaOf(schema.kind).name, schema.name);
    EXPECT_EQ(ListKindFromName(schema.name), schema.kind);
    EXPECT_GE(schema.key_size, 1u);
    EXPECT_LE(schema.key_size, schema.columns.size());
    names.insert(schema.name);
    tables.insert(schema.table);
  }
  EXPECT_EQ(names.size(), AllListSchemas().size());
  EXPECT_EQ(tables.size(), AllListSchemas().size());
  EXPECT_FALSE(ListKindFromName("stolen-list").has_value());
}

}  // namespace
}  // namespace openceir::store
