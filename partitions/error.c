/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The `error` partition model: answers every direct request with FFA_ERROR of a configured
 * code, for testing how callers handle a partition that refuses their requests.
 */
#include "partitions/builtin.h"

#include <string.h>

#include "abi/ids.h"

static void error_call(struct ffa_value *call, uint32_t fid)
{
	memset(call, 0, sizeof(*call));
	call->x[0] = fid;
}

static enum spmc_part_status error_boot(void *ctx, struct ffa_value *call)
{
	(void)ctx;
	/* Nothing to initialise: ready for messages (FF-A v1.2 (DEN0077A) §8.3). */
	error_call(call, FFA_MSG_WAIT_32);
	return SPMC_PART_CALL;
}

static enum spmc_part_status error_resume(void *ctx, const struct ffa_value *in,
					  struct ffa_value *call)
{
	struct part_error *err = ctx;
	uint32_t fid = ffa_fid_strip_hint((uint32_t)in->x[0]);

	err->last = *in;
	switch (fid) {
	case FFA_MSG_SEND_DIRECT_REQ_32:
	case FFA_MSG_SEND_DIRECT_REQ_64:
	case FFA_MSG_SEND_DIRECT_REQ2_64:
		/* FFA_ERROR: w1 MBZ, w2 the error code, w3-w7 MBZ (FF-A v1.2 (DEN0077A) §13.1). */
		error_call(call, FFA_ERROR_32);
		call->x[2] = (uint32_t)err->code;
		err->requests++;
		return SPMC_PART_CALL;
	case FFA_ERROR_32:
		/* The SPMC refused its last call: it is set up wrong (builtin.h). */
		return SPMC_PART_FAULT;
	default:
		/* Cycles given by FFA_RUN while it waited: back to waiting. */
		error_call(call, FFA_MSG_WAIT_32);
		return SPMC_PART_CALL;
	}
}

static const struct spmc_partition_ops error_ops = {
	.boot = error_boot,
	.resume = error_resume,
};

bool part_error_attach(struct spmc_endpoint *ep, struct part_error *state,
		       const struct part_model_params *params)
{
	/* FF-A error codes are negative (FF-A v1.2 (DEN0077A) §13.1, Table 13.4). */
	if (!ep->secure || params->error_code >= 0)
		return false;
	memset(state, 0, sizeof(*state));
	state->code = params->error_code;
	ep->ops = &error_ops;
	ep->ctx.ops_ctx = state;
	return true;
}
