/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The `yield` partition model: gives its CPU back with FFA_YIELD a configured number of times
 * per request before answering it, for testing callers that must resume a partition with
 * FFA_RUN (Linux's arm_ffa driver loops on FFA_YIELD since v6.12).
 */
#include "partitions/builtin.h"

#include <string.h>

#include "abi/ids.h"

static void yield_call(struct ffa_value *call, uint32_t fid)
{
	memset(call, 0, sizeof(*call));
	call->x[0] = fid;
}

static bool yield_is_request(uint32_t fid)
{
	return fid == FFA_MSG_SEND_DIRECT_REQ_32 || fid == FFA_MSG_SEND_DIRECT_REQ_64 ||
	       fid == FFA_MSG_SEND_DIRECT_REQ2_64;
}

/* The answer to the request, as the echo model gives it (builtin.h). */
static void yield_answer(const struct ffa_value *req, struct ffa_value *call)
{
	uint32_t fid = ffa_fid_strip_hint((uint32_t)req->x[0]);
	uint64_t ids = ffa_msg_ids(ffa_msg_destination(req->x[1]), ffa_msg_source(req->x[1]));

	if (fid == FFA_MSG_SEND_DIRECT_REQ2_64) {
		/* DIRECT_RESP2: x2/x3 (the request's UUID) zero, x4-x17 back (§15.2). */
		yield_call(call, FFA_MSG_SEND_DIRECT_RESP2_64);
		call->x[1] = ids;
		for (unsigned i = 4; i < FFA_REG_COUNT; i++)
			call->x[i] = req->x[i];
		return;
	}
	/* DIRECT_RESP of the request's width: w3-w7 or x3-x7 back, x2 zero (§15.2). */
	yield_call(call, fid == FFA_MSG_SEND_DIRECT_REQ_32 ? FFA_MSG_SEND_DIRECT_RESP_32
							   : FFA_MSG_SEND_DIRECT_RESP_64);
	call->x[1] = ids;
	for (unsigned i = 3; i <= 7; i++)
		call->x[i] = fid == FFA_MSG_SEND_DIRECT_REQ_32 ? (uint32_t)req->x[i] : req->x[i];
}

static enum spmc_part_status yield_boot(void *ctx, struct ffa_value *call)
{
	(void)ctx;
	/* Nothing to initialise: ready for messages (FF-A v1.2 (DEN0077A) §8.3). */
	yield_call(call, FFA_MSG_WAIT_32);
	return SPMC_PART_CALL;
}

static enum spmc_part_status yield_resume(void *ctx, const struct ffa_value *in,
					  struct ffa_value *call)
{
	struct part_yield *y = ctx;
	uint32_t fid = ffa_fid_strip_hint((uint32_t)in->x[0]);

	y->last = *in;
	if (fid == FFA_ERROR_32)
		return SPMC_PART_FAULT; /* the SPMC refused its last call (builtin.h) */
	if (yield_is_request(fid)) {
		y->request = *in;
		y->pending = y->yield_count;
		y->handling = true;
	} else if (!y->handling) {
		/* Cycles given by FFA_RUN while it waited: back to waiting. */
		yield_call(call, FFA_MSG_WAIT_32);
		return SPMC_PART_CALL;
	}
	/*
	 * Handling a request: a new one, or its FFA_YIELD returned FFA_SUCCESS_32 after the
	 * caller resumed it with FFA_RUN (FF-A v1.2 (DEN0077A) §8.3).
	 */
	if (y->pending > 0) {
		/* w1-w7 zero: no timeout hint (v1.1 w2/w3). */
		yield_call(call, FFA_YIELD_32);
		y->pending--;
		y->yields++;
		return SPMC_PART_CALL;
	}
	yield_answer(&y->request, call);
	y->handling = false;
	y->requests++;
	return SPMC_PART_CALL;
}

static const struct spmc_partition_ops yield_ops = {
	.boot = yield_boot,
	.resume = yield_resume,
};

bool part_yield_attach(struct spmc_endpoint *ep, struct part_yield *state,
		       const struct part_model_params *params)
{
	if (!ep->secure)
		return false;
	memset(state, 0, sizeof(*state));
	state->yield_count = params->yield_count;
	ep->ops = &yield_ops;
	ep->ctx.ops_ctx = state;
	return true;
}
