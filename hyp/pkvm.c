/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The proxy's core: its set-up and the host routes it asks for, the finalise call, and the one
 * handler every trapped host SMC goes through. It never touches the host CPU: it returns routes
 * and decisions (include/emu/call.h) that sim/ carries out. As pKVM's host SMC handler does,
 * it lets calls outside the FF-A range pass through to the firmware, refuses every FF-A call
 * but FFA_VERSION until the host negotiated a version, hands the calls it handles to their
 * handler, answers the deny-list with NOT_SUPPORTED and forwards the rest. The answers it makes
 * itself go back under the result-convention switch; forwarded answers under the firmware's own
 * rule, as pKVM's pass-through path returns the firmware's registers unchanged.
 */
#include "hyp/pkvm.h"

#include <stdarg.h>
#include <string.h>

#include "abi/ids.h"
#include "hyp/internal.h"

/* The exit status of a run the hypervisor's panic ended: a fault the guest caused. */
#define HYP_PANIC_STATUS 3

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
	fputs(hyp_forwarding(hyp) ? "ffa-sim: note: forwarding: " : "ffa-sim: note: pkvm: ",
	      hyp->notes);
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
	struct ffa_value regs = *args, answer = {{0}};

	hyp->firmware_calls++;
	/* An FF-A call never ends the run; should one, the proxy sees a refusal. */
	if (hyp->wiring.call_firmware == NULL ||
	    !hyp->wiring.call_firmware(hyp->wiring.call_ctx, &regs, &answer))
		return ffa_error_value(FFA_NOT_SUPPORTED);
	/* The relays copy the answer the firmware gave, x0-x17, as they always have. */
	return answer;
}

/* A host call the proxy does not take: to the firmware, answered under its rule. */
static void hyp_forward(struct hyp_pkvm *hyp, const struct emu_call *call,
			struct emu_call_decision *d)
{
	hyp->forwarded++;
	hyp->wiring.firmware.fn(hyp->wiring.firmware.ctx, call, d);
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
	if (fid == FFA_VERSION) {
		*res = hyp_host_version(hyp, args);
		return HYP_HANDLED;
	}
	/* A forwarding hypervisor's guest is a VM: its calls go another way (hyp/forward.c). */
	if (hyp_forwarding(hyp))
		return hyp_vm_call(hyp, fid, args, res);
	switch (fid) {
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
	/* Both forms of MEM_SHARE and MEM_LEND reach the SPMC as the 64-bit one, as in pKVM. */
	case FFA_MEM_SHARE_32:
	case FFA_MEM_SHARE_64:
		*res = hyp_host_mem_xfer(hyp, FFA_MEM_SHARE_64, args);
		return HYP_HANDLED;
	case FFA_MEM_LEND_32:
	case FFA_MEM_LEND_64:
		*res = hyp_host_mem_xfer(hyp, FFA_MEM_LEND_64, args);
		return HYP_HANDLED;
	case FFA_MEM_FRAG_TX:
		*res = hyp_host_mem_frag_tx(hyp, args);
		return HYP_HANDLED;
	case FFA_MEM_RECLAIM:
		*res = hyp_host_mem_reclaim(hyp, args);
		return HYP_HANDLED;
	default:
		break;
	}
	if (hyp_fid_denied(hyp, fid)) {
		*res = hyp_error(hyp, FFA_NOT_SUPPORTED);
		return HYP_HANDLED;
	}
	return HYP_PASS_THROUGH;
}

/* Trapped host SMCs. */
static void hyp_smc(void *ctx, const struct emu_call *call, struct emu_call_decision *d)
{
	struct hyp_pkvm *hyp = ctx;

	/* PSCI, SMCCC and vendor calls: the firmware answers (pKVM forwards what it does not
	 * know, since devices depend on such calls). */
	if (!hyp_fid_is_ffa(hyp, call->fid) ||
	    hyp_ffa_call(hyp, call, &d->res) == HYP_PASS_THROUGH) {
		hyp_forward(hyp, call, d);
		return;
	}
	/* A hypervisor panic takes the whole machine down: the run ends as a fault. */
	if (hyp->panic[0] != '\0') {
		emu_call_stop(d, EMU_STOP_FAULT, HYP_PANIC_STATUS, hyp->panic);
		return;
	}
	d->rule.smccc = hyp->cfg.sw[HYP_SW_RESULT_CONVENTION] == HYP_RESULT_SMCCC_1_1
				? FFA_SMCCC_1_1
				: FFA_SMCCC_1_2;
	d->rule.ffa_version = hyp->negotiated ? hyp->version : 0;
}

static struct emu_call_target hyp_smc_target(struct hyp_pkvm *hyp)
{
	return (struct emu_call_target){.fn = hyp_smc, .ctx = hyp};
}

/* Initialises the proxy; *routes gets the host's SMC (and HVC) routes the outcome asks for. */
static void hyp_do_finalise(struct hyp_pkvm *hyp, struct emu_call_routes *routes)
{
	hyp_init(hyp);
	if (hyp->state == HYP_PKVM_FAILED) {
		/* As a host whose hypervisor failed to come up: no proxy, no hypervisor calls. */
		emu_call_routes_set(routes, FFA_CONDUIT_SMC, hyp->wiring.firmware);
		emu_call_routes_set(routes, FFA_CONDUIT_HVC, hyp->wiring.other_hvc);
		return;
	}
	emu_call_routes_set(routes, FFA_CONDUIT_SMC, hyp_smc_target(hyp));
}

/* An HVC that is not the proxy's: where HVCs went before it was attached, or nobody's. */
static void hyp_other_hvc(struct hyp_pkvm *hyp, const struct emu_call *call,
			  struct emu_call_decision *d)
{
	if (hyp->wiring.other_hvc.fn == NULL) {
		d->action = EMU_CALL_UNROUTED;
		return;
	}
	hyp->wiring.other_hvc.fn(hyp->wiring.other_hvc.ctx, call, d);
}

/* A host HVC: the finalise call, or one for whatever was routed before. */
static void hyp_hvc(void *ctx, const struct emu_call *call, struct emu_call_decision *d)
{
	struct hyp_pkvm *hyp = ctx;

	if (call->fid != HYP_PKVM_FINALISE_FID || hyp->state == HYP_PKVM_FAILED) {
		hyp_other_hvc(hyp, call, d);
		return;
	}
	if (hyp->state == HYP_PKVM_WAITING) {
		hyp_do_finalise(hyp, &d->routes);
		/* No hypervisor came up: the call is nobody's, as without one. */
		if (hyp->state == HYP_PKVM_FAILED) {
			hyp_other_hvc(hyp, call, d);
			return;
		}
	} else {
		d->res.x[1] = HYP_FINALISE_EPERM;
	}
	/* pKVM's host hypercalls answer x0 = SMCCC_RET_SUCCESS and their result in x1. */
	d->res.x[0] = 0;
	d->rule.smccc = FFA_SMCCC_1_1;
	d->rule.ffa_version = 0;
}

bool hyp_pkvm_attach(struct hyp_pkvm *hyp, const struct hyp_pkvm_config *cfg,
		     const struct hyp_pkvm_wiring *wiring, FILE *notes,
		     struct emu_call_routes *routes, struct diag *err)
{
	uint64_t ram_base, ram_size;

	memset(hyp, 0, sizeof(*hyp));
	memset(routes, 0, sizeof(*routes));
	if (cfg == NULL || wiring == NULL || wiring->firmware.fn == NULL) {
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
	if (!spmc_mem_first_ram(&wiring->memory, false, &ram_base, &ram_size) ||
	    ram_size < 2 * HYP_PKVM_RESERVED_SIZE ||
	    !spmc_mem_backed(&wiring->memory, ram_base + ram_size - HYP_PKVM_RESERVED_SIZE,
			     HYP_PKVM_RESERVED_SIZE, true)) {
		diag_set(err, NULL, 0, 0,
			 "pkvm: no non-secure RAM for the proxy's %u KiB of reserved memory",
			 HYP_PKVM_RESERVED_SIZE / 1024);
		return false;
	}
	hyp->cfg = *cfg;
	hyp->wiring = *wiring;
	hyp->notes = notes;
	hyp->reserved_base = ram_base + ram_size - HYP_PKVM_RESERVED_SIZE;
	hyp->own.tx = hyp->reserved_base;
	hyp->own.rx = hyp->reserved_base + (uint64_t)HYP_PKVM_MBOX_PAGES * HYP_PKVM_PAGE_SIZE;
	hyp->state = HYP_PKVM_WAITING;

	emu_call_routes_set(routes, FFA_CONDUIT_HVC,
			    (struct emu_call_target){.fn = hyp_hvc, .ctx = hyp});
	if (cfg->sw[HYP_SW_FINALISE] == HYP_FINALISE_AT_BOOT) {
		hyp_do_finalise(hyp, routes);
	} else {
		/* Until the finalise call the host's SMCs reach the firmware directly. */
		emu_call_routes_set(routes, FFA_CONDUIT_SMC, hyp->wiring.firmware);
	}
	return true;
}

bool hyp_pkvm_finalise(struct hyp_pkvm *hyp, struct emu_call_routes *routes)
{
	memset(routes, 0, sizeof(*routes));
	if (hyp->state != HYP_PKVM_WAITING)
		return false;
	hyp_do_finalise(hyp, routes);
	return hyp->state != HYP_PKVM_FAILED;
}
