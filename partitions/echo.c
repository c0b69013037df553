/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The `echo` partition model: answers each direct request with its own payload. A model
 * never sees the SPMC's state; it only turns the value it is resumed with into its next
 * FF-A call, as a partition running on a CPU would.
 */
#include "partitions/builtin.h"

#include <string.h>

#include "abi/ids.h"

static void echo_msg_wait(struct ffa_value *call)
{
	memset(call, 0, sizeof(*call));
	call->x[0] = FFA_MSG_WAIT_32;
}

/* The request's IDs swapped: the answer goes from its destination back to its source. */
static uint64_t echo_swap_ids(uint64_t x1)
{
	return ffa_msg_ids(ffa_msg_destination(x1), ffa_msg_source(x1));
}

static enum spmc_part_status echo_boot(void *ctx, struct ffa_value *call)
{
	(void)ctx;
	/* Nothing to initialise: ready for messages (FF-A v1.2 (DEN0077A) §8.3). */
	echo_msg_wait(call);
	return SPMC_PART_CALL;
}

static enum spmc_part_status echo_resume(void *ctx, const struct ffa_value *in,
					 struct ffa_value *call)
{
	struct part_echo *echo = ctx;
	uint32_t fid = ffa_fid_strip_hint((uint32_t)in->x[0]);

	echo->last = *in;
	memset(call, 0, sizeof(*call));
	switch (fid) {
	case FFA_MSG_SEND_DIRECT_REQ_32:
	case FFA_MSG_SEND_DIRECT_REQ_64:
		/* DIRECT_RESP of the request's width: w3-w7 or x3-x7 back, x2 zero (§15.2). */
		call->x[0] = fid == FFA_MSG_SEND_DIRECT_REQ_32 ? FFA_MSG_SEND_DIRECT_RESP_32
							       : FFA_MSG_SEND_DIRECT_RESP_64;
		call->x[1] = echo_swap_ids(in->x[1]);
		for (unsigned i = 3; i <= 7; i++)
			call->x[i] =
				fid == FFA_MSG_SEND_DIRECT_REQ_32 ? (uint32_t)in->x[i] : in->x[i];
		echo->requests++;
		return SPMC_PART_CALL;
	case FFA_MSG_SEND_DIRECT_REQ2_64:
		/* DIRECT_RESP2: x2/x3 (the UUID in the request) are zero, x4-x17 back. */
		call->x[0] = FFA_MSG_SEND_DIRECT_RESP2_64;
		call->x[1] = echo_swap_ids(in->x[1]);
		for (unsigned i = 4; i < FFA_REG_COUNT; i++)
			call->x[i] = in->x[i];
		echo->requests++;
		return SPMC_PART_CALL;
	default:
		/* Cycles without a message (FFA_RUN), or an error for its last call: wait. */
		echo_msg_wait(call);
		return SPMC_PART_CALL;
	}
}

static const struct spmc_partition_ops echo_ops = {
	.boot = echo_boot,
	.resume = echo_resume,
};

bool part_echo_attach(struct spmc_endpoint *ep, struct part_echo *state)
{
	if (!ep->secure)
		return false;
	memset(state, 0, sizeof(*state));
	ep->ops = &echo_ops;
	ep->ctx.ops_ctx = state;
	return true;
}
