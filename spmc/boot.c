/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Booting partitions: each runs from its entry point to its first FFA_MSG_WAIT (FF-A v1.2
 * (DEN0077A) §8.3, the partition runtime model for initialisation), its calls on the way
 * answered as Hafnium answers them in that runtime model, and FFA_SECONDARY_EP_REGISTER, the
 * one call that only makes sense there.
 *
 * What a partition may call before its first FFA_MSG_WAIT, as Hafnium
 * (ffa_cpu_cycles_check_rtm_sp_init) and TF-A's EL3 SPMC (its RT_MODEL_INIT checks) have it:
 * - every FF-A call that changes no runtime state is served as at run time (version,
 *   features, IDs, buffers, partition discovery, console logs, FFA_SECONDARY_EP_REGISTER_64;
 *   the calls the simulator does not model, such as memory sharing and notifications, get
 *   their usual NOT_SUPPORTED);
 * - FFA_MSG_WAIT ends the initialisation: the partition booted;
 * - FFA_ERROR reports a failed initialisation: the partition failed to boot (Hafnium aborts a
 *   partition that reports ABORTED, TF-A's EL3 SPMC any error);
 * - a direct request goes through to a partition that already booted (Hafnium's rule 1); to a
 *   partition still initialising it is DENIED;
 * - FFA_YIELD, FFA_RUN and direct responses are runtime-state changes the initialisation model
 *   does not allow: Hafnium answers DENIED and the partition goes on;
 * - an SMC outside FF-A (PSCI, SMCCC) is answered as EL3 answers a secure caller: SMC_UNK, -1
 *   in all of x0, x1-x17 as the partition left them (Hafnium forwards such SMCs to EL3, and
 *   TF-A's PSCI refuses a secure caller with SMC_UNK); the partition goes on.
 */
#include "spmc/internal.h"

#include <stdio.h>

/* Calls a partition may make before its first FFA_MSG_WAIT. */
#define SPMC_BOOT_MAX_CALLS 256u

/* What a call before the first FFA_MSG_WAIT does: the boot column of the function table. */
static enum spmc_boot_action spmc_boot_action(uint32_t fid)
{
	const struct ffa_func *func;

	if (!ffa_fid_is_ffa(fid))
		return SPMC_BOOT_UNKNOWN;
	func = ffa_func_find(fid);
	return func != NULL ? spmc_func_of(func)->boot : SPMC_BOOT_SERVE;
}

/*
 * A direct request from a partition still initialising: Hafnium delivers it to a partition
 * past its own initialisation and refuses one to a partition still in it with DENIED. The
 * sender counts as running while its request is handled (direct.c checks the sender state).
 */
static struct ffa_value spmc_boot_request(struct spmc *spmc, struct spmc_endpoint *ep,
					  const struct ffa_value *call)
{
	struct spmc_endpoint *rx = spmc_find_endpoint(spmc, ffa_msg_destination(call->x[1]));
	struct ffa_value answer;
	uint32_t version;

	if (rx != NULL && rx->secure && rx->ctx.state == SPMC_EP_BOOTING)
		return ffa_error_value(FFA_DENIED);
	ep->ctx.state = SPMC_EP_RUNNING;
	answer = spmc_call(spmc, ep, call, &version);
	ep->ctx.state = SPMC_EP_BOOTING;
	return answer;
}

bool spmc_boot_serve(struct spmc *spmc, struct spmc_endpoint *ep, enum spmc_part_status first,
		     struct ffa_value *first_call)
{
	struct ffa_value call = *first_call, answer;
	uint32_t fid, version;

	if (first != SPMC_PART_CALL)
		return false;
	for (unsigned n = 0; n < SPMC_BOOT_MAX_CALLS; n++) {
		fid = ffa_fid_strip_hint((uint32_t)call.x[0]);
		/* Hafnium's interrupt calls are served during initialisation too: partitions
		 * enable their interrupts there. */
		if (spmc_hf_call(spmc, ep, &call, &answer)) {
			if (ep->ops->resume(ep->ctx.ops_ctx, &answer, &call) != SPMC_PART_CALL)
				return false;
			continue;
		}
		switch (spmc_boot_action(fid)) {
		case SPMC_BOOT_BOOTED:
			ep->ctx.state = SPMC_EP_WAITING;
			return true;
		case SPMC_BOOT_REPORTS:
			snprintf(ep->fail_reason, sizeof(ep->fail_reason),
				 "it reported FFA_ERROR (%s) before FFA_MSG_WAIT",
				 ffa_error_name((int32_t)(uint32_t)call.x[2]));
			return false;
		case SPMC_BOOT_UNKNOWN:
			answer = spmc_smc_unknown(&call);
			break;
		case SPMC_BOOT_DENY:
			answer = ffa_error_value(FFA_DENIED);
			break;
		case SPMC_BOOT_REQUEST:
			answer = spmc_boot_request(spmc, ep, &call);
			break;
		case SPMC_BOOT_SERVE:
			answer = spmc_call(spmc, ep, &call, &version);
			break;
		}
		if (ep->ops->resume(ep->ctx.ops_ctx, &answer, &call) != SPMC_PART_CALL)
			return false;
	}
	snprintf(ep->fail_reason, sizeof(ep->fail_reason),
		 "it made %u calls without reaching FFA_MSG_WAIT", SPMC_BOOT_MAX_CALLS);
	return false;
}

unsigned spmc_boot(struct spmc *spmc)
{
	unsigned failed = 0;

	for (unsigned i = 0; i < spmc->endpoint_count; i++) {
		struct spmc_endpoint *ep = &spmc->endpoints[i];

		struct ffa_value call;

		if (!ep->secure || ep->ops == NULL || ep->ctx.state != SPMC_EP_BOOTING)
			continue;
		ep->ctx_booted[ep->ctx_current] = true;
		ep->ctx_started++;
		spmc_intr_enable_at_boot(spmc, ep);
		if (!spmc_boot_serve(spmc, ep, ep->ops->boot(ep->ctx.ops_ctx, &call), &call)) {
			ep->ctx.state = SPMC_EP_FAILED;
			ep->boot_failed = true;
			failed++;
		}
	}
	return failed;
}

/*
 * FFA_SECONDARY_EP_REGISTER_64 (FF-A v1.2 (DEN0077A), "FFA_SECONDARY_EP_REGISTER"): the entry
 * point for the partition's other execution contexts at their cold boot. As Hafnium
 * (api_ffa_secondary_ep_register): only a partition may call it (the normal world gets
 * NOT_SUPPORTED), only one with more than one execution context (a UP partition gets
 * NOT_SUPPORTED), only while it initialises (DENIED afterwards); the address is not checked
 * and the last call wins; the answer is a bare FFA_SUCCESS_32. The 32-bit form is not
 * implemented by Hafnium nor TF-A: the dispatcher answers NOT_SUPPORTED.
 */
bool spmc_secondary_ep_register_offered(const struct spmc_endpoint *caller)
{
	/* Hafnium's FFA_FEATURES: only to partitions with more than one execution context. */
	return caller->secure && caller->exec_ctx_count > 1;
}

struct ffa_value spmc_secondary_ep_register(struct spmc *spmc, struct spmc_endpoint *caller,
					    const struct ffa_value *args)
{
	(void)spmc;
	if (!spmc_secondary_ep_register_offered(caller))
		return ffa_error_value(FFA_NOT_SUPPORTED);
	if (caller->ctx.state != SPMC_EP_BOOTING)
		return ffa_error_value(FFA_DENIED);
	caller->secondary_ep = args->x[1];
	caller->secondary_ep_set = true;
	return ffa_success_value(0);
}
