file(REMOVE_RECURSE
  "CMakeFiles/isocheck_tests.dir/tests/main.cpp.o"
  "CMakeFiles/isocheck_tests.dir/tests/main.cpp.o.d"
  "CMakeFiles/isocheck_tests.dir/tests/test_classify.cpp.o"
  "CMakeFiles/isocheck_tests.dir/tests/test_classify.cpp.o.d"
  "CMakeFiles/isocheck_tests.dir/tests/test_cli.cpp.o"
  "CMakeFiles/isocheck_tests.dir/tests/test_cli.cpp.o.d"
  "CMakeFiles/isocheck_tests.dir/tests/test_dsg.cpp.o"
  "CMakeFiles/isocheck_tests.dir/tests/test_dsg.cpp.o.d"
  "CMakeFiles/isocheck_tests.dir/tests/test_explorer.cpp.o"
  "CMakeFiles/isocheck_tests.dir/tests/test_explorer.cpp.o.d"
  "CMakeFiles/isocheck_tests.dir/tests/test_loader.cpp.o"
  "CMakeFiles/isocheck_tests.dir/tests/test_loader.cpp.o.d"
  "CMakeFiles/isocheck_tests.dir/tests/test_properties.cpp.o"
  "CMakeFiles/isocheck_tests.dir/tests/test_properties.cpp.o.d"
  "CMakeFiles/isocheck_tests.dir/tests/test_reports.cpp.o"
  "CMakeFiles/isocheck_tests.dir/tests/test_reports.cpp.o.d"
  "CMakeFiles/isocheck_tests.dir/tests/test_serial.cpp.o"
  "CMakeFiles/isocheck_tests.dir/tests/test_serial.cpp.o.d"
  "isocheck_tests"
  "isocheck_tests.pdb"
  "isocheck_tests_tests-b858cb2.cmake"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/isocheck_tests.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
