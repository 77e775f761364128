# Installing isocheck, included from CMakeLists.txt after the targets:
#   cmake --install BUILD [--prefix DIR]     bin/isocheck, the man page
#                                            isocheck.1, bash completion, docs
#   cpack -G DEB (in BUILD)                  isocheck_VERSION_ARCH.deb
# The man page (packaging/isocheck.1) and the completion script
# (packaging/isocheck.bash) are written by hand; tests/test_packaging.cpp
# checks that they name every command, option and model, and
# tests/package.sh builds the .deb, unpacks it and runs what it installed.

include(GNUInstallDirs)

# Debian compresses man pages; -n keeps the archive free of a time stamp.
set(ISOCHECK_MAN_PAGE ${PROJECT_BINARY_DIR}/isocheck.1.gz)
add_custom_command(OUTPUT ${ISOCHECK_MAN_PAGE}
                   COMMAND gzip -9 -n -c ${PROJECT_SOURCE_DIR}/packaging/isocheck.1 > ${ISOCHECK_MAN_PAGE}
                   DEPENDS ${PROJECT_SOURCE_DIR}/packaging/isocheck.1
                   COMMENT "Compressing the man page isocheck.1"
                   VERBATIM)
add_custom_target(isocheck_man_page ALL DEPENDS ${ISOCHECK_MAN_PAGE})

install(TARGETS isocheck RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${ISOCHECK_MAN_PAGE} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${PROJECT_SOURCE_DIR}/packaging/isocheck.bash
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
        RENAME isocheck)
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/LICENSE
        DESTINATION ${CMAKE_INSTALL_DOCDIR})
# The examples, for the man page's EXAMPLES and to start from.
file(GLOB ISOCHECK_EXAMPLES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/examples/*.toml)
install(FILES ${ISOCHECK_EXAMPLES} DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples)

# The Debian package. Depends comes from dpkg-shlibdeps (package dpkg-dev):
# the packages of the shared libraries the binary is linked with.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME isocheck)
set(CPACK_PACKAGE_VENDOR "the isocheck developers")
set(CPACK_PACKAGE_CONTACT "isocheck developers <dev@isocheck.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "deterministic model checker for database isolation levels")
# One string: set() with several would join them with semicolons.
string(CONCAT CPACK_PACKAGE_DESCRIPTION
    "isocheck explores every interleaving of a few database transactions, written\n"
    "in a small TOML file or in textbook notation, under seven isolation models\n"
    "(read uncommitted, read committed, read committed snapshot, repeatable read,\n"
    "snapshot, serializable, serializable snapshot). For each model it reports\n"
    "Adya's anomaly classes with their dependency cycles, Berenson's phenomena,\n"
    "deadlocks, aborts and final states, each with a witness schedule that\n"
    "replays. isocheck verify checks expectations written in the files and\n"
    "writes JUnit XML for CI.")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "isocheck developers <dev@isocheck.invalid>")
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "bash-completion")
# `isocheck run` loads the servers' client libraries with dlopen when it
# connects (checker/live/connection.cpp), which dpkg-shlibdeps cannot see:
# they are recommended, by the packages of their sonames.
set(ISOCHECK_RECOMMENDS "")
if(LIBPQ_FOUND)
  list(APPEND ISOCHECK_RECOMMENDS libpq5)
endif()
if(MARIADB_FOUND)
  list(APPEND ISOCHECK_RECOMMENDS libmariadb3)
endif()
list(JOIN ISOCHECK_RECOMMENDS ", " CPACK_DEBIAN_PACKAGE_RECOMMENDS)
# Only this project's files: no components, no source package.
set(CPACK_SOURCE_GENERATOR "")
include(CPack)

if(ISOCHECK_TESTS)
  # Build the .deb, unpack it with dpkg -x and run what it installed.
  add_test(NAME package-deb-installs-and-runs
           COMMAND bash ${PROJECT_SOURCE_DIR}/tests/package.sh ${PROJECT_BINARY_DIR}
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  # The CI examples parse as YAML and run isocheck verify --junit.
  add_test(NAME ci-examples-are-valid-yaml
           COMMAND python3 ${PROJECT_SOURCE_DIR}/tests/ci_examples.py ${PROJECT_SOURCE_DIR}
                   $<TARGET_FILE:isocheck>)
endif()
