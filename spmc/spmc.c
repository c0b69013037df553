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
#include "common/clear.h"
#include "common/observers.h"
#include "mem_internal.h"
#include "spmc/internal.h"

/*
 * What the real SPMCs answer, as data: the personalities below and their columns of the
 * function table (spmc_funcs). Both were taken from the firmware builds named in
 * docs/fidelity.md (TF-A v2.15 with its EL3 SPMC, OP-TEE 4.10 as the S-EL1 SPMC, Hafnium
 * v2.15), probed from the normal world in QEMU.
 */
#define SPMC_PERS_ALL (SPMC_PERS_HAFNIUM | SPMC_PERS_TF_A | SPMC_PERS_OPTEE)

static const struct ffa_deviation tf_a_deviation_list[] = {
	{FFA_VERSION, "ffa-version-mbz", 0xfeu,
	 "the EL3 SPMC writes x0 alone: the requested version stays in x1, x2-x7 as the caller "
	 "left them"},
	{FFA_FEATURES, "ffa-success-mbz", 0xf0u, "the EL3 SPMC leaves the caller's x4-x7"},
	{FFA_RXTX_MAP_32, "ffa-success-mbz", 0xeu,
	 "the EL3 SPMC leaves the buffer arguments in x1-x3"},
	{FFA_RXTX_MAP_64, "ffa-success-mbz", 0xeu,
	 "the EL3 SPMC leaves the buffer arguments in x1-x3"},
	{FFA_PARTITION_INFO_GET, "ffa-success-mbz", 0xf0u,
	 "the EL3 SPMC leaves the UUID's last word and the flags in x4-x7"},
	{FFA_MEM_RECLAIM, "ffa-success-mbz", 0xeu,
	 "the EL3 SPMC leaves the handle and the flags in x1-x3"},
	{0, "smccc-smc32-w-result", 1u << 2,
	 "the EL3 SPMC sign-extends the error code in x2 to 64 bits"},
	{0, "smccc-smc32-w-result", 0xfau,
	 "the EL3 SPMC leaves the registers it does not write as the caller set them, upper "
	 "halves included"},
};

static const struct ffa_deviations tf_a_deviations = {
	"tf-a",
	tf_a_deviation_list,
	sizeof(tf_a_deviation_list) / sizeof(tf_a_deviation_list[0]),
};

static const struct spmc_personality spmc_personalities[] = {
	{
		/* Hafnium: NOT_SUPPORTED for incompatible requests; after the lock only the
		 * negotiated version is answered. */
		.name = "hafnium",
		.bit = SPMC_PERS_HAFNIUM,
		.sirq = SPMC_SIRQ_VIRTUAL,
		.incompatible = SPMC_INCOMPAT_NOT_SUPPORTED,
		.after_lock = SPMC_LOCKED_SAME_OR_NOT_SUPPORTED,
		.store_min = false,
		.behind_spmd = true,
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
		.sri_enabled_at_boot = true,
		.npi_intid = 5,
		.mei_intid = 4,
		.notif_model = SPMC_NOTIF_HAFNIUM,
		.rxtx_max_pages = 1,
		.rx_zero_rest = true,
		.rx_release_vm_id = true,
		.nwd_vms = true,
		.pinfo_flags_mbz = true,
		.features_by_caller_version = true,
		.req2_not_receiver = FFA_DENIED,
		.rxtx_foreign_nw = FFA_DENIED,
		/* Hafnium's src/ffa_memory.c and src/api.c: every operation in both worlds,
		 * descriptors in the TX buffer only, the clear flags honoured, BUSY for a full
		 * RX buffer, FFA_FEATURES(MEM_RETRIEVE_REQ) NS bit and hypervisor retrieve. */
		.mem_handles = SPMC_MEM_HANDLES_SLOT,
		.mem_nw_ops = SPMC_MEM_OPS_ALL,
		.mem_sp_ops = SPMC_MEM_OPS_ALL,
		.mem_send_refused = FFA_INVALID_PARAMETERS,
		.mem_zero = true,
		.mem_pages_busy = FFA_DENIED,
		.mem_frag_tx = true,
		.mem_first_frag_constituent = true,
		.mem_hyp_retrieve = true,
		.mem_wrong_sender = FFA_DENIED,
		.mem_rx_busy = FFA_BUSY,
		.mem_retrieve_props = SPMC_MEM_RETRIEVE_NS_BIT | SPMC_MEM_RETRIEVE_HYP,
		.mem_insn_rules = true,
		.run_by_partitions = true,
		.ns_rule = SPMC_NS_RULE_MANIFEST,
	},
	{
		/* TF-A's EL3 SPMC: its own version for incompatible requests (nothing stored);
		 * after the lock, the negotiated version; no calls before negotiation. */
		.name = "tf-a",
		.bit = SPMC_PERS_TF_A,
		.ns_rule = SPMC_NS_RULE_RUNNER,
		.sirq = SPMC_SIRQ_NONE,
		.incompatible = SPMC_INCOMPAT_OWN_VERSION,
		.after_lock = SPMC_LOCKED_NEGOTIATED,
		.store_min = false,
		.calls_before_negotiation = false,
		.features_input_mbz = true,
		.version_max = FFA_VERSION_1_2,
		.version_default = FFA_VERSION_1_2,
		.rx_zero_rest = true,
		.pinfo_named_uuid_filled = true,
		.req2_not_receiver = FFA_DENIED,
		.errors_sign_extended = true,
		.deviations = &tf_a_deviations,
		.rxtx_foreign_nw = FFA_INVALID_PARAMETERS,
		/* TF-A's services/std_svc/spm/el3_spmc/spmc_shared_mem.c: share and lend from
		 * the normal world only ("unsupported share direction" for partitions), no
		 * optional flags, INVALID_PARAMETERS for pages in a transaction, DENIED for a full
		 * RX buffer; spmc_main.c's FFA_FEATURES: the NS bit for v1.1 partitions, and for
		 * v1.0 ones that ask. */
		.mem_handles = SPMC_MEM_HANDLES_COUNTER,
		.mem_nw_ops =
			SPMC_MEM_OP_BIT(SPMC_MEM_OP_SHARE) | SPMC_MEM_OP_BIT(SPMC_MEM_OP_LEND),
		.mem_sp_ops = 0,
		.mem_send_refused = FFA_INVALID_PARAMETERS,
		.mem_zero = false,
		.mem_zero_refused = FFA_INVALID_PARAMETERS,
		.mem_pages_busy = FFA_INVALID_PARAMETERS,
		.mem_frag_tx = true,
		.mem_hyp_retrieve = true,
		.mem_wrong_sender = FFA_INVALID_PARAMETERS,
		.mem_rx_busy = FFA_DENIED,
		.mem_retrieve_props = SPMC_MEM_RETRIEVE_NS_BIT,
		.mem_ns_bit_v1_0_opt_in = true,
	},
	{
		/* OP-TEE: always its own version, stores min(requested, own), never locks. */
		.name = "optee",
		.bit = SPMC_PERS_OPTEE,
		.ns_rule = SPMC_NS_RULE_INHERITED,
		.sirq = SPMC_SIRQ_NONE,
		.incompatible = SPMC_INCOMPAT_OWN_VERSION,
		.after_lock = SPMC_LOCKED_NEVER,
		.store_min = true,
		.behind_spmd = true,
		.calls_before_negotiation = true,
		.features_input_mbz = false,
		.version_max = FFA_VERSION_1_2,
		.version_default = FFA_VERSION_1_2,
		.pinfo_unknown_uuid_empty = true,
		/* OP-TEE's notif_intid: the SGI it raises as the schedule receiver interrupt (8 on
		 * QEMU, as FFA_FEATURES answered there). */
		.sri_intid = 8,
		.notif_model = SPMC_NOTIF_OPTEE,
		.pinfo_named_uuid_filled = true,
		.features_by_caller_version = true,
		.req2_not_receiver = FFA_NOT_SUPPORTED,
		.rxtx_foreign_nw = FFA_INVALID_PARAMETERS,
		/* OP-TEE's core/arch/arm/kernel/thread_spmc.c (share and lend from the normal
		 * world, a descriptor in a buffer of the caller's; the sender and flags of the
		 * normal world's descriptors unchecked, pages shared twice, no fragments, as the
		 * real firmware answered on QEMU) and spmc_sp_handler.c (partitions only share;
		 * no zeroing of normal-world memory: DENIED). */
		.mem_handles = SPMC_MEM_HANDLES_BITMAP,
		.mem_nw_ops =
			SPMC_MEM_OP_BIT(SPMC_MEM_OP_SHARE) | SPMC_MEM_OP_BIT(SPMC_MEM_OP_LEND),
		.mem_sp_ops = SPMC_MEM_OP_BIT(SPMC_MEM_OP_SHARE),
		.mem_send_refused = FFA_NOT_SUPPORTED,
		.mem_dyn_buffer = true,
		.mem_zero = false,
		.mem_zero_refused = FFA_DENIED,
		.mem_pages_busy = FFA_OK,
		.mem_nw_lax = true,
		.mem_frag_tx = false,
		.mem_wrong_sender = FFA_INVALID_PARAMETERS,
		.mem_rx_busy = FFA_BUSY,
		.mem_retrieve_props = 0,
		/* OP-TEE's SPMC passes its S-EL0 partitions' calls on as Hafnium does. */
		.run_by_partitions = true,
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
			 colon + 1, name,
			 ffa_version_format(cfg->personality->version_max, max, sizeof(max)));
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

void spmc_clear(struct spmc *spmc)
{
	clear_except(spmc, sizeof(*spmc), offsetof(struct spmc, endpoints),
		     sizeof(spmc->endpoints));
}

void spmc_init(struct spmc *spmc, const struct spmc_config *cfg,
	       const struct spmc_guest_mem *memory, const struct spmc_console *console)
{
	spmc_clear(spmc);
	spmc->cfg = *cfg;
	if (memory != NULL)
		spmc->memory = *memory;
	if (console != NULL)
		spmc->console = *console;
	spmc_notif_init(spmc);
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
	ep->ctx.state = secure ? SPMC_EP_BOOTING : SPMC_EP_RUNNING;
	/* Hafnium's default when the manifest names no ns-interrupts-action. */
	ep->intr.ns_action = SPMC_NS_SIGNALED;
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

/*
 * The SPMC's columns of the function table, indexed by its rows (abi/table.h): the handler of
 * each modelled function, what a partition's call does while it boots, and where the
 * personalities differ. A row left out is a function the SPMC answers NOT_SUPPORTED.
 */
static const struct spmc_func spmc_funcs[FFA_FUNC_COUNT] = {
	/* FF-A v1.2 (DEN0077A) §8.3: FFA_ERROR before the first FFA_MSG_WAIT reports a failed
	 * initialisation. */
	[FFA_IDX_ERROR_32] = {.boot = SPMC_BOOT_REPORTS},
	/* TF-A's EL3 SPMC hides the answers only partitions use from the normal world. */
	[FFA_IDX_SUCCESS_64] = {.nw_hidden_in = SPMC_PERS_TF_A},
	/* TF-A's EL3 SPMC writes only the result registers it sets: FFA_VERSION x0, FFA_FEATURES
	 * x0 and x2-x3, FFA_RXTX_MAP x0, FFA_PARTITION_INFO_GET x0-x3; the caller's other
	 * registers stay (x1-x7 after FFA_VERSION, x1 and x4-x7 after FFA_FEATURES, measured
	 * with tests/guests/probe_regs.c). */
	[FFA_IDX_VERSION] = {.handler = spmc_version, .kept = {SPMC_PERS_TF_A, 0xfeu}},
	[FFA_IDX_FEATURES] = {.handler = spmc_features, .kept = {SPMC_PERS_TF_A, 0xf2u}},
	[FFA_IDX_RX_RELEASE] = {.handler = spmc_rx_release},
	/* Hafnium maps RX/TX buffers through the 64-bit form only. */
	[FFA_IDX_RXTX_MAP_32] = {.handler = spmc_rxtx_map,
				 .absent_in = SPMC_PERS_HAFNIUM,
				 .kept = {SPMC_PERS_TF_A, 0xeu}},
	[FFA_IDX_RXTX_MAP_64] = {.handler = spmc_rxtx_map, .kept = {SPMC_PERS_TF_A, 0xeu}},
	[FFA_IDX_RXTX_UNMAP] = {.handler = spmc_rxtx_unmap},
	[FFA_IDX_PARTITION_INFO_GET] = {.handler = spmc_partition_info_get,
					.kept = {SPMC_PERS_TF_A, 0xf0u}},
	/* OP-TEE hides FFA_ID_GET from the normal world's FFA_FEATURES. */
	[FFA_IDX_ID_GET] = {.handler = spmc_id_get, .nw_hidden_in = SPMC_PERS_OPTEE},
	/* TF-A's SPMD refuses FFA_MSG_WAIT and FFA_CONSOLE_LOG from the normal world itself. */
	[FFA_IDX_MSG_WAIT_32] = {.handler = spmc_msg_wait,
				 .boot = SPMC_BOOT_BOOTED,
				 .nw_hidden_in = SPMC_PERS_TF_A | SPMC_PERS_OPTEE,
				 .nw_refused_in = SPMC_PERS_ALL},
	/* FFA_YIELD, FFA_RUN and direct responses are runtime-state changes the initialisation
	 * model does not allow (Hafnium answers DENIED). */
	[FFA_IDX_YIELD_32] = {.handler = spmc_yield,
			      .boot = SPMC_BOOT_DENY,
			      .nw_hidden_in = SPMC_PERS_ALL},
	[FFA_IDX_RUN_32] = {.handler = spmc_run,
			    .boot = SPMC_BOOT_DENY,
			    .nw_hidden_in = SPMC_PERS_OPTEE},
	[FFA_IDX_MSG_SEND_DIRECT_REQ_32] = {.handler = spmc_direct_req, .boot = SPMC_BOOT_REQUEST},
	[FFA_IDX_MSG_SEND_DIRECT_REQ_64] = {.handler = spmc_direct_req, .boot = SPMC_BOOT_REQUEST},
	/* OP-TEE also refuses a direct response from the normal world. */
	[FFA_IDX_MSG_SEND_DIRECT_RESP_32] = {.handler = spmc_direct_resp,
					     .boot = SPMC_BOOT_DENY,
					     .nw_hidden_in = SPMC_PERS_TF_A | SPMC_PERS_OPTEE,
					     .nw_refused_in = SPMC_PERS_OPTEE},
	[FFA_IDX_MSG_SEND_DIRECT_RESP_64] = {.handler = spmc_direct_resp,
					     .boot = SPMC_BOOT_DENY,
					     .nw_hidden_in = SPMC_PERS_TF_A | SPMC_PERS_OPTEE,
					     .nw_refused_in = SPMC_PERS_OPTEE},
	/* Notifications (notif.c), as each personality's model answers them; TF-A's EL3 SPMC has
	 * none, Hafnium no SMC32 FFA_NOTIFICATION_INFO_GET. What Hafnium v2.15 answered to v1.0
	 * and v1.1 callers on QEMU: no caller-version check in these handlers, in FFA_SPM_ID_GET's
	 * or FFA_PARTITION_INFO_GET_REGS's, or in its FFA_FEATURES. */
	[FFA_IDX_NOTIFICATION_BITMAP_CREATE] = {.handler = spmc_notification_call,
						.absent_in = SPMC_PERS_TF_A,
						.ungated = true},
	[FFA_IDX_NOTIFICATION_BITMAP_DESTROY] = {.handler = spmc_notification_call,
						 .absent_in = SPMC_PERS_TF_A,
						 .ungated = true},
	[FFA_IDX_NOTIFICATION_BIND] = {.handler = spmc_notification_call,
				       .absent_in = SPMC_PERS_TF_A,
				       .ungated = true},
	[FFA_IDX_NOTIFICATION_UNBIND] = {.handler = spmc_notification_call,
					 .absent_in = SPMC_PERS_TF_A,
					 .ungated = true},
	[FFA_IDX_NOTIFICATION_SET] = {.handler = spmc_notification_call,
				      .absent_in = SPMC_PERS_TF_A,
				      .ungated = true},
	[FFA_IDX_NOTIFICATION_GET] = {.handler = spmc_notification_call,
				      .absent_in = SPMC_PERS_TF_A,
				      .ungated = true},
	[FFA_IDX_NOTIFICATION_INFO_GET_32] = {.handler = spmc_notification_call,
					      .absent_in = SPMC_PERS_TF_A | SPMC_PERS_HAFNIUM},
	[FFA_IDX_NOTIFICATION_INFO_GET_64] = {.handler = spmc_notification_call,
					      .absent_in = SPMC_PERS_TF_A,
					      .ungated = true},
	[FFA_IDX_SPM_ID_GET] = {.handler = spmc_spm_id_get, .ungated = true},
	/* Indirect messaging (msg_send2.c): neither TF-A's EL3 SPMC nor OP-TEE implements it
	 * (both answer NOT_SUPPORTED, as their dispatchers have no case for these IDs). */
	[FFA_IDX_MSG_SEND2] = {.handler = spmc_msg_send2,
			       .absent_in = SPMC_PERS_TF_A | SPMC_PERS_OPTEE},
	[FFA_IDX_RX_ACQUIRE] = {.handler = spmc_rx_acquire,
				.absent_in = SPMC_PERS_TF_A | SPMC_PERS_OPTEE},
	[FFA_IDX_SECONDARY_EP_REGISTER_64] = {.handler = spmc_secondary_ep_register},
	/* S-EL0 partitions' calls while they initialise: all three refuse them from the normal
	 * world with NOT_SUPPORTED (as the real firmware answered on QEMU); FFA_FEATURES offers
	 * them to S-EL0 partitions alone (spmc/mem_perm.c). */
	[FFA_IDX_MEM_PERM_GET_32] = {.handler = spmc_mem_perm_get, .nw_refused_in = SPMC_PERS_ALL},
	[FFA_IDX_MEM_PERM_GET_64] = {.handler = spmc_mem_perm_get, .nw_refused_in = SPMC_PERS_ALL},
	[FFA_IDX_MEM_PERM_SET_32] = {.handler = spmc_mem_perm_set, .nw_refused_in = SPMC_PERS_ALL},
	[FFA_IDX_MEM_PERM_SET_64] = {.handler = spmc_mem_perm_set, .nw_refused_in = SPMC_PERS_ALL},
	[FFA_IDX_CONSOLE_LOG_32] = {.handler = spmc_console_log,
				    .nw_hidden_in = SPMC_PERS_TF_A | SPMC_PERS_OPTEE,
				    .nw_refused_in = SPMC_PERS_ALL},
	[FFA_IDX_CONSOLE_LOG_64] = {.handler = spmc_console_log,
				    .nw_hidden_in = SPMC_PERS_TF_A | SPMC_PERS_OPTEE,
				    .nw_refused_in = SPMC_PERS_ALL},
	/* Neither TF-A's EL3 SPMC nor OP-TEE implements FFA_PARTITION_INFO_GET_REGS. */
	[FFA_IDX_PARTITION_INFO_GET_REGS_64] = {.handler = spmc_partition_info_get_regs,
						.absent_in = SPMC_PERS_TF_A | SPMC_PERS_OPTEE,
						.ungated = true},
	[FFA_IDX_MSG_SEND_DIRECT_REQ2_64] = {.handler = spmc_direct_req, .boot = SPMC_BOOT_REQUEST},
	/* Memory management (spmc/mem_*.c). Neither TF-A's EL3 SPMC nor OP-TEE implements
	 * FFA_MEM_DONATE. What the normal world's FFA_FEATURES shows, as the real firmware
	 * answered it: OP-TEE offers only FFA_MEM_SHARE, FFA_MEM_RECLAIM and FFA_MEM_FRAG_TX
	 * (its FFA_MEM_LEND works all the same); TF-A hides FFA_MEM_RELINQUISH. */
	[FFA_IDX_MEM_DONATE_32] = {.handler = spmc_mem_send,
				   .absent_in = SPMC_PERS_TF_A | SPMC_PERS_OPTEE},
	[FFA_IDX_MEM_DONATE_64] = {.handler = spmc_mem_send,
				   .absent_in = SPMC_PERS_TF_A | SPMC_PERS_OPTEE},
	[FFA_IDX_MEM_LEND_32] = {.handler = spmc_mem_send, .nw_hidden_in = SPMC_PERS_OPTEE},
	[FFA_IDX_MEM_LEND_64] = {.handler = spmc_mem_send, .nw_hidden_in = SPMC_PERS_OPTEE},
	[FFA_IDX_MEM_SHARE_32] = {.handler = spmc_mem_send},
	[FFA_IDX_MEM_SHARE_64] = {.handler = spmc_mem_send},
	[FFA_IDX_MEM_RETRIEVE_REQ_32] = {.handler = spmc_mem_retrieve_req,
					 .nw_hidden_in = SPMC_PERS_OPTEE},
	[FFA_IDX_MEM_RETRIEVE_REQ_64] = {.handler = spmc_mem_retrieve_req,
					 .nw_hidden_in = SPMC_PERS_OPTEE},
	[FFA_IDX_MEM_RELINQUISH] = {.handler = spmc_mem_relinquish,
				    .nw_hidden_in = SPMC_PERS_TF_A | SPMC_PERS_OPTEE},
	[FFA_IDX_MEM_RECLAIM] = {.handler = spmc_mem_reclaim, .kept = {SPMC_PERS_TF_A, 0xeu}},
	[FFA_IDX_MEM_FRAG_RX] = {.handler = spmc_mem_frag_rx, .nw_hidden_in = SPMC_PERS_OPTEE},
	[FFA_IDX_MEM_FRAG_TX] = {.handler = spmc_mem_frag_tx},
	[FFA_IDX_MSG_SEND_DIRECT_RESP2_64] = {.handler = spmc_direct_resp,
					      .boot = SPMC_BOOT_DENY,
					      .nw_hidden_in = SPMC_PERS_TF_A},
};

const struct spmc_func *spmc_func_of(const struct ffa_func *func)
{
	return &spmc_funcs[func->idx];
}

bool spmc_nw_refuses(const struct spmc *spmc, uint32_t fid)
{
	const struct ffa_func *func = ffa_func_find(fid);

	return func != NULL && spmc_pers_in(spmc, spmc_funcs[func->idx].nw_refused_in);
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
	if (func->fid == FFA_INTERRUPT_32)
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
	return spmc_funcs[func->idx].ungated && spmc_ungated(spmc);
}

/* An FFA_ERROR from the SPMC itself, in the width the personality writes its code. */
static struct ffa_value spmc_error(const struct spmc_personality *pers, enum ffa_error code)
{
	struct ffa_value v = ffa_error_value(code);

	if (pers->errors_sign_extended)
		v.x[2] = (uint64_t)(int64_t)code;
	return v;
}

/* Makes *res the personality's answer as the real SPMC writes it: error width, registers left. */
static void spmc_finish(const struct spmc *spmc, const struct ffa_func *func,
			const struct ffa_value *args, struct ffa_value *res)
{
	const struct spmc_kept *k = &spmc_funcs[func->idx].kept;

	if (res->x[0] == FFA_ERROR_32) {
		if (spmc->cfg.personality->errors_sign_extended)
			res->x[2] = (uint64_t)(int64_t)(int32_t)(uint32_t)res->x[2];
		return;
	}
	if (!spmc_pers_in(spmc, k->in))
		return;
	/* TF-A's SMC_RETn restores the caller's saved registers beyond those it writes, all 64
	 * bits of them for an SMC32 call too (tests/data/oracle/tf-a-el3-spmc-optee-sp.
	 * probe_regs.txt: FFA_VERSION leaves 0xc5c5c5c5_00000002 in x2). */
	for (unsigned i = 1; i < FFA_REG_COUNT; i++) {
		if (k->regs & (1u << i))
			res->x[i] = args->x[i];
	}
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
	if (fid == FFA_ID_GET) {
		*res = spmc_id_get(spmc, caller, args);
		return true;
	}
	if (fid == FFA_SPM_ID_GET) {
		*res = spmc_spm_id_get(spmc, caller, args);
		return true;
	}
	caller->negotiation_over = true;
	*res = spmc_error(pers, FFA_NOT_SUPPORTED);
	return true;
}

/*
 * spmc_call with the call's function-table row already found (func, NULL if none), without
 * its observer: the answer is made in *res (the layers pass it down instead of returning
 * 144-byte values through each other).
 */
static void spmc_call_handle(struct spmc *spmc, struct spmc_endpoint *caller,
			     const struct ffa_func *func, const struct ffa_value *args,
			     uint32_t *rule_version, struct ffa_value *res)
{
	uint32_t fid = ffa_fid_strip_hint((uint32_t)args->x[0]);
	const struct spmc_personality *pers = spmc->cfg.personality;
	const struct spmc_func *sf;
	uint32_t version = spmc_caller_version(spmc, caller);

	*rule_version = caller->version_set ? caller->version : 0;
	if (func == NULL) {
		*res = ffa_fid_is_ffa(fid) ? ffa_error_value(FFA_NOT_SUPPORTED)
					   : spmc_smc_unknown(args);
		return;
	}
	sf = &spmc_funcs[func->idx];
	/* FFA_VERSION answers a bare version (never an FFA_ERROR frame) and locks nothing. */
	if (fid == FFA_VERSION) {
		*res = sf->handler(spmc, caller, args);
		*rule_version = caller->version_set ? caller->version : 0;
		spmc_finish(spmc, func, args, res);
		return;
	}
	if (spmc_before_version(spmc, caller, fid, args, res))
		return;
	/* A function the real SPMC does not implement: refused by the SPMC itself. */
	if (spmc_pers_in(spmc, sf->absent_in)) {
		*res = spmc_error(pers, FFA_NOT_SUPPORTED);
		return;
	}
	/* FF-A v1.2 (DEN0077A) §13.2.1: functions newer than the negotiated version do not exist
	 * for the caller; nor do those newer than the SPMC's own version. */
	if ((func->since > version && !spmc_gate_exempt(spmc, func)) ||
	    func->since > spmc->cfg.version) {
		*res = ffa_error_value(FFA_NOT_SUPPORTED);
		return;
	}
	/*
	 * Not modelled, or only an answer: NOT_SUPPORTED, and no lock, but for FFA_INTERRUPT
	 * under version-lock=any-call. The simulator has no interrupts; an FFA_INTERRUPT call
	 * stands for the secure interrupt EL3 hands the SPMC on the caller's behalf, which
	 * Hafnium's handler takes (and locked on before the fix).
	 */
	if (sf->handler == NULL) {
		if (func->fid == FFA_INTERRUPT_32 && spmc_call_locks(spmc, func))
			caller->negotiation_over = true;
		*res = ffa_error_value(FFA_NOT_SUPPORTED);
		return;
	}
	if (spmc_call_locks(spmc, func))
		caller->negotiation_over = true;
	*res = sf->handler(spmc, caller, args);
	spmc_finish(spmc, func, args, res);
	/* The normal world gets its CPU back: a delayed schedule receiver interrupt fires. */
	if (!caller->secure)
		spmc_notif_return_to_nw(spmc);
}

/*
 * spmc_call_handle between the observer's begin and end: out of line, so that the path
 * without an observer is the same code as a build without the observers' call sites.
 */
static __attribute__((noinline)) void
spmc_call_observed(struct spmc *spmc, struct spmc_endpoint *caller, const struct ffa_func *func,
		   const struct ffa_value *args, uint32_t *rule_version, struct ffa_value *res)
{
	struct spmc_call_observer obs = spmc->call_observer;

	obs.begin(obs.ctx, caller, args);
	spmc_call_handle(spmc, caller, func, args, rule_version, res);
	obs.end(obs.ctx, caller, args, res);
}

/* An answer made before any handler ran (a call refused on the SPMC's behalf), shown to the
 * observer as a call. */
static __attribute__((noinline)) void spmc_observe_refused(struct spmc *spmc,
							   struct spmc_endpoint *caller,
							   const struct ffa_value *args,
							   struct ffa_value *res)
{
	spmc->call_observer.begin(spmc->call_observer.ctx, caller, args);
	spmc->call_observer.end(spmc->call_observer.ctx, caller, args, res);
}

/* spmc_call with the call's function-table row already found, seen by the observer; the
 * answer in *res. */
static inline void spmc_call_row(struct spmc *spmc, struct spmc_endpoint *caller,
				 const struct ffa_func *func, const struct ffa_value *args,
				 uint32_t *rule_version, struct ffa_value *res)
{
	if (COMMON_OBSERVERS_BUILT && spmc->call_observer.begin != NULL)
		spmc_call_observed(spmc, caller, func, args, rule_version, res);
	else
		spmc_call_handle(spmc, caller, func, args, rule_version, res);
}

struct ffa_value spmc_smc_unknown(const struct ffa_value *args)
{
	struct ffa_value res = *args;

	res.x[0] = SMCCC_UNKNOWN_64;
	return res;
}

struct ffa_value spmc_call(struct spmc *spmc, struct spmc_endpoint *caller,
			   const struct ffa_value *args, uint32_t *rule_version)
{
	struct ffa_value res;

	spmc_call_row(spmc, caller, ffa_func_find((uint32_t)args->x[0]), args, rule_version, &res);
	return res;
}

struct ffa_value spmc_normal_world_call(struct spmc *spmc, const struct ffa_value *args,
					struct ffa_result_rule *rule)
{
	struct ffa_value res;

	spmc_normal_world_call_row(spmc, ffa_func_find((uint32_t)args->x[0]), args, rule, &res);
	return res;
}

void spmc_normal_world_call_row(struct spmc *spmc, const struct ffa_func *func,
				const struct ffa_value *args, struct ffa_result_rule *rule,
				struct ffa_value *res)
{
	/* The normal world is the first endpoint the SPMC sets up: no search on the call path. */
	struct spmc_endpoint *nw =
		spmc->endpoint_count > 0 && spmc->endpoints[0].id == FFA_ID_NS_PHYS
			? &spmc->endpoints[0]
			: spmc_find_endpoint(spmc, FFA_ID_NS_PHYS);

	if (nw == NULL) {
		*res = ffa_error_value(FFA_NOT_SUPPORTED);
		return;
	}
	/* Calls the SPMD refuses on the SPMC's behalf, or the SPMC never takes from the normal
	 * world: NOT_SUPPORTED before any other check. */
	if (func != NULL && spmc_pers_in(spmc, spmc_funcs[func->idx].nw_refused_in)) {
		*res = ffa_error_value(FFA_NOT_SUPPORTED);
		rule->ffa_version = nw->version_set ? nw->version : 0;
		if (COMMON_OBSERVERS_BUILT && spmc->call_observer.begin != NULL)
			spmc_observe_refused(spmc, nw, args, res);
	} else {
		spmc_call_row(spmc, nw, func, args, &rule->ffa_version, res);
	}
	rule->deviations = spmc->cfg.personality->deviations;
	rule->spmd_return = true;
}
