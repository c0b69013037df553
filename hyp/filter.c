/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Which host calls are FF-A, which the proxy refuses, and FFA_FEATURES for them (pKVM's
 * is_ffa_call, ffa_call_supported and do_ffa_features).
 *
 * The deny-list is pKVM's (ffa_call_supported() in Linux's arch/arm64/kvm/hyp/nvhe/ffa.c;
 * docs/hypervisor.md lists it): functions the proxy answers NOT_SUPPORTED without forwarding
 * them. Linux's own list names some functions in one
 * calling-convention form only (FFA_MSG_SEND_DIRECT_RESP, FFA_NOTIFICATION_INFO_GET,
 * FFA_CONSOLE_LOG in their SMC32 form); the simulator refuses both forms, and keeps
 * FFA_EL3_INTR_HANDLE, which the merged FF-A 1.2 series dropped from its list (the SPMD
 * refuses it from the normal world anyway).
 */
#include "hyp/internal.h"

/* SMCCC (DEN0028) §2.5: bit 31 fast call, bits 29:24 the owner (4: standard secure service). */
#define HYP_FID_FAST (UINT32_C(1) << 31)
#define HYP_FID_OWNER(fid) (((fid) >> 24) & 0x3fu)
#define HYP_FID_OWNER_STD_SECURE 4u
#define HYP_FID_NUMBER(fid) ((fid) & 0xffffu)
/* The range the proxy knew as FF-A before "Update the identification range for the FF-A
 * smcs": FF-A 1.0's functions ended at 0x7F. */
#define HYP_FNUM_MAX_OLD 0x7fu

/* A deny-list entry and the list it first appeared on. */
struct hyp_denied {
	uint32_t fid;
	enum hyp_deny_list since;
};

static const struct hyp_denied hyp_deny[] = {
	/* Memory management the proxy does not support. */
	{FFA_FID_SMC64(0x74), HYP_DENY_LIST_FFA_1_1}, /* FFA_MEM_RETRIEVE_REQ_64 */
	{FFA_FID_SMC32(0x75), HYP_DENY_LIST_FFA_1_1}, /* FFA_MEM_RETRIEVE_RESP */
	{FFA_FID_SMC32(0x76), HYP_DENY_LIST_FFA_1_1}, /* FFA_MEM_RELINQUISH */
	{FFA_FID_SMC32(0x78), HYP_DENY_LIST_FFA_1_1}, /* FFA_MEM_OP_PAUSE */
	{FFA_FID_SMC32(0x79), HYP_DENY_LIST_FFA_1_1}, /* FFA_MEM_OP_RESUME */
	{FFA_FID_SMC32(0x7a), HYP_DENY_LIST_FFA_1_1}, /* FFA_MEM_FRAG_RX */
	{FFA_FID_SMC64(0x71), HYP_DENY_LIST_FFA_1_1}, /* FFA_MEM_DONATE_64 */
	/* Indirect messaging through the RX/TX buffers. */
	{FFA_FID_SMC32(0x6e), HYP_DENY_LIST_FFA_1_1}, /* FFA_MSG_SEND */
	{FFA_FID_SMC32(0x6a), HYP_DENY_LIST_FFA_1_1}, /* FFA_MSG_POLL */
	{FFA_FID_SMC32(0x6b), HYP_DENY_LIST_FFA_1_1}, /* FFA_MSG_WAIT */
	/* Responses the host never sends, and 32-bit forms of calls it makes in 64-bit form. */
	{FFA_FID_SMC32(0x70), HYP_DENY_LIST_FFA_1_1}, /* FFA_MSG_SEND_DIRECT_RESP_32 */
	{FFA_FID_SMC64(0x70), HYP_DENY_LIST_FFA_1_1}, /* FFA_MSG_SEND_DIRECT_RESP_64 */
	{FFA_FID_SMC32(0x66), HYP_DENY_LIST_FFA_1_1}, /* FFA_RXTX_MAP_32 */
	{FFA_FID_SMC32(0x71), HYP_DENY_LIST_FFA_1_1}, /* FFA_MEM_DONATE_32 */
	{FFA_FID_SMC32(0x74), HYP_DENY_LIST_FFA_1_1}, /* FFA_MEM_RETRIEVE_REQ_32 */
	/* "KVM: arm64: Mark FFA_NOTIFICATION_* calls as unsupported": optional 1.1 interfaces. */
	{FFA_FID_SMC32(0x7d), HYP_DENY_LIST_FFA_1_2}, /* FFA_NOTIFICATION_BITMAP_CREATE */
	{FFA_FID_SMC32(0x7e), HYP_DENY_LIST_FFA_1_2}, /* FFA_NOTIFICATION_BITMAP_DESTROY */
	{FFA_FID_SMC32(0x7f), HYP_DENY_LIST_FFA_1_2}, /* FFA_NOTIFICATION_BIND */
	{FFA_FID_SMC32(0x80), HYP_DENY_LIST_FFA_1_2}, /* FFA_NOTIFICATION_UNBIND */
	{FFA_FID_SMC32(0x81), HYP_DENY_LIST_FFA_1_2}, /* FFA_NOTIFICATION_SET */
	{FFA_FID_SMC32(0x82), HYP_DENY_LIST_FFA_1_2}, /* FFA_NOTIFICATION_GET */
	{FFA_FID_SMC32(0x83), HYP_DENY_LIST_FFA_1_2}, /* FFA_NOTIFICATION_INFO_GET_32 */
	{FFA_FID_SMC64(0x83), HYP_DENY_LIST_FFA_1_2}, /* FFA_NOTIFICATION_INFO_GET_64 */
	/* "KVM: arm64: Mark optional FF-A 1.2 interfaces as unsupported" (DIRECT_REQ2 is the
	 * direct-req2 switch's). */
	{FFA_FID_SMC64(0x8e), HYP_DENY_LIST_FFA_1_2}, /* FFA_MSG_SEND_DIRECT_RESP2 */
	{FFA_FID_SMC32(0x8a), HYP_DENY_LIST_FFA_1_2}, /* FFA_CONSOLE_LOG_32 */
	{FFA_FID_SMC64(0x8a), HYP_DENY_LIST_FFA_1_2}, /* FFA_CONSOLE_LOG_64 */
	{FFA_FID_SMC64(0x8b), HYP_DENY_LIST_FFA_1_2}, /* FFA_PARTITION_INFO_GET_REGS */
	{FFA_FID_SMC32(0x8c), HYP_DENY_LIST_FFA_1_2}, /* FFA_EL3_INTR_HANDLE */
};

bool hyp_fid_is_ffa(const struct hyp_pkvm *hyp, uint32_t fid)
{
	uint32_t max = hyp->cfg.sw[HYP_SW_FFA_FUNCTION_RANGE] == HYP_RANGE_60_7F ? HYP_FNUM_MAX_OLD
										  : FFA_FNUM_MAX;

	/* FF-A v1.2 (DEN0077A) §13: fast calls of the standard secure service, 0x60-0xFF. */
	return (fid & HYP_FID_FAST) != 0 && HYP_FID_OWNER(fid) == HYP_FID_OWNER_STD_SECURE &&
	       HYP_FID_NUMBER(fid) >= FFA_FNUM_MIN && HYP_FID_NUMBER(fid) <= max;
}

bool hyp_fid_denied(const struct hyp_pkvm *hyp, uint32_t fid)
{
	if (fid == HYP_FFA_DIRECT_REQ2)
		return hyp->cfg.sw[HYP_SW_DIRECT_REQ2] == HYP_REQ2_DENY;
	for (size_t i = 0; i < sizeof(hyp_deny) / sizeof(hyp_deny[0]); i++) {
		if (hyp_deny[i].fid == fid)
			return hyp_deny[i].since <= hyp->cfg.sw[HYP_SW_DENY_LIST];
	}
	return false;
}

bool hyp_fid_is_mem_share(uint32_t fid)
{
	switch (fid) {
	case HYP_FFA_MEM_SHARE_32:
	case HYP_FFA_MEM_SHARE_64:
	case HYP_FFA_MEM_LEND_32:
	case HYP_FFA_MEM_LEND_64:
	case HYP_FFA_MEM_RECLAIM:
	case HYP_FFA_MEM_FRAG_TX:
		return true;
	default:
		return false;
	}
}

enum hyp_outcome hyp_host_features(struct hyp_pkvm *hyp, const struct ffa_value *args,
				   struct ffa_value *res)
{
	uint32_t id = (uint32_t)args->x[1];

	/*
	 * Denied functions are not supported. pKVM answers FFA_SUCCESS (w2 = 0, no dynamically
	 * allocated buffers) for MEM_SHARE and MEM_LEND, which it handles; the simulator refuses
	 * memory sharing until it models it, and says so here too. Everything else is the SPMC's
	 * to answer.
	 */
	if (hyp_fid_denied(hyp, id) || hyp_fid_is_mem_share(id)) {
		*res = hyp_error(hyp, FFA_NOT_SUPPORTED);
		return HYP_HANDLED;
	}
	return HYP_PASS_THROUGH;
}
