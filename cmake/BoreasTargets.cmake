# Common settings for every Boreas library and executable.
function(boreas_target_defaults target)
  target_compile_options(${target} PRIVATE -Wall -Wextra)
  if(BOREAS_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  target_include_directories(${target} PUBLIC "${PROJECT_SOURCE_DIR}")
endfunction()

# Host-only code (decks/toml++, HDF5, XDMF, VTK, PETSc, the command line)
# never goes through nvcc's C++ front end: under nvcc_wrapper it is compiled
# by the host compiler alone (--host-only). Such code must not include
# Kokkos headers; in a CUDA build including one fails to compile, which is
# how the CUDA build keeps the rule.
function(boreas_host_only target)
  if(BOREAS_NVCC)
    target_compile_options(${target} PRIVATE $<$<COMPILE_LANGUAGE:CXX>:--host-only>)
  endif()
endfunction()

# The same for single source files of a target that also has device code.
function(boreas_host_only_sources)
  if(BOREAS_NVCC)
    set_source_files_properties(${ARGN} DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}"
                                PROPERTIES COMPILE_OPTIONS --host-only)
  endif()
endfunction()

# Executables keep the symbols of static libraries (our Kokkos) private, so a
# process that also loads Debian's libtrilinos_kokkoscore.so through PETSc does
# not run two Kokkos finalizers over one set of globals (double free at exit).
function(boreas_executable target)
  boreas_target_defaults(${target})
  target_link_options(${target} PRIVATE "LINKER:--exclude-libs,ALL")
  if(TARGET boreas_leak_check_at_finalize)  # AddressSanitizer builds
    target_link_libraries(${target} PRIVATE boreas_leak_check_at_finalize)
  endif()
endfunction()
