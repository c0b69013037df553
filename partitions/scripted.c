/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The `scripted` partition model: makes the FF-A calls listed in its manifest, in order, for
 * tests that need exact answers (or wrong ones) from a partition without writing a binary.
 */
#include "partitions/builtin.h"

#include <string.h>

#include "abi/ids.h"

static void script_msg_wait(struct ffa_value *call)
{
	memset(call, 0, sizeof(*call));
	call->x[0] = FFA_MSG_WAIT_32;
}

static bool script_is_request(uint32_t fid)
{
	return fid == FFA_MSG_SEND_DIRECT_REQ_32 || fid == FFA_MSG_SEND_DIRECT_REQ_64 ||
	       fid == FFA_MSG_SEND_DIRECT_REQ2_64;
}

static bool script_is_response(uint32_t fid)
{
	return fid == FFA_MSG_SEND_DIRECT_RESP_32 || fid == FFA_MSG_SEND_DIRECT_RESP_64 ||
	       fid == FFA_MSG_SEND_DIRECT_RESP2_64;
}

static enum spmc_part_status script_boot(void *ctx, struct ffa_value *call)
{
	(void)ctx;
	/* Nothing to initialise: ready for messages (FF-A v1.2 (DEN0077A) §8.3). */
	script_msg_wait(call);
	return SPMC_PART_CALL;
}

static enum spmc_part_status script_resume(void *ctx, const struct ffa_value *in,
					   struct ffa_value *call)
{
	struct part_scripted *s = ctx;
	uint32_t fid = ffa_fid_strip_hint((uint32_t)in->x[0]);

	s->last = *in;
	/*
	 * FFA_RUN reaches it only while it waits (a yielded partition is resumed with
	 * FFA_SUCCESS_32): cycles without a message, back to waiting (FF-A v1.2 (DEN0077A) §8.3).
	 */
	if (fid == FFA_RUN_32) {
		script_msg_wait(call);
		return SPMC_PART_CALL;
	}
	if (script_is_request(fid)) {
		s->request = *in;
		s->requests++;
	}
	/* Used up: stop rather than start over (builtin.h). */
	if (s->next >= s->count)
		return SPMC_PART_FAULT;
	*call = s->script[s->next++];
	/* A response with w1 left 0 answers the request it handles: its IDs swapped. */
	if (script_is_response(ffa_fid_strip_hint((uint32_t)call->x[0])) &&
	    (uint32_t)call->x[1] == 0)
		call->x[1] = ffa_msg_ids(ffa_msg_destination(s->request.x[1]),
					 ffa_msg_source(s->request.x[1]));
	return SPMC_PART_CALL;
}

static const struct spmc_partition_ops script_ops = {
	.boot = script_boot,
	.resume = script_resume,
};

bool part_scripted_attach(struct spmc_endpoint *ep, struct part_scripted *state,
			  const struct part_model_params *params)
{
	if (!ep->secure || params->script_count > PART_MAX_SCRIPT)
		return false;
	memset(state, 0, sizeof(*state));
	memcpy(state->script, params->script, params->script_count * sizeof(params->script[0]));
	state->count = params->script_count;
	ep->ops = &script_ops;
	ep->ctx.ops_ctx = state;
	return true;
}
