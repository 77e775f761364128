
# Consider dependencies only in project.
set(CMAKE_DEPENDS_IN_PROJECT_ONLY OFF)

# The set of languages for which implicit dependencies are needed:
set(CMAKE_DEPENDS_LANGUAGES
  )

# The set of dependency files which are needed:
set(CMAKE_DEPENDS_DEPENDENCY_FILES
  "/work/main/checker/anomaly/catalogue.cpp" "CMakeFiles/isocheck_core.dir/checker/anomaly/catalogue.cpp.o" "gcc" "CMakeFiles/isocheck_core.dir/checker/anomaly/catalogue.cpp.o.d"
  "/work/main/checker/anomaly/classify.cpp" "CMakeFiles/isocheck_core.dir/checker/anomaly/classify.cpp.o" "gcc" "CMakeFiles/isocheck_core.dir/checker/anomaly/classify.cpp.o.d"
  "/work/main/checker/anomaly/expectations.cpp" "CMakeFiles/isocheck_core.dir/checker/anomaly/expectations.cpp.o" "gcc" "CMakeFiles/isocheck_core.dir/checker/anomaly/expectations.cpp.o.d"
  "/work/main/checker/anomaly/phenomena.cpp" "CMakeFiles/isocheck_core.dir/checker/anomaly/phenomena.cpp.o" "gcc" "CMakeFiles/isocheck_core.dir/checker/anomaly/phenomena.cpp.o.d"
  "/work/main/checker/anomaly/reads.cpp" "CMakeFiles/isocheck_core.dir/checker/anomaly/reads.cpp.o" "gcc" "CMakeFiles/isocheck_core.dir/checker/anomaly/reads.cpp.o.d"
  "/work/main/checker/anomaly/serial.cpp" "CMakeFiles/isocheck_core.dir/checker/anomaly/serial.cpp.o" "gcc" "CMakeFiles/isocheck_core.dir/checker/anomaly/serial.cpp.o.d"
  "/work/main/checker/cli/check.cpp" "CMakeFiles/isocheck_core.dir/checker/cli/check.cpp.o" "gcc" "CMakeFiles/isocheck_core.dir/checker/cli/check.cpp.o.d"
  "/work/main/checker/cli/cli.cpp" "CMakeFiles/isocheck_core.dir/checker/cli/cli.cpp.o" "gcc" "CMakeFiles/isocheck_core.dir/checker/cli/cli.cpp.o.d"
  "/work/main/checker/cli/models.cpp" "CMakeFiles/isocheck_core.dir/checker/cli/models.cpp.o" "gcc" "CMakeFiles/isocheck_core.dir/checker/cli/models.cpp.o.d"
  "/work/main/checker/cli/verify.cpp" "CMakeFiles/isocheck_core.dir/checker/cli/verify.cpp.o" "gcc" "CMakeFiles/isocheck_core.dir/checker/cli/verify.cpp.o.d"
  "/work/main/checker/explore/collector.cpp" "CMakeFiles/isocheck_core.dir/checker/explore/collector.cpp.o" "gcc" "CMakeFiles/isocheck_core.dir/checker/explore/collector.cpp.o.d"
  "/work/main/checker/explore/explorer.cpp" "CMakeFiles/isocheck_core.dir/checker/explore/explorer.cpp.o" "gcc" "CMakeFiles/isocheck_core.dir/checker/explore/explorer.cpp.o.d"
  "/work/main/checker/explore/run.cpp" "CMakeFiles/isocheck_core.dir/checker/explore/run.cpp.o" "gcc" "CMakeFiles/isocheck_core.dir/checker/explore/run.cpp.o.d"
  "/work/main/checker/explore/state.cpp" "CMakeFiles/isocheck_core.dir/checker/explore/state.cpp.o" "gcc" "CMakeFiles/isocheck_core.dir/checker/explore/state.cpp.o.d"
  "/work/main/checker/graph/cycles.cpp" "CMakeFiles/isocheck_core.dir/checker/graph/cycles.cpp.o" "gcc" "CMakeFiles/isocheck_core.dir/checker/graph/cycles.cpp.o.d"
  "/work/main/checker/graph/dsg.cpp" "CMakeFiles/isocheck_core.dir/checker/graph/dsg.cpp.o" "gcc" "CMakeFiles/isocheck_core.dir/checker/graph/dsg.cpp.o.d"
  "/work/main/checker/graph/format.cpp" "CMakeFiles/isocheck_core.dir/checker/graph/format.cpp.o" "gcc" "CMakeFiles/isocheck_core.dir/checker/graph/format.cpp.o.d"
  "/work/main/checker/history/generator.cpp" "CMakeFiles/isocheck_core.dir/checker/history/generator.cpp.o" "gcc" "CMakeFiles/isocheck_core.dir/checker/history/generator.cpp.o.d"
  "/work/main/checker/history/history.cpp" "CMakeFiles/isocheck_core.dir/checker/history/history.cpp.o" "gcc" "CMakeFiles/isocheck_core.dir/checker/history/history.cpp.o.d"
  "/work/main/checker/history/loader.cpp" "CMakeFiles/isocheck_core.dir/checker/history/loader.cpp.o" "gcc" "CMakeFiles/isocheck_core.dir/checker/history/loader.cpp.o.d"
  "/work/main/checker/history/model_tables.cpp" "CMakeFiles/isocheck_core.dir/checker/history/model_tables.cpp.o" "gcc" "CMakeFiles/isocheck_core.dir/checker/history/model_tables.cpp.o.d"
  "/work/main/checker/history/op_parser.cpp" "CMakeFiles/isocheck_core.dir/checker/history/op_parser.cpp.o" "gcc" "CMakeFiles/isocheck_core.dir/checker/history/op_parser.cpp.o.d"
  "/work/main/checker/history/textbook.cpp" "CMakeFiles/isocheck_core.dir/checker/history/textbook.cpp.o" "gcc" "CMakeFiles/isocheck_core.dir/checker/history/textbook.cpp.o.d"
  "/work/main/checker/history/toml_input.cpp" "CMakeFiles/isocheck_core.dir/checker/history/toml_input.cpp.o" "gcc" "CMakeFiles/isocheck_core.dir/checker/history/toml_input.cpp.o.d"
  "/work/main/checker/report/dot.cpp" "CMakeFiles/isocheck_core.dir/checker/report/dot.cpp.o" "gcc" "CMakeFiles/isocheck_core.dir/checker/report/dot.cpp.o.d"
  "/work/main/checker/report/json.cpp" "CMakeFiles/isocheck_core.dir/checker/report/json.cpp.o" "gcc" "CMakeFiles/isocheck_core.dir/checker/report/json.cpp.o.d"
  "/work/main/checker/report/junit.cpp" "CMakeFiles/isocheck_core.dir/checker/report/junit.cpp.o" "gcc" "CMakeFiles/isocheck_core.dir/checker/report/junit.cpp.o.d"
  "/work/main/checker/report/markdown.cpp" "CMakeFiles/isocheck_core.dir/checker/report/markdown.cpp.o" "gcc" "CMakeFiles/isocheck_core.dir/checker/report/markdown.cpp.o.d"
  "/work/main/checker/report/text.cpp" "CMakeFiles/isocheck_core.dir/checker/report/text.cpp.o" "gcc" "CMakeFiles/isocheck_core.dir/checker/report/text.cpp.o.d"
  "/work/main/checker/report/trace.cpp" "CMakeFiles/isocheck_core.dir/checker/report/trace.cpp.o" "gcc" "CMakeFiles/isocheck_core.dir/checker/report/trace.cpp.o.d"
  "/work/main/checker/support/assert.cpp" "CMakeFiles/isocheck_core.dir/checker/support/assert.cpp.o" "gcc" "CMakeFiles/isocheck_core.dir/checker/support/assert.cpp.o.d"
  "/work/main/checker/support/diagnostic.cpp" "CMakeFiles/isocheck_core.dir/checker/support/diagnostic.cpp.o" "gcc" "CMakeFiles/isocheck_core.dir/checker/support/diagnostic.cpp.o.d"
  "/work/main/models/common.cpp" "CMakeFiles/isocheck_core.dir/models/common.cpp.o" "gcc" "CMakeFiles/isocheck_core.dir/models/common.cpp.o.d"
  "/work/main/models/lock_manager.cpp" "CMakeFiles/isocheck_core.dir/models/lock_manager.cpp.o" "gcc" "CMakeFiles/isocheck_core.dir/models/lock_manager.cpp.o.d"
  "/work/main/models/locking.cpp" "CMakeFiles/isocheck_core.dir/models/locking.cpp.o" "gcc" "CMakeFiles/isocheck_core.dir/models/locking.cpp.o.d"
  "/work/main/models/model.cpp" "CMakeFiles/isocheck_core.dir/models/model.cpp.o" "gcc" "CMakeFiles/isocheck_core.dir/models/model.cpp.o.d"
  "/work/main/models/multiversion.cpp" "CMakeFiles/isocheck_core.dir/models/multiversion.cpp.o" "gcc" "CMakeFiles/isocheck_core.dir/models/multiversion.cpp.o.d"
  "/work/main/models/read_committed.cpp" "CMakeFiles/isocheck_core.dir/models/read_committed.cpp.o" "gcc" "CMakeFiles/isocheck_core.dir/models/read_committed.cpp.o.d"
  "/work/main/models/read_committed_snapshot.cpp" "CMakeFiles/isocheck_core.dir/models/read_committed_snapshot.cpp.o" "gcc" "CMakeFiles/isocheck_core.dir/models/read_committed_snapshot.cpp.o.d"
  "/work/main/models/read_uncommitted.cpp" "CMakeFiles/isocheck_core.dir/models/read_uncommitted.cpp.o" "gcc" "CMakeFiles/isocheck_core.dir/models/read_uncommitted.cpp.o.d"
  "/work/main/models/registry.cpp" "CMakeFiles/isocheck_core.dir/models/registry.cpp.o" "gcc" "CMakeFiles/isocheck_core.dir/models/registry.cpp.o.d"
  "/work/main/models/repeatable_read.cpp" "CMakeFiles/isocheck_core.dir/models/repeatable_read.cpp.o" "gcc" "CMakeFiles/isocheck_core.dir/models/repeatable_read.cpp.o.d"
  "/work/main/models/serializable.cpp" "CMakeFiles/isocheck_core.dir/models/serializable.cpp.o" "gcc" "CMakeFiles/isocheck_core.dir/models/serializable.cpp.o.d"
  "/work/main/models/serializable_snapshot.cpp" "CMakeFiles/isocheck_core.dir/models/serializable_snapshot.cpp.o" "gcc" "CMakeFiles/isocheck_core.dir/models/serializable_snapshot.cpp.o.d"
  "/work/main/models/snapshot.cpp" "CMakeFiles/isocheck_core.dir/models/snapshot.cpp.o" "gcc" "CMakeFiles/isocheck_core.dir/models/snapshot.cpp.o.d"
  "/work/main/models/ssi.cpp" "CMakeFiles/isocheck_core.dir/models/ssi.cpp.o" "gcc" "CMakeFiles/isocheck_core.dir/models/ssi.cpp.o.d"
  "/work/main/models/version_store.cpp" "CMakeFiles/isocheck_core.dir/models/version_store.cpp.o" "gcc" "CMakeFiles/isocheck_core.dir/models/version_store.cpp.o.d"
  )

# Targets to which this target links.
set(CMAKE_TARGET_LINKED_INFO_FILES
  )

# Fortran module output directory.
set(CMAKE_Fortran_TARGET_MODULE_DIR "")
