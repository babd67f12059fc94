// The SHA-256 rounds on the x86 SHA extensions. The instructions keep the working variables in
// two registers, lanes high to low A B E F and C D G H; one sha256rnds2 does two rounds,
// taking the message words plus round constants of both in the low 64 bits of its third
// operand, and returns the new A B E F, while the new C D G H are the old A B E F. The message
// schedule (W16..W63) comes four words at a time from sha256msg1 (W[t-16] + sigma0(W[t-15])),
// the W[t-7] terms and sha256msg2 (+ sigma1(W[t-2])). Compiled for these instructions only in
// this file (target attributes), and run only after cpuid says the processor has them.

#include "base/sha256_hardware.hpp"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <cpuid.h>
#include <immintrin.h>

namespace arteria {

bool sha256_hardware_available() {
  unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
  if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return false;
  const bool ssse3 = ecx & (1u << 9);
  const bool sse41 = ecx & (1u << 19);
  if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return false;
  const bool sha = ebx & (1u << 29);
  return ssse3 && sse41 && sha;
}

__attribute__((target("sha,ssse3,sse4.1"))) void sha256_hardware_compress(
    std::uint32_t* state, const std::uint8_t* blocks, std::size_t count) {
  // Message words are big-endian: reverse the bytes of each 32-bit lane.
  const __m128i big_endian = _mm_set_epi8(12, 13, 14, 15, 8, 9, 10, 11, 4, 5, 6, 7, 0, 1, 2, 3);
  __m128i abef = _mm_set_epi32(static_cast<int>(state[0]), static_cast<int>(state[1]),
                               static_cast<int>(state[4]), static_cast<int>(state[5]));
  __m128i cdgh = _mm_set_epi32(static_cast<int>(state[2]), static_cast<int>(state[3]),
                               static_cast<int>(state[6]), static_cast<int>(state[7]));
  for (; count > 0; --count, blocks += 64) {
    const __m128i abef_before = abef;
    const __m128i cdgh_before = cdgh;
    // words[g % 4] holds W[4g .. 4g+3], lane 0 first; each group of four rounds replaces the
    // oldest four words (W[4g-16 ..]) with the next four.
    __m128i words[4];
    for (int i = 0; i < 4; ++i) {
      const auto* at = reinterpret_cast<const __m128i*>(blocks + 16 * i);
      words[i] = _mm_shuffle_epi8(_mm_loadu_si128(at), big_endian);
    }
    for (int group = 0; group < 16; ++group) {
      __m128i& current = words[group % 4];
      if (group >= 4) {
        const __m128i& older = words[(group + 1) % 4];   // W[t-12 .. t-9], t = 4 group
        const __m128i& recent = words[(group + 2) % 4];  // W[t-8 .. t-5]
        const __m128i& last = words[(group + 3) % 4];    // W[t-4 .. t-1]
        __m128i next = _mm_sha256msg1_epu32(current, older);
        next = _mm_add_epi32(next, _mm_alignr_epi8(last, recent, 4));  // + W[t-7 .. t-4]
        current = _mm_sha256msg2_epu32(next, last);
      }
      const auto* constants = reinterpret_cast<const __m128i*>(sha256_round_constants + 4 * group);
      const __m128i word_plus_constant = _mm_add_epi32(current, _mm_loadu_si128(constants));
      cdgh = _mm_sha256rnds2_epu32(cdgh, abef, word_plus_constant);  // now the new A B E F
      abef = _mm_sha256rnds2_epu32(abef, cdgh, _mm_shuffle_epi32(word_plus_constant, 0x0E));
    }
    abef = _mm_add_epi32(abef, abef_before);
    cdgh = _mm_add_epi32(cdgh, cdgh_before);
  }
  state[0] = static_cast<std::uint32_t>(_mm_extract_epi32(abef, 3));
  state[1] = static_cast<std::uint32_t>(_mm_extract_epi32(abef, 2));
  state[4] = static_cast<std::uint32_t>(_mm_extract_epi32(abef, 1));
  state[5] = static_cast<std::uint32_t>(_mm_extract_epi32(abef, 0));
  state[2] = static_cast<std::uint32_t>(_mm_extract_epi32(cdgh, 3));
  state[3] = static_cast<std::uint32_t>(_mm_extract_epi32(cdgh, 2));
  state[6] = static_cast<std::uint32_t>(_mm_extract_epi32(cdgh, 1));
  state[7] = static_cast<std::uint32_t>(_mm_extract_epi32(cdgh, 0));
}

}  // namespace arteria

#else

namespace arteria {

bool sha256_hardware_available() {
  return false;
}

void sha256_hardware_compress(std::uint32_t*, const std::uint8_t*, std::size_t) {}

}  // namespace arteria

#endif
