# Helpers that keep every component's CMakeLists short and its dependencies explicit.
#
# openceir_component(NAME SOURCES ... DEPS ...) -> static library openceir_<NAME>.
# openceir_test(NAME SOURCES ... DEPS ...)      -> gtest binary registered with ctest.
# Both openceir_test and openceir_fuzz targets are collected in the global property
# OPENCEIR_TEST_TARGETS: the top-level target `openceir_component_tests` builds just them (the
# sanitizer build needs nothing else: no CLI, servers, benchmarks or integration tests).
function(openceir_component name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(openceir_${name} STATIC ${ARG_SOURCES})
  target_include_directories(openceir_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(openceir_${name} PUBLIC ${ARG_DEPS})
endfunction()

# With INTEGRATION (a test that starts a real server) it is labelled "integration" instead of
# "unit" and left out of OPENCEIR_TEST_TARGETS (the sanitizer build runs unit tests only).
function(openceir_test name)
  cmake_parse_arguments(ARG "INTEGRATION" "" "SOURCES;DEPS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gmock GTest::gtest_main)
  add_test(NAME ${name} COMMAND ${name})
  if(ARG_INTEGRATION)
    set_tests_properties(${name} PROPERTIES LABELS integration)
  else()
    set_tests_properties(${name} PROPERTIES LABELS unit)
    set_property(GLOBAL APPEND PROPERTY OPENCEIR_TEST_TARGETS ${name})
  endif()
endfunction()

# openceir_fuzz(NAME SOURCES ... DEPS ...) -> libFuzzer binary (only with OPENCEIR_FUZZ, clang).
# Its seed corpus is the folder `corpus/<NAME>` beside the CMakeLists that declares it. ctest
# runs it briefly (label "fuzz"): OPENCEIR_FUZZ_SECONDS per target, default 10.
set(OPENCEIR_FUZZ_SECONDS 10 CACHE STRING "Seconds each fuzz target runs under ctest")
function(openceir_fuzz name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  if(NOT OPENCEIR_FUZZ)
    return()
  endif()
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS})
  target_link_options(${name} PRIVATE -fsanitize=fuzzer)
  set(corpus ${CMAKE_CURRENT_SOURCE_DIR}/corpus/${name})
  set(work ${CMAKE_CURRENT_BINARY_DIR}/${name}_corpus)
  add_test(NAME ${name}
           COMMAND ${CMAKE_COMMAND} -E env ASAN_OPTIONS=detect_leaks=1
                   sh -c "rm -rf '${work}' && mkdir -p '${work}' && cp -r '${corpus}'/. '${work}'/ 2>/dev/null; exec '$<TARGET_FILE:${name}>' -max_total_time=${OPENCEIR_FUZZ_SECONDS} -timeout=30 -rss_limit_mb=2048 -print_final_stats=1 '${work}'")
  # A hang must fail in minutes, not at ctest's 25-minute default (-timeout=30 catches a single
  # slow input; this catches the rest).
  math(EXPR limit "${OPENCEIR_FUZZ_SECONDS} + 240")
  set_tests_properties(${name} PROPERTIES LABELS fuzz TIMEOUT ${limit})
  set_property(GLOBAL APPEND PROPERTY OPENCEIR_TEST_TARGETS ${name})
endfunction()

# openceir_benchmark(NAME SOURCES ... DEPS ...) -> Google Benchmark binary (not run by ctest).
function(openceir_benchmark name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  if(NOT OPENCEIR_BENCH)
    return()
  endif()
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} benchmark::benchmark benchmark::benchmark_main)
endfunction()
