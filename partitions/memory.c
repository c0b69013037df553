/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The `memory` partition model (partitions/builtin.h): a borrower of memory. On a direct request
 * carrying a handle it retrieves the memory (FFA_MEM_RETRIEVE_REQ, FFA_MEM_FRAG_RX for a response
 * in fragments), sums its bytes and, when asked, inverts them, relinquishes it and answers with
 * the sum, as a partition receiving a buffer from its client would (FF-A v1.2 (DEN0077A) §11).
 * It reads and writes the memory through the SPMC's guest memory on its own behalf, so it
 * reaches exactly what the SPMC has given it.
 */
#include "partitions/builtin.h"

#include <string.h>

#include "abi/ids.h"
#include "abi/memdesc.h"
#include "model_internal.h"

/* The answer to the request being handled: w3 status (0 or an FF-A error code), w4 the sum,
 * w5 the pages seen; DIRECT_RESP of the request's width, source and destination swapped. */
static enum spmc_part_status memory_answer(struct part_memory *pm, int32_t status,
					   struct ffa_value *call)
{
	part_model_respond(call, &pm->req, (uint32_t)status, status == 0 ? pm->sum : 0,
			   status == 0 ? pm->pages : 0);
	pm->last_status = status;
	pm->requests++;
	pm->phase = PART_MEMORY_WAIT;
	return SPMC_PART_CALL;
}

/* Starts on a request: the retrieve request for the handle in w3/w4 (tag in w6), from the
 * sender that sent the request. */
static enum spmc_part_status memory_retrieve(struct part_memory *pm, struct ffa_value *call)
{
	pm->handle = ffa_mem_handle((uint32_t)pm->req.x[3], (uint32_t)pm->req.x[4]);
	pm->invert = (pm->req.x[5] & PART_MEMORY_OP_INVERT) != 0;
	pm->sum = 0;
	pm->pages = 0;
	pm->got = 0;
	if (!part_model_retrieve(pm->ep, pm->mem, pm->base, ffa_msg_source(pm->req.x[1]),
				 pm->handle, (uint32_t)pm->req.x[6], call))
		return memory_answer(pm, FFA_ABORTED, call);
	pm->phase = PART_MEMORY_RETRIEVE;
	return SPMC_PART_CALL;
}

/* Takes a fragment of the response from its RX buffer, then gives the buffer back. */
static enum spmc_part_status memory_take(struct part_memory *pm, uint32_t len,
					 struct ffa_value *call)
{
	if (len > sizeof(pm->resp) - pm->got ||
	    spmc_mem_read(pm->mem, &pm->ep->mem, pm->base + PART_MODEL_RX_OFFSET,
			  pm->resp + pm->got, len) != SPMC_MEM_OK)
		return memory_answer(pm, FFA_ABORTED, call);
	pm->got += len;
	part_model_call(call, FFA_RX_RELEASE);
	pm->phase = PART_MEMORY_RELEASE;
	return SPMC_PART_CALL;
}

/* Sums (and inverts) the bytes of every constituent, a page at a time. */
static int32_t memory_work(struct part_memory *pm)
{
	struct ffa_mem_txn t;
	struct ffa_memdesc_fault fault;
	uint8_t page[FFA_MEM_PAGE_SIZE];

	if (ffa_memdesc_parse(pm->resp, pm->total, pm->ep->version, &t, &fault) != FFA_OK)
		return FFA_INVALID_PARAMETERS;
	for (uint32_t i = 0; i < t.range_count; i++) {
		struct ffa_mem_range r = ffa_memdesc_range(pm->resp, &t, i);

		for (uint32_t p = 0; p < r.page_count; p++) {
			uint64_t addr = r.address + (uint64_t)p * FFA_MEM_PAGE_SIZE;

			if (spmc_mem_read(pm->mem, &pm->ep->mem, addr, page, sizeof(page)) !=
			    SPMC_MEM_OK)
				return FFA_DENIED;
			for (size_t k = 0; k < sizeof(page); k++) {
				pm->sum += page[k];
				page[k] = (uint8_t)~page[k];
			}
			if (pm->invert && spmc_mem_write(pm->mem, &pm->ep->mem, addr, page,
							 sizeof(page)) != SPMC_MEM_OK)
				return FFA_DENIED;
			pm->pages++;
		}
	}
	return 0;
}

/* Gives the memory back: a relinquish descriptor naming itself. */
static enum spmc_part_status memory_relinquish(struct part_memory *pm, struct ffa_value *call)
{
	if (!part_model_relinquish(pm->ep, pm->mem, pm->base, pm->handle, call))
		return memory_answer(pm, FFA_ABORTED, call);
	pm->phase = PART_MEMORY_RELINQUISH;
	return SPMC_PART_CALL;
}

/* Its RX buffer given back: the next fragment, or the work and the relinquish. */
static enum spmc_part_status memory_released(struct part_memory *pm, struct ffa_value *call)
{
	int32_t status;

	if (pm->got < pm->total) {
		part_model_call(call, FFA_MEM_FRAG_RX);
		call->x[1] = (uint32_t)pm->handle;
		call->x[2] = (uint32_t)(pm->handle >> 32);
		call->x[3] = pm->got;
		pm->phase = PART_MEMORY_FRAG;
		return SPMC_PART_CALL;
	}
	status = memory_work(pm);
	pm->work_status = status;
	return memory_relinquish(pm, call);
}

static enum spmc_part_status memory_boot(void *ctx, struct ffa_value *call)
{
	struct part_memory *pm = ctx;

	if (!part_model_map_buffers(pm->ep, &pm->base, call))
		return SPMC_PART_FAULT;
	pm->phase = PART_MEMORY_MAP;
	return SPMC_PART_CALL;
}

static enum spmc_part_status memory_resume(void *ctx, const struct ffa_value *in,
					   struct ffa_value *call)
{
	struct part_memory *pm = ctx;
	uint32_t fid = ffa_fid_strip_hint((uint32_t)in->x[0]);
	int32_t err = part_model_error(in);

	switch (pm->phase) {
	case PART_MEMORY_MAP:
		if (fid != FFA_SUCCESS_32)
			return SPMC_PART_FAULT;
		part_model_call(call, FFA_MSG_WAIT_32);
		pm->phase = PART_MEMORY_WAIT;
		return SPMC_PART_CALL;
	case PART_MEMORY_WAIT:
		if (fid != FFA_MSG_SEND_DIRECT_REQ_32 && fid != FFA_MSG_SEND_DIRECT_REQ_64) {
			/* Cycles without a message, or a request it does not take: wait. */
			part_model_call(call, FFA_MSG_WAIT_32);
			return SPMC_PART_CALL;
		}
		pm->req = *in;
		return memory_retrieve(pm, call);
	case PART_MEMORY_RETRIEVE:
		if (fid != FFA_MEM_RETRIEVE_RESP)
			return memory_answer(pm, err != 0 ? err : FFA_ABORTED, call);
		pm->total = (uint32_t)in->x[1];
		if (pm->total > sizeof(pm->resp))
			return memory_answer(pm, FFA_NO_MEMORY, call);
		return memory_take(pm, (uint32_t)in->x[2], call);
	case PART_MEMORY_FRAG:
		if (fid != FFA_MEM_FRAG_TX)
			return memory_answer(pm, err != 0 ? err : FFA_ABORTED, call);
		return memory_take(pm, (uint32_t)in->x[3], call);
	case PART_MEMORY_RELEASE:
		if (fid != FFA_SUCCESS_32)
			return memory_answer(pm, err != 0 ? err : FFA_ABORTED, call);
		return memory_released(pm, call);
	case PART_MEMORY_RELINQUISH:
		if (fid != FFA_SUCCESS_32)
			return memory_answer(pm, err != 0 ? err : FFA_ABORTED, call);
		return memory_answer(pm, pm->work_status, call);
	}
	return SPMC_PART_FAULT;
}

static const struct spmc_partition_ops memory_ops = {
	.boot = memory_boot,
	.resume = memory_resume,
};

bool part_memory_attach(struct spmc_endpoint *ep, struct part_memory *state,
			const struct spmc_guest_mem *mem)
{
	if (!ep->secure || mem == NULL)
		return false;
	memset(state, 0, sizeof(*state));
	state->ep = ep;
	state->mem = mem;
	ep->ops = &memory_ops;
	ep->ctx.ops_ctx = state;
	return true;
}
