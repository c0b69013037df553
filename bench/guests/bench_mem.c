/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Memory-management benchmark guest: bench_iterations round trips of one page. With
 * bench_mode 1 each is FFA_MEM_SHARE_64 of the page to partition bench_target (the descriptor
 * written once in the TX buffer), a DIRECT_REQ_32 naming the handle in w3/w4 (the memory model
 * retrieves, reads and relinquishes the page and answers w3 = 0), then FFA_MEM_RECLAIM. With
 * bench_mode 0 each is the DIRECT_REQ_32 alone, to the partition the benchmark names: the
 * baseline of the same run. bench_result counts the wrong answers; the exit status is 0 when
 * there were none.
 */
#include <stdint.h>

#include <abi/memdesc.h>
#include <sdk/ffa.h>
#include <sdk/sdk.h>

#include "bench_words.h"

volatile uint64_t bench_mode = 1;

static uint8_t tx_buf[SDK_FFA_PAGE_SIZE] __attribute__((aligned(SDK_FFA_PAGE_SIZE)));
static uint8_t rx_buf[SDK_FFA_PAGE_SIZE] __attribute__((aligned(SDK_FFA_PAGE_SIZE)));
static uint8_t page[SDK_FFA_PAGE_SIZE] __attribute__((aligned(SDK_FFA_PAGE_SIZE)));

/* x0-x3 of an answer. */
struct bench_answer {
	uint64_t x0, x1, x2, x3;
};

/* One SMC with x0-x4, in registers only: guest stores take unicorn's slow path, and the
 * baseline's request must cost what the round trip's request costs. */
static inline struct bench_answer bench_smc(uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3,
					    uint64_t a4)
{
	register uint64_t x0 __asm__("x0") = a0;
	register uint64_t x1 __asm__("x1") = a1;
	register uint64_t x2 __asm__("x2") = a2;
	register uint64_t x3 __asm__("x3") = a3;
	register uint64_t x4 __asm__("x4") = a4;

	__asm__ volatile("smc #0"
			 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3), "+r"(x4)
			 :
			 : "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12", "x13", "x14", "x15",
			   "x16", "x17", "memory");
	return (struct bench_answer){x0, x1, x2, x3};
}

int main(void)
{
	uint64_t n = bench_iterations, bad = 0;
	uint16_t target = (uint16_t)bench_target;
	bool mem = bench_mode != 0;
	struct ffa_mem_txn txn = {
		.attributes =
			FFA_MEM_ATTR_TYPE_NORMAL | FFA_MEM_ATTR_CACHE_WB | FFA_MEM_ATTR_SHARE_INNER,
		.receiver_count = 1,
		.receivers = {{.id = target, .perms = FFA_MEM_DATA_RW}},
	};
	struct ffa_mem_range range = {.address = (uintptr_t)page, .page_count = 1};
	struct sdk_smccc_regs r;
	uint32_t len;

	sdk_ffa_version(SDK_FFA_VERSION_1_2);
	r = sdk_ffa_rxtx_map_64((uintptr_t)tx_buf, (uintptr_t)rx_buf, 1);
	len = ffa_memdesc_write(tx_buf, sizeof(tx_buf), SDK_FFA_VERSION_1_2, &txn, &range, 1);
	if ((uint32_t)r.x[0] != FFA_SUCCESS_32 || len == 0)
		return 1;
	for (uint64_t i = 0; i < n; i++) {
		struct bench_answer a;
		uint64_t handle = 0;

		if (mem) {
			a = bench_smc(FFA_MEM_SHARE_64, len, len, 0, 0);
			if ((uint32_t)a.x0 != FFA_SUCCESS_32) {
				bad++;
				continue;
			}
			handle = ffa_mem_handle((uint32_t)a.x2, (uint32_t)a.x3);
		}
		a = bench_smc(FFA_MSG_SEND_DIRECT_REQ_32, target, 0, (uint32_t)handle,
			      handle >> 32);
		if ((uint32_t)a.x0 != FFA_MSG_SEND_DIRECT_RESP_32 || (mem && a.x3 != 0))
			bad++;
		if (mem) {
			a = bench_smc(FFA_MEM_RECLAIM, (uint32_t)handle, handle >> 32, 0, 0);
			if ((uint32_t)a.x0 != FFA_SUCCESS_32)
				bad++;
		}
	}
	bench_result = bad;
	return bad == 0 ? 0 : 1;
}
