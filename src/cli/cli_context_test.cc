// The exit-code mapping and the configuration / store path resolution of the CLI.
#include "cli/cli_context.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

namespace openceir::cli {
namespace {

TEST(ExitCodeTest, MapsEveryStatusCode) {
  struct Case {
    StatusCode code;
    int exit_code;
  };
  const Case cases[] = {
      {StatusCode::kOk, 0},
      {StatusCode::kInvalidInput, 1},
      {StatusCode::kNotFound, 1},
      {StatusCode::kAlreadyExists, 1},
      {StatusCode::kFailedPrecondition, 1},
      {StatusCode::kAborted, 1},
      {StatusCode::kIoError, 3},
      {StatusCode::kUnavailable, 3},
      {StatusCode::kInternal, 3},
  };
  for (const Case& c : cases) {
    Status status = c.code == StatusCode::kOk ? Status::Ok() : Status(c.code, "x");
    EXPECT_EQ(ExitCodeFor(status), c.exit_code) << StatusCodeName(c.code);
  }
}

TEST(LoadContextTest, MissingDefaultConfigUsesBuiltInDefaults) {
  GlobalOptions options;
  options.config_path = "/nonexistent/openceir.yaml";
  options.config_given = false;
  auto context = LoadContext(options);
  ASSERT_TRUE(context.ok()) << context.status().ToString();
  EXPECT_EQ(context->config_path, "");
  EXPECT_EQ(context->store_path, "openceir.db");
}

TEST(LoadContextTest, MissingGivenConfigIsAnError) {
  GlobalOptions options;
  options.config_path = "/nonexistent/openceir.yaml";
  options.config_given = true;
  auto context = LoadContext(options);
  ASSERT_FALSE(context.ok());
  EXPECT_EQ(ExitCodeFor(context.status()), kExitRejected);
}

TEST(LoadContextTest, StoreOptionOverridesConfig) {
  GlobalOptions options;
  options.config_path = "/nonexistent/openceir.yaml";
  options.store_path = "/tmp/elsewhere.db";
  auto context = LoadContext(options);
  ASSERT_TRUE(context.ok());
  EXPECT_EQ(context->store_path, "/tmp/elsewhere.db");
}

TEST(LoadContextTest, StorePathIsRelativeToTheConfigFolder) {
  auto dir = std::filesystem::temp_directory_path() /
             ("openceir_cli_context_test_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  GlobalOptions options;
  options.config_path = (dir / "openceir.yaml").string();
  // The shipped configuration, whose store.path is relative.
  std::filesystem::copy_file(std::string(OPENCEIR_SOURCE_DIR) + "/etc/openceir.yaml",
                             options.config_path,
                             std::filesystem::copy_options::overwrite_existing);
  options.config_given = true;
  auto context = LoadContext(options);
  std::filesystem::remove_all(dir);
  ASSERT_TRUE(context.ok()) << context.status().ToString();
  EXPECT_EQ(std::filesystem::path(context->store_path).parent_path(), dir);
  EXPECT_EQ(std::filesystem::path(context->store_path).is_absolute(), true);
}

TEST(OpenStoreTest, MissingStoreTellsToRunDbInit) {
  Context context;
  context.store_path = "/nonexistent/registry.db";
  SystemClock clock;
  auto opened = OpenStore(context, OpenMode::kExistingLatest, &clock);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(opened.status().message().find("db init"), std::string::npos);
}

}  // namespace
}  // namespace openceir::cli
