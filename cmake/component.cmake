# Helpers that keep every component's CMakeLists short and its dependencies explicit.
#
# openceir_component(NAME SOURCES ... DEPS ...) -> static library openceir_<NAME>.
# openceir_test(NAME SOURCES ... DEPS ...)      -> gtest binary registered with ctest.
function(openceir_component name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(openceir_${name} STATIC ${ARG_SOURCES})
  target_include_directories(openceir_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(openceir_${name} PUBLIC ${ARG_DEPS})
endfunction()

function(openceir_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gmock GTest::gtest_main)
  add_test(NAME ${name} COMMAND ${name})
  set_tests_properties(${name} PROPERTIES LABELS unit)
endfunction()
