/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * FFA_VERSION (FF-A v1.2 (DEN0077A) §13.2): the answer is a bare version or NOT_SUPPORTED in
 * w0, never an FFA_ERROR frame, with x1-x7 zero. What is answered and stored depends on the
 * personality, exactly as the real SPMCs do (docs/ffa-support.md, "FFA_VERSION by
 * personality").
 */
#include "spmc/internal.h"

static struct ffa_value version_answer(uint32_t w0)
{
	struct ffa_value v = {{0}};

	v.x[0] = w0;
	return v;
}

static struct ffa_value version_not_supported(void)
{
	return version_answer((uint32_t)FFA_NOT_SUPPORTED);
}

/*
 * Whether this request ends the caller's negotiation itself: the normal world's FFA_VERSION
 * reaches Hafnium behind TF-A's SPMD as a framework message, and Hafnium ends negotiation
 * after every message it handles but FFA_VERSION and FFA_INTERRUPT. A request with bit 31
 * set never gets there: the SPMD refuses it.
 */
static bool version_request_locks(const struct spmc *spmc, const struct spmc_endpoint *caller)
{
	return spmc->cfg.personality->after_lock == SPMC_LOCKED_SAME_OR_NOT_SUPPORTED &&
	       !caller->secure && spmc->cfg.sw[SPMC_SW_VERSION_PATH] == SPMC_VERSION_PATH_SPMD;
}

/*
 * Whether TF-A's SPMD answers the normal world's FFA_VERSION itself: it does when the SPMC
 * behind it declares FF-A v1.0 in its manifest (the SPMD's FFA_VERSION handler answers the
 * SPMC's version with x1-x7 zero and forwards nothing), so such an SPMC never sees the
 * request: nothing is stored and negotiation goes on.
 */
static bool version_answered_by_spmd(const struct spmc *spmc, const struct spmc_endpoint *caller)
{
	return spmc->cfg.personality->behind_spmd && !caller->secure &&
	       spmc->cfg.version == FFA_VERSION_1_0 &&
	       spmc->cfg.sw[SPMC_SW_VERSION_PATH] == SPMC_VERSION_PATH_SPMD;
}

/* The answer to FFA_VERSION, by the personality's rules. */
static struct ffa_value spmc_version_answer(struct spmc *spmc, struct spmc_endpoint *caller,
					    const struct ffa_value *args)
{
	const struct spmc_personality *pers = spmc->cfg.personality;
	uint32_t own = spmc->cfg.version;
	uint32_t requested = (uint32_t)args->x[1];
	bool locked = caller->negotiation_over && pers->after_lock != SPMC_LOCKED_NEVER;

	/* Bit 31 must be zero (§13.2.1): no SPMC answers such a request with a version. */
	if (!ffa_version_valid(requested))
		return version_not_supported();
	if (version_answered_by_spmd(spmc, caller))
		return version_answer(own);

	if (locked) {
		switch (pers->after_lock) {
		case SPMC_LOCKED_SAME_OR_NOT_SUPPORTED:
			/* Hafnium: the version negotiated before answers; any other is refused.
			 * A caller that negotiated nothing has Hafnium's own version. */
			if (requested == (caller->version_set ? caller->version : own))
				return version_answer(own);
			return version_not_supported();
		case SPMC_LOCKED_NEGOTIATED:
			/* TF-A: answers the version it negotiated, whatever is asked. */
			return caller->version_set ? version_answer(caller->version)
						   : version_not_supported();
		case SPMC_LOCKED_NEVER:
			break;
		}
	}

	if (!ffa_version_compatible(own, requested)) {
		/* Hafnium refuses; TF-A and OP-TEE answer their own version and store nothing. */
		if (pers->incompatible == SPMC_INCOMPAT_NOT_SUPPORTED)
			return version_not_supported();
		return version_answer(own);
	}
	/* OP-TEE stores min(requested, own); a compatible request is never above own anyway. */
	caller->version = pers->store_min && requested > own ? own : requested;
	caller->version_set = true;
	return version_answer(own);
}

struct ffa_value spmc_version(struct spmc *spmc, struct spmc_endpoint *caller,
			      const struct ffa_value *args)
{
	struct ffa_value res = spmc_version_answer(spmc, caller, args);

	if (ffa_version_valid((uint32_t)args->x[1]) && !version_answered_by_spmd(spmc, caller) &&
	    version_request_locks(spmc, caller))
		caller->negotiation_over = true;
	return res;
}
