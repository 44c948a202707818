find_package(MPI REQUIRED COMPONENTS C CXX)
find_package(PkgConfig REQUIRED)
find_package(tomlplusplus REQUIRED)
find_package(fmt REQUIRED)
find_package(CLI11 QUIET)
if(NOT CLI11_FOUND)
  find_path(BOREAS_CLI11_INCLUDE CLI/CLI.hpp REQUIRED)
  add_library(CLI11::CLI11 INTERFACE IMPORTED)
  set_target_properties(CLI11::CLI11 PROPERTIES INTERFACE_INCLUDE_DIRECTORIES "${BOREAS_CLI11_INCLUDE}")
endif()
pkg_check_modules(HWLOC REQUIRED IMPORTED_TARGET hwloc)

# Parallel HDF5 must be found before VTK (whose IO modules would drag in serial HDF5).
# The high-level library (HL: dimension scales) gives the state files their
# netCDF-4 view (io/output/netcdf_view.cpp).
set(HDF5_PREFER_PARALLEL ON)
find_package(HDF5 REQUIRED COMPONENTS C HL)
if(NOT HDF5_IS_PARALLEL)
  message(FATAL_ERROR "Boreas needs parallel HDF5 (Debian: libhdf5-openmpi-dev); found a serial one in ${HDF5_INCLUDE_DIRS}")
endif()
add_library(boreas_hdf5 INTERFACE)
target_include_directories(boreas_hdf5 SYSTEM INTERFACE ${HDF5_INCLUDE_DIRS})
target_link_libraries(boreas_hdf5 INTERFACE ${HDF5_HL_LIBRARIES} ${HDF5_LIBRARIES})
target_compile_definitions(boreas_hdf5 INTERFACE ${HDF5_DEFINITIONS})
add_library(boreas::hdf5 ALIAS boreas_hdf5)

# VTK 9 (Debian libvtk9-dev) for the ParaView output of io/vtk_output.cpp. Only
# the XML I/O modules: IOHDF, IONetCDF and friends would link serial HDF5 next
# to our parallel one. Imported VTK targets carry SYSTEM include directories,
# so their headers stay out of -Wall -Wextra -Werror.
find_package(VTK 9 REQUIRED COMPONENTS CommonCore CommonDataModel IOXML)
message(STATUS "VTK ${VTK_VERSION}: ${VTK_LIBRARIES}")

# PETSc (Debian petsc-dev: 3.18, real scalars, 32-bit indices) for the bridge
# in solvers/petsc. Its pkg-config target carries SYSTEM include directories.
if(BOREAS_PETSC)
  pkg_check_modules(PETSC REQUIRED IMPORTED_TARGET PETSc)
endif()

# OpenMP for host-only loops outside Kokkos (checkpoint checksums); optional.
find_package(OpenMP COMPONENTS CXX)
