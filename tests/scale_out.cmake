# Issue 5, item 5: four shards run through GNU parallel (Debian's `parallel`)
# and merged with `isocheck merge` equal the single run, on two generated
# benchmark-like workloads and two examples (tests/scale_out.sh). Included
# from CMakeLists.txt inside if(ISOCHECK_TESTS). Without GNU parallel the
# script exits 77 and CTest reports the test as skipped, not passed.
add_test(NAME scale-out-four-shards
         COMMAND bash ${PROJECT_SOURCE_DIR}/tests/scale_out.sh $<TARGET_FILE:isocheck>
                 ${CMAKE_CURRENT_BINARY_DIR}/scale-out
                 examples/lost-update.toml examples/write-skew.toml
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(scale-out-four-shards PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 300)
