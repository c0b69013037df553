/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * One wrong access to memory in a transaction with the example memory partitions
 * (systems/memory.yaml), chosen by MEM_FAULT at build time; the access must end the run with
 * a fault report (exit status 3) naming the page's owner and the handle. Everything before
 * the access is printed, so a run that does not fault shows how far it got.
 *  1 the normal world reads a page it lent
 *  2 the normal world writes a page it donated
 *  3 a partition reads a page shared with it before retrieving it
 *  4 a partition reads a page shared with it after relinquishing it
 *  5 a partition reads its own page while it is lent to the other partition
 */
#include "mem_common.h"

static uint8_t page[SDK_FFA_PAGE_SIZE] __attribute__((aligned(SDK_FFA_PAGE_SIZE)));

int main(void)
{
	struct sdk_smccc_regs r;
	uint64_t h;

	if (!mem_setup())
		return 1;
	page[0] = 0x42;
#if MEM_FAULT == 1
	h = mem_give(FFA_MEM_LEND_32, MEM_SP_A, page, 1);
	sdk_printf("lent handle %lx\n", h);
	sdk_printf("lender reads %x\n", *(volatile uint8_t *)page);
#elif MEM_FAULT == 2
	h = mem_give(FFA_MEM_DONATE_32, MEM_SP_A, page, 1);
	sdk_printf("donated handle %lx\n", h);
	*(volatile uint8_t *)page = 1;
	sdk_printf("donor wrote\n");
#elif MEM_FAULT == 3
	h = mem_give(FFA_MEM_SHARE_32, MEM_SP_A, page, 1);
	sdk_printf("shared handle %lx\n", h);
	r = mem_ask(MEM_SP_A, SP_MEM_OP_PEEK, 0, MEM_SELF, (uintptr_t)page, 0);
	mem_show("peek before retrieve", &r);
#elif MEM_FAULT == 4
	h = mem_give(FFA_MEM_SHARE_32, MEM_SP_A, page, 1);
	sdk_printf("shared handle %lx\n", h);
	r = mem_ask(MEM_SP_A, SP_MEM_OP_CHECKSUM, SP_MEM_TYPE_SHARE, MEM_SELF, h, 0);
	mem_show("checksum", &r);
	r = mem_ask(MEM_SP_A, SP_MEM_OP_PEEK, 0, MEM_SELF, (uintptr_t)page, 0);
	mem_show("peek after relinquish", &r);
#elif MEM_FAULT == 5
	r = mem_ask(MEM_SP_A, SP_MEM_OP_GIVE, SP_MEM_TYPE_LEND, MEM_SELF, MEM_SP_B, 0x33);
	mem_show("a lends", &r);
	h = ffa_mem_handle((uint32_t)r.x[4], (uint32_t)r.x[5]);
	sdk_printf("lent handle %lx\n", h);
	r = mem_ask(MEM_SP_A, SP_MEM_OP_TOUCH_OWN, 0, MEM_SELF, 0, 0);
	mem_show("lender touches", &r);
#else
#error "MEM_FAULT names the access (1-5)"
#endif
	(void)r;
	(void)h;
	return 0;
}
