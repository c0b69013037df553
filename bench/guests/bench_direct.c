/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * World-switch benchmark guest: bench_iterations DIRECT_REQ_32 to the partition bench_target,
 * each checked for its echo, then a semihosting exit (status 0 when every answer echoed).
 * The benchmark patches both words in guest memory before the run.
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
		register uint64_t x0 __asm__("x0") = FFA_MSG_SEND_DIRECT_REQ_32;
		register uint64_t x1 __asm__("x1") = target;
		register uint64_t x2 __asm__("x2") = 0;
		register uint64_t x3 __asm__("x3") = i;

		__asm__ volatile("smc #0"
				 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
				 :
				 : "x4", "x5", "x6", "x7", "memory");
		if ((uint32_t)x0 != FFA_MSG_SEND_DIRECT_RESP_32 || (uint32_t)x3 != (uint32_t)i)
			bad++;
	}
	bench_result = bad;
	return bad == 0 ? 0 : 1;
}
