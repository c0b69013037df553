/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The SPMC's behaviour switches, as data: each names the real change (or report) that moved
 * it, so that a run or a scenario can show the buggy side and the fixed side of a bug a real
 * SPMC had. Value 0 of each switch is today's behaviour. The shared switch machinery
 * (common/switch.c) parses, describes and lists them. docs/ffa-support.md ("SPMC behaviour
 * switches") has the same table for people; the handlers read spmc->cfg.sw[].
 */
#include <stdio.h>
#include <string.h>

#include "common/switch.h"
#include "spmc/spmc.h"

/* Value names and summaries in enum order (include/spmc/spmc.h). */
static const struct cfg_switch_value version_lock_values[] = {
	{"exclude-interrupt", "every call but FFA_VERSION and FFA_INTERRUPT ends negotiation"},
	{"any-call", "FFA_INTERRUPT ends it too (Hafnium before the fix)"},
};
static const struct cfg_switch_value props_mask_values[] = {
	{"by-version", "only the bits the caller's version defines"},
	{"none", "every bit, whatever the caller's version (the bug)"},
};
static const struct cfg_switch_value version_path_values[] = {
	{"spmd", "through TF-A's SPMD: the first FFA_VERSION that reaches the SPMC fixes it"},
	{"direct", "straight to the SPMC's handler: only other calls end negotiation"},
};
static const struct cfg_switch_value pre_version_values[] = {
	{"refuse-and-end", "NOT_SUPPORTED, and every later FFA_VERSION fails too"},
	{"answer", "answered at the SPMC's own version (older TF-A)"},
};

#define SPMC_VALUES(v) (v), (uint8_t)(sizeof(v) / sizeof((v)[0]))

/* Every default is value 0, today's behaviour, so a zeroed configuration is the current one. */
static const struct cfg_switch spmc_switches[SPMC_SW_COUNT] = {
	[SPMC_SW_VERSION_LOCK] =
		{
			.name = "version-lock",
			.values = SPMC_VALUES(version_lock_values),
			.default_value = SPMC_VERSION_LOCK_EXCLUDE_INTERRUPT,
			.change =
				"Hafnium: FFA_INTERRUPT excluded from the FF-A version lock "
				"(reported "
				"as \"FFA_VERSION fails in NS world if a Secure interrupt precedes "
				"version negotiation\")",
			.summary =
				"which calls before a caller's FFA_VERSION lock its version: every "
				"call but FFA_VERSION (any-call), or every call but FFA_VERSION "
				"and "
				"FFA_INTERRUPT",
		},
	[SPMC_SW_PARTITION_PROPS_MASK] =
		{
			.name = "partition-props-mask",
			.values = SPMC_VALUES(props_mask_values),
			.default_value = SPMC_PROPS_MASK_BY_VERSION,
			.change = "Hafnium: partition properties masked by the caller's FF-A "
				  "version in "
				  "FFA_PARTITION_INFO_GET (bits 31:3 cleared for v1.0 callers, "
				  "FF-A v1.0 "
				  "Table 8.25)",
			.summary = "the partition properties discovery reports: only the bits the "
				   "caller's version defines (by-version), or every bit (none)",
		},
	[SPMC_SW_VERSION_PATH] =
		{
			.name = "version-path",
			.values = SPMC_VALUES(version_path_values),
			.default_value = SPMC_VERSION_PATH_SPMD,
			.change = "TF-A's SPMD hands the normal world's FFA_VERSION to an S-EL2 "
				  "SPMC as a "
				  "framework message; Hafnium's handler ends negotiation after "
				  "every call "
				  "but FFA_VERSION and FFA_INTERRUPT, that message included "
				  "(Hafnium v2.15 "
				  "behind TF-A v2.15 on QEMU virt)",
			.summary =
				"how the normal world's FFA_VERSION reaches Hafnium: through the "
				"SPMD, "
				"where the first one fixes the version (spmd), or straight to its "
				"handler, as in Hafnium's own tests (direct)",
		},
	[SPMC_SW_PRE_VERSION_CALLS] =
		{
			.name = "pre-version-calls",
			.values = SPMC_VALUES(pre_version_values),
			.default_value = SPMC_PRE_VERSION_REFUSE_AND_END,
			.change = "TF-A: normal-world FF-A calls before FFA_VERSION refused by the "
				  "EL3 "
				  "SPMC, the refusal ending the negotiation (as TF-A v2.15 does; "
				  "releases "
				  "before that change answered them)",
			.summary = "tf-a only: calls before FFA_VERSION other than FFA_ID_GET and "
				   "FFA_SPM_ID_GET are refused and end the negotiation "
				   "(refuse-and-end), or "
				   "answered (answer)",
		},
};

/* The SPMC has no profiles: a personality is its set of behaviours. */
static const struct cfg_switch_set spmc_set = {
	.owner = "SPMC",
	.switches = spmc_switches,
	.count = SPMC_SW_COUNT,
	.profiles = NULL,
	.profile_count = 0,
};

const struct cfg_switch_set *spmc_switch_set(void)
{
	return &spmc_set;
}

size_t spmc_switch_count(void)
{
	return SPMC_SW_COUNT;
}

const struct cfg_switch *spmc_switch_at(size_t i)
{
	return cfg_switch_at(&spmc_set, i);
}

const char *spmc_switch_value(const struct spmc_config *cfg, size_t i)
{
	return cfg_switch_value_name(&spmc_set, cfg->sw, i);
}

bool spmc_config_set(struct spmc_config *cfg, const char *setting, struct diag *err)
{
	return cfg_switch_apply(&spmc_set, cfg->sw, setting, err);
}

const char *spmc_config_describe_switches(const struct spmc_config *cfg, char *buf, size_t size)
{
	uint8_t defaults[SPMC_SW_COUNT];

	if (size == 0)
		return buf;
	buf[0] = '\0';
	cfg_switch_defaults(&spmc_set, defaults);
	return cfg_switch_describe(&spmc_set, cfg->sw, defaults, buf, size);
}
