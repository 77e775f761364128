# Issue 6, item 6: the JSON report against specs/report.schema.json, with
# Debian's python3-jsonschema (scripts/install-deps installs it). Debian's
# interpreter (/usr/bin/python3) is preferred to another python3 on PATH,
# whose jsonschema, if any, is not the one the project depends on.
# Included from CMakeLists.txt inside if(ISOCHECK_TESTS).
find_program(ISOCHECK_DEBIAN_PYTHON python3 PATHS /usr/bin NO_DEFAULT_PATH)
if(NOT ISOCHECK_DEBIAN_PYTHON)
  find_program(ISOCHECK_DEBIAN_PYTHON python3 REQUIRED)
endif()
# Every example and pin under every model, failed expectations, the parts
# of a sharded run and their merge, an incomplete run: all validate.
add_test(NAME report-schema-accepts-every-report
         COMMAND ${ISOCHECK_DEBIAN_PYTHON} ${PROJECT_SOURCE_DIR}/tests/report_schema.py accept
                 $<TARGET_FILE:isocheck> ${PROJECT_SOURCE_DIR}/specs/report.schema.json
                 ${CMAKE_CURRENT_BINARY_DIR}/report-schema
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
# The check can fail: a report with a field removed, retyped or added is rejected.
add_test(NAME report-schema-rejects-broken-reports
         COMMAND ${ISOCHECK_DEBIAN_PYTHON} ${PROJECT_SOURCE_DIR}/tests/report_schema.py reject
                 $<TARGET_FILE:isocheck> ${PROJECT_SOURCE_DIR}/specs/report.schema.json
                 ${CMAKE_CURRENT_BINARY_DIR}/report-schema
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(report-schema-accepts-every-report report-schema-rejects-broken-reports
                     PROPERTIES TIMEOUT 300)
