# Common settings for every Boreas library and executable.
function(boreas_target_defaults target)
  target_compile_options(${target} PRIVATE -Wall -Wextra)
  if(BOREAS_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  target_include_directories(${target} PUBLIC "${PROJECT_SOURCE_DIR}")
endfunction()

# Executables keep the symbols of static libraries (our Kokkos) private, so a
# process that also loads Debian's libtrilinos_kokkoscore.so through PETSc does
# not run two Kokkos finalizers over one set of globals (double free at exit).
function(boreas_executable target)
  boreas_target_defaults(${target})
  target_link_options(${target} PRIVATE "LINKER:--exclude-libs,ALL")
endfunction()
