# Issue 7, item 4: the pictures checked with the programs that show them:
# Graphviz reads the DOT report of several files as one graph and writes one
# well-formed SVG; headless Chromium loads the HTML report with no console
# message and leaves one lane per transaction in every swimlane. Both tools
# come from Debian (scripts/install-deps: graphviz, chromium); each check
# first proves on a control that it can fail.
# Included from CMakeLists.txt inside if(ISOCHECK_TESTS), after report_schema.cmake.
add_test(NAME dot-report-of-several-files-is-one-graph
         COMMAND ${ISOCHECK_DEBIAN_PYTHON} ${PROJECT_SOURCE_DIR}/tests/pictures.py dot
                 $<TARGET_FILE:isocheck> ${CMAKE_CURRENT_BINARY_DIR}/pictures-dot
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
add_test(NAME html-report-loads-in-chromium
         COMMAND ${ISOCHECK_DEBIAN_PYTHON} ${PROJECT_SOURCE_DIR}/tests/pictures.py html
                 $<TARGET_FILE:isocheck> ${CMAKE_CURRENT_BINARY_DIR}/pictures-html
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(dot-report-of-several-files-is-one-graph html-report-loads-in-chromium
                     PROPERTIES TIMEOUT 300)
