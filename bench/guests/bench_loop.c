/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Compute benchmark guest: xorshift64 and a 64-bit LCG over registers, bench_iterations times,
 * with no load or store inside the loop (every guest store takes unicorn's slow path and would
 * measure memory, not execution). The final state goes to bench_result, which the benchmark
 * reads back to check that both engines computed the same thing. bench_iterations is patched
 * by the benchmark before the run.
 */
#include <stdint.h>

#include <sdk/sdk.h>

volatile uint64_t bench_iterations = 80000000;
volatile uint64_t bench_result;

int main(void)
{
	uint64_t n = bench_iterations;
	uint64_t x = 0x9e3779b97f4a7c15ull;
	uint64_t y = 1;

	for (uint64_t i = 0; i < n; i++) {
		/* Marsaglia's xorshift64 (13, 7, 17) and Knuth's MMIX LCG, mixed. */
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		y = y * 6364136223846793005ull + 1442695040888963407ull;
		x += y ^ (y >> 29);
	}
	bench_result = x ^ y;
	return 0;
}
