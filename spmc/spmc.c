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

#include "abi/checker.h"
#include "abi/table.h"
#include "spmc/internal.h"

/* FFA_INTERRUPT_32: the one call whose lock is a behaviour switch (version-lock). */
#define SPMC_FFA_INTERRUPT FFA_FID_SMC32(0x62)

/*
 * What the real SPMCs answer, as data. The lists were taken from the firmware builds named in
 * docs/fidelity.md (TF-A v2.15 with its EL3 SPMC, OP-TEE 4.10 as the S-EL1 SPMC, Hafnium
 * v2.15), probed from the normal world in QEMU.
 */
#define FID32 FFA_FID_SMC32
#define FID64 FFA_FID_SMC64

/* Neither TF-A's EL3 SPMC nor OP-TEE implements FFA_PARTITION_INFO_GET_REGS. */
static const uint32_t spmc_no_info_regs[] = {FID64(0x8b), 0};
/* Hafnium maps RX/TX buffers through the 64-bit form only. */
static const uint32_t hafnium_absent[] = {FID32(0x66), 0};

/* FFA_FEATURES from the normal world: the partition-only interfaces each SPMC hides. */
static const uint32_t hafnium_nw_hidden[] = {FID32(0x6c), 0};
static const uint32_t tf_a_nw_hidden[] = {
	FFA_SUCCESS_64, FID32(0x6b), FID32(0x6c), FID32(0x70), FID64(0x70),
	FID32(0x8a),    FID64(0x8a), FID64(0x8e), 0,
};
static const uint32_t optee_nw_hidden[] = {
	FID32(0x69), FID32(0x6b), FID32(0x6c), FID32(0x6d), FID32(0x70),
	FID64(0x70), FID32(0x8a), FID64(0x8a), 0,
};
/* TF-A's SPMD, in front of each of them, refuses FFA_MSG_WAIT and FFA_CONSOLE_LOG from the
 * normal world itself; OP-TEE also refuses a direct response from it. */
static const uint32_t spmd_nw_refused[] = {FID32(0x6b), FID32(0x8a), FID64(0x8a), 0};
static const uint32_t optee_nw_refused[] = {
	FID32(0x6b), FID32(0x8a), FID64(0x8a), FID32(0x70), FID64(0x70), 0,
};

/*
 * TF-A's EL3 SPMC writes only the result registers it sets: FFA_VERSION x0, FFA_FEATURES x0
 * and x2-x3, FFA_RXTX_MAP x0, FFA_PARTITION_INFO_GET x0-x3; the caller's other argument
 * registers stay.
 */
static const struct spmc_kept_regs tf_a_kept[] = {
	{FFA_VERSION, 1u << 1},
	{FID32(0x64), 1u << 1},
	{FID32(0x66), 0xeu},
	{FID64(0x66), 0xeu},
	{FID32(0x68), 0xf0u},
	{0, 0},
};

static const struct ffa_deviation tf_a_deviation_list[] = {
	{FFA_VERSION, "ffa-version-mbz", 1u << 1, "the EL3 SPMC leaves the requested version in x1"},
	{FID32(0x66), "ffa-success-mbz", 0xeu, "the EL3 SPMC leaves the buffer arguments in x1-x3"},
	{FID64(0x66), "ffa-success-mbz", 0xeu, "the EL3 SPMC leaves the buffer arguments in x1-x3"},
	{FID32(0x68), "ffa-success-mbz", 0xf0u,
	 "the EL3 SPMC leaves the UUID's last word and the flags in x4-x7"},
	{0, "smccc-smc32-w-result", 1u << 2,
	 "the EL3 SPMC sign-extends the error code in x2 to 64 bits"},
};

static const struct ffa_deviations tf_a_deviations = {
	"tf-a", tf_a_deviation_list, sizeof(tf_a_deviation_list) / sizeof(tf_a_deviation_list[0]),
};

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
		/* Hafnium v2.15 is an FF-A v1.3 SPMC. */
		.version_max = FFA_VERSION_1_3,
		.version_default = FFA_VERSION_1_3,
		.partinfo_regs_any_version = true,
		.partinfo_v1_0_size = true,
		/* Hafnium's HF_SCHEDULE_RECEIVER_INTID, HF_NOTIFICATION_PENDING_INTID and
		 * HF_MANAGED_EXIT_INTID. */
		.sri_intid = 8,
		.npi_intid = 5,
		.mei_intid = 4,
		.notification_arg_checks = true,
		.absent = hafnium_absent,
		.nw_features_hidden = hafnium_nw_hidden,
		.nw_refused_calls = spmd_nw_refused,
		.rxtx_max_pages = 1,
		.rx_zero_rest = true,
		.pinfo_flags_mbz = true,
		.features_by_caller_version = true,
		.req2_not_receiver = FFA_DENIED,
		.rxtx_foreign_nw = FFA_DENIED,
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
		.version_max = FFA_VERSION_1_2,
		.version_default = FFA_VERSION_1_2,
		.absent = spmc_no_info_regs,
		.nw_features_hidden = tf_a_nw_hidden,
		.nw_refused_calls = spmd_nw_refused,
		.rx_zero_rest = true,
		.pinfo_named_uuid_filled = true,
		.req2_not_receiver = FFA_DENIED,
		.errors_sign_extended = true,
		.kept = tf_a_kept,
		.deviations = &tf_a_deviations,
		.rxtx_foreign_nw = FFA_INVALID_PARAMETERS,
	},
	{
		/* OP-TEE: always its own version, stores min(requested, own), never locks. */
		.name = "optee",
		.incompatible = SPMC_INCOMPAT_OWN_VERSION,
		.after_lock = SPMC_LOCKED_NEVER,
		.store_min = true,
		.calls_before_negotiation = true,
		.features_input_mbz = false,
		.version_max = FFA_VERSION_1_2,
		.version_default = FFA_VERSION_1_2,
		.absent = spmc_no_info_regs,
		.nw_features_hidden = optee_nw_hidden,
		.nw_refused_calls = optee_nw_refused,
		.pinfo_unknown_uuid_empty = true,
		.pinfo_named_uuid_filled = true,
		.features_by_caller_version = true,
		.req2_not_receiver = FFA_NOT_SUPPORTED,
		.rxtx_foreign_nw = FFA_INVALID_PARAMETERS,
	},
};

#define SPMC_PERSONALITY_COUNT (sizeof(spmc_personalities) / sizeof(spmc_personalities[0]))
_Static_assert(SPMC_PERSONALITY_COUNT <= SPMC_PERSONALITY_MAX, "raise SPMC_PERSONALITY_MAX");

const struct spmc_personality *spmc_personality_find(const char *name)
{
	for (size_t i = 0; i < SPMC_PERSONALITY_COUNT; i++) {
		if (strcmp(spmc_personalities[i].name, name) == 0)
			return &spmc_personalities[i];
	}
	return NULL;
}

bool spmc_personality_offers(const struct spmc_personality *pers, uint32_t version)
{
	return version >= FFA_VERSION_1_0 && version <= pers->version_max;
}

const struct spmc_personality *spmc_personality_at(size_t i)
{
	return i < SPMC_PERSONALITY_COUNT ? &spmc_personalities[i] : NULL;
}

size_t spmc_personality_names(const char **names, size_t max)
{
	size_t n = 0;

	for (; max > 0 && n < SPMC_PERSONALITY_COUNT && n + 1 < max; n++)
		names[n] = spmc_personalities[n].name;
	if (max > 0)
		names[n] = NULL;
	return n;
}

const char *spmc_personality_choices(char *buf, size_t size, const char *extra)
{
	const char *names[SPMC_PERSONALITY_MAX + 2];
	size_t n = spmc_personality_names(names, SPMC_PERSONALITY_MAX + 1);

	if (extra != NULL)
		names[n++] = extra;
	if (size > 0)
		buf[0] = '\0';
	return cfg_join_choices(names, n, extra != NULL ? " or " : ", ", buf, size);
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
		char choices[128];

		diag_set(err, NULL, 0, 0, "--spmc: unknown personality \"%s\" (choose %s)", name,
			 spmc_personality_choices(choices, sizeof(choices), "none"));
		return false;
	}
	cfg->version = cfg->personality->version_default;
	if (colon == NULL)
		return true;
	if (!ffa_version_parse(colon + 1, &cfg->version) ||
	    !spmc_personality_offers(cfg->personality, cfg->version)) {
		char max[16];

		diag_set(err, NULL, 0, 0, "--spmc: version \"%s\" is not one %s offers (1.0 to %s)",
			 colon + 1, name, ffa_version_format(cfg->personality->version_max, max, sizeof(max)));
		return false;
	}
	return true;
}

enum spmc_id_error spmc_id_check(const struct spmc *spmc, uint16_t id, const char **taken_by)
{
	const struct spmc_endpoint *ep;

	if (!ffa_id_is_secure(id))
		return SPMC_ID_NOT_SECURE;
	if (id == FFA_ID_SPMD)
		return SPMC_ID_SPMD;
	ep = spmc != NULL ? spmc_find_endpoint((struct spmc *)spmc, id) : NULL;
	if (ep != NULL) {
		if (taken_by != NULL)
			*taken_by = ep->name;
		return SPMC_ID_TAKEN;
	}
	return SPMC_ID_OK;
}

const char *spmc_id_strerror(enum spmc_id_error err)
{
	switch (err) {
	case SPMC_ID_OK:
		return "a valid SPMC ID";
	case SPMC_ID_NOT_SECURE:
		return "not a secure ID (bit 15 clear)";
	case SPMC_ID_SPMD:
		return "the SPMD's ID";
	case SPMC_ID_TAKEN:
		return "a partition's ID";
	}
	return "?";
}

const char *spmc_ep_state_name(enum spmc_ep_state state)
{
	static const char *const names[] = {"booting", "waiting", "running", "preempted",
					    "yielded", "blocked", "failed"};

	return (unsigned)state < sizeof(names) / sizeof(names[0]) ? names[state] : "?";
}

void spmc_init(struct spmc *spmc, const struct spmc_config *cfg,
	       const struct spmc_guest_mem *memory, const struct spmc_console *console)
{
	memset(spmc, 0, sizeof(*spmc));
	spmc->cfg = *cfg;
	if (memory != NULL)
		spmc->memory = *memory;
	if (console != NULL)
		spmc->console = *console;
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
	if (!secure && spmc_mem_owner_add_ram(&ep->mem, &spmc->memory, false) != SPMC_MEM_OK) {
		spmc->endpoint_count--;
		return NULL;
	}
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
	/* Notifications: argument checks only (notification_args.c). */
	{FFA_NOTIFICATION_BITMAP_CREATE, spmc_notification_call},
	{FFA_NOTIFICATION_BITMAP_DESTROY, spmc_notification_call},
	{FFA_NOTIFICATION_BIND, spmc_notification_call},
	{FFA_NOTIFICATION_UNBIND, spmc_notification_call},
	{FFA_NOTIFICATION_SET, spmc_notification_call},
	{FFA_NOTIFICATION_GET, spmc_notification_call},
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

bool spmc_ungated(const struct spmc *spmc)
{
	return spmc->cfg.personality->partinfo_regs_any_version &&
	       spmc->cfg.version >= FFA_VERSION_1_3;
}

bool spmc_gate_exempt(const struct spmc *spmc, const struct ffa_func *func)
{
	/* What Hafnium v2.15 answered to v1.0 and v1.1 callers on QEMU: no caller-version
	 * check in these handlers or in its FFA_FEATURES. */
	static const uint32_t ungated[] = {
		FFA_NOTIFICATION_BITMAP_CREATE, FFA_NOTIFICATION_BITMAP_DESTROY,
		FFA_NOTIFICATION_BIND, FFA_NOTIFICATION_UNBIND, FFA_NOTIFICATION_SET,
		FFA_NOTIFICATION_GET,
		FFA_FID_SMC32(0x85), /* SPM_ID_GET */
		FFA_FID_SMC64(0x8b), /* PARTITION_INFO_GET_REGS */
	};

	if (!spmc_ungated(spmc))
		return false;
	for (size_t i = 0; i < sizeof(ungated) / sizeof(ungated[0]); i++) {
		if (func->fid == ungated[i])
			return true;
	}
	return false;
}

bool spmc_fid_listed(const uint32_t *list, uint32_t fid)
{
	for (; list != NULL && *list != 0; list++) {
		if (*list == fid)
			return true;
	}
	return false;
}

/* An FFA_ERROR from the SPMC itself, in the width the personality writes its code. */
static struct ffa_value spmc_error(const struct spmc_personality *pers, enum ffa_error code)
{
	struct ffa_value v = ffa_error_value(code);

	if (pers->errors_sign_extended)
		v.x[2] = (uint64_t)(int64_t)code;
	return v;
}

/* The personality's answer as the real SPMC writes it: error width, registers left. */
static struct ffa_value spmc_finish(const struct spmc_personality *pers,
				    const struct ffa_value *args, struct ffa_value res)
{
	uint32_t fid = ffa_fid_strip_hint((uint32_t)args->x[0]);

	if (res.x[0] == FFA_ERROR_32) {
		if (pers->errors_sign_extended)
			res.x[2] = (uint64_t)(int64_t)(int32_t)(uint32_t)res.x[2];
		return res;
	}
	for (const struct spmc_kept_regs *k = pers->kept; k != NULL && k->fid != 0; k++) {
		if (k->fid != fid)
			continue;
		/* What an SMC32 call leaves is its w register: the upper half reads as zero. */
		for (unsigned i = 1; i < FFA_REG_COUNT; i++) {
			if (k->regs & (1u << i))
				res.x[i] = ffa_fid_is_smc64(fid) ? args->x[i] : (uint32_t)args->x[i];
		}
	}
	return res;
}

/*
 * Calls before FFA_VERSION from the normal world under a personality that refuses them (TF-A):
 * true with *res set when the call is refused or answered here. The SPMD answers FFA_ID_GET
 * and FFA_SPM_ID_GET itself; any other call is refused by the EL3 SPMC, which ends the
 * negotiation, so that a later FFA_VERSION is NOT_SUPPORTED too (pre-version-calls switch).
 */
static bool spmc_before_version(struct spmc *spmc, struct spmc_endpoint *caller, uint32_t fid,
				const struct ffa_value *args, struct ffa_value *res)
{
	const struct spmc_personality *pers = spmc->cfg.personality;

	if (pers->calls_before_negotiation || caller->version_set || caller->secure ||
	    spmc->cfg.sw[SPMC_SW_PRE_VERSION_CALLS] == SPMC_PRE_VERSION_ANSWER)
		return false;
	if (fid == FFA_FID_SMC32(0x69)) {
		*res = spmc_id_get(spmc, caller, args);
		return true;
	}
	if (fid == FFA_FID_SMC32(0x85)) {
		*res = spmc_spm_id_get(spmc, caller, args);
		return true;
	}
	caller->negotiation_over = true;
	*res = spmc_error(pers, FFA_NOT_SUPPORTED);
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
		return spmc_finish(pers, args, res);
	}
	if (spmc_before_version(spmc, caller, fid, args, &res))
		return res;
	/* A function the real SPMC does not implement: refused by the SPMC itself. */
	if (spmc_fid_listed(pers->absent, fid))
		return spmc_error(pers, FFA_NOT_SUPPORTED);
	/* FF-A v1.2 (DEN0077A) §13.2.1: functions newer than the negotiated version do not exist
	 * for the caller; nor do those newer than the SPMC's own version. */
	if ((func->since > version && !spmc_gate_exempt(spmc, func)) ||
	    func->since > spmc->cfg.version)
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
	return spmc_finish(pers, args, handler(spmc, caller, args));
}

struct ffa_value spmc_normal_world_call(struct spmc *spmc, const struct ffa_value *args,
					struct ffa_result_rule *rule)
{
	struct spmc_endpoint *nw = spmc_find_endpoint(spmc, FFA_ID_NS_PHYS);
	struct ffa_value res;

	if (nw == NULL)
		return ffa_error_value(FFA_NOT_SUPPORTED);
	/* Calls the SPMD refuses on the SPMC's behalf, or the SPMC never takes from the normal
	 * world: NOT_SUPPORTED before any other check. */
	if (spmc_fid_listed(spmc->cfg.personality->nw_refused_calls,
			    ffa_fid_strip_hint((uint32_t)args->x[0]))) {
		res = ffa_error_value(FFA_NOT_SUPPORTED);
		rule->ffa_version = nw->version_set ? nw->version : 0;
	} else {
		res = spmc_call(spmc, nw, args, &rule->ffa_version);
	}
	rule->deviations = spmc->cfg.personality->deviations;
	rule->answer_width = true;
	return res;
}
