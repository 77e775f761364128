
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/main/tests/main.cpp" "CMakeFiles/isocheck_tests.dir/tests/main.cpp.o" "gcc" "CMakeFiles/isocheck_tests.dir/tests/main.cpp.o.d"
  "/work/main/tests/test_classify.cpp" "CMakeFiles/isocheck_tests.dir/tests/test_classify.cpp.o" "gcc" "CMakeFiles/isocheck_tests.dir/tests/test_classify.cpp.o.d"
  "/work/main/tests/test_cli.cpp" "CMakeFiles/isocheck_tests.dir/tests/test_cli.cpp.o" "gcc" "CMakeFiles/isocheck_tests.dir/tests/test_cli.cpp.o.d"
  "/work/main/tests/test_dsg.cpp" "CMakeFiles/isocheck_tests.dir/tests/test_dsg.cpp.o" "gcc" "CMakeFiles/isocheck_tests.dir/tests/test_dsg.cpp.o.d"
  "/work/main/tests/test_explorer.cpp" "CMakeFiles/isocheck_tests.dir/tests/test_explorer.cpp.o" "gcc" "CMakeFiles/isocheck_tests.dir/tests/test_explorer.cpp.o.d"
  "/work/main/tests/test_loader.cpp" "CMakeFiles/isocheck_tests.dir/tests/test_loader.cpp.o" "gcc" "CMakeFiles/isocheck_tests.dir/tests/test_loader.cpp.o.d"
  "/work/main/tests/test_properties.cpp" "CMakeFiles/isocheck_tests.dir/tests/test_properties.cpp.o" "gcc" "CMakeFiles/isocheck_tests.dir/tests/test_properties.cpp.o.d"
  "/work/main/tests/test_reports.cpp" "CMakeFiles/isocheck_tests.dir/tests/test_reports.cpp.o" "gcc" "CMakeFiles/isocheck_tests.dir/tests/test_reports.cpp.o.d"
  "/work/main/tests/test_serial.cpp" "CMakeFiles/isocheck_tests.dir/tests/test_serial.cpp.o" "gcc" "CMakeFiles/isocheck_tests.dir/tests/test_serial.cpp.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  "/work/main/build-report/CMakeFiles/isocheck_core.dir/DependInfo.cmake"
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
