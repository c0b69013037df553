/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The `optee` partition model (partitions/builtin.h): OP-TEE's own endpoint answering OP-TEE's
 * messages over FF-A, one handler per service ID, as OP-TEE's
 * core/arch/arm/kernel/thread_spmc.c answers them (handle_blocking_call, handle_yielding_call)
 * and as OP-TEE 4.10 answered on QEMU (tests/data/oracle/optee-sel1-spmc.probe_optee.txt).
 * Memory the normal world shared with FFA_MEM_SHARE reaches it through the SPMC's memory
 * management: it retrieves a cookie on first use and relinquishes it on UNREGISTER_SHM.
 */
#include "optee_internal.h"

#include <string.h>

#include "abi/ffa.h"
#include "abi/ids.h"
#include "abi/uuid.h"
#include "model_internal.h"

/* OP-TEE's OPTEE_FFA_MAX_ASYNC_NOTIF_VALUE: bottom-half values are below it. */
#define OPTEE_MAX_ASYNC_NOTIF_VALUE 64u

/* Answers the request being handled with w3-w5 and waits for the next. */
static enum spmc_part_status optee_answer(struct part_optee *po, uint32_t w3, uint32_t w4,
					  uint32_t w5, struct ffa_value *call)
{
	part_model_respond(call, &po->req, w3, w4, w5);
	po->requests++;
	po->phase = PART_OPTEE_WAIT;
	po->failed_set = false;
	return SPMC_PART_CALL;
}

/* FFA_ERROR with `code` as its call, as OP-TEE answers what it does not take. */
static enum spmc_part_status optee_refuse(struct part_optee *po, int32_t code,
					  struct ffa_value *call)
{
	part_model_call(call, FFA_ERROR_32);
	call->x[2] = (uint32_t)code;
	po->requests++;
	po->phase = PART_OPTEE_WAIT;
	return SPMC_PART_CALL;
}

static uint64_t optee_cookie(const struct ffa_value *req)
{
	return ffa_mem_handle((uint32_t)req->x[4], (uint32_t)req->x[5]);
}

/* Asks for the memory of a cookie: a retrieve from the requester. */
static enum spmc_part_status optee_retrieve(struct part_optee *po, uint64_t cookie,
					    struct ffa_value *call)
{
	po->pending = cookie;
	po->total = 0;
	po->got = 0;
	if (!part_model_retrieve(po->ep, po->mem, po->base, ffa_msg_source(po->req.x[1]), cookie, 0,
				 call))
		return optee_answer(po, OPTEE_TEEC_ERROR_BAD_PARAMETERS, 0, 0, call);
	po->phase = PART_OPTEE_RETRIEVE;
	return SPMC_PART_CALL;
}

/* YIELDING_CALL_WITH_ARG: runs the message, after retrieving what it needs. */
static enum spmc_part_status optee_call_with_arg(struct part_optee *po, struct ffa_value *call)
{
	struct part_optee_outcome out =
		part_optee_run_arg(po, optee_cookie(&po->req), (uint32_t)po->req.x[6]);

	if (out.need)
		return optee_retrieve(po, out.cookie, call);
	return optee_answer(po, out.w3, OPTEE_FFA_YIELDING_RETURN_DONE, 0, call);
}

/* A retrieve that failed: the message runs without that memory. */
static enum spmc_part_status optee_retrieve_failed(struct part_optee *po, struct ffa_value *call)
{
	po->failed = po->pending;
	po->failed_set = true;
	return optee_call_with_arg(po, call);
}

/* The whole retrieve response is in: keep the memory and run the message again. */
static enum spmc_part_status optee_retrieved(struct part_optee *po, struct ffa_value *call)
{
	struct ffa_mem_txn t;
	struct ffa_memdesc_fault fault;
	struct part_optee_shm *shm = NULL;

	for (unsigned i = 0; i < PART_OPTEE_MAX_SHM && shm == NULL; i++)
		shm = po->shm[i].used ? NULL : &po->shm[i];
	if (shm == NULL ||
	    ffa_memdesc_parse(po->resp, po->total, po->ep->version, &t, &fault) != FFA_OK ||
	    t.range_count > PART_OPTEE_MAX_RANGES)
		return optee_retrieve_failed(po, call);
	memset(shm, 0, sizeof(*shm));
	shm->cookie = po->pending;
	shm->range_count = t.range_count;
	for (uint32_t i = 0; i < t.range_count; i++) {
		shm->ranges[i] = ffa_memdesc_range(po->resp, &t, i);
		shm->size += (uint64_t)shm->ranges[i].page_count * FFA_MEM_PAGE_SIZE;
	}
	shm->used = true;
	return optee_call_with_arg(po, call);
}

/* Takes a fragment of the retrieve response from its RX buffer, then gives the buffer back. */
static enum spmc_part_status optee_take(struct part_optee *po, uint32_t len, struct ffa_value *call)
{
	if (len > sizeof(po->resp) - po->got ||
	    spmc_mem_read(po->mem, &po->ep->mem, po->base + PART_MODEL_RX_OFFSET,
			  po->resp + po->got, len) != SPMC_MEM_OK)
		return optee_retrieve_failed(po, call);
	po->got += len;
	part_model_call(call, FFA_RX_RELEASE);
	po->phase = PART_OPTEE_RELEASE;
	return SPMC_PART_CALL;
}

/* UNREGISTER_SHM: relinquishes memory it holds; a cookie it never saw is fine too. */
static enum spmc_part_status optee_unregister(struct part_optee *po, struct ffa_value *call)
{
	uint64_t cookie = optee_cookie(&po->req);

	if (part_optee_find(po, cookie) == NULL)
		return optee_answer(po, 0, 0, 0, call);
	if (!part_model_relinquish(po->ep, po->mem, po->base, cookie, call))
		return optee_answer(po, (uint32_t)FFA_INVALID_PARAMETERS, 0, 0, call);
	po->pending = cookie;
	po->phase = PART_OPTEE_RELINQUISH;
	return SPMC_PART_CALL;
}

/* A blocking call: w3 its service ID. */
static enum spmc_part_status optee_blocking(struct part_optee *po, struct ffa_value *call)
{
	switch ((uint32_t)po->req.x[3]) {
	case OPTEE_FFA_GET_API_VERSION:
		return optee_answer(po, OPTEE_FFA_API_MAJOR, OPTEE_FFA_API_MINOR, 0, call);
	case OPTEE_FFA_GET_OS_VERSION:
		return optee_answer(po, po->revision_major, po->revision_minor, po->build_id, call);
	case OPTEE_FFA_EXCHANGE_CAPABILITIES:
		return optee_answer(po, 0, OPTEE_FFA_RPC_PARAMS, po->caps, call);
	case OPTEE_FFA_UNREGISTER_SHM:
		return optee_unregister(po, call);
	case OPTEE_FFA_ENABLE_ASYNC_NOTIF:
		return optee_answer(po,
				    (uint32_t)po->req.x[4] < OPTEE_MAX_ASYNC_NOTIF_VALUE
					    ? OPTEE_TEEC_SUCCESS
					    : OPTEE_TEEC_ERROR_BAD_PARAMETERS,
				    0, 0, call);
	default:
		return optee_answer(po, OPTEE_TEEC_ERROR_BAD_PARAMETERS, 0, 0, call);
	}
}

/* A direct request: framework messages refused, then yielding or blocking by w3's bit 31. */
static enum spmc_part_status optee_request(struct part_optee *po, const struct ffa_value *in,
					   struct ffa_value *call)
{
	po->req = *in;
	po->failed_set = false;
	if ((uint32_t)in->x[2] & FFA_MSG_FLAG_FRAMEWORK)
		return optee_refuse(po, FFA_NOT_SUPPORTED, call);
	if (!((uint32_t)in->x[3] & OPTEE_FFA_YIELDING_BIT))
		return optee_blocking(po, call);
	switch ((uint32_t)in->x[3]) {
	case OPTEE_FFA_YIELDING_CALL_WITH_ARG:
		return optee_call_with_arg(po, call);
	case OPTEE_FFA_YIELDING_CALL_RESUME:
		/* No call is ever suspended in an RPC: nothing to resume. */
		return optee_answer(po, OPTEE_TEEC_ERROR_BAD_PARAMETERS, 0, 0, call);
	default:
		/* OP-TEE starts a thread, whose entry refuses the service with FFA_DENIED. */
		return optee_answer(po, (uint32_t)FFA_DENIED, 0, 0, call);
	}
}

static enum spmc_part_status optee_boot(void *ctx, struct ffa_value *call)
{
	struct part_optee *po = ctx;

	if (!part_model_map_buffers(po->ep, &po->base, call))
		return SPMC_PART_FAULT;
	po->phase = PART_OPTEE_MAP;
	return SPMC_PART_CALL;
}

/* Waiting: the next request, or FFA_MSG_WAIT again. */
static enum spmc_part_status optee_wait(struct part_optee *po, const struct ffa_value *in,
					struct ffa_value *call)
{
	switch (ffa_fid_strip_hint((uint32_t)in->x[0])) {
	case FFA_MSG_SEND_DIRECT_REQ_32:
	case FFA_MSG_SEND_DIRECT_REQ_64:
		return optee_request(po, in, call);
	case FFA_MSG_SEND_DIRECT_REQ2_64:
		/* OP-TEE's own endpoint takes no DIRECT_REQ2. */
		po->req = *in;
		return optee_refuse(po, FFA_NOT_SUPPORTED, call);
	default:
		part_model_call(call, FFA_MSG_WAIT_32);
		return SPMC_PART_CALL;
	}
}

static enum spmc_part_status optee_resume(void *ctx, const struct ffa_value *in,
					  struct ffa_value *call)
{
	struct part_optee *po = ctx;
	uint32_t fid = ffa_fid_strip_hint((uint32_t)in->x[0]);

	switch (po->phase) {
	case PART_OPTEE_MAP:
		if (fid != FFA_SUCCESS_32)
			return SPMC_PART_FAULT;
		part_model_call(call, FFA_MSG_WAIT_32);
		po->phase = PART_OPTEE_WAIT;
		return SPMC_PART_CALL;
	case PART_OPTEE_WAIT:
		return optee_wait(po, in, call);
	case PART_OPTEE_RETRIEVE:
		if (fid != FFA_MEM_RETRIEVE_RESP)
			return optee_retrieve_failed(po, call);
		po->total = (uint32_t)in->x[1];
		if (po->total > sizeof(po->resp))
			return optee_retrieve_failed(po, call);
		return optee_take(po, (uint32_t)in->x[2], call);
	case PART_OPTEE_FRAG:
		if (fid != FFA_MEM_FRAG_TX)
			return optee_retrieve_failed(po, call);
		return optee_take(po, (uint32_t)in->x[3], call);
	case PART_OPTEE_RELEASE:
		if (fid != FFA_SUCCESS_32)
			return optee_retrieve_failed(po, call);
		if (po->got < po->total) {
			part_model_call(call, FFA_MEM_FRAG_RX);
			call->x[1] = (uint32_t)po->pending;
			call->x[2] = (uint32_t)(po->pending >> 32);
			call->x[3] = po->got;
			po->phase = PART_OPTEE_FRAG;
			return SPMC_PART_CALL;
		}
		return optee_retrieved(po, call);
	case PART_OPTEE_RELINQUISH:
		if (fid != FFA_SUCCESS_32)
			return optee_answer(po, (uint32_t)FFA_INVALID_PARAMETERS, 0, 0, call);
		part_optee_find(po, po->pending)->used = false;
		return optee_answer(po, 0, 0, 0, call);
	}
	return SPMC_PART_FAULT;
}

static const struct spmc_partition_ops optee_ops = {
	.boot = optee_boot,
	.resume = optee_resume,
};

void part_optee_defaults(struct part_model_params *params)
{
	params->optee_revision_major = PART_OPTEE_REVISION_MAJOR;
	params->optee_revision_minor = PART_OPTEE_REVISION_MINOR;
	params->optee_build_id = PART_OPTEE_BUILD_ID;
	params->optee_caps = PART_OPTEE_CAPS;
	params->optee_device_count =
		ffa_uuid_parse(PART_OPTEE_DEVICE, params->optee_devices[0]) == FFA_UUID_OK;
}

bool part_optee_attach(struct spmc_endpoint *ep, struct part_optee *state,
		       const struct part_model_params *params, const struct spmc_guest_mem *mem)
{
	if (!ep->secure || mem == NULL || params->optee_device_count > PART_MAX_OPTEE_DEVICES)
		return false;
	memset(state, 0, sizeof(*state));
	state->ep = ep;
	state->mem = mem;
	state->revision_major = params->optee_revision_major;
	state->revision_minor = params->optee_revision_minor;
	state->build_id = params->optee_build_id;
	state->caps = params->optee_caps;
	state->device_count = params->optee_device_count;
	memcpy(state->devices, params->optee_devices, sizeof(state->devices));
	ep->ops = &optee_ops;
	ep->ctx.ops_ctx = state;
	return true;
}
