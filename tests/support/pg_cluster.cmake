# The private PostgreSQL cluster for integration tests (pg_cluster.h): a library of its own, so
# the PostgreSQL store's tests can use it without the rest of tests/ (which needs `openceir`).
# Included by every CMakeLists that needs it; defined once.
include_guard(GLOBAL)
add_library(openceir_test_pg_cluster STATIC ${CMAKE_CURRENT_LIST_DIR}/pg_cluster.cc)
target_include_directories(openceir_test_pg_cluster PUBLIC ${PROJECT_SOURCE_DIR})
target_compile_definitions(openceir_test_pg_cluster PRIVATE
  OPENCEIR_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
