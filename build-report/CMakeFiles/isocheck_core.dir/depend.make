# Empty dependencies file for isocheck_core.
# This may be replaced when dependencies are built.
