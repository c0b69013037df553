/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The proxy's initialisation (pKVM's hyp_ffa_init) and the post-initialisation it runs on the
 * host's first negotiation (hyp_ffa_post_init), step by step:
 * - SMCCC 1.2 or later, else FF-A is off (the proxy needs the 1.2 register convention);
 * - FFA_VERSION(its maximum) to the SPMC: NOT_SUPPORTED switches FF-A off; a major version
 *   other than 1 is an initialisation failure: the whole hypervisor does not come up;
 * - the version in use is min(SPMC's answer, its maximum);
 * - later, on the host's first FFA_VERSION: FFA_ID_GET must answer 0 (the ID pKVM shares with
 *   the host) and FFA_FEATURES(FFA_RXTX_MAP_64) a minimum buffer size no larger than a page.
 */
#include <inttypes.h>

#include "abi/ids.h"
#include "hyp/internal.h"

/* FFA_FEATURES(FFA_RXTX_MAP) w2 bits 1:0, the minimum buffer size (FF-A v1.2 (DEN0077A) §13.3). */
#define HYP_RXTX_MIN_MASK 0x3u
#define HYP_RXTX_MIN_4K 0x0u
#define HYP_RXTX_MIN_64K 0x1u
#define HYP_RXTX_MIN_16K 0x2u

bool hyp_version_is_not_supported(const struct hyp_pkvm *hyp, uint64_t x0)
{
	/*
	 * The buggy form compares the 64-bit register with -1 (an unsigned long against an int):
	 * firmware that writes NOT_SUPPORTED as the 32-bit 0xffffffff, as SMCCC (DEN0028) §7.2
	 * has it for an SMC32 call, is missed. The fix reads w0 as an s32.
	 */
	if (hyp->cfg.sw[HYP_SW_VERSION_ERROR_CHECK] == HYP_VERSION_CHECK_COMPARE_U64)
		return x0 == UINT64_MAX;
	return (int32_t)(uint32_t)x0 == FFA_NOT_SUPPORTED;
}

/* Switches FF-A off (hyp->failure says why): the proxy stays, every host FF-A call answers
 * NOT_SUPPORTED. */
static void hyp_ffa_off(struct hyp_pkvm *hyp)
{
	hyp->state = HYP_PKVM_FFA_OFF;
	hyp_note(hyp, "FF-A off: %s; the host's FF-A calls answer NOT_SUPPORTED", hyp->failure);
}

void hyp_init(struct hyp_pkvm *hyp)
{
	uint32_t max = hyp_max_version(hyp);
	struct ffa_value args = {{0}}, res;
	uint32_t answer;
	char buf[24];

	hyp->negotiated = false;
	hyp->version = 0;
	hyp->failure[0] = '\0';

	args.x[0] = SMCCC_VERSION;
	res = hyp_call_firmware(hyp, &args);
	answer = (uint32_t)res.x[0];
	if ((int32_t)answer < 0 || answer < SMCCC_VERSION_1_2) {
		snprintf(hyp->failure, sizeof(hyp->failure),
			 "the firmware's SMCCC_VERSION is 0x%08" PRIx32 ", below 1.2", answer);
		hyp_ffa_off(hyp);
		return;
	}

	args.x[0] = FFA_VERSION;
	args.x[1] = max;
	res = hyp_call_firmware(hyp, &args);
	if (hyp_version_is_not_supported(hyp, res.x[0])) {
		snprintf(hyp->failure, sizeof(hyp->failure),
			 "FFA_VERSION(%s) answered NOT_SUPPORTED (0x%" PRIx64 "): no FF-A firmware",
			 ffa_version_format(max, buf, sizeof(buf)), res.x[0]);
		hyp_ffa_off(hyp);
		return;
	}
	answer = (uint32_t)res.x[0];
	/*
	 * FF-A v1.1 (DEN0077A) §13.2.1: a caller can only use a callee of the same major version.
	 * v1.x firmware that cannot serve v1.0 structures answers NOT_SUPPORTED instead, so any
	 * version with another major stops the initialisation, and pKVM with it.
	 */
	if (ffa_version_major(answer) != 1) {
		hyp->state = HYP_PKVM_FAILED;
		snprintf(hyp->failure, sizeof(hyp->failure),
			 "FFA_VERSION(%s) answered 0x%" PRIx64
			 ", read as version %u.%u (major is not 1)",
			 ffa_version_format(max, buf, sizeof(buf)), res.x[0],
			 ffa_version_major(answer), ffa_version_minor(answer));
		hyp_note(hyp,
			 "initialisation failed: %s; the hypervisor does not come up (Linux: "
			 "\"Failed to init hyp memory protection\", -EOPNOTSUPP) and the host runs "
			 "without it",
			 hyp->failure);
		return;
	}
	hyp->version = ffa_version_minor(answer) < ffa_version_minor(max) ? answer : max;
	hyp->state = HYP_PKVM_ACTIVE;
}

/* A post-initialisation failure: the host's FFA_VERSION answers NOT_SUPPORTED. */
static bool hyp_post_init_failed(struct hyp_pkvm *hyp, const char *what, uint64_t x0, uint64_t x2)
{
	hyp_note(hyp,
		 "post-initialisation failed: %s (x0 0x%" PRIx64 ", x2 0x%" PRIx64
		 "); the host's FFA_VERSION answers NOT_SUPPORTED",
		 what, x0, x2);
	return false;
}

bool hyp_post_init(struct hyp_pkvm *hyp)
{
	struct ffa_value args = {{0}}, res;
	uint64_t w2;
	uint32_t min_size;

	args.x[0] = FFA_ID_GET;
	res = hyp_call_firmware(hyp, &args);
	if (res.x[0] != FFA_SUCCESS_32)
		return hyp_post_init_failed(hyp, "FFA_ID_GET failed", res.x[0], res.x[2]);
	/* FF-A v1.2 (DEN0077A) §6.1: ID 0 at the non-secure physical instance, shared with the
	 * host. */
	if (res.x[2] != FFA_ID_NS_PHYS)
		return hyp_post_init_failed(hyp, "FFA_ID_GET answered an ID other than 0", res.x[0],
					    res.x[2]);

	args.x[0] = FFA_FEATURES;
	args.x[1] = FFA_RXTX_MAP_64;
	res = hyp_call_firmware(hyp, &args);
	if (res.x[0] != FFA_SUCCESS_32)
		return hyp_post_init_failed(hyp, "FFA_FEATURES(FFA_RXTX_MAP_64) failed", res.x[0],
					    res.x[2]);
	/*
	 * w2 bits 1:0 are the minimum buffer size; from v1.2 bits 31:16 carry the maximum page
	 * count, which a proxy reading the whole register takes for an unknown size.
	 */
	w2 = res.x[2];
	if (hyp->cfg.sw[HYP_SW_FEATURES_RXTX_MASK] == HYP_RXTX_MASK_BITS_1_0)
		w2 &= HYP_RXTX_MIN_MASK;
	switch (w2) {
	case HYP_RXTX_MIN_4K:
		min_size = 0x1000;
		break;
	case HYP_RXTX_MIN_16K:
		min_size = 0x4000;
		break;
	case HYP_RXTX_MIN_64K:
		min_size = 0x10000;
		break;
	default:
		return hyp_post_init_failed(
			hyp, "FFA_FEATURES(FFA_RXTX_MAP_64) w2 is not a minimum buffer size",
			res.x[0], res.x[2]);
	}
	if (min_size > HYP_PKVM_PAGE_SIZE)
		return hyp_post_init_failed(
			hyp, "the SPMC's minimum RX/TX buffer is larger than the proxy's page",
			res.x[0], res.x[2]);
	return true;
}
