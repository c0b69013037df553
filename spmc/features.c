/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * FFA_FEATURES (FF-A v1.2 (DEN0077A) §13.3): w1 names a function (bit 31 set) or a feature
 * (bit 31 clear). A function is supported when the SPMC models it and it exists at the
 * caller's version; the answer is FFA_SUCCESS_32 with w2/w3 properties (zero unless the
 * function defines them) or NOT_SUPPORTED.
 */
#include "abi/table.h"
#include "spmc/internal.h"

/* FFA_FEATURES w1 bit 31: the query names a function ID. */
#define FEATURES_FUNCTION_BIT (UINT32_C(1) << 31)
/* FFA_RXTX_MAP properties in w2: bits 1:0 minimum buffer size (0: 4 KiB), 31:16 maximum page
 * count for v1.2 callers (§13.3.2.1). */
#define FEATURES_RXTX_MIN_4K 0x0u
#define FEATURES_RXTX_MAX_PAGES_SHIFT 16

static bool features_is_answer(uint32_t fid)
{
	return fid == FFA_ERROR_32 || fid == FFA_SUCCESS_32 || fid == FFA_SUCCESS_64 ||
	       fid == FFA_FID_SMC32(0x62);
}

static bool features_is_mem_retrieve_req(uint32_t fid)
{
	return (fid & ~FFA_FID_SMC64_BIT) == FFA_FID_SMC32(0x74);
}

struct ffa_value spmc_features(struct spmc *spmc, struct spmc_endpoint *caller,
			       const struct ffa_value *args)
{
	uint32_t queried = (uint32_t)args->x[1];
	uint32_t input = (uint32_t)args->x[2];
	uint32_t version = spmc_caller_version(spmc, caller);
	const struct ffa_func *func;
	uint32_t w2 = 0;

	/* TF-A refuses input properties except for FFA_MEM_RETRIEVE_REQ (its NS-bit flag). */
	if (spmc->cfg.personality->features_input_mbz && input != 0 &&
	    !features_is_mem_retrieve_req(queried))
		return ffa_error_value(FFA_INVALID_PARAMETERS);
	if ((queried & FEATURES_FUNCTION_BIT) == 0) {
		/* Feature IDs: the notification and managed-exit interrupts are not modelled. */
		return ffa_error_value(FFA_NOT_SUPPORTED);
	}
	func = ffa_func_find(queried);
	if (func == NULL || func->not_modelled || func->since > version ||
	    func->since > spmc->cfg.version || func->fid != queried)
		return ffa_error_value(FFA_NOT_SUPPORTED);
	/* The answers FFA_ERROR, FFA_SUCCESS and FFA_INTERRUPT are part of every implementation's
	 * ABI without being calls the SPMC handles (the ACS expects SUCCESS for them). */
	if (!features_is_answer(func->fid) && spmc_handler_find(func->fid) == NULL)
		return ffa_error_value(FFA_NOT_SUPPORTED);
	if (func->fid == FFA_FID_SMC64(0x87) && !spmc_secondary_ep_register_offered(caller))
		return ffa_error_value(FFA_NOT_SUPPORTED);
	if ((func->fid & ~FFA_FID_SMC64_BIT) == FFA_FID_SMC32(0x66)) {
		w2 = FEATURES_RXTX_MIN_4K;
		if (version >= FFA_VERSION_1_2)
			w2 |= SPMC_RXTX_MAX_PAGES << FEATURES_RXTX_MAX_PAGES_SHIFT;
	}
	return ffa_success_value(w2);
}
