# CMake generated Testfile for 
# Source directory: /work/main
# Build directory: /work/main/build-report
# 
# This file includes the relevant testing commands required for 
# testing this directory and lists subdirectories to be tested as well.
include("/work/main/build-report/isocheck_tests_include-b858cb2.cmake")
add_test([=[verify-examples-and-specs]=] "/work/main/build-report/isocheck" "verify" "examples" "specs")
set_tests_properties([=[verify-examples-and-specs]=] PROPERTIES  WORKING_DIRECTORY "/work/main" _BACKTRACE_TRIPLES "/work/main/CMakeLists.txt;62;add_test;/work/main/CMakeLists.txt;0;")
