/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Test S-EL0 partition for FFA_MEM_PERM_GET/SET (tests/test_mem_enforce.c). While it
 * initialises it reads its data page's permissions, makes the page read-only, reads them again
 * and tries three bad requests; then it waits. Each DIRECT_REQ_32 gets, by w3:
 *   0: the boot results: w3 = first GET's w2 | second GET's w2 << 8 | its w3 << 16,
 *      w4 = the errors (negated, one byte each) of the RO set, a RW+X set, an unaligned set and
 *      a set on memory it does not own; w5 = the errors of GET and SET after initialisation;
 *   1: the data page's first word (a read, which the RO page allows);
 *   2: a write to the data page, which faults.
 */
#include <sdk/sdk.h>
#include <sdk/ffa.h>

/* A page of its own memory past the image (loaded at 0x0e700000, 1 MiB). */
#define SP_DATA 0x0e710000ul

static struct sdk_smccc_regs perm_call(uint32_t fid, uint64_t base, uint64_t count, uint64_t perm)
{
	struct sdk_smccc_regs r = {{0}};

	r.x[0] = fid;
	r.x[1] = base;
	r.x[2] = count;
	r.x[3] = perm;
	sdk_ffa_call(&r);
	return r;
}

/* The error code of an answer, negated into a byte (0 for FFA_SUCCESS). */
static uint32_t err_byte(const struct sdk_smccc_regs *r)
{
	if ((uint32_t)r->x[0] == FFA_SUCCESS_32)
		return 0;
	return (uint32_t)(-(int32_t)(uint32_t)r->x[2]) & 0xffu;
}

int main(void)
{
	uint64_t data = SP_DATA;
	uint32_t w[SDK_FFA_DIRECT_PAYLOAD] = {0};
	struct sdk_smccc_regs r, g1, g2;
	uint16_t self;

	g1 = perm_call(FFA_MEM_PERM_GET_32, data, 0, 0);
	r = perm_call(FFA_MEM_PERM_SET_32, data, 1, FFA_MEM_PERM_RO);
	w[1] = err_byte(&r);
	g2 = perm_call(FFA_MEM_PERM_GET_64, data, 3, 0);
	w[0] = (uint32_t)g1.x[2] | (uint32_t)g2.x[2] << 8 | (uint32_t)g2.x[3] << 16;
	r = perm_call(FFA_MEM_PERM_SET_32, data, 1, FFA_MEM_PERM_DATA_RW);
	w[1] |= err_byte(&r) << 8;
	r = perm_call(FFA_MEM_PERM_SET_64, data + 8, 1, FFA_MEM_PERM_RW);
	w[1] |= err_byte(&r) << 16;
	r = perm_call(FFA_MEM_PERM_SET_64, 0x40000000ul, 1, FFA_MEM_PERM_RW);
	w[1] |= err_byte(&r) << 24;
	r = sdk_ffa_id_get();
	self = (uint16_t)r.x[2];
	r = sdk_ffa_msg_wait(0);
	for (;;) {
		uint16_t caller = (uint16_t)(r.x[1] >> 16);

		if ((uint32_t)r.x[0] != FFA_MSG_SEND_DIRECT_REQ_32) {
			r = sdk_ffa_msg_wait(0);
			continue;
		}
		if (r.x[3] == 0) {
			struct sdk_smccc_regs late_get = perm_call(FFA_MEM_PERM_GET_32, data, 0, 0);
			struct sdk_smccc_regs late_set =
				perm_call(FFA_MEM_PERM_SET_32, data, 1, FFA_MEM_PERM_RW);

			w[2] = err_byte(&late_get) | err_byte(&late_set) << 8;
		} else if (r.x[3] == 1) {
			w[0] = *(volatile uint32_t *)data;
		} else {
			*(volatile uint32_t *)data = 0x5a5a5a5au;
		}
		r = sdk_ffa_direct_resp_32(self, caller, w);
	}
}
