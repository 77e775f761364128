# Empty compiler generated dependencies file for isocheck_tests.
# This may be replaced when dependencies are built.
