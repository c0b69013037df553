/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * FFA_VERSION (FF-A v1.2 (DEN0077A) §13.2): the answer is a bare version or NOT_SUPPORTED in
 * w0, never an FFA_ERROR frame, with x1-x7 zero. What is answered and stored depends on the
 * personality, exactly as the real SPMCs do (ffa-abi.md, "FFA_VERSION").
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

struct ffa_value spmc_version(struct spmc *spmc, struct spmc_endpoint *caller,
			      const struct ffa_value *args)
{
	const struct spmc_personality *pers = spmc->cfg.personality;
	uint32_t own = spmc->cfg.version;
	uint32_t requested = (uint32_t)args->x[1];
	bool locked = caller->negotiation_over && pers->after_lock != SPMC_LOCKED_NEVER;

	/* Bit 31 must be zero (§13.2.1): no SPMC answers such a request with a version. */
	if (!ffa_version_valid(requested))
		return version_not_supported();

	if (locked) {
		switch (pers->after_lock) {
		case SPMC_LOCKED_SAME_OR_NOT_SUPPORTED:
			/* Hafnium: the version negotiated before answers; any other is refused. */
			if (caller->version_set && requested == caller->version)
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
