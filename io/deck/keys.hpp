#pragma once
// A module's deck keys, written once and bound to the members of its
// parameter struct. The same function serves twice:
//
//   void keys(io::Keys<Params>& k) {
//     k.real("physics.kappa", &Params::kappa).def("1.0").above(0).describe("...");
//     k.choice("time.scheme", &Params::scheme, {{"explicit", Scheme::explicit_},
//                                               {"crank-nicolson", Scheme::cn}})
//         .def("\"explicit\"").describe("...");
//     solver_keys(k.sub(&Params::solver));       // a nested module's keys
//   }
//
//   io::Keys<Params> declare(schema);  keys(declare);   // adds the KeySpecs
//   Params p; io::Keys<Params> read(deck, p); keys(read); // fills p from the deck
//
// When reading, the deck has already been checked against the schema (types,
// ranges, choices, defaults filled in), so every value fits its member. A key
// without a value (an optional key left out) leaves its member as it is; a
// std::optional member then stays empty.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "io/deck/deck.hpp"
#include "io/deck/schema.hpp"

namespace boreas::io {

template <class P>
class Keys {
 public:
  // Declaring: each key adds a KeySpec to `schema`.
  explicit Keys(Schema& schema) : schema_(&schema) {}
  // Reading: each key stores the deck's value into `params`.
  Keys(const Deck& deck, P& params) : deck_(&deck), params_(&params) {}

  bool reading() const { return deck_ != nullptr; }
  // Reading only: the deck (for positions in messages).
  const Deck& deck() const { return *deck_; }

  KeySpec& boolean(const std::string& path, bool P::*m) {
    if (present(path)) params_->*m = deck_->boolean(path);
    return spec(path, KeyType::boolean);
  }
  KeySpec& integer(const std::string& path, long long P::*m) {
    if (present(path)) params_->*m = deck_->integer(path);
    return spec(path, KeyType::integer);
  }
  KeySpec& integer(const std::string& path, int P::*m) {
    if (present(path)) params_->*m = static_cast<int>(deck_->integer(path));
    return spec(path, KeyType::integer);
  }
  KeySpec& real(const std::string& path, double P::*m) {
    if (present(path)) params_->*m = deck_->real(path);
    return spec(path, KeyType::real);
  }
  KeySpec& real(const std::string& path, std::optional<double> P::*m) {
    if (present(path)) params_->*m = deck_->real(path);
    return spec(path, KeyType::real).maybe();
  }
  KeySpec& string(const std::string& path, std::string P::*m) {
    if (present(path)) params_->*m = deck_->string(path);
    return spec(path, KeyType::string);
  }
  KeySpec& string(const std::string& path, std::optional<std::string> P::*m) {
    if (present(path)) params_->*m = deck_->string(path);
    return spec(path, KeyType::string).maybe();
  }
  KeySpec& integers(const std::string& path, std::vector<long long> P::*m) {
    if (present(path)) params_->*m = deck_->integers(path);
    return spec(path, KeyType::integer_array);
  }
  KeySpec& reals(const std::string& path, std::vector<double> P::*m) {
    if (present(path)) params_->*m = deck_->reals(path);
    return spec(path, KeyType::real_array);
  }
  KeySpec& strings(const std::string& path, std::vector<std::string> P::*m) {
    if (present(path)) params_->*m = deck_->strings(path);
    return spec(path, KeyType::string_array);
  }
  // A string key whose choices map onto values of E (an enum, usually).
  template <class E>
  KeySpec& choice(const std::string& path, E P::*m,
                  const std::vector<std::pair<std::string, E>>& options) {
    std::vector<std::string> names;
    for (const auto& o : options) names.push_back(o.first);
    if (present(path)) {
      const std::string v = deck_->string(path);
      for (const auto& o : options) {
        if (o.first == v) params_->*m = o.second;
      }
    }
    return spec(path, KeyType::string).one_of(names);
  }

  // The keys of a member struct, declared by that module's own function.
  template <class S>
  Keys<S> sub(S P::*m) {
    if (reading()) return Keys<S>(*deck_, params_->*m);
    return Keys<S>(*schema_);
  }

 private:
  bool present(const std::string& path) const { return reading() && deck_->has(path); }
  KeySpec& spec(const std::string& path, KeyType type) {
    if (!reading()) return schema_->add(path, type);
    scratch_ = KeySpec{};  // the declaration's setters chain on a throwaway
    return scratch_;
  }

  Schema* schema_ = nullptr;
  const Deck* deck_ = nullptr;
  P* params_ = nullptr;
  KeySpec scratch_;
};

}  // namespace boreas::io
