#pragma once
// PETSc's version for `boreas info`, without exposing PETSc headers.
#include <string>

namespace boreas::petsc {

// "3.18.5" (the headers Boreas was built against).
std::string version_string();

}  // namespace boreas::petsc
