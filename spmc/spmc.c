/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The SPMC's core: personalities, endpoints, and the one dispatcher every FF-A call goes
 * through. The dispatcher applies what is common to all calls, in this order: the function
 * is one the table knows and the simulator models; calls before negotiation (per
 * personality); the version gate (a function newer than the caller's version, or the SPMC's,
 * is not supported); the end of the negotiation phase; then the handler.
 */
#include "spmc/spmc.h"

#include <stdio.h>
#include <string.h>

#include "abi/table.h"
#include "spmc/internal.h"

/* FFA_INTERRUPT_32: the one call whose lock is a behaviour switch (version-lock). */
#define SPMC_FFA_INTERRUPT FFA_FID_SMC32(0x62)

/* The behaviours of the real SPMCs (ffa-abi.md, "What real implementations do"). */
static const struct spmc_personality spmc_personalities[] = {
	{
		/* Hafnium: NOT_SUPPORTED for incompatible requests; after the lock only the
		 * negotiated version is answered. */
		.name = "hafnium",
		.incompatible = SPMC_INCOMPAT_NOT_SUPPORTED,
		.after_lock = SPMC_LOCKED_SAME_OR_NOT_SUPPORTED,
		.store_min = false,
		.calls_before_negotiation = true,
		.features_input_mbz = false,
	},
	{
		/* TF-A's EL3 SPMC: its own version for incompatible requests (nothing stored);
		 * after the lock, the negotiated version; no calls before negotiation. */
		.name = "tf-a",
		.incompatible = SPMC_INCOMPAT_OWN_VERSION,
		.after_lock = SPMC_LOCKED_NEGOTIATED,
		.store_min = false,
		.calls_before_negotiation = false,
		.features_input_mbz = true,
	},
	{
		/* OP-TEE: always its own version, stores min(requested, own), never locks. */
		.name = "optee",
		.incompatible = SPMC_INCOMPAT_OWN_VERSION,
		.after_lock = SPMC_LOCKED_NEVER,
		.store_min = true,
		.calls_before_negotiation = true,
		.features_input_mbz = false,
	},
};

#define SPMC_PERSONALITY_COUNT (sizeof(spmc_personalities) / sizeof(spmc_personalities[0]))

const struct spmc_personality *spmc_personality_find(const char *name)
{
	for (size_t i = 0; i < SPMC_PERSONALITY_COUNT; i++) {
		if (strcmp(spmc_personalities[i].name, name) == 0)
			return &spmc_personalities[i];
	}
	return NULL;
}

const char *const *spmc_personality_names(void)
{
	static const char *const names[] = {"hafnium", "tf-a", "optee", NULL};

	return names;
}

bool spmc_config_parse(const char *text, struct spmc_config *cfg, struct diag *err)
{
	char name[32];
	const char *colon = strchr(text, ':');
	size_t len = colon != NULL ? (size_t)(colon - text) : strlen(text);

	memset(cfg, 0, sizeof(*cfg));
	cfg->version = FFA_VERSION_1_2;
	cfg->id = FFA_ID_SPMC_DEFAULT;
	if (len >= sizeof(name)) {
		diag_set(err, NULL, 0, 0, "--spmc: \"%s\" is not a personality", text);
		return false;
	}
	memcpy(name, text, len);
	name[len] = '\0';
	cfg->personality = spmc_personality_find(name);
	if (cfg->personality == NULL) {
		diag_set(err, NULL, 0, 0,
			 "--spmc: unknown personality \"%s\" (choose hafnium, tf-a, optee or none)",
			 name);
		return false;
	}
	if (colon == NULL)
		return true;
	if (!ffa_version_parse(colon + 1, &cfg->version) ||
	    (cfg->version != FFA_VERSION_1_0 && cfg->version != FFA_VERSION_1_1 &&
	     cfg->version != FFA_VERSION_1_2)) {
		diag_set(err, NULL, 0, 0, "--spmc: version \"%s\" is not 1.0, 1.1 or 1.2", colon + 1);
		return false;
	}
	return true;
}

const char *spmc_ep_state_name(enum spmc_ep_state state)
{
	static const char *const names[] = {"booting", "waiting", "running", "preempted",
					    "yielded", "blocked", "failed"};

	return (unsigned)state < sizeof(names) / sizeof(names[0]) ? names[state] : "?";
}

void spmc_init(struct spmc *spmc, const struct spmc_config *cfg, struct emu_memory *memory,
	       struct emu_console *console)
{
	memset(spmc, 0, sizeof(*spmc));
	spmc->cfg = *cfg;
	spmc->memory = memory;
	spmc->console = console;
}

struct spmc_endpoint *spmc_add_endpoint(struct spmc *spmc, uint16_t id, const char *name,
					bool secure)
{
	struct spmc_endpoint *ep;

	if (spmc->endpoint_count == SPMC_MAX_ENDPOINTS || spmc_find_endpoint(spmc, id) != NULL)
		return NULL;
	ep = &spmc->endpoints[spmc->endpoint_count++];
	memset(ep, 0, sizeof(*ep));
	ep->id = id;
	ep->secure = secure;
	snprintf(ep->name, sizeof(ep->name), "%s", name);
	ep->exec_ctx_count = 1;
	ep->state = secure ? SPMC_EP_BOOTING : SPMC_EP_RUNNING;
	if (spmc->console != NULL)
		emu_console_line_init(&ep->console, spmc->console, ep->name);
	return ep;
}

struct spmc_endpoint *spmc_find_endpoint(struct spmc *spmc, uint16_t id)
{
	for (unsigned i = 0; i < spmc->endpoint_count; i++) {
		if (spmc->endpoints[i].id == id)
			return &spmc->endpoints[i];
	}
	return NULL;
}

uint32_t spmc_caller_version(const struct spmc *spmc, const struct spmc_endpoint *caller)
{
	return caller->version_set ? caller->version : spmc->cfg.version;
}

/* One row per modelled function form: the dispatcher's table (abi/table.h has the rest). */
static const struct {
	uint32_t fid;
	spmc_handler_fn fn;
} spmc_handlers[] = {
	{FFA_FID_SMC32(0x63), spmc_version},
	{FFA_FID_SMC32(0x64), spmc_features},
	{FFA_FID_SMC32(0x65), spmc_rx_release},
	{FFA_FID_SMC32(0x66), spmc_rxtx_map},
	{FFA_FID_SMC64(0x66), spmc_rxtx_map},
	{FFA_FID_SMC32(0x67), spmc_rxtx_unmap},
	{FFA_FID_SMC32(0x68), spmc_partition_info_get},
	{FFA_FID_SMC32(0x69), spmc_id_get},
	{FFA_FID_SMC32(0x6b), spmc_msg_wait},
	{FFA_FID_SMC32(0x6c), spmc_yield},
	{FFA_FID_SMC32(0x6d), spmc_run},
	{FFA_FID_SMC32(0x6f), spmc_direct_req},
	{FFA_FID_SMC64(0x6f), spmc_direct_req},
	{FFA_FID_SMC32(0x70), spmc_direct_resp},
	{FFA_FID_SMC64(0x70), spmc_direct_resp},
	{FFA_FID_SMC32(0x85), spmc_spm_id_get},
	{FFA_FID_SMC64(0x87), spmc_secondary_ep_register},
	{FFA_FID_SMC32(0x8a), spmc_console_log},
	{FFA_FID_SMC64(0x8a), spmc_console_log},
	{FFA_FID_SMC64(0x8b), spmc_partition_info_get_regs},
	{FFA_FID_SMC64(0x8d), spmc_direct_req},
	{FFA_FID_SMC64(0x8e), spmc_direct_resp},
};

spmc_handler_fn spmc_handler_find(uint32_t fid)
{
	for (size_t i = 0; i < sizeof(spmc_handlers) / sizeof(spmc_handlers[0]); i++) {
		if (spmc_handlers[i].fid == fid)
			return spmc_handlers[i].fn;
	}
	return NULL;
}

/*
 * Whether a call ends the caller's negotiation phase (FF-A v1.2 (DEN0077A) §13.2.1: any call
 * but FFA_VERSION). FFA_INTERRUPT follows the version-lock switch: Hafnium set its lock on every
 * call its FF-A handler took, FFA_INTERRUPT included, until a secure interrupt that EL3 handed
 * it as FFA_INTERRUPT on the normal world's behalf, before the normal world's own FFA_VERSION,
 * made that FFA_VERSION fail; it now leaves FFA_INTERRUPT out.
 */
static bool spmc_call_locks(const struct spmc *spmc, const struct ffa_func *func)
{
	if (!func->ends_negotiation)
		return false;
	if (func->fid == SPMC_FFA_INTERRUPT)
		return spmc->cfg.sw[SPMC_SW_VERSION_LOCK] == SPMC_VERSION_LOCK_ANY_CALL;
	return true;
}

struct ffa_value spmc_call(struct spmc *spmc, struct spmc_endpoint *caller,
			   const struct ffa_value *args, uint32_t *rule_version)
{
	uint32_t fid = ffa_fid_strip_hint((uint32_t)args->x[0]);
	const struct ffa_func *func = ffa_func_find(fid);
	const struct spmc_personality *pers = spmc->cfg.personality;
	spmc_handler_fn handler = spmc_handler_find(fid);
	uint32_t version = spmc_caller_version(spmc, caller);
	struct ffa_value res;

	*rule_version = caller->version_set ? caller->version : 0;
	if (func == NULL)
		return ffa_error_value(FFA_NOT_SUPPORTED);
	/* FFA_VERSION answers a bare version (never an FFA_ERROR frame) and locks nothing. */
	if (fid == FFA_VERSION) {
		res = handler(spmc, caller, args);
		*rule_version = caller->version_set ? caller->version : 0;
		return res;
	}
	/* TF-A's EL3 SPMC refuses every other call before a version was negotiated. */
	if (!pers->calls_before_negotiation && !caller->version_set && !caller->secure)
		return ffa_error_value(FFA_NOT_SUPPORTED);
	/* FF-A v1.2 (DEN0077A) §13.2.1: functions newer than the negotiated version do not exist
	 * for the caller; nor do those newer than the SPMC's own version. */
	if (func->since > version || func->since > spmc->cfg.version)
		return ffa_error_value(FFA_NOT_SUPPORTED);
	/*
	 * Not modelled, or only an answer: NOT_SUPPORTED, and no lock, but for FFA_INTERRUPT
	 * under version-lock=any-call. The simulator has no interrupts; an FFA_INTERRUPT call
	 * stands for the secure interrupt EL3 hands the SPMC on the caller's behalf, which
	 * Hafnium's handler takes (and locked on before the fix).
	 */
	if (handler == NULL) {
		if (func->fid == SPMC_FFA_INTERRUPT && spmc_call_locks(spmc, func))
			caller->negotiation_over = true;
		return ffa_error_value(FFA_NOT_SUPPORTED);
	}
	if (spmc_call_locks(spmc, func))
		caller->negotiation_over = true;
	return handler(spmc, caller, args);
}

/* FF-A calls from the normal world's physical instance (endpoint 0), handed on by EL3. */
static enum emu_call_status spmc_nw_call(void *ctx, struct emu_call *call, struct ffa_value *res,
					 struct ffa_result_rule *rule)
{
	struct spmc *spmc = ctx;
	struct spmc_endpoint *nw = spmc_find_endpoint(spmc, FFA_ID_NS_PHYS);

	if (nw == NULL) {
		*res = ffa_error_value(FFA_NOT_SUPPORTED);
		return EMU_CALL_DONE;
	}
	*res = spmc_call(spmc, nw, &call->args, &rule->ffa_version);
	return EMU_CALL_DONE;
}

struct emu_call_target spmc_normal_world_target(struct spmc *spmc)
{
	struct emu_call_target t = {.fn = spmc_nw_call, .ctx = spmc};

	return t;
}
