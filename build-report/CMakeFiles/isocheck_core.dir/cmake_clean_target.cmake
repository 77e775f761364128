file(REMOVE_RECURSE
  "libisocheck_core.a"
)
