/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The proxy's core: attaching it to the host CPU, the finalise call, and the one dispatcher
 * every trapped host SMC goes through. As pKVM's host SMC handler does, it lets calls outside
 * the FF-A range pass through to the firmware, refuses every FF-A call but FFA_VERSION until
 * the host negotiated a version, hands the calls it handles to their handler, answers the
 * deny-list with NOT_SUPPORTED and forwards the rest. The answers it makes itself go back
 * under the result-convention switch; forwarded answers under the firmware's own rule, as
 * pKVM's pass-through path returns the firmware's registers unchanged.
 */
#include "hyp/pkvm.h"

#include <stdarg.h>
#include <string.h>

#include "abi/ids.h"
#include "hyp/internal.h"

/* -EPERM in the finalise call's x1, as pKVM answers a second finalisation. */
#define HYP_FINALISE_EPERM UINT64_MAX

uint32_t hyp_max_version(const struct hyp_pkvm *hyp)
{
	switch (hyp->cfg.sw[HYP_SW_MAX_VERSION]) {
	case HYP_MAX_VERSION_1_0:
		return FFA_VERSION_1_0;
	case HYP_MAX_VERSION_1_1:
		return FFA_VERSION_1_1;
	default:
		return FFA_VERSION_1_2;
	}
}

void hyp_note(struct hyp_pkvm *hyp, const char *fmt, ...)
{
	va_list ap;

	if (hyp->notes == NULL)
		return;
	fputs("ffa-sim: note: pkvm: ", hyp->notes);
	va_start(ap, fmt);
	vfprintf(hyp->notes, fmt, ap);
	va_end(ap);
	fputc('\n', hyp->notes);
}

uint64_t hyp_encode_error(const struct hyp_pkvm *hyp, int32_t code)
{
	/* pKVM assigns a negative C int to a 64-bit register: sign-extended. */
	if (hyp->cfg.sw[HYP_SW_NOT_SUPPORTED_ENCODING] == HYP_ENCODING_SIGN_EXTENDED)
		return (uint64_t)(int64_t)code;
	return (uint32_t)code;
}

struct ffa_value hyp_error(const struct hyp_pkvm *hyp, int32_t code)
{
	struct ffa_value v = {{0}};

	v.x[0] = FFA_ERROR_32;
	v.x[2] = hyp_encode_error(hyp, code);
	return v;
}

struct ffa_value hyp_version_not_supported(const struct hyp_pkvm *hyp)
{
	struct ffa_value v = {{0}};

	v.x[0] = hyp_encode_error(hyp, FFA_NOT_SUPPORTED);
	return v;
}

struct ffa_value hyp_success(uint64_t w2)
{
	struct ffa_value v = {{0}};

	v.x[0] = FFA_SUCCESS_32;
	v.x[2] = w2;
	return v;
}

struct ffa_value hyp_call_firmware(struct hyp_pkvm *hyp, const struct ffa_value *args)
{
	struct emu_call call = {
		.cpu = hyp->host,
		.conduit = FFA_CONDUIT_SMC,
		.fid = ffa_fid_strip_hint((uint32_t)args->x[0]),
		.sve_hint = false,
		.args = *args,
	};
	struct ffa_value res = {{0}};
	struct ffa_result_rule rule = {.smccc = FFA_SMCCC_1_2, .ffa_version = 0};

	hyp->firmware_calls++;
	/* An FF-A call never ends the run; should one, the proxy sees a refusal. */
	if (hyp->firmware.fn == NULL ||
	    hyp->firmware.fn(hyp->firmware.ctx, &call, &res, &rule) != EMU_CALL_DONE)
		return ffa_error_value(FFA_NOT_SUPPORTED);
	return res;
}

/* A host call the proxy does not take: to the firmware, answered under its rule. */
static enum emu_call_status hyp_forward(struct hyp_pkvm *hyp, struct emu_call *call,
					struct ffa_value *res, struct ffa_result_rule *rule)
{
	hyp->forwarded++;
	return hyp->firmware.fn(hyp->firmware.ctx, call, res, rule);
}

/* The host's FF-A calls, as pKVM's kvm_host_ffa_handler takes them. */
static enum hyp_outcome hyp_ffa_call(struct hyp_pkvm *hyp, const struct emu_call *call,
				     struct ffa_value *res)
{
	const struct ffa_value *args = &call->args;
	uint32_t fid = call->fid;

	/* FF-A is off (SMCCC below 1.2, or the firmware has no FF-A): nothing is proxied. */
	if (hyp->state == HYP_PKVM_FFA_OFF) {
		*res = fid == FFA_VERSION ? hyp_version_not_supported(hyp)
					  : hyp_error(hyp, FFA_NOT_SUPPORTED);
		return HYP_HANDLED;
	}
	/* Only FFA_VERSION before the host negotiated one: the proxy has no version to use. */
	if (fid != FFA_VERSION && !hyp->negotiated) {
		*res = hyp_error(hyp, FFA_INVALID_PARAMETERS);
		return HYP_HANDLED;
	}
	switch (fid) {
	case FFA_VERSION:
		*res = hyp_host_version(hyp, args);
		return HYP_HANDLED;
	case FFA_FEATURES:
		return hyp_host_features(hyp, args, res);
	case FFA_RXTX_MAP_64:
		*res = hyp_host_rxtx_map(hyp, args);
		return HYP_HANDLED;
	case FFA_RXTX_UNMAP:
		*res = hyp_host_rxtx_unmap(hyp, args);
		return HYP_HANDLED;
	case FFA_PARTITION_INFO_GET:
		*res = hyp_host_partition_info(hyp, args);
		return HYP_HANDLED;
	case FFA_MSG_SEND_DIRECT_REQ2_64:
		return hyp_host_direct_req2(hyp, args, res);
	default:
		break;
	}
	/*
	 * pKVM checks the memory the host shares or lends against its own page tables and
	 * reissues the call; memory sharing is not modelled yet, so the proxy refuses it.
	 */
	if (hyp_fid_is_mem_share(fid) || hyp_fid_denied(hyp, fid)) {
		*res = hyp_error(hyp, FFA_NOT_SUPPORTED);
		return HYP_HANDLED;
	}
	return HYP_PASS_THROUGH;
}

/* Trapped host SMCs. */
static enum emu_call_status hyp_smc(void *ctx, struct emu_call *call, struct ffa_value *res,
				    struct ffa_result_rule *rule)
{
	struct hyp_pkvm *hyp = ctx;

	/* PSCI, SMCCC and vendor calls: the firmware answers (pKVM forwards what it does not
	 * know, since devices depend on such calls). */
	if (!hyp_fid_is_ffa(hyp, call->fid))
		return hyp_forward(hyp, call, res, rule);
	if (hyp_ffa_call(hyp, call, res) == HYP_PASS_THROUGH)
		return hyp_forward(hyp, call, res, rule);
	rule->smccc = hyp->cfg.sw[HYP_SW_RESULT_CONVENTION] == HYP_RESULT_SMCCC_1_1 ? FFA_SMCCC_1_1
										    : FFA_SMCCC_1_2;
	rule->ffa_version = hyp->negotiated ? hyp->version : 0;
	return EMU_CALL_DONE;
}

static struct emu_call_target hyp_smc_target(struct hyp_pkvm *hyp)
{
	return (struct emu_call_target){.fn = hyp_smc, .ctx = hyp};
}

/* Initialises the proxy and routes the host's SMCs by the outcome. */
static void hyp_do_finalise(struct hyp_pkvm *hyp)
{
	hyp_init(hyp);
	if (hyp->state == HYP_PKVM_FAILED) {
		/* As a host whose hypervisor failed to come up: no proxy, no hypervisor calls. */
		emu_cpu_route(hyp->host, FFA_CONDUIT_SMC, hyp->firmware);
		emu_cpu_route(hyp->host, FFA_CONDUIT_HVC, hyp->other_hvc);
		return;
	}
	emu_cpu_route(hyp->host, FFA_CONDUIT_SMC, hyp_smc_target(hyp));
}

/* An HVC that is not the proxy's: where HVCs went before it was attached. */
static enum emu_call_status hyp_other_hvc(struct hyp_pkvm *hyp, struct emu_call *call,
					  struct ffa_value *res, struct ffa_result_rule *rule)
{
	if (hyp->other_hvc.fn == NULL) {
		emu_cpu_fault(call->cpu, EMU_FAULT_HVC_UNROUTED, emu_cpu_pc(call->cpu) - 4,
			      "HVC with nothing to handle it");
		return EMU_CALL_STOP;
	}
	return hyp->other_hvc.fn(hyp->other_hvc.ctx, call, res, rule);
}

/* A host HVC: the finalise call, or one for whatever was routed before. */
static enum emu_call_status hyp_hvc(void *ctx, struct emu_call *call, struct ffa_value *res,
				    struct ffa_result_rule *rule)
{
	struct hyp_pkvm *hyp = ctx;

	if (call->fid != HYP_PKVM_FINALISE_FID || hyp->state == HYP_PKVM_FAILED)
		return hyp_other_hvc(hyp, call, res, rule);
	if (hyp->state == HYP_PKVM_WAITING) {
		hyp_do_finalise(hyp);
		/* No hypervisor came up: the call is nobody's, as without one. */
		if (hyp->state == HYP_PKVM_FAILED)
			return hyp_other_hvc(hyp, call, res, rule);
	} else {
		res->x[1] = HYP_FINALISE_EPERM;
	}
	/* pKVM's host hypercalls answer x0 = SMCCC_RET_SUCCESS and their result in x1. */
	res->x[0] = 0;
	rule->smccc = FFA_SMCCC_1_1;
	rule->ffa_version = 0;
	return EMU_CALL_DONE;
}

bool hyp_pkvm_attach(struct hyp_pkvm *hyp, const struct hyp_pkvm_config *cfg,
		     struct emu_cpu *host, struct fw_el3 *fw, struct emu_memory *mem, FILE *notes,
		     struct diag *err)
{
	const struct emu_region *ram;

	memset(hyp, 0, sizeof(*hyp));
	if (cfg == NULL || host == NULL || fw == NULL || mem == NULL) {
		diag_set(err, NULL, 0, 0, "pkvm: nothing to attach to");
		return false;
	}
	for (size_t i = 0; i < HYP_SW_COUNT; i++) {
		if (strcmp(hyp_switch_value(cfg, i), "?") == 0) {
			diag_set(err, NULL, 0, 0, "pkvm: switch %s has no value %u",
				 hyp_switch_at(i)->name, cfg->sw[i]);
			return false;
		}
	}
	ram = mem->platform != NULL ? emu_platform_ns_ram(mem->platform) : NULL;
	if (ram == NULL || ram->size < 2 * HYP_PKVM_RESERVED_SIZE ||
	    emu_memory_ptr(mem, ram->base + ram->size - HYP_PKVM_RESERVED_SIZE,
			   HYP_PKVM_RESERVED_SIZE, false) == NULL) {
		diag_set(err, NULL, 0, 0,
			 "pkvm: no non-secure RAM for the proxy's %u KiB of reserved memory",
			 HYP_PKVM_RESERVED_SIZE / 1024);
		return false;
	}
	hyp->cfg = *cfg;
	hyp->host = host;
	hyp->memory = mem;
	hyp->notes = notes;
	hyp->firmware = fw_el3_target(fw);
	hyp->other_hvc = host->hvc;
	hyp->reserved_base = ram->base + ram->size - HYP_PKVM_RESERVED_SIZE;
	hyp->own.tx = hyp->reserved_base;
	hyp->own.rx = hyp->reserved_base + (uint64_t)HYP_PKVM_MBOX_PAGES * HYP_PKVM_PAGE_SIZE;
	hyp->state = HYP_PKVM_WAITING;

	emu_cpu_route(host, FFA_CONDUIT_HVC, (struct emu_call_target){.fn = hyp_hvc, .ctx = hyp});
	if (cfg->sw[HYP_SW_FINALISE] == HYP_FINALISE_AT_BOOT) {
		hyp_do_finalise(hyp);
	} else {
		/* Until the finalise call the host's SMCs reach the firmware directly. */
		emu_cpu_route(host, FFA_CONDUIT_SMC, hyp->firmware);
	}
	return true;
}

bool hyp_pkvm_finalise(struct hyp_pkvm *hyp)
{
	if (hyp->state != HYP_PKVM_WAITING)
		return false;
	hyp_do_finalise(hyp);
	return hyp->state != HYP_PKVM_FAILED;
}
