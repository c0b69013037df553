/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The host's FFA_MSG_SEND_DIRECT_REQ2 (FF-A v1.2 (DEN0077A) §15.4). Three forms, by the
 * direct-req2 switch:
 * - pass-through: before "KVM: arm64: Mark optional FF-A 1.2 interfaces as unsupported" the
 *   proxy knew nothing of it and it reached the SPMC unchecked;
 * - deny: on the deny-list since then (NOT_SUPPORTED);
 * - forward: as "KVM: arm64: Support FFA_MSG_SEND_DIRECT_REQ2 in host handler" posted it (with
 *   the source check of its early versions): only once FF-A 1.2 is in use, and only with the
 *   host's own ID as the source (x1[31:16]); x0-x17 go to the SPMC as the host left them and
 *   the whole answer comes back.
 */
#include "hyp/internal.h"

enum hyp_outcome hyp_host_direct_req2(struct hyp_pkvm *hyp, const struct ffa_value *args,
				      struct ffa_value *res)
{
	switch (hyp->cfg.sw[HYP_SW_DIRECT_REQ2]) {
	case HYP_REQ2_PASS_THROUGH:
		return HYP_PASS_THROUGH;
	case HYP_REQ2_FORWARD:
		break;
	default:
		/* deny */
		*res = hyp_error(hyp, FFA_NOT_SUPPORTED);
		return HYP_HANDLED;
	}
	if (hyp->version < FFA_VERSION_1_2) {
		*res = hyp_error(hyp, FFA_NOT_SUPPORTED);
		return HYP_HANDLED;
	}
	if (ffa_msg_source((uint32_t)args->x[1]) != FFA_ID_NS_PHYS) {
		*res = hyp_error(hyp, FFA_INVALID_PARAMETERS);
		return HYP_HANDLED;
	}
	*res = hyp_call_firmware(hyp, args);
	return HYP_HANDLED;
}
