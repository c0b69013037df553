/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * FFA_FEATURES (FF-A v1.2 (DEN0077A) §13.3): w1 names a function (bit 31 set) or a feature
 * (bit 31 clear). A function is supported when the SPMC models it, the real SPMC of the
 * personality offers it to this caller (the normal world or a partition) and it exists at the
 * caller's version; the answer is FFA_SUCCESS_32 with w2/w3 properties (zero unless the
 * function defines them) or NOT_SUPPORTED.
 */
#include "abi/table.h"
#include "mem_internal.h"

/* FFA_FEATURES w1 bit 31: the query names a function ID. */
#define FEATURES_FUNCTION_BIT (UINT32_C(1) << 31)
/* FFA_RXTX_MAP properties in w2: bits 1:0 minimum buffer size (0: 4 KiB), 31:16 maximum page
 * count for v1.2 callers (§13.3.2.1). */
#define FEATURES_RXTX_MIN_4K 0x0u
#define FEATURES_RXTX_MAX_PAGES_SHIFT 16
/* Feature IDs: bits 30:8 MBZ (§13.3). */
#define FEATURES_FEATURE_MBZ 0x7fffff00u
/* Feature 4, notification features (FF-A v1.3): bit 0 no per-vCPU notifications for VMs,
 * bit 1 none for SPs. */
#define FEATURES_NOTIFY_NO_PER_VCPU 0x3u

static bool features_is_mem_retrieve_req(uint32_t fid)
{
	return fid == FFA_MEM_RETRIEVE_REQ_32 || fid == FFA_MEM_RETRIEVE_REQ_64;
}

/*
 * A feature ID (w1 bit 31 clear; FF-A v1.2 (DEN0077A) §13.3, Table 13.11): the interrupt ID
 * in w2, as the personality reports it; feature IDs have bits 30:8 MBZ and no input property
 * (Hafnium refuses both with NOT_SUPPORTED). Hafnium reports the schedule receiver interrupt
 * to the normal world and the notification pending and managed exit interrupts to partitions,
 * from v1.2; its v1.3 answers feature 4 (notification features: w2 bits 0 and 1, no per-vCPU
 * notifications for VMs or SPs).
 */
static struct ffa_value features_feature_id(const struct spmc *spmc,
					    const struct spmc_endpoint *caller, uint32_t id,
					    uint32_t input)
{
	const struct spmc_personality *pers = spmc->cfg.personality;
	uint32_t intid = 0;

	if ((id & FEATURES_FEATURE_MBZ) != 0 || input != 0 || spmc->cfg.version < FFA_VERSION_1_2)
		return ffa_error_value(FFA_NOT_SUPPORTED);
	switch (id) {
	case FFA_FEATURE_NPI:
		intid = caller->secure ? pers->npi_intid : 0;
		break;
	case FFA_FEATURE_SRI:
		intid = caller->secure ? 0 : pers->sri_intid;
		break;
	case FFA_FEATURE_MEI:
		intid = caller->secure ? pers->mei_intid : 0;
		break;
	case FFA_FEATURE_NOTIFICATION:
		if (pers->notif_model == SPMC_NOTIF_HAFNIUM && spmc->cfg.version >= FFA_VERSION_1_3)
			return ffa_success_value(FEATURES_NOTIFY_NO_PER_VCPU);
		break;
	default:
		break;
	}
	if (intid == 0)
		return ffa_error_value(FFA_NOT_SUPPORTED);
	return ffa_success_value(intid);
}

/*
 * Whether the SPMC offers a function to this caller: modelled here, not absent from the real
 * SPMC, and, for the normal world, not one of the partition-only interfaces the real SPMC
 * hides from it (FFA_FEATURES answers per caller, as each SPMC does).
 */
static bool features_offered(const struct spmc *spmc, const struct spmc_endpoint *caller,
			     const struct ffa_func *func)
{
	const struct spmc_func *sf = spmc_func_of(func);

	if (spmc_pers_in(spmc, sf->absent_in))
		return false;
	if (!caller->secure && spmc_pers_in(spmc, sf->nw_hidden_in))
		return false;
	/* The answers FFA_ERROR, FFA_SUCCESS and FFA_INTERRUPT are part of every implementation's
	 * ABI without being calls the SPMC handles (the ACS expects SUCCESS for them). */
	return func->answer_only || sf->handler != NULL;
}

struct ffa_value spmc_features(struct spmc *spmc, struct spmc_endpoint *caller,
			       const struct ffa_value *args)
{
	const struct spmc_personality *pers = spmc->cfg.personality;
	uint32_t queried = (uint32_t)args->x[1];
	uint32_t input = (uint32_t)args->x[2];
	uint32_t version = spmc_caller_version(spmc, caller);
	const struct ffa_func *func;
	uint32_t w2 = 0;

	/* TF-A refuses input properties except for FFA_MEM_RETRIEVE_REQ (its NS-bit flag), with
	 * NOT_SUPPORTED. */
	if (pers->features_input_mbz && input != 0 && !features_is_mem_retrieve_req(queried))
		return ffa_error_value(FFA_NOT_SUPPORTED);
	if ((queried & FEATURES_FUNCTION_BIT) == 0)
		return features_feature_id(spmc, caller, queried, input);
	func = ffa_func_find(queried);
	/* FFA_MEM_RETRIEVE_RESP is an answer, never a call: offered or not by personality. */
	if (func != NULL && func->fid == FFA_MEM_RETRIEVE_RESP && func->fid == queried &&
	    spmc->cfg.version >= func->since) {
		enum ffa_error err = spmc_mem_features(spmc, caller, queried, input, &w2);

		return err == FFA_OK ? ffa_success_value(w2) : ffa_error_value(err);
	}
	if (func == NULL || func->not_modelled ||
	    (pers->features_by_caller_version && func->since > version &&
	     !spmc_gate_exempt(spmc, func)) ||
	    func->since > spmc->cfg.version || func->fid != queried ||
	    !features_offered(spmc, caller, func))
		return ffa_error_value(FFA_NOT_SUPPORTED);
	if (FFA_FNUM(func->fid) >= FFA_FNUM(FFA_NOTIFICATION_BITMAP_CREATE) &&
	    FFA_FNUM(func->fid) <= FFA_FNUM(FFA_NOTIFICATION_INFO_GET_64) &&
	    !spmc_notif_offered(spmc, caller, func->fid))
		return ffa_error_value(FFA_NOT_SUPPORTED);
	if (func->fid == FFA_SECONDARY_EP_REGISTER_64 &&
	    !spmc_secondary_ep_register_offered(caller))
		return ffa_error_value(FFA_NOT_SUPPORTED);
	if (func->fid == FFA_RX_ACQUIRE && !spmc_rx_acquire_offered(caller))
		return ffa_error_value(FFA_NOT_SUPPORTED);
	if ((func->idx == FFA_IDX_MEM_PERM_GET_32 || func->idx == FFA_IDX_MEM_PERM_GET_64 ||
	     func->idx == FFA_IDX_MEM_PERM_SET_32 || func->idx == FFA_IDX_MEM_PERM_SET_64) &&
	    !spmc_mem_perm_offered(caller))
		return ffa_error_value(FFA_NOT_SUPPORTED);
	/* RXTX_MAP: minimum buffer size 4 KiB; the maximum page count for v1.2 callers where the
	 * SPMC reports one (Hafnium: one page; TF-A and OP-TEE leave the field zero). */
	if (func->fid == FFA_RXTX_MAP_32 || func->fid == FFA_RXTX_MAP_64) {
		w2 = FEATURES_RXTX_MIN_4K;
		if (version >= FFA_VERSION_1_2)
			w2 |= pers->rxtx_max_pages << FEATURES_RXTX_MAX_PAGES_SHIFT;
	}
	if (FFA_FNUM(func->fid) >= FFA_FNUM(FFA_MEM_DONATE_32) &&
	    FFA_FNUM(func->fid) <= FFA_FNUM(FFA_MEM_FRAG_TX)) {
		enum ffa_error err = spmc_mem_features(spmc, caller, queried, input, &w2);

		if (err != FFA_OK)
			return ffa_error_value(err);
	}
	return ffa_success_value(w2);
}
