/* SPDX-License-Identifier: BSD-3-Clause */
/* What the built-in models with buffers of their own share (partitions/model_internal.h). */
#include "model_internal.h"

#include <string.h>

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
