#pragma once
// A copy of some declared variables of a run (for instance every restart
// variable, or every prognostic one), one copy per distinct view: the
// variables that are components of one field (u, v, w of the velocity)
// share it. The sources are looked up again at every save: an app may swap
// its views between steps (a time-level history).
#include <vector>

#include "mesh/field_ops.hpp"

namespace boreas::pipeline {

class StateCopy {
 public:
  // Copies the current values of `vars` (a list of the same variables every
  // time; its length decides whether the copies are rebuilt).
  void save(const std::vector<NamedVariable>& vars);
  // The saved variables, in the order given to save(), viewing the copies.
  const std::vector<NamedVariable>& vars() const { return vars_; }
  bool empty() const { return vars_.empty(); }

 private:
  std::vector<NamedVariable> vars_;
  std::vector<size_t> slot_;  // copies_ index of each variable
  std::vector<FieldView> sources_, copies_;
};

}  // namespace boreas::pipeline
