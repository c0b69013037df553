/* SPDX-License-Identifier: BSD-3-Clause */
/* What the built-in models with buffers of their own share (partitions/model_internal.h). */
#include "model_internal.h"

#include <string.h>

#include "abi/ids.h"
#include "abi/memdesc.h"

void part_model_call(struct ffa_value *call, uint32_t fid)
{
	memset(call, 0, sizeof(*call));
	call->x[0] = fid;
}

int32_t part_model_error(const struct ffa_value *in)
{
	return in->x[0] == FFA_ERROR_32 ? (int32_t)(uint32_t)in->x[2] : 0;
}

bool part_model_map_buffers(const struct spmc_endpoint *ep, uint64_t *base, struct ffa_value *call)
{
	const struct spmc_mem_range *own = &ep->mem.ranges[0];

	if (ep->mem.count == 0 || own->size < PART_MODEL_MIN_SIZE ||
	    (own->access & SPMC_MEM_RW) != SPMC_MEM_RW)
		return false;
	*base = own->base;
	part_model_call(call, FFA_RXTX_MAP_64);
	call->x[1] = *base + PART_MODEL_TX_OFFSET;
	call->x[2] = *base + PART_MODEL_RX_OFFSET;
	call->x[3] = 1;
	return true;
}

void part_model_respond(struct ffa_value *call, const struct ffa_value *req, uint32_t w3,
			uint32_t w4, uint32_t w5)
{
	bool smc32 = req->x[0] == FFA_MSG_SEND_DIRECT_REQ_32;

	part_model_call(call, smc32 ? FFA_MSG_SEND_DIRECT_RESP_32 : FFA_MSG_SEND_DIRECT_RESP_64);
	call->x[1] = ffa_msg_ids(ffa_msg_destination(req->x[1]), ffa_msg_source(req->x[1]));
	call->x[3] = w3;
	call->x[4] = w4;
	call->x[5] = w5;
}

/* Writes len bytes into its TX buffer. */
static bool part_model_put_tx(const struct spmc_endpoint *ep, const struct spmc_guest_mem *mem,
			      uint64_t base, const void *buf, uint32_t len)
{
	return spmc_mem_write(mem, &ep->mem, base + PART_MODEL_TX_OFFSET, buf, len) == SPMC_MEM_OK;
}

bool part_model_retrieve(const struct spmc_endpoint *ep, const struct spmc_guest_mem *mem,
			 uint64_t base, uint16_t sender, uint64_t handle, uint32_t tag,
			 struct ffa_value *call)
{
	struct ffa_mem_txn req;
	uint8_t buf[FFA_MEMDESC_HEADER_SIZE_1_1 + FFA_MEMDESC_RECEIVER_SIZE_1_2];
	uint32_t len;

	memset(&req, 0, sizeof(req));
	req.sender = sender;
	req.handle = handle;
	req.tag = tag;
	req.receiver_count = 1;
	req.receivers[0].id = ep->id;
	/* The access the sender gave, never executable (FF-A v1.2 (DEN0077A) §10.10.3). */
	req.receivers[0].perms = FFA_MEM_DATA_NOT_SPECIFIED | FFA_MEM_INSN_NX;
	len = ffa_memdesc_write(buf, sizeof(buf), ep->version, &req, NULL, 0);
	if (len == 0 || !part_model_put_tx(ep, mem, base, buf, len))
		return false;
	part_model_call(call, FFA_MEM_RETRIEVE_REQ_64);
	call->x[1] = len;
	call->x[2] = len;
	return true;
}

bool part_model_relinquish(const struct spmc_endpoint *ep, const struct spmc_guest_mem *mem,
			   uint64_t base, uint64_t handle, struct ffa_value *call)
{
	struct ffa_mem_relinquish rel = {.handle = handle, .endpoint_count = 1};
	uint8_t buf[FFA_MEMDESC_RELINQUISH_HEADER_SIZE + 2];
	uint32_t len;

	rel.endpoints[0] = ep->id;
	len = ffa_memdesc_write_relinquish(buf, sizeof(buf), &rel);
	if (len == 0 || !part_model_put_tx(ep, mem, base, buf, len))
		return false;
	part_model_call(call, FFA_MEM_RELINQUISH);
	return true;
}
