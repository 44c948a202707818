#include "solvers/petsc/petsc_version.hpp"

#include <petscversion.h>

namespace boreas::petsc {

std::string version_string() {
  return std::to_string(PETSC_VERSION_MAJOR) + "." + std::to_string(PETSC_VERSION_MINOR) + "." +
         std::to_string(PETSC_VERSION_SUBMINOR);
}

}  // namespace boreas::petsc
