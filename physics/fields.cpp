#include "physics/fields.hpp"

#include <algorithm>
#include <stdexcept>

#include "core/error.hpp"
#include "core/timers.hpp"
#include "mesh/boundary.hpp"

namespace boreas {

Fields::Fields(const Mesh& mesh, bool dry) : mesh_(mesh), dry_(dry) {}
Fields::~Fields() = default;

void Fields::check_name(const std::string& name, const std::string& what) {
  // A programming error of the app, caught the first time it runs.
  if (name.empty()) throw RuntimeError("app declares " + what + " with an empty name");
  if (std::find(names_.begin(), names_.end(), name) != names_.end()) {
    throw RuntimeError("app declares the name '" + name + "' twice (" + what + ")");
  }
  names_.push_back(name);
}

void Fields::field(FieldView& member, const std::string& label,
                   const std::vector<std::string>& names, unsigned use, bool staggered) {
  if (names.empty()) throw RuntimeError("app declares field '" + label + "' without variables");
  for (const auto& n : names) check_name(n, "a variable of field '" + label + "'");
  const int nvar = static_cast<int>(names.size());
  bytes_ += field_bytes(nvar);
  Declared d{&member, label, names, use, nullptr, staggered, {}};
  if (!dry_) {
    member = mesh_.make_field(label, nvar);
    if (use & kHalo) d.halo = std::make_unique<HaloExchange>(mesh_, nvar);
  }
  fields_.push_back(std::move(d));
}

void Fields::derived(FieldView& member, const std::string& label,
                     const std::vector<std::string>& names, std::function<void()> compute) {
  if (!compute) throw RuntimeError("app declares derived field '" + label + "' without a compute");
  field(member, label, names, kDerived | kHalo, false);
  fields_.back().compute = std::move(compute);
}

void Fields::vector(const std::string& name, const std::vector<std::string>& components) {
  if (components.empty() || components.size() > 3) {
    throw RuntimeError("app declares vector '" + name + "' with " +
                       std::to_string(components.size()) + " components (1 to 3 allowed)");
  }
  for (const auto& c : components) {
    const Declared* d = owner(c);
    if (!d || !(d->use & (kOutput | kDerived))) {
      throw RuntimeError("app declares vector '" + name + "' with component '" + c +
                         "', which is not a declared output variable");
    }
    if (d->staggered) {
      throw RuntimeError("app declares vector '" + name + "' with component '" + c +
                         "', which is staggered: a vector's components are cell-centred "
                         "(declare their cell-centred values as derived variables)");
    }
  }
  check_name(name, "a vector");
  vectors_.push_back({name, components});
}

void Fields::describe(const std::string& name, VariableInfo info) {
  const bool vector = std::any_of(vectors_.begin(), vectors_.end(),
                                  [&](const VectorVariable& v) { return v.name == name; });
  if (!vector && !owner(name)) {
    throw RuntimeError("app describes '" + name + "', which is not a declared variable or vector");
  }
  info_[name] = std::move(info);
}

const Fields::Declared* Fields::owner(const std::string& variable) const {
  for (const auto& d : fields_) {
    if (std::find(d.names.begin(), d.names.end(), variable) != d.names.end()) return &d;
  }
  return nullptr;
}

std::vector<std::string> Fields::expand_vectors(const std::vector<std::string>& names) const {
  std::vector<std::string> out;
  auto add = [&out](const std::string& n) {
    if (std::find(out.begin(), out.end(), n) == out.end()) out.push_back(n);
  };
  for (const auto& n : names) {
    const auto v = std::find_if(vectors_.begin(), vectors_.end(),
                                [&](const VectorVariable& x) { return x.name == n; });
    if (v == vectors_.end()) {
      add(n);
    } else {
      for (const auto& c : v->components) add(c);
    }
  }
  return out;
}

bool Fields::needs_derived(const std::vector<std::string>& names) const {
  for (const auto& n : expand_vectors(names)) {
    const Declared* d = owner(n);
    if (d && (d->use & kDerived)) return true;
  }
  return false;
}

void Fields::update_derived_field(Declared& d) {
  if (timers_) {
    ScopedTimer t(*timers_, "derived_output");
    d.compute();
  } else {
    d.compute();
  }
  exchange(*d.member);
  extrapolate_boundaries(mesh_, *d.member);
}

void Fields::update_derived() {
  if (dry_) return;
  for (auto& d : fields_) {
    if (d.use & kDerived) update_derived_field(d);
  }
}

void Fields::update_derived(const std::vector<std::string>& names) {
  if (dry_) return;
  const std::vector<std::string> wanted = expand_vectors(names);
  for (auto& d : fields_) {
    if (!(d.use & kDerived)) continue;
    const bool used = std::any_of(d.names.begin(), d.names.end(), [&](const std::string& n) {
      return std::find(wanted.begin(), wanted.end(), n) != wanted.end();
    });
    if (used) update_derived_field(d);
  }
}

double Fields::field_bytes(int nvar) const {
  return static_cast<double>(nvar) * mesh_.extent(0) * mesh_.extent(1) * mesh_.extent(2) *
         static_cast<double>(sizeof(double));
}

void Fields::scratch(FieldView& member, const std::string& label, int nvar) {
  bytes_ += field_bytes(nvar);
  if (!dry_) member = mesh_.make_field(label, nvar);
}

void Fields::reserve(const std::string&, int nvar) {
  bytes_ += field_bytes(nvar);
}

void Fields::scalar(const std::string& name, double& value) {
  check_name(name, "a scalar");
  scalars_.push_back({name, &value, nullptr});
}

void Fields::scalar(const std::string& name, bool& value) {
  check_name(name, "a scalar");
  scalars_.push_back({name, nullptr, &value});
}

void Fields::parameter(DerivedParameter p) {
  for (const auto& q : parameters_) {
    if (q.name == p.name)
      throw std::logic_error("derived parameter '" + p.name + "' declared twice");
  }
  parameters_.push_back(std::move(p));
}

void Fields::diagnostic(const std::string& name, std::function<double(double)> value) {
  check_name(name, "a diagnostic");
  diagnostics_.emplace_back(name, std::move(value));
}

void Fields::exchange_all() {
  for (const auto& d : fields_) {
    if (d.halo && !(d.use & kDerived)) exchange(*d.member);
  }
}

void Fields::exchange(const FieldView& field) {
  // The field's own exchange, else one of a declared field of the same
  // shape: an integrator's stage fields are exchanged like the state.
  HaloExchange* halo = nullptr;
  for (auto& d : fields_) {
    if (!d.halo) continue;
    if (d.member->data() == field.data()) {
      halo = d.halo.get();
      break;
    }
    if (!halo && d.halo->nvar() == static_cast<int>(field.extent(0))) halo = d.halo.get();
  }
  if (!halo) {
    throw RuntimeError("halo exchange of field '" + field.label() + "' (" +
                       std::to_string(field.extent(0)) +
                       " variables): no field of that shape was declared with kHalo");
  }
  if (timers_) {
    ScopedTimer t(*timers_, "halo_exchange");
    halo->exchange(field);
  } else {
    halo->exchange(field);
  }
}

std::vector<NamedVariable> Fields::variables(unsigned use) const {
  std::vector<NamedVariable> out;
  for (const auto& d : fields_) {
    if (!(d.use & use)) continue;
    for (std::size_t v = 0; v < d.names.size(); ++v) {
      out.push_back({d.names[v], *d.member, static_cast<int>(v), d.staggered ? int(v) : -1});
    }
  }
  return out;
}

std::vector<NamedVariable> Fields::variables_with_all(unsigned use) const {
  std::vector<NamedVariable> out;
  for (const auto& d : fields_) {
    if ((d.use & use) != use) continue;
    for (std::size_t v = 0; v < d.names.size(); ++v) {
      out.push_back({d.names[v], *d.member, static_cast<int>(v), d.staggered ? int(v) : -1});
    }
  }
  return out;
}

std::vector<std::string> Fields::variable_names(unsigned use) const {
  std::vector<std::string> out;
  for (const auto& d : fields_) {
    if (d.use & use) out.insert(out.end(), d.names.begin(), d.names.end());
  }
  return out;
}

std::vector<AppScalar> Fields::scalars() const {
  std::vector<AppScalar> out;
  for (const auto& s : scalars_) out.push_back({s.name, s.real ? *s.real : (*s.flag ? 1.0 : 0.0)});
  return out;
}

void Fields::restore(const std::vector<AppScalar>& values) {
  for (const auto& v : values) {
    for (auto& s : scalars_) {
      if (s.name != v.name) continue;
      if (s.real) *s.real = v.value;
      if (s.flag) *s.flag = v.value != 0.0;
    }
  }
}

std::vector<std::string> Fields::diagnostic_names() const {
  std::vector<std::string> out;
  for (const auto& d : diagnostics_) out.push_back(d.first);
  return out;
}

std::vector<double> Fields::diagnostics(double t) const {
  std::vector<double> out;
  for (const auto& d : diagnostics_) out.push_back(d.second(t));
  return out;
}

}  // namespace boreas
