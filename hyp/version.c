/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The host's FFA_VERSION (pKVM's do_ffa_version). The answer is a bare version or
 * NOT_SUPPORTED in x0 (FF-A v1.2 (DEN0077A) §13.2); the proxy has no compatibility paths
 * between versions, so:
 * - a major other than 1 is refused;
 * - before the host's first negotiation, a lower minor is forwarded to the SPMC and adopted
 *   unless refused (answered with the proxy's own NOT_SUPPORTED); then the
 *   post-initialisation runs, and its failure refuses the version;
 * - after it, a lower minor was once answered with the proxy's version, letting the host use
 *   the older ABI while the proxy kept the newer one (renegotiation: return-hyp-version);
 *   it is refused since "KVM: arm64: Correct return value on host version downgrade attempt".
 *   A higher or equal minor gets the proxy's version.
 */
#include "hyp/internal.h"

static struct ffa_value hyp_version_answer(uint32_t version)
{
	struct ffa_value v = {{0}};

	v.x[0] = version;
	return v;
}

struct ffa_value hyp_host_version(struct hyp_pkvm *hyp, const struct ffa_value *args)
{
	uint32_t requested = (uint32_t)args->x[1];
	struct ffa_value fwd = {{0}}, res;

	if (ffa_version_major(requested) != 1)
		return hyp_version_not_supported(hyp);

	if (hyp->negotiated) {
		if (hyp->cfg.sw[HYP_SW_RENEGOTIATION] == HYP_RENEGOTIATION_NOT_SUPPORTED &&
		    ffa_version_minor(requested) < ffa_version_minor(hyp->version))
			return hyp_version_not_supported(hyp);
		return hyp_version_answer(hyp->version);
	}

	/* A downgrade: the SPMC must accept the lower version too. */
	if (ffa_version_minor(requested) < ffa_version_minor(hyp->version)) {
		fwd.x[0] = FFA_VERSION;
		fwd.x[1] = requested;
		res = hyp_call_firmware(hyp, &fwd);
		/*
		 * The SPMC's refusal reaches the host as the proxy's own NOT_SUPPORTED, a C int
		 * in the 64-bit register (not-supported-encoding), whatever width the SPMC wrote:
		 * Linux's do_ffa_version answers the refusal it recognises with its result
		 * register, and 6.12's recognises the 64-bit -1 alone. A 32-bit 0xffffffff handed
		 * on would read as version 32767.65535 to Linux's driver, which compares x0 with
		 * a 64-bit -1 (ffa_version_check).
		 */
		if (hyp_version_is_not_supported(hyp, res.x[0]))
			return hyp_version_not_supported(hyp);
		hyp->version = requested;
	}

	if (!hyp_post_init(hyp))
		return hyp_version_not_supported(hyp);
	hyp->negotiated = true;
	hyp_vm_start(hyp);
	return hyp_version_answer(hyp->version);
}
