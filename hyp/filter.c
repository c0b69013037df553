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

#include "abi/table.h"

/* SMCCC (DEN0028) §2.5: bit 31 fast call, bits 29:24 the owner (4: standard secure service). */
#define HYP_FID_FAST (UINT32_C(1) << 31)
#define HYP_FID_OWNER(fid) (((fid) >> 24) & 0x3fu)
#define HYP_FID_OWNER_STD_SECURE 4u
#define HYP_FID_NUMBER(fid) ((fid)&0xffffu)
/* The range the proxy knew as FF-A before "Update the identification range for the FF-A
 * smcs": FF-A 1.0's functions ended at 0x7F. */
#define HYP_FNUM_MAX_OLD 0x7fu

/* The proxy's columns of the function table (abi/table.h), one entry per row. */
struct hyp_func {
	/* On the deny-list from `list` on (hyp_config's deny-list switch) */
	bool denied;
	enum hyp_deny_list list;
	/* Memory the proxy shares or lends itself (hyp/mem.c): FFA_FEATURES answers SUCCESS
	 * with w2 = 0 (no dynamically allocated buffers), as pKVM's do_ffa_features does. */
	bool mem_xfer;
};

#define HYP_DENY_1_1 .denied = true, .list = HYP_DENY_LIST_FFA_1_1
#define HYP_DENY_1_2 .denied = true, .list = HYP_DENY_LIST_FFA_1_2

static const struct hyp_func hyp_funcs[FFA_FUNC_COUNT] = {
	/* Memory management the proxy does not support. */
	[FFA_IDX_MEM_RETRIEVE_REQ_64] = {HYP_DENY_1_1},
	[FFA_IDX_MEM_RETRIEVE_RESP] = {HYP_DENY_1_1},
	[FFA_IDX_MEM_RELINQUISH] = {HYP_DENY_1_1},
	[FFA_IDX_MEM_OP_PAUSE] = {HYP_DENY_1_1},
	[FFA_IDX_MEM_OP_RESUME] = {HYP_DENY_1_1},
	[FFA_IDX_MEM_FRAG_RX] = {HYP_DENY_1_1},
	[FFA_IDX_MEM_DONATE_64] = {HYP_DENY_1_1},
	/* Indirect messaging through the RX/TX buffers. */
	[FFA_IDX_MSG_SEND] = {HYP_DENY_1_1},
	[FFA_IDX_MSG_POLL] = {HYP_DENY_1_1},
	[FFA_IDX_MSG_WAIT_32] = {HYP_DENY_1_1},
	/* Responses the host never sends, and 32-bit forms of calls it makes in 64-bit form. */
	[FFA_IDX_MSG_SEND_DIRECT_RESP_32] = {HYP_DENY_1_1},
	[FFA_IDX_MSG_SEND_DIRECT_RESP_64] = {HYP_DENY_1_1},
	[FFA_IDX_RXTX_MAP_32] = {HYP_DENY_1_1},
	[FFA_IDX_MEM_DONATE_32] = {HYP_DENY_1_1},
	[FFA_IDX_MEM_RETRIEVE_REQ_32] = {HYP_DENY_1_1},
	/* "KVM: arm64: Mark FFA_NOTIFICATION_* calls as unsupported": optional 1.1 interfaces. */
	[FFA_IDX_NOTIFICATION_BITMAP_CREATE] = {HYP_DENY_1_2},
	[FFA_IDX_NOTIFICATION_BITMAP_DESTROY] = {HYP_DENY_1_2},
	[FFA_IDX_NOTIFICATION_BIND] = {HYP_DENY_1_2},
	[FFA_IDX_NOTIFICATION_UNBIND] = {HYP_DENY_1_2},
	[FFA_IDX_NOTIFICATION_SET] = {HYP_DENY_1_2},
	[FFA_IDX_NOTIFICATION_GET] = {HYP_DENY_1_2},
	[FFA_IDX_NOTIFICATION_INFO_GET_32] = {HYP_DENY_1_2},
	[FFA_IDX_NOTIFICATION_INFO_GET_64] = {HYP_DENY_1_2},
	/* "KVM: arm64: Mark optional FF-A 1.2 interfaces as unsupported" (DIRECT_REQ2 is the
	 * direct-req2 switch's). */
	[FFA_IDX_MSG_SEND_DIRECT_RESP2_64] = {HYP_DENY_1_2},
	[FFA_IDX_CONSOLE_LOG_32] = {HYP_DENY_1_2},
	[FFA_IDX_CONSOLE_LOG_64] = {HYP_DENY_1_2},
	[FFA_IDX_PARTITION_INFO_GET_REGS_64] = {HYP_DENY_1_2},
	[FFA_IDX_EL3_INTR_HANDLE] = {HYP_DENY_1_2},
	/* Memory sharing, handled by the proxy (MEM_RECLAIM and MEM_FRAG_TX too, whose
	 * FFA_FEATURES the SPMC answers). */
	[FFA_IDX_MEM_SHARE_32] = {.mem_xfer = true},
	[FFA_IDX_MEM_SHARE_64] = {.mem_xfer = true},
	[FFA_IDX_MEM_LEND_32] = {.mem_xfer = true},
	[FFA_IDX_MEM_LEND_64] = {.mem_xfer = true},
};

/*
 * The proxy's columns of a function ID's row, or NULL for an ID the table does not know. The ID
 * must be the row's exactly: pKVM compares the host's w0 with its list as it is, SVE hint bit
 * included.
 */
static const struct hyp_func *hyp_func_find(uint32_t fid)
{
	const struct ffa_func *func = ffa_func_find(fid);

	return func != NULL && func->fid == fid ? &hyp_funcs[func->idx] : NULL;
}

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
	const struct hyp_func *hf;

	if (fid == FFA_MSG_SEND_DIRECT_REQ2_64)
		return hyp->cfg.sw[HYP_SW_DIRECT_REQ2] == HYP_REQ2_DENY;
	hf = hyp_func_find(fid);
	return hf != NULL && hf->denied && hf->list <= hyp->cfg.sw[HYP_SW_DENY_LIST];
}

bool hyp_fid_is_mem_xfer(uint32_t fid)
{
	const struct hyp_func *hf = hyp_func_find(fid);

	return hf != NULL && hf->mem_xfer;
}

enum hyp_outcome hyp_host_features(struct hyp_pkvm *hyp, const struct ffa_value *args,
				   struct ffa_value *res)
{
	uint32_t id = (uint32_t)args->x[1];

	/*
	 * Denied functions are not supported. pKVM answers FFA_SUCCESS (w2 = 0, no dynamically
	 * allocated buffers) for MEM_SHARE and MEM_LEND, which it handles. Everything else is the
	 * SPMC's to answer.
	 */
	if (hyp_fid_denied(hyp, id)) {
		*res = hyp_error(hyp, FFA_NOT_SUPPORTED);
		return HYP_HANDLED;
	}
	if (hyp_fid_is_mem_xfer(id)) {
		*res = hyp_success(0);
		return HYP_HANDLED;
	}
	return HYP_PASS_THROUGH;
}
