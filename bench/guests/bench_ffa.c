/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * FF-A dispatch benchmark guest: FFA_ID_GET through SMC #0, bench_iterations times in a tight
 * loop, then a semihosting exit. It is bench_smc with an FF-A call instead of SMCCC_VERSION:
 * the call crosses the firmware into the SPMC's dispatcher (function table, personality,
 * version gate, handler), so the difference to bench_smc is the cost of that path. Status 0
 * when every call answered FFA_SUCCESS_32, 1 otherwise. Run it with
 * `ffa-sim-bench --only smc --smc-guest bench_ffa.elf` (docs/performance.md).
 */
#include <stdint.h>

#include <sdk/ffa.h>
#include <sdk/sdk.h>

/* Calls to make; in .data so that the benchmark can patch it. */
volatile uint64_t bench_iterations = 2000000;
/* Calls whose answer was wrong; read back by the benchmark. */
volatile uint64_t bench_result;

int main(void)
{
	uint64_t n = bench_iterations;
	uint64_t bad = 0;

	for (uint64_t i = 0; i < n; i++) {
		register uint64_t x0 __asm__("x0") = FFA_ID_GET;

		/* An SMC32 call under SMCCC 1.2 returns w0-w7; x8-x30 are preserved (§2.7). */
		__asm__ volatile("smc #0"
				 : "+r"(x0)
				 :
				 : "x1", "x2", "x3", "x4", "x5", "x6", "x7", "memory");
		if ((uint32_t)x0 != FFA_SUCCESS_32)
			bad++;
	}
	bench_result = bad;
	return bad == 0 ? 0 : 1;
}
