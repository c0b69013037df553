/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The host sharing memory through the pKVM proxy, end to end (docs/hypervisor.md, "Memory
 * sharing"): a page shared with partition 0x8001, the same page shared again (the proxy
 * refuses it: DENIED), a page of the proxy's reserved memory lent (DENIED), the share
 * reclaimed (the proxy retrieves the descriptor from the SPMC, reclaims, unshares), the page
 * shared and reclaimed again. One line per call: "<name> -> <answer>".
 */
#include <sdk/ffa.h>
#include <sdk/ffa_mem.h>
#include <sdk/sdk.h>

#define ECHO_ID 0x8001u
/* A page of the proxy's reserved memory on virt (the last 64 KiB of RAM below 2 GiB). */
#define RESERVED_PAGE 0x7fff4000ull

static uint8_t tx_buf[SDK_FFA_PAGE_SIZE] __attribute__((aligned(SDK_FFA_PAGE_SIZE)));
static uint8_t rx_buf[SDK_FFA_PAGE_SIZE] __attribute__((aligned(SDK_FFA_PAGE_SIZE)));
static uint8_t page[SDK_FFA_PAGE_SIZE] __attribute__((aligned(SDK_FFA_PAGE_SIZE)));

static void show(const char *name, const struct sdk_smccc_regs *r)
{
	char buf[64];

	if (sdk_ffa_is_success(r))
		sdk_printf("%s -> SUCCESS\n", name);
	else
		sdk_printf("%s -> %s x2=0x%llx\n", name, sdk_ffa_result_text(r, buf, sizeof(buf)),
			   (unsigned long long)r->x[2]);
}

/* Writes a one-page descriptor from the host to the echo partition into the TX buffer. */
static uint32_t write_desc(uint64_t address)
{
	struct ffa_mem_range range = {address, 1};
	struct sdk_ffa_mem_desc d;

	sdk_ffa_mem_desc_init(
		&d, 0, FFA_MEM_ATTR_TYPE_NORMAL | FFA_MEM_ATTR_CACHE_WB | FFA_MEM_ATTR_SHARE_INNER,
		0);
	sdk_ffa_mem_desc_add_receiver(&d, ECHO_ID, FFA_MEM_DATA_RW, 0);
	sdk_ffa_mem_desc_set_ranges(&d, &range, 1);
	return sdk_ffa_mem_desc_write(&d, tx_buf, sizeof(tx_buf), SDK_FFA_VERSION_1_2);
}

static uint64_t share(const char *name, uint64_t address)
{
	uint32_t len = write_desc(address);
	struct sdk_smccc_regs r = sdk_ffa_mem_share_64(len, len, 0, 0);

	show(name, &r);
	return sdk_ffa_mem_answer_handle(&r);
}

int main(void)
{
	struct sdk_smccc_regs r;
	uint64_t handle;
	uint32_t len;

	r = sdk_ffa_version(SDK_FFA_VERSION_1_2);
	sdk_printf("version -> 0x%x\n", (unsigned)(uint32_t)r.x[0]);
	r = sdk_ffa_rxtx_map_64((uintptr_t)tx_buf, (uintptr_t)rx_buf, 1);
	show("rxtx_map", &r);
	r = sdk_ffa_features(FFA_MEM_SHARE_64, 0);
	show("features_share", &r);

	handle = share("share", (uintptr_t)page);
	(void)share("share_again", (uintptr_t)page);
	len = write_desc(RESERVED_PAGE);
	r = sdk_ffa_mem_lend_64(len, len, 0, 0);
	show("lend_reserved", &r);
	r = sdk_ffa_mem_reclaim(handle, 0);
	show("reclaim", &r);
	r = sdk_ffa_mem_reclaim(handle, 0);
	show("reclaim_again", &r);
	handle = share("share_after_reclaim", (uintptr_t)page);
	r = sdk_ffa_mem_reclaim(handle, 0);
	show("reclaim_after", &r);
	sdk_printf("hyp_mem_share: done\n");
	return 0;
}
