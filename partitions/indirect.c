/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The `indirect` partition model (partitions/builtin.h): answers an indirect message with one.
 * It maps its buffers at boot and waits; each time it runs (the normal world gives it cycles
 * with FFA_RUN, or sends it a direct request) it looks for a message in its RX buffer, as a
 * partition told by the RX-buffer-full notification would (FF-A v1.2 (DEN0077A) §7.2), sends
 * the payload back to the message's sender with FFA_MSG_SEND2 and releases its RX buffer. It
 * reads and writes only through the SPMC's view of the memory it owns.
 */
#include "partitions/builtin.h"

#include <string.h>

#include "abi/msghdr.h"
#include "model_internal.h"

/* Its buffers are one page each (partitions/model_internal.h). */
#define INDIRECT_BUF_SIZE 0x1000u

static bool indirect_is_request(uint32_t fid)
{
	return fid == FFA_MSG_SEND_DIRECT_REQ_32 || fid == FFA_MSG_SEND_DIRECT_REQ_64;
}

/*
 * Done with this run: the answer to the direct request it handles (DIRECT_RESP of its width,
 * w3 the status of its reply, w4 the size of the message it got, w5 its sender; all zero and
 * w3 NO_DATA when there was none), or FFA_MSG_WAIT when it was given cycles.
 */
static enum spmc_part_status indirect_done(struct part_indirect *pi, struct ffa_value *call)
{
	bool none = pi->last_status == FFA_NO_DATA;

	pi->phase = PART_INDIRECT_WAIT;
	if (!indirect_is_request((uint32_t)pi->req.x[0])) {
		part_model_call(call, FFA_MSG_WAIT_32);
		return SPMC_PART_CALL;
	}
	part_model_respond(call, &pi->req, (uint32_t)pi->last_status, none ? 0 : pi->last_size,
			   none ? 0 : pi->last_sender);
	return SPMC_PART_CALL;
}

/*
 * Runs: a message in its RX buffer (owned by it, addressed to it) is answered with one to its
 * sender carrying the same payload, written with the header of its own FF-A version.
 */
static enum spmc_part_status indirect_serve(struct part_indirect *pi, struct ffa_value *call)
{
	uint8_t buf[INDIRECT_BUF_SIZE];
	uint8_t reply[INDIRECT_BUF_SIZE];
	struct ffa_msg_hdr hdr, out;

	pi->last_status = FFA_NO_DATA;
	if (!pi->ep->rxtx.rx_full)
		return indirect_done(pi, call);
	if (spmc_mem_read(pi->mem, &pi->ep->mem, pi->base + PART_MODEL_RX_OFFSET, buf,
			  sizeof(buf)) != SPMC_MEM_OK ||
	    !ffa_msg_hdr_read(buf, sizeof(buf), &hdr) || hdr.receiver != pi->ep->id ||
	    hdr.offset > sizeof(buf) || hdr.size > sizeof(buf) - hdr.offset)
		return indirect_done(pi, call);
	pi->messages++;
	pi->last_size = hdr.size;
	pi->last_sender = hdr.sender;
	ffa_msg_hdr_init(&out, pi->ep->version, pi->ep->id, hdr.sender, hdr.size, hdr.uuid);
	if (out.offset == 0 || hdr.size > sizeof(reply) - out.offset) {
		pi->last_status = FFA_NO_MEMORY;
		part_model_call(call, FFA_RX_RELEASE);
		pi->phase = PART_INDIRECT_RELEASE;
		return SPMC_PART_CALL;
	}
	memset(reply, 0, sizeof(reply));
	ffa_msg_hdr_write(reply, &out, out.offset >= FFA_MSG_HDR_SIZE_1_2);
	memcpy(reply + out.offset, buf + hdr.offset, hdr.size);
	if (spmc_mem_write(pi->mem, &pi->ep->mem, pi->base + PART_MODEL_TX_OFFSET, reply,
			   out.offset + hdr.size) != SPMC_MEM_OK)
		return SPMC_PART_FAULT;
	part_model_call(call, FFA_MSG_SEND2);
	pi->phase = PART_INDIRECT_SEND;
	return SPMC_PART_CALL;
}

static enum spmc_part_status indirect_boot(void *ctx, struct ffa_value *call)
{
	struct part_indirect *pi = ctx;

	if (!part_model_map_buffers(pi->ep, &pi->base, call))
		return SPMC_PART_FAULT;
	pi->phase = PART_INDIRECT_MAP;
	return SPMC_PART_CALL;
}

static enum spmc_part_status indirect_resume(void *ctx, const struct ffa_value *in,
					     struct ffa_value *call)
{
	struct part_indirect *pi = ctx;
	uint32_t fid = ffa_fid_strip_hint((uint32_t)in->x[0]);

	switch (pi->phase) {
	case PART_INDIRECT_MAP:
		if (fid != FFA_SUCCESS_32)
			return SPMC_PART_FAULT;
		part_model_call(call, FFA_MSG_WAIT_32);
		pi->phase = PART_INDIRECT_WAIT;
		return SPMC_PART_CALL;
	case PART_INDIRECT_WAIT:
		/* A direct request, or cycles (FFA_RUN); an error answer to its last call waits
		 * again. */
		if (!indirect_is_request(fid) && fid != FFA_RUN_32) {
			part_model_call(call, FFA_MSG_WAIT_32);
			return SPMC_PART_CALL;
		}
		pi->req = *in;
		return indirect_serve(pi, call);
	case PART_INDIRECT_SEND:
		/* The reply went (or the SPMC said why not). Then the notification, when the reply
		 * went: bit PART_INDIRECT_NOTIF_ID to the message's sender. */
		pi->last_status = part_model_error(in);
		if (pi->last_status == 0) {
			pi->replies++;
			part_model_call(call, FFA_NOTIFICATION_SET);
			call->x[1] = ffa_msg_ids(pi->ep->id, pi->last_sender);
			call->x[3] = (uint32_t)(UINT64_C(1) << PART_INDIRECT_NOTIF_ID);
			call->x[4] = (uint32_t)((UINT64_C(1) << PART_INDIRECT_NOTIF_ID) >> 32);
			pi->phase = PART_INDIRECT_NOTIFY;
			return SPMC_PART_CALL;
		}
		part_model_call(call, FFA_RX_RELEASE);
		pi->phase = PART_INDIRECT_RELEASE;
		return SPMC_PART_CALL;
	case PART_INDIRECT_NOTIFY:
		/* Set, or refused (the sender bound nothing): the message is read, release. */
		pi->notify_status = part_model_error(in);
		if (pi->notify_status == 0)
			pi->notified++;
		part_model_call(call, FFA_RX_RELEASE);
		pi->phase = PART_INDIRECT_RELEASE;
		return SPMC_PART_CALL;
	case PART_INDIRECT_RELEASE:
	default:
		return indirect_done(pi, call);
	}
}

static const struct spmc_partition_ops indirect_ops = {
	.boot = indirect_boot,
	.resume = indirect_resume,
};

bool part_indirect_attach(struct spmc_endpoint *ep, struct part_indirect *state,
			  const struct spmc_guest_mem *mem)
{
	if (!ep->secure || mem == NULL)
		return false;
	memset(state, 0, sizeof(*state));
	state->ep = ep;
	state->mem = mem;
	ep->ops = &indirect_ops;
	ep->ctx.ops_ctx = state;
	return true;
}
