/* SPDX-License-Identifier: BSD-3-Clause */
/* Helpers of the memory end-to-end guests (mem_common.h). */
#include "mem_common.h"

uint8_t mem_tx[SDK_FFA_PAGE_SIZE] __attribute__((aligned(SDK_FFA_PAGE_SIZE)));
uint8_t mem_rx[SDK_FFA_PAGE_SIZE] __attribute__((aligned(SDK_FFA_PAGE_SIZE)));

bool mem_setup(void)
{
	struct sdk_smccc_regs r = sdk_ffa_version(SDK_FFA_VERSION_1_2);

	r = sdk_ffa_rxtx_map_64((uintptr_t)mem_tx, (uintptr_t)mem_rx, 1);
	mem_show_call("rxtx_map", &r);
	return sdk_ffa_is_success(&r);
}

uint64_t mem_give(uint32_t fid, uint16_t to, void *page, uint32_t pages)
{
	struct ffa_mem_range range = {.address = (uintptr_t)page, .page_count = pages};
	struct sdk_ffa_mem_desc d;
	struct sdk_smccc_regs r;
	uint32_t len;

	/* FF-A v1.2 (DEN0077A) §10.10: the sender leaves the instruction access to the borrower;
	 * a lend to one borrower or a donate leaves the memory type to it too, and a donate the
	 * data access. */
	sdk_ffa_mem_desc_init(&d, MEM_SELF, fid == FFA_MEM_SHARE_32 ? MEM_ATTR_SHARED : 0, 0);
	sdk_ffa_mem_desc_add_receiver(&d, to, fid == FFA_MEM_DONATE_32 ? 0 : FFA_MEM_DATA_RW, 0);
	sdk_ffa_mem_desc_set_ranges(&d, &range, 1);
	len = sdk_ffa_mem_desc_write(&d, mem_tx, sizeof(mem_tx), SDK_FFA_VERSION_1_2);
	if (fid == FFA_MEM_LEND_32)
		r = sdk_ffa_mem_lend_32(len, len, 0, 0);
	else if (fid == FFA_MEM_DONATE_32)
		r = sdk_ffa_mem_donate_32(len, len, 0, 0);
	else
		r = sdk_ffa_mem_share_32(len, len, 0, 0);
	if (!sdk_ffa_is_success(&r)) {
		mem_show_call(sdk_ffa_func_name(fid), &r);
		return FFA_MEM_HANDLE_INVALID;
	}
	return sdk_ffa_mem_answer_handle(&r);
}

struct sdk_smccc_regs mem_ask(uint16_t sp, uint32_t op, uint32_t type, uint16_t owner,
			      uint64_t handle, uint32_t arg)
{
	uint32_t w[SDK_FFA_DIRECT_PAYLOAD] = {sp_mem_w3(op, type, owner), (uint32_t)handle,
					      (uint32_t)(handle >> 32), arg, 0};

	return sdk_ffa_direct_req_32(MEM_SELF, (uint16_t)sp, w);
}

void mem_show(const char *name, const struct sdk_smccc_regs *r)
{
	char buf[64];

	if ((uint32_t)r->x[0] != FFA_MSG_SEND_DIRECT_RESP_32) {
		sdk_printf("%s -> %s\n", name, sdk_ffa_result_text(r, buf, sizeof(buf)));
		return;
	}
	sdk_printf("%s -> status %d w4 %x w5 %x step %u\n", name, (int32_t)r->x[3],
		   (uint32_t)r->x[4], (uint32_t)r->x[5], (uint32_t)r->x[7]);
}

void mem_show_call(const char *name, const struct sdk_smccc_regs *r)
{
	int32_t code;

	if (sdk_ffa_is_error(r, &code))
		sdk_printf("%s -> ERROR %s\n", name, sdk_ffa_error_name(code));
	else
		sdk_printf("%s -> OK\n", name);
}
