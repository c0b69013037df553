/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Trap-path benchmark guest: BENCH_CALL through SMC #0, bench_iterations times in a tight
 * loop, then a semihosting exit. Status 0 when every call answered BENCH_ANSWER in w0, 1
 * otherwise. The benchmark overwrites bench_iterations in guest memory before the run (it finds
 * the word through the ELF symbol table), so one image serves both the quick and the full run.
 *
 * bench_smc calls SMCCC_VERSION, which the firmware answers itself. bench_ffa is this file
 * built with BENCH_CALL=FFA_ID_GET and BENCH_ANSWER=FFA_SUCCESS_32: the call crosses the
 * firmware into the SPMC's dispatcher (function table, personality, version gate, handler), so
 * the difference between the two is the cost of that path (run it with
 * `ffa-sim-bench --only smc --smc-guest bench_ffa.elf`).
 */
#include <stdint.h>

#include <sdk/sdk.h>

#ifndef BENCH_CALL
#define BENCH_CALL SMCCC_VERSION
/* SMCCC (DEN0028) §7.2.1: SMCCC_VERSION answers 1.2 as 0x10002 in w0. */
#define BENCH_ANSWER SMCCC_VERSION_1_2
#endif

/* Calls to make; in .data so that the benchmark can patch it. */
volatile uint64_t bench_iterations = 2000000;
/* Calls whose answer was wrong; read back by the benchmark. */
volatile uint64_t bench_result;

int main(void)
{
	uint64_t n = bench_iterations;
	uint64_t bad = 0;

	for (uint64_t i = 0; i < n; i++) {
		register uint64_t x0 __asm__("x0") = BENCH_CALL;

		/* An SMC32 call under SMCCC 1.2 returns w0-w7; x8-x30 are preserved (§2.7). */
		__asm__ volatile("smc #0"
				 : "+r"(x0)
				 :
				 : "x1", "x2", "x3", "x4", "x5", "x6", "x7", "memory");
		if ((uint32_t)x0 != BENCH_ANSWER)
			bad++;
	}
	bench_result = bad;
	return bad == 0 ? 0 : 1;
}
