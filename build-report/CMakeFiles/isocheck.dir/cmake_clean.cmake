file(REMOVE_RECURSE
  "CMakeFiles/isocheck.dir/checker/main.cpp.o"
  "CMakeFiles/isocheck.dir/checker/main.cpp.o.d"
  "isocheck"
  "isocheck.pdb"
)

# Per-language clean rules from dependency scanning.
foreach(lang CXX)
  include(CMakeFiles/isocheck.dir/cmake_clean_${lang}.cmake OPTIONAL)
endforeach()
