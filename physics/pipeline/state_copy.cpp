#include "physics/pipeline/state_copy.hpp"

namespace boreas::pipeline {

void StateCopy::save(const std::vector<NamedVariable>& vars) {
  if (vars_.size() != vars.size()) {
    vars_.clear();
    slot_.clear();
    copies_.clear();
    std::vector<const double*> seen;
    for (const auto& v : vars) {
      size_t c = 0;
      while (c < seen.size() && seen[c] != v.view.data()) ++c;
      if (c == seen.size()) {
        seen.push_back(v.view.data());
        copies_.push_back(FieldView(v.view.label() + "_copy", v.view.extent(0), v.view.extent(1),
                                    v.view.extent(2), v.view.extent(3)));
      }
      slot_.push_back(c);
      vars_.push_back({v.name, copies_[c], v.var});
    }
    sources_.resize(copies_.size());
  }
  for (size_t i = 0; i < vars.size(); ++i) sources_[slot_[i]] = vars[i].view;
  for (size_t k = 0; k < copies_.size(); ++k) Kokkos::deep_copy(copies_[k], sources_[k]);
}

}  // namespace boreas::pipeline
