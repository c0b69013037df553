/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * SMCCC 1.1 calls. x0-x3 are results; x4-x17 are preserved by the callee (SMCCC (DEN0028)
 * v1.1, AArch64 register usage), so they are inputs only and not declared clobbered.
 */
#include <stdbool.h>
#include <stdint.h>

#include <sdk/smccc.h>

static inline __attribute__((always_inline)) struct sdk_smccc_res
smccc11_call(bool hvc, uint64_t x0, uint64_t x1, uint64_t x2, uint64_t x3, uint64_t x4, uint64_t x5,
	     uint64_t x6, uint64_t x7)
{
	register uint64_t r0 __asm__("x0") = x0;
	register uint64_t r1 __asm__("x1") = x1;
	register uint64_t r2 __asm__("x2") = x2;
	register uint64_t r3 __asm__("x3") = x3;
	register uint64_t r4 __asm__("x4") = x4;
	register uint64_t r5 __asm__("x5") = x5;
	register uint64_t r6 __asm__("x6") = x6;
	register uint64_t r7 __asm__("x7") = x7;

	if (hvc)
		__asm__ volatile("hvc #0"
				 : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3)
				 : "r"(r4), "r"(r5), "r"(r6), "r"(r7)
				 : "memory");
	else
		__asm__ volatile("smc #0"
				 : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3)
				 : "r"(r4), "r"(r5), "r"(r6), "r"(r7)
				 : "memory");
	return (struct sdk_smccc_res){.x0 = r0, .x1 = r1, .x2 = r2, .x3 = r3};
}

struct sdk_smccc_res sdk_smc11(uint64_t x0, uint64_t x1, uint64_t x2, uint64_t x3, uint64_t x4,
			       uint64_t x5, uint64_t x6, uint64_t x7)
{
	return smccc11_call(false, x0, x1, x2, x3, x4, x5, x6, x7);
}

struct sdk_smccc_res sdk_hvc11(uint64_t x0, uint64_t x1, uint64_t x2, uint64_t x3, uint64_t x4,
			       uint64_t x5, uint64_t x6, uint64_t x7)
{
	return smccc11_call(true, x0, x1, x2, x3, x4, x5, x6, x7);
}
