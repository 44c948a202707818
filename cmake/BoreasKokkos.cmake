# Kokkos, in order of preference:
#   1. -DKokkos_ROOT=... (a user's Kokkos 3.4+ or 4.x, e.g. a CUDA build)
#   2. with -DBOREAS_CUDA=ON (preset `cuda`): the CUDA + Serial Kokkos 3.4.01
#      that scripts/setup-deps --with-cuda caches in kokkos-3.4.01-cuda
#   3. the threaded (OpenMP) Kokkos 3.4.01 that scripts/setup-deps caches in
#      $BOREAS_CACHE or ~/.cache/boreas/kokkos-3.4.01-openmp
#   4. Debian's serial Kokkos from libtrilinos-kokkos-dev
# Where scripts/setup-deps caches what it builds or unpacks.
if(DEFINED ENV{BOREAS_CACHE})
  set(BOREAS_CACHE_DIR "$ENV{BOREAS_CACHE}")
elseif(DEFINED ENV{XDG_CACHE_HOME})
  set(BOREAS_CACHE_DIR "$ENV{XDG_CACHE_HOME}/boreas")
else()
  set(BOREAS_CACHE_DIR "$ENV{HOME}/.cache/boreas")
endif()
set(_boreas_cache "${BOREAS_CACHE_DIR}")
if(BOREAS_CUDA AND NOT Kokkos_ROOT AND NOT DEFINED ENV{Kokkos_ROOT})
  if(NOT EXISTS "${_boreas_cache}/kokkos-3.4.01-cuda/bin/nvcc_wrapper")
    message(FATAL_ERROR "BOREAS_CUDA: no CUDA Kokkos in ${_boreas_cache}/kokkos-3.4.01-cuda; "
                        "run scripts/setup-deps --with-cuda first")
  endif()
  set(Kokkos_ROOT "${_boreas_cache}/kokkos-3.4.01-cuda")
elseif(NOT Kokkos_ROOT AND NOT DEFINED ENV{Kokkos_ROOT} AND NOT BOREAS_DEBIAN_KOKKOS)
  if(EXISTS "${_boreas_cache}/kokkos-3.4.01-openmp")
    set(Kokkos_ROOT "${_boreas_cache}/kokkos-3.4.01-openmp")
  endif()
endif()

find_package(Kokkos REQUIRED)

# Debian's KokkosConfig.cmake computes its prefix one level too high and
# points INTERFACE_INCLUDE_DIRECTORIES at /usr/lib/include, while the headers
# live in /usr/include/trilinos: drop directories that do not exist and add
# the one that holds Kokkos_Core.hpp.
set(_kokkos_target Kokkos::kokkos)
get_target_property(_kokkos_inc ${_kokkos_target} INTERFACE_INCLUDE_DIRECTORIES)
set(_kokkos_good_inc "")
set(_kokkos_found_header OFF)
foreach(_dir IN LISTS _kokkos_inc)
  if(_dir MATCHES "^\\$<" OR EXISTS "${_dir}")
    list(APPEND _kokkos_good_inc "${_dir}")
  endif()
  if(EXISTS "${_dir}/Kokkos_Core.hpp")
    set(_kokkos_found_header ON)
  endif()
endforeach()
if(NOT _kokkos_found_header)
  find_path(BOREAS_KOKKOS_INCLUDE_DIR Kokkos_Core.hpp PATH_SUFFIXES trilinos REQUIRED)
  list(APPEND _kokkos_good_inc "${BOREAS_KOKKOS_INCLUDE_DIR}")
  message(STATUS "Boreas: fixed Kokkos include path -> ${BOREAS_KOKKOS_INCLUDE_DIR}")
endif()
set_property(TARGET ${_kokkos_target} PROPERTY INTERFACE_INCLUDE_DIRECTORIES "${_kokkos_good_inc}")
# Debian's target also lists a stray -DKOKKOS_DEPENDENCE as a link item; harmless.
message(STATUS "Boreas: Kokkos ${Kokkos_VERSION} from ${Kokkos_DIR}")

# A CUDA Kokkos compiled through nvcc_wrapper (CMAKE_CXX_COMPILER): device
# code goes through nvcc, host-only code gets --host-only (BoreasTargets).
set(BOREAS_NVCC OFF)
get_filename_component(_boreas_cxx_name "${CMAKE_CXX_COMPILER}" NAME)
if(Kokkos_DEVICES MATCHES "CUDA" OR Kokkos_ENABLE_CUDA)
  if(_boreas_cxx_name MATCHES "nvcc")
    set(BOREAS_NVCC ON)
  elseif(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "This Kokkos has CUDA enabled: configure with "
                        "-DCMAKE_CXX_COMPILER=<kokkos>/bin/nvcc_wrapper (or use the preset `cuda`)")
  endif()
endif()
message(STATUS "Boreas: Kokkos devices: ${Kokkos_DEVICES}; nvcc_wrapper: ${BOREAS_NVCC}")
