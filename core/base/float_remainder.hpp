// The remainder of a division of doubles, as std::fmod gives it, in a few instructions.
#pragma once

#include <cmath>
#include <cstdint>

namespace arteria {

// x - n × divisor for the whole n that truncates x / divisor: exactly std::fmod(x, divisor)
// (same bits, sign of x) for a positive finite divisor. std::fmod is a bit-by-bit library loop
// of about 130 instructions; signal plans ask for a cycle position on every node visit. The
// exact remainder is always representable, so one fused multiply-add (rounded once) yields it
// exactly once n is right; the rounded quotient can make n one too large or too small, which a
// negative result or one of at least `divisor` shows.
inline double fmod_exact(double x, double divisor) {
  const double magnitude = std::fabs(x);
  // Quotients of 2^52 and more (and NaN, infinity) take the library's way.
  if (!(magnitude < 0x1p52 * divisor)) return std::fmod(x, divisor);
  // A cast truncates in one instruction, where std::trunc is a call without SSE4.1.
  const auto whole = static_cast<double>(static_cast<std::int64_t>(magnitude / divisor));
  double remainder = std::fma(-whole, divisor, magnitude);
  if (remainder < 0.0) {
    remainder = std::fma(-(whole - 1.0), divisor, magnitude);
  } else if (remainder >= divisor) {
    remainder = std::fma(-(whole + 1.0), divisor, magnitude);
  }
  return std::copysign(remainder, x);
}

}  // namespace arteria
