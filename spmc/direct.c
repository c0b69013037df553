/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Direct messaging (FF-A v1.2 (DEN0077A) §15.2): FFA_MSG_SEND_DIRECT_REQ_32/64 and
 * FFA_MSG_SEND_DIRECT_REQ2_64 deliver a request to a waiting partition and run it until it
 * answers; FFA_MSG_SEND_DIRECT_RESP_32/64 and FFA_MSG_SEND_DIRECT_RESP2_64 are that answer.
 *
 * The checks run in the order Hafnium applies them (api_ffa_msg_send_direct_req and
 * api_ffa_msg_send_direct_resp), so that a call breaking two rules gets Hafnium's error:
 * malformed arguments and IDs INVALID_PARAMETERS, a receiver that may not take the message
 * DENIED, a receiver that cannot take it now BUSY, a receiver that failed ABORTED.
 */
#include "abi/uuid.h"
#include "spmc/internal.h"

#include <string.h>

/* The null UUID addresses any service of the receiver; another one must be one of its own. */
static bool direct_uuid_served(const struct spmc_endpoint *ep, const uint8_t uuid[FFA_UUID_SIZE])
{
	if (ffa_uuid_is_null(uuid))
		return true;
	for (unsigned i = 0; i < ep->uuid_count && i < SPMC_MAX_UUIDS; i++) {
		if (ffa_uuid_equal(ep->uuids[i], uuid))
			return true;
	}
	return false;
}

/*
 * The x2 flags of a DIRECT_REQ/RESP (w2 for SMC32: SMCCC (DEN0028) §2.6 has the callee
 * ignore the upper halves of SMC32 arguments).
 */
static uint64_t direct_flags(uint32_t fid, const struct ffa_value *args)
{
	return ffa_fid_is_smc64(fid) ? args->x[2] : (uint32_t)args->x[2];
}

/*
 * Copies a message's registers for the other side: x1 rebuilt from its IDs (its reserved
 * upper bits dropped), w2 zero (no framework messages are modelled), the payload w3-w7
 * (SMC32, zero-extended), x3-x7 (SMC64) or, for REQ2/RESP2, x4-x17. Every other register is
 * zero, so x8-x17 arrive as zero after a REQ/RESP pair and x2/x3 after a RESP2.
 */
static struct ffa_value direct_message(uint32_t fid, const struct ffa_value *args, uint16_t src,
				       uint16_t dst)
{
	struct ffa_value v = {{0}};

	v.x[0] = fid;
	v.x[1] = ffa_msg_ids(src, dst);
	switch (fid) {
	case FFA_MSG_SEND_DIRECT_REQ_32:
	case FFA_MSG_SEND_DIRECT_RESP_32:
		for (unsigned i = 3; i <= 7; i++)
			v.x[i] = (uint32_t)args->x[i];
		break;
	case FFA_MSG_SEND_DIRECT_REQ_64:
	case FFA_MSG_SEND_DIRECT_RESP_64:
		for (unsigned i = 3; i <= 7; i++)
			v.x[i] = args->x[i];
		break;
	case FFA_MSG_SEND_DIRECT_REQ2_64:
		/* The receiver sees the UUID it was addressed with. */
		v.x[2] = args->x[2];
		v.x[3] = args->x[3];
		for (unsigned i = 4; i < FFA_REG_COUNT; i++)
			v.x[i] = args->x[i];
		break;
	case FFA_MSG_SEND_DIRECT_RESP2_64:
		for (unsigned i = 4; i < FFA_REG_COUNT; i++)
			v.x[i] = args->x[i];
		break;
	default:
		break;
	}
	return v;
}

/* Checks a direct request; FFA_OK with *receiver set when it can be delivered. */
static enum ffa_error direct_req_check(struct spmc *spmc, const struct spmc_endpoint *caller,
				       uint32_t fid, const struct ffa_value *args,
				       struct spmc_endpoint **receiver)
{
	bool req2 = fid == FFA_MSG_SEND_DIRECT_REQ2_64;
	uint32_t w1 = (uint32_t)args->x[1];
	uint16_t src = ffa_msg_source(w1);
	uint16_t dst = ffa_msg_destination(w1);
	struct spmc_endpoint *rx;

	/* A partition calls only while it runs (FF-A v1.2 (DEN0077A) §8.3). */
	if (caller->secure && caller->ctx.state != SPMC_EP_RUNNING)
		return FFA_DENIED;
	/*
	 * x2 is MBZ for partition messages. Bit 31 marks a framework message: those come from
	 * the SPMD or a hypervisor, none of which is modelled, and Hafnium refuses the ones it
	 * does not handle with INVALID_PARAMETERS.
	 */
	if (!req2 && direct_flags(fid, args) != 0)
		return FFA_INVALID_PARAMETERS;
	/*
	 * IDs: source and destination differ; the destination is a secure partition (no
	 * normal-world-to-normal-world messages in the SPMC, and partitions do not send to the
	 * normal world); the source is the caller itself, or for the normal world any
	 * non-secure ID (its physical instance 0, or a VM a hypervisor sends for), as Hafnium's
	 * ffa_direct_msg_is_direct_request_valid has it.
	 */
	if (src == dst || !ffa_id_is_secure(dst))
		return FFA_INVALID_PARAMETERS;
	if (caller->secure ? src != caller->id : ffa_id_is_secure(src))
		return FFA_INVALID_PARAMETERS;
	rx = spmc_find_endpoint(spmc, dst);
	if (rx == NULL || !rx->secure)
		return FFA_INVALID_PARAMETERS;
	if (req2) {
		uint8_t uuid[FFA_UUID_SIZE];

		/* x2 holds bytes 0-7 and x3 bytes 8-15 (FF-A v1.2 (DEN0077A) §15.2). Both zero is
		 * the null UUID, which every receiver serves: no bytes to build. */
		if (args->x[2] != 0 || args->x[3] != 0) {
			ffa_uuid_from_regs64(args->x[2], args->x[3], uuid);
			if (!direct_uuid_served(rx, uuid))
				return FFA_INVALID_PARAMETERS;
		}
		/* Hafnium: REQ2 needs both ends at v1.2 (the caller's side is the version gate). */
		if (spmc_caller_version(spmc, rx) < FFA_VERSION_1_2)
			return FFA_DENIED;
	}
	/* The messaging methods of the manifests: send for a partition, receive for all. */
	if (caller->secure &&
	    !(caller->props & (req2 ? FFA_PROP_DIRECT_REQ2_SEND : FFA_PROP_DIRECT_REQ_SEND)))
		return FFA_DENIED;
	/* A receiver without the property: DENIED, but OP-TEE answers a DIRECT_REQ2 to a
	 * partition that does not take it with NOT_SUPPORTED. */
	if (req2 && !(rx->props & FFA_PROP_DIRECT_REQ2_RECV))
		return spmc->cfg.personality->req2_not_receiver;
	if (!req2 && !(rx->props & FFA_PROP_DIRECT_REQ_RECV))
		return FFA_DENIED;
	/* Hafnium answers ABORTED for a partition that aborted. */
	if (rx->ctx.state == SPMC_EP_FAILED)
		return FFA_ABORTED;
	/* Only a waiting partition takes a request: booting, running, blocked, yielded and
	 * preempted ones are busy (its own caller included: no re-entry). */
	if (rx->ctx.state != SPMC_EP_WAITING)
		return FFA_BUSY;
	/* The simulator's bound on nested requests, so a chain of partitions cannot recurse
	 * without end; refused like any receiver that cannot take a request now. */
	if (spmc->depth >= SPMC_MAX_DEPTH)
		return FFA_BUSY;
	*receiver = rx;
	return FFA_OK;
}

struct ffa_value spmc_direct_req(struct spmc *spmc, struct spmc_endpoint *caller,
				 const struct ffa_value *args)
{
	uint32_t fid = ffa_fid_strip_hint((uint32_t)args->x[0]);
	uint32_t w1 = (uint32_t)args->x[1];
	struct spmc_endpoint *rx = NULL;
	struct ffa_value msg, res;
	enum ffa_error err;

	err = direct_req_check(spmc, caller, fid, args, &rx);
	if (err != FFA_OK)
		return ffa_error_value(err);

	/* The request arrives as the return of the receiver's FFA_MSG_WAIT or last response. */
	rx->ctx.state = SPMC_EP_RUNNING;
	rx->ctx.caller = ffa_msg_source(w1);
	rx->ctx.caller_req2 = fid == FFA_MSG_SEND_DIRECT_REQ2_64;
	rx->ctx.caller_smc64 = ffa_fid_is_smc64(fid);
	msg = direct_message(fid, args, ffa_msg_source(w1), ffa_msg_destination(w1));
	/* A partition sending a request is blocked until it gets an answer (§8.3). */
	if (caller->secure)
		caller->ctx.state = SPMC_EP_BLOCKED;
	/* Hafnium's api_ffa_msg_send_direct_req: a receiver given cycles with notifications
	 * pending gets its notification pending interrupt. */
	spmc_notif_inject_npi(spmc, rx);
	res = spmc_run_partition(spmc, rx, &msg);
	/* Unless a secure interrupt's owner further back takes the answer (spmc/intr.c). */
	if (caller->secure && !spmc_intr_left_blocked(spmc, caller))
		caller->ctx.state = SPMC_EP_RUNNING;
	return res;
}

struct ffa_value spmc_direct_resp(struct spmc *spmc, struct spmc_endpoint *caller,
				  const struct ffa_value *args)
{
	uint32_t fid = ffa_fid_strip_hint((uint32_t)args->x[0]);
	bool resp2 = fid == FFA_MSG_SEND_DIRECT_RESP2_64;
	uint32_t w1 = (uint32_t)args->x[1];
	uint16_t src = ffa_msg_source(w1);
	uint16_t dst = ffa_msg_destination(w1);

	/*
	 * Only a partition answers requests: the SPMC never delivers one to the normal world.
	 * Hafnium (ffa_direct_msg_is_direct_response_valid) and TF-A's EL3 SPMC refuse a
	 * normal-world DIRECT_RESP with INVALID_PARAMETERS.
	 */
	if (!caller->secure)
		return ffa_error_value(FFA_INVALID_PARAMETERS);
	if (!resp2 && direct_flags(fid, args) != 0)
		return ffa_error_value(FFA_INVALID_PARAMETERS);
	/*
	 * A v1.2 partition's DIRECT_RESP_64 has x8-x17 zero (Hafnium,
	 * api_ffa_msg_send_direct_resp_validate_args). SMC32 calls have no x8-x17 arguments
	 * (SMCCC (DEN0028) §2.7), so DIRECT_RESP_32 is not held to it.
	 */
	if (fid == FFA_MSG_SEND_DIRECT_RESP_64 &&
	    spmc_caller_version(spmc, caller) >= FFA_VERSION_1_2) {
		for (unsigned i = 8; i < FFA_REG_COUNT; i++) {
			if (args->x[i] != 0)
				return ffa_error_value(FFA_INVALID_PARAMETERS);
		}
	}
	if (src != caller->id || src == dst)
		return ffa_error_value(FFA_INVALID_PARAMETERS);
	/*
	 * The runtime model (FF-A v1.2 (DEN0077A) §8.3): a response is valid only while the
	 * partition handles a request, and goes to the endpoint that sent it, with RESP for a
	 * REQ and RESP2 for a REQ2; Hafnium refuses anything else with DENIED. A partition
	 * given cycles by FFA_RUN handles no request: its caller field holds its own ID (see
	 * msg.c), which no response can name as destination.
	 */
	if (caller->ctx.state != SPMC_EP_RUNNING || dst != caller->ctx.caller ||
	    resp2 != caller->ctx.caller_req2)
		return ffa_error_value(FFA_DENIED);
	/*
	 * A DIRECT_RESP has the width of the request it answers (Arm's Trusted Services: "must
	 * match the request's 32/64bit mode ... validated by the SPMC"). Hafnium and TF-A do
	 * not check it and pass a RESP_32 to a REQ_64 caller truncated; the simulator refuses it
	 * as the mismatched REQ2/RESP pair, with DENIED.
	 */
	if (!resp2 && ffa_fid_is_smc64(fid) != caller->ctx.caller_smc64)
		return ffa_error_value(FFA_DENIED);

	caller->ctx.state = SPMC_EP_WAITING;
	return direct_message(fid, args, src, dst);
}
