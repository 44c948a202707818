#pragma once
// Per-face deck input of the ns app (physics.thermal.<face>,
// physics.scalar_bc.<face>, boundary.<face>_profile, ...): one member per
// face, so that io::Keys can bind each face's keys to its own member, and
// indexing by Face (x_lower = 0 .. z_upper = 5) for the code that loops.
#include <string>

#include "io/deck/keys.hpp"

namespace boreas::ns {

// "x_lower" .. "z_upper", in Face order.
inline const char* face_key_name(int f) {
  static const char* const names[6] = {"x_lower", "x_upper", "y_lower",
                                       "y_upper", "z_lower", "z_upper"};
  return names[f];
}

template <class T>
struct PerFace {
  T x_lower{}, x_upper{}, y_lower{}, y_upper{}, z_lower{}, z_upper{};

  using Member = T PerFace::*;
  static Member member(int f) {
    switch (f) {
      case 0:
        return &PerFace::x_lower;
      case 1:
        return &PerFace::x_upper;
      case 2:
        return &PerFace::y_lower;
      case 3:
        return &PerFace::y_upper;
      case 4:
        return &PerFace::z_lower;
      default:
        return &PerFace::z_upper;
    }
  }
  T& operator[](int f) { return this->*member(f); }
  const T& operator[](int f) const { return this->*member(f); }
};

// Declares/reads every face's keys with `face_keys(Keys<T>, face name)`.
template <class T, class F>
void per_face_keys(io::Keys<PerFace<T>> k, F face_keys) {
  for (int f = 0; f < 6; ++f)
    face_keys(k.sub(PerFace<T>::member(f)), std::string(face_key_name(f)));
}

}  // namespace boreas::ns
