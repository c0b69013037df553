/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Memory calls for the call trace and the fault report's call log: shares one page of its own
 * with partition 0x8001 from its TX buffer, reclaims it by the handle it got (0x1234 when the
 * share was refused), prints each answer, then stops at a `brk` so that the fault report lists
 * the calls.
 */
#include <abi/memdesc.h>
#include <sdk/ffa.h>
#include <sdk/sdk.h>

#define PARTITION_ID 0x8001u

static uint8_t tx_buf[SDK_FFA_PAGE_SIZE] __attribute__((aligned(SDK_FFA_PAGE_SIZE)));
static uint8_t rx_buf[SDK_FFA_PAGE_SIZE] __attribute__((aligned(SDK_FFA_PAGE_SIZE)));
static uint8_t page[SDK_FFA_PAGE_SIZE] __attribute__((aligned(SDK_FFA_PAGE_SIZE)));

static void show(const char *name, const struct sdk_smccc_regs *r)
{
	char buf[64];

	sdk_printf("%s -> %s\n", name, sdk_ffa_result_text(r, buf, sizeof(buf)));
}

int main(void)
{
	struct ffa_mem_txn txn = {
		.sender = 0,
		.attributes =
			FFA_MEM_ATTR_TYPE_NORMAL | FFA_MEM_ATTR_CACHE_WB | FFA_MEM_ATTR_SHARE_INNER,
		.receiver_count = 1,
		.receivers = {{.id = PARTITION_ID, .perms = FFA_MEM_DATA_RW}},
	};
	struct ffa_mem_range range = {.address = (uintptr_t)page, .page_count = 1};
	struct sdk_smccc_regs r;
	uint64_t handle = 0x1234;
	uint32_t len;

	r = sdk_ffa_version(SDK_FFA_VERSION_1_2);
	r = sdk_ffa_rxtx_map_64((uintptr_t)tx_buf, (uintptr_t)rx_buf, 1);
	show("rxtx_map", &r);
	len = ffa_memdesc_write(tx_buf, sizeof(tx_buf), SDK_FFA_VERSION_1_2, &txn, &range, 1);
	r = (struct sdk_smccc_regs){.x = {FFA_MEM_SHARE_64, len, len, 0, 0}};
	sdk_ffa_call(&r);
	show("mem_share", &r);
	if ((uint32_t)r.x[0] == FFA_SUCCESS_32)
		handle = ffa_mem_handle((uint32_t)r.x[2], (uint32_t)r.x[3]);
	r = (struct sdk_smccc_regs){.x = {FFA_MEM_RECLAIM, (uint32_t)handle, handle >> 32, 0}};
	sdk_ffa_call(&r);
	show("mem_reclaim", &r);
	__asm__ volatile("brk #0");
	return 0;
}
