/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Example partition: a borrower and a lender of memory (FF-A v1.2 (DEN0077A) §10-§11). It maps
 * its RX/TX buffers at boot; on a direct request naming a handle and an operation
 * (sp_memory.h) it retrieves the memory with FFA_MEM_RETRIEVE_REQ, reads the retrieve response
 * (FFA_MEM_FRAG_RX for the fragments that follow), reads, fills or XORs the pages,
 * relinquishes them (FFA_MEM_RELINQUISH; a donation stays its own) and answers with the
 * result. It also shares or lends a page of its own memory with another partition and
 * reclaims it.
 */
#include "sp_common.h"
#include "sp_memory.h"

#include <sdk/ffa_mem.h>

/* The version the partition negotiates and writes descriptors in. */
#define SP_MEM_VERSION SDK_FFA_VERSION_1_2
/* Normal, write-back, inner-shareable memory: what a share names. */
#define SP_MEM_ATTR_SHARED                                                                         \
	(FFA_MEM_ATTR_TYPE_NORMAL | FFA_MEM_ATTR_CACHE_WB | FFA_MEM_ATTR_SHARE_INNER)

static uint8_t tx[SDK_FFA_PAGE_SIZE] __attribute__((aligned(SDK_FFA_PAGE_SIZE)));
static uint8_t rx[SDK_FFA_PAGE_SIZE] __attribute__((aligned(SDK_FFA_PAGE_SIZE)));
/* A retrieve response, reassembled from its fragments. */
static uint8_t resp[4 * SDK_FFA_PAGE_SIZE];
/* The page it shares or lends. */
static uint8_t own_page[SDK_FFA_PAGE_SIZE] __attribute__((aligned(SDK_FFA_PAGE_SIZE)));

struct sp_mem_answer {
	int32_t status;
	uint32_t w4, w5, w6;
	uint32_t step;
};

static struct sp_mem_answer sp_mem_failed(const struct sdk_smccc_regs *r, uint32_t step)
{
	int32_t code = FFA_INVALID_PARAMETERS;

	sdk_ffa_is_error(r, &code);
	return (struct sp_mem_answer){.status = code, .step = step};
}

static uint32_t sp_mem_sum(const volatile uint8_t *p, uint32_t n)
{
	uint32_t sum = 0;

	for (uint32_t i = 0; i < n; i++)
		sum += p[i];
	return sum;
}

/* Applies op to every page of the retrieved transaction; returns the op's result (w4). */
static uint32_t sp_mem_touch(uint32_t op, uint8_t arg, const struct ffa_mem_txn *txn)
{
	uint32_t result = 0;

	for (uint32_t i = 0; i < txn->range_count; i++) {
		struct ffa_mem_range r = ffa_memdesc_range(resp, txn, i);
		volatile uint8_t *p = (volatile uint8_t *)(uintptr_t)r.address;
		uint32_t n = r.page_count * FFA_MEM_PAGE_SIZE;

		for (uint32_t b = 0; b < n; b++) {
			if (op == SP_MEM_OP_WRITE)
				p[b] = arg;
			else if (op == SP_MEM_OP_XOR)
				p[b] ^= arg;
		}
		result += op == SP_MEM_OP_WRITE ? n : sp_mem_sum(p, n);
	}
	return result;
}

/* Retrieve, use, relinquish: the borrower's side of one transaction. */
static struct sp_mem_answer sp_mem_borrow(uint16_t self, uint32_t w3, uint64_t handle, uint8_t arg)
{
	uint32_t op = w3 & 0xffu, type = (w3 >> 8) & 0xffu;
	uint16_t owner = (uint16_t)(w3 >> 16);
	struct sdk_ffa_mem_desc d;
	struct ffa_mem_txn txn;
	struct ffa_memdesc_fault fault;
	struct sdk_smccc_regs r, err;
	struct sp_mem_answer a = {0};
	uint32_t len;

	sdk_ffa_mem_retrieve_init(&d, owner, handle, 0, type << FFA_MEM_FLAG_TYPE_SHIFT, self,
				  FFA_MEM_DATA_RW);
	len = sdk_ffa_mem_desc_write(&d, tx, sizeof(tx), SP_MEM_VERSION);
	r = sdk_ffa_mem_retrieve_req_32(len, len, 0, 0);
	if ((uint32_t)r.x[0] != FFA_MEM_RETRIEVE_RESP)
		return sp_mem_failed(&r, SP_MEM_STEP_RETRIEVE);
	len = sdk_ffa_mem_retrieve_read(&r, handle, rx, sizeof(rx), resp, sizeof(resp), NULL, &err);
	if (len == 0)
		return sp_mem_failed(&err, SP_MEM_STEP_RESPONSE);
	if (ffa_memdesc_parse(resp, len, SP_MEM_VERSION, &txn, &fault) != FFA_OK ||
	    txn.range_count == 0)
		return (struct sp_mem_answer){.status = FFA_INVALID_PARAMETERS,
					      .step = SP_MEM_STEP_RESPONSE};
	a.w4 = sp_mem_touch(op, arg, &txn);
	a.w5 = txn.total_page_count;
	a.w6 = (uint32_t)ffa_memdesc_range(resp, &txn, 0).address;
	/* A donation makes the partition the owner: there is nothing to relinquish. */
	if (type == SP_MEM_TYPE_DONATE)
		return a;
	len = sdk_ffa_mem_relinquish_write(tx, sizeof(tx), handle, 0, self);
	r = sdk_ffa_mem_relinquish();
	if (!sdk_ffa_is_success(&r))
		return sp_mem_failed(&r, SP_MEM_STEP_RELINQUISH);
	return a;
}

/* Shares or lends own_page with the partition `to`: the lender's side. */
static struct sp_mem_answer sp_mem_give(uint16_t self, uint32_t type, uint16_t to, uint8_t fill)
{
	struct ffa_mem_range range = {.address = (uintptr_t)own_page, .page_count = 1};
	struct sdk_ffa_mem_desc d;
	struct sdk_smccc_regs r;
	uint64_t handle;
	uint32_t len;

	for (uint32_t i = 0; i < sizeof(own_page); i++)
		own_page[i] = fill;
	/* FF-A v1.2 (DEN0077A) §10.10: the instruction access is the borrower's to ask for, and
	 * so is the memory type of a lend to one borrower. */
	sdk_ffa_mem_desc_init(&d, self, type == SP_MEM_TYPE_LEND ? 0 : SP_MEM_ATTR_SHARED, 0);
	sdk_ffa_mem_desc_add_receiver(&d, to, FFA_MEM_DATA_RW, 0);
	sdk_ffa_mem_desc_set_ranges(&d, &range, 1);
	len = sdk_ffa_mem_desc_write(&d, tx, sizeof(tx), SP_MEM_VERSION);
	r = type == SP_MEM_TYPE_LEND ? sdk_ffa_mem_lend_32(len, len, 0, 0)
				     : sdk_ffa_mem_share_32(len, len, 0, 0);
	if (!sdk_ffa_is_success(&r))
		return sp_mem_failed(&r, SP_MEM_STEP_SEND);
	handle = sdk_ffa_mem_answer_handle(&r);
	return (struct sp_mem_answer){.w4 = (uint32_t)handle,
				      .w5 = (uint32_t)(handle >> 32),
				      .w6 = (uint32_t)(uintptr_t)own_page};
}

static struct sp_mem_answer sp_mem_reclaim(uint64_t handle)
{
	struct sdk_smccc_regs r = sdk_ffa_mem_reclaim(handle, 0);

	if (!sdk_ffa_is_success(&r))
		return sp_mem_failed(&r, SP_MEM_STEP_RECLAIM);
	return (struct sp_mem_answer){.w4 = sp_mem_sum(own_page, sizeof(own_page))};
}

static struct sp_mem_answer sp_mem_request(uint16_t self, const struct sdk_smccc_regs *req)
{
	uint32_t w3 = (uint32_t)req->x[3];
	uint64_t handle = ffa_mem_handle((uint32_t)req->x[4], (uint32_t)req->x[5]);
	uint8_t arg = (uint8_t)req->x[6];

	switch (w3 & 0xffu) {
	case SP_MEM_OP_CHECKSUM:
	case SP_MEM_OP_WRITE:
	case SP_MEM_OP_XOR:
		return sp_mem_borrow(self, w3, handle, arg);
	case SP_MEM_OP_GIVE:
		return sp_mem_give(self, (w3 >> 8) & 0xffu, (uint16_t)req->x[4], arg);
	case SP_MEM_OP_RECLAIM:
		return sp_mem_reclaim(handle);
	case SP_MEM_OP_TOUCH_OWN:
		return (struct sp_mem_answer){.w4 = *(volatile uint8_t *)own_page};
	case SP_MEM_OP_PEEK:
		return (struct sp_mem_answer){
			.w4 = *(volatile uint8_t *)(uintptr_t)(uint32_t)req->x[4]};
	default:
		return (struct sp_mem_answer){.status = FFA_INVALID_PARAMETERS,
					      .step = SP_MEM_STEP_REQUEST};
	}
}

int main(void)
{
	struct sdk_smccc_regs r;
	uint16_t self;

	sdk_ffa_version(SP_MEM_VERSION);
	self = sp_self();
	r = sdk_ffa_rxtx_map_64((uintptr_t)tx, (uintptr_t)rx, 1);
	sdk_ffa_console_puts(sdk_ffa_is_success(&r) ? "memory: ready\n"
						    : "memory: RXTX_MAP failed\n");
	r = sdk_ffa_msg_wait(0);
	for (;;) {
		if ((uint32_t)r.x[0] == FFA_MSG_SEND_DIRECT_REQ_32) {
			struct sp_mem_answer a = sp_mem_request(self, &r);
			uint32_t w[SDK_FFA_DIRECT_PAYLOAD] = {(uint32_t)a.status, a.w4, a.w5, a.w6,
							      a.step};

			r = sdk_ffa_direct_resp_32(self, sp_source(&r), w);
		} else {
			r = sdk_ffa_msg_wait(0);
		}
	}
}
