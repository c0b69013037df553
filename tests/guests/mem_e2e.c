/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A normal-world guest that shares, lends and donates memory with the example memory
 * partitions (systems/memory.yaml) and checks every side's view, one line per step:
 *  - share a page: the partition sums it and fills it with 0x5a; the guest, which keeps its
 *    access while sharing, reads the fill back and reclaims the page;
 *  - lend a page: the partition XORs it with 0xff; the guest reclaims it and reads the result;
 *  - donate a page: the partition sums it and keeps it (reclaiming it is refused);
 *  - one partition shares, then lends, a page of its own with the other, which reads and
 *    writes it, and reclaims it;
 *  - a descriptor of 260 constituents, larger than the TX buffer, sent in two fragments
 *    (FFA_MEM_FRAG_TX), and retrieved by the partition with FFA_MEM_FRAG_RX.
 * Built with -DMEM_E2E_NO_DONATE for the pKVM proxy, which refuses the host's donations.
 */
#include "mem_common.h"

#define FRAG_PAGES 260u
#define FRAG_BASE 0x40400000u

static uint8_t page[3][SDK_FFA_PAGE_SIZE] __attribute__((aligned(SDK_FFA_PAGE_SIZE)));
static struct ffa_mem_range frag_ranges[FRAG_PAGES];
static uint8_t frag_desc[8192];

static uint32_t sum(const volatile uint8_t *p, uint32_t n)
{
	uint32_t s = 0;

	for (uint32_t i = 0; i < n; i++)
		s += p[i];
	return s;
}

static void fill(volatile uint8_t *p, uint32_t n, uint8_t v)
{
	for (uint32_t i = 0; i < n; i++)
		p[i] = v;
}

static void share_step(void)
{
	struct sdk_smccc_regs r;
	uint64_t h;

	fill(page[0], sizeof(page[0]), 0x11);
	h = mem_give(FFA_MEM_SHARE_32, MEM_SP_A, page[0], 1);
	sdk_printf("share handle %s\n", h == FFA_MEM_HANDLE_INVALID ? "invalid" : "valid");
	r = mem_ask(MEM_SP_A, SP_MEM_OP_CHECKSUM, SP_MEM_TYPE_SHARE, MEM_SELF, h, 0);
	mem_show("share checksum", &r);
	sdk_printf("share sharer reads %x\n", page[0][17]);
	r = mem_ask(MEM_SP_A, SP_MEM_OP_WRITE, SP_MEM_TYPE_SHARE, MEM_SELF, h, 0x5a);
	mem_show("share write", &r);
	sdk_printf("share sharer sum %x\n", sum(page[0], sizeof(page[0])));
	r = sdk_ffa_mem_reclaim(h, 0);
	mem_show_call("share reclaim", &r);
	r = sdk_ffa_mem_reclaim(h, 0);
	mem_show_call("share reclaim again", &r);
}

static void lend_step(void)
{
	struct sdk_smccc_regs r;
	uint64_t h;

	fill(page[1], sizeof(page[1]), 0x5a);
	h = mem_give(FFA_MEM_LEND_32, MEM_SP_A, page[1], 1);
	sdk_printf("lend handle %s\n", h == FFA_MEM_HANDLE_INVALID ? "invalid" : "valid");
	r = mem_ask(MEM_SP_A, SP_MEM_OP_XOR, SP_MEM_TYPE_LEND, MEM_SELF, h, 0xff);
	mem_show("lend xor", &r);
	r = sdk_ffa_mem_reclaim(h, 0);
	mem_show_call("lend reclaim", &r);
	sdk_printf("lend lender sum %x\n", sum(page[1], sizeof(page[1])));
}

#ifndef MEM_E2E_NO_DONATE
static void donate_step(void)
{
	struct sdk_smccc_regs r;
	uint64_t h;

	fill(page[2], sizeof(page[2]), 0x01);
	h = mem_give(FFA_MEM_DONATE_32, MEM_SP_A, page[2], 1);
	sdk_printf("donate handle %s\n", h == FFA_MEM_HANDLE_INVALID ? "invalid" : "valid");
	r = mem_ask(MEM_SP_A, SP_MEM_OP_CHECKSUM, SP_MEM_TYPE_DONATE, MEM_SELF, h, 0);
	mem_show("donate checksum", &r);
	r = sdk_ffa_mem_reclaim(h, 0);
	mem_show_call("donate reclaim", &r);
}
#endif

static void partition_step(uint32_t type, const char *name)
{
	struct sdk_smccc_regs r;
	uint64_t h;
	char line[48];

	r = mem_ask(MEM_SP_A, SP_MEM_OP_GIVE, type, MEM_SELF, MEM_SP_B, 0x33);
	sdk_snprintf(line, sizeof(line), "%s a gives", name);
	mem_show(line, &r);
	h = ffa_mem_handle((uint32_t)r.x[4], (uint32_t)r.x[5]);
	r = mem_ask(MEM_SP_B, SP_MEM_OP_CHECKSUM, type, MEM_SP_A, h, 0);
	sdk_snprintf(line, sizeof(line), "%s b checksum", name);
	mem_show(line, &r);
	r = mem_ask(MEM_SP_B, SP_MEM_OP_WRITE, type, MEM_SP_A, h, 0x02);
	sdk_snprintf(line, sizeof(line), "%s b write", name);
	mem_show(line, &r);
	r = mem_ask(MEM_SP_A, SP_MEM_OP_RECLAIM, 0, MEM_SELF, h, 0);
	sdk_snprintf(line, sizeof(line), "%s a reclaims", name);
	mem_show(line, &r);
}

static void fragment_step(void)
{
	struct sdk_ffa_mem_desc d;
	struct sdk_smccc_regs r;
	uint32_t len, frags = 0;
	uint64_t h;

	for (uint32_t i = 0; i < FRAG_PAGES; i++) {
		frag_ranges[i] = (struct ffa_mem_range){
			.address = FRAG_BASE + i * SDK_FFA_PAGE_SIZE, .page_count = 1};
		fill((volatile uint8_t *)(uintptr_t)frag_ranges[i].address, SDK_FFA_PAGE_SIZE,
		     (uint8_t)i);
	}
	sdk_ffa_mem_desc_init(&d, MEM_SELF, MEM_ATTR_SHARED, 0);
	sdk_ffa_mem_desc_add_receiver(&d, MEM_SP_A, FFA_MEM_DATA_RW, 0);
	sdk_ffa_mem_desc_set_ranges(&d, frag_ranges, FRAG_PAGES);
	len = sdk_ffa_mem_desc_write(&d, frag_desc, sizeof(frag_desc), SDK_FFA_VERSION_1_2);
	r = sdk_ffa_mem_send_fragments(FFA_MEM_SHARE_32, frag_desc, len, mem_tx, sizeof(mem_tx), 0,
				       &frags);
	sdk_printf("fragments sent %u of %u bytes\n", frags, len);
	mem_show_call("fragmented share", &r);
	h = sdk_ffa_mem_answer_handle(&r);
	r = mem_ask(MEM_SP_A, SP_MEM_OP_CHECKSUM, SP_MEM_TYPE_SHARE, MEM_SELF, h, 0);
	mem_show("fragmented checksum", &r);
	r = sdk_ffa_mem_reclaim(h, 0);
	mem_show_call("fragmented reclaim", &r);
}

int main(void)
{
	if (!mem_setup())
		return 1;
	share_step();
	lend_step();
#ifndef MEM_E2E_NO_DONATE
	donate_step();
#endif
	partition_step(SP_MEM_TYPE_SHARE, "p2p share");
	partition_step(SP_MEM_TYPE_LEND, "p2p lend");
	fragment_step();
	return 0;
}
