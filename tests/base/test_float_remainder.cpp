#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>

#include "base/float_remainder.hpp"

namespace {

bool same_bits(double a, double b) {
  std::uint64_t x = 0;
  std::uint64_t y = 0;
  std::memcpy(&x, &a, sizeof a);
  std::memcpy(&y, &b, sizeof b);
  return x == y;
}

}  // namespace

TEST_CASE("fmod_exact gives std::fmod's bits") {
  using arteria::fmod_exact;
  // Edge cases: exact multiples, both signed zeros, quotients whose rounding crosses a whole
  // number, times of day against real cycle lengths, tiny and huge ratios.
  const double cases[][2] = {{0.0, 90.0},     {-0.0, 90.0},       {90.0, 90.0},
                             {-90.0, 90.0},   {180.0, 90.0},      {89.999999999999986, 90.0},
                             {27000.0, 97.5}, {27000.1, 97.5},    {-12.5, 60.0},
                             {1e-300, 60.0},  {0.3, 0.1},         {0.7, 0.1},
                             {1.0, 0.1},      {3e15, 7.0},        {4.6e15, 1.0},
                             {1e20, 3.0},     {86399.0, 86400.0}, {43200.5, 1.0 / 3.0}};
  for (const auto& c : cases) {
    INFO("x = " << c[0] << ", divisor = " << c[1]);
    CHECK(same_bits(fmod_exact(c[0], c[1]), std::fmod(c[0], c[1])));
  }
  CHECK(std::isnan(fmod_exact(std::numeric_limits<double>::infinity(), 90.0)));
  CHECK(std::isnan(fmod_exact(std::numeric_limits<double>::quiet_NaN(), 90.0)));

  // Simulation times (steps of 0.1 s to 1 s over days, minus offsets) against cycles.
  std::mt19937_64 random(7);
  std::uniform_real_distribution<double> time(-1000.0, 200000.0);
  std::uniform_real_distribution<double> cycle(1.0, 300.0);
  std::uniform_int_distribution<int> step(0, 2000000);
  int differ = 0;
  for (int i = 0; i < 1000000; ++i) {
    const double divisor = i % 2 ? cycle(random) : std::round(cycle(random));
    const double x = i % 3 ? time(random) : step(random) * 0.1 - 37.0;
    differ += same_bits(fmod_exact(x, divisor), std::fmod(x, divisor)) ? 0 : 1;
  }
  CHECK(differ == 0);
}
