# Issue 8, item 2: specs/separations.md is what `isocheck search --separate`
# gives for its documented bounds (specs/search.md section 4). Seventeen
# seconds in the release build; the sanitizer build leaves it out (ten times
# slower there, and the same code runs in tests/test_search.cpp).
# Included from CMakeLists.txt inside if(ISOCHECK_TESTS).
if(NOT ISOCHECK_SANITIZE)
  add_test(NAME separations-table-is-current
           COMMAND sh -c "\"$1\" search --separate --with predicates,for-update --quiet > \"$2\" && cmp \"$2\" specs/separations.md"
                   sh $<TARGET_FILE:isocheck> ${CMAKE_CURRENT_BINARY_DIR}/separations.md
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(separations-table-is-current PROPERTIES TIMEOUT 300)
endif()
