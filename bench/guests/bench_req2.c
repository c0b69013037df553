/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * DIRECT_REQ2 benchmark guest: after FFA_VERSION 1.2, bench_iterations
 * FFA_MSG_SEND_DIRECT_REQ2_64 to the partition bench_target (the default system's built-in
 * echo), x4-x17 carrying a payload that changes every call, each answer checked for
 * DIRECT_RESP2 and the payload back (FF-A v1.2 (DEN0077A) §15.4, §15.5). The null UUID in
 * x2/x3 addresses the partition's only service. Exit status 0 when every answer echoed.
 */
#include <stdint.h>

#include <sdk/sdk.h>
#include <sdk/ffa.h>

#include "bench_words.h"

int main(void)
{
	uint64_t n = bench_iterations, bad = 0;
	uint16_t target = (uint16_t)bench_target;

	sdk_ffa_version(0x10002);
	for (uint64_t i = 0; i < n; i++) {
		register uint64_t x0 __asm__("x0") = FFA_MSG_SEND_DIRECT_REQ2_64;
		register uint64_t x1 __asm__("x1") = target;
		uint64_t diff;

		/* x2/x3 the null UUID, x4-x17 a payload made from i; after the call, diff is the
		 * OR of x2, x3 and each payload register XOR what was sent: 0 for an echo. */
		__asm__ volatile("mov x2, xzr\n"
				 "mov x3, xzr\n"
				 "mov x4, %[i]\n"
				 "add x5, %[i], #5\n"
				 "add x6, %[i], #6\n"
				 "add x7, %[i], #7\n"
				 "add x8, %[i], #8\n"
				 "add x9, %[i], #9\n"
				 "add x10, %[i], #10\n"
				 "add x11, %[i], #11\n"
				 "add x12, %[i], #12\n"
				 "add x13, %[i], #13\n"
				 "add x14, %[i], #14\n"
				 "add x15, %[i], #15\n"
				 "add x16, %[i], #16\n"
				 "mvn x17, %[i]\n"
				 "smc #0\n"
				 "eor x4, x4, %[i]\n"
				 "orr x4, x4, x2\n"
				 "orr x4, x4, x3\n"
				 "add x2, %[i], #5\n"
				 "eor x5, x5, x2\n"
				 "orr x4, x4, x5\n"
				 "add x2, %[i], #6\n"
				 "eor x6, x6, x2\n"
				 "orr x4, x4, x6\n"
				 "add x2, %[i], #7\n"
				 "eor x7, x7, x2\n"
				 "orr x4, x4, x7\n"
				 "add x2, %[i], #8\n"
				 "eor x8, x8, x2\n"
				 "orr x4, x4, x8\n"
				 "add x2, %[i], #9\n"
				 "eor x9, x9, x2\n"
				 "orr x4, x4, x9\n"
				 "add x2, %[i], #10\n"
				 "eor x10, x10, x2\n"
				 "orr x4, x4, x10\n"
				 "add x2, %[i], #11\n"
				 "eor x11, x11, x2\n"
				 "orr x4, x4, x11\n"
				 "add x2, %[i], #12\n"
				 "eor x12, x12, x2\n"
				 "orr x4, x4, x12\n"
				 "add x2, %[i], #13\n"
				 "eor x13, x13, x2\n"
				 "orr x4, x4, x13\n"
				 "add x2, %[i], #14\n"
				 "eor x14, x14, x2\n"
				 "orr x4, x4, x14\n"
				 "add x2, %[i], #15\n"
				 "eor x15, x15, x2\n"
				 "orr x4, x4, x15\n"
				 "add x2, %[i], #16\n"
				 "eor x16, x16, x2\n"
				 "orr x4, x4, x16\n"
				 "mvn x2, %[i]\n"
				 "eor x17, x17, x2\n"
				 "orr x4, x4, x17\n"
				 "mov %[diff], x4"
				 : "+r"(x0), "+r"(x1), [diff] "=r"(diff)
				 : [i] "r"(i)
				 : "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11",
				   "x12", "x13", "x14", "x15", "x16", "x17", "memory");
		if ((uint32_t)x0 != FFA_MSG_SEND_DIRECT_RESP2_64 || diff != 0)
			bad++;
	}
	bench_result = bad;
	return bad == 0 ? 0 : 1;
}
