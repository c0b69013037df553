/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The SPMC's behaviour switches, as data: each names the real change (or report) that moved
 * it, so that a run or a scenario can show the buggy side and the fixed side of a bug a real
 * SPMC had. Value 0 of each switch is today's behaviour. docs/ffa-support.md ("SPMC behaviour
 * switches") has the same table for people; the handlers read spmc->cfg.sw[].
 */
#include <stdio.h>
#include <string.h>

#include "spmc/spmc.h"

/* The longest switch name a setting may carry. */
#define SPMC_SETTING_NAME_MAX 64

/* Value names in enum order (include/spmc/spmc.h). */
static const char *const version_lock_values[] = {"exclude-interrupt", "any-call", NULL};
static const char *const props_mask_values[] = {"by-version", "none", NULL};
static const char *const version_path_values[] = {"spmd", "direct", NULL};
static const char *const pre_version_values[] = {"refuse-and-end", "answer", NULL};

static const struct spmc_switch_desc spmc_switches[SPMC_SW_COUNT] = {
	[SPMC_SW_VERSION_LOCK] = {
		"version-lock", version_lock_values,
		"Hafnium: FFA_INTERRUPT excluded from the FF-A version lock (reported as "
		"\"FFA_VERSION fails in NS world if a Secure interrupt precedes version "
		"negotiation\")",
		"which calls before a caller's FFA_VERSION lock its version: every call but "
		"FFA_VERSION (any-call), or every call but FFA_VERSION and FFA_INTERRUPT",
	},
	[SPMC_SW_PARTITION_PROPS_MASK] = {
		"partition-props-mask", props_mask_values,
		"Hafnium: partition properties masked by the caller's FF-A version in "
		"FFA_PARTITION_INFO_GET (bits 31:3 cleared for v1.0 callers, FF-A v1.0 Table 8.25)",
		"the partition properties discovery reports: only the bits the caller's version "
		"defines (by-version), or every bit (none)",
	},
	[SPMC_SW_VERSION_PATH] = {
		"version-path", version_path_values,
		"TF-A's SPMD hands the normal world's FFA_VERSION to an S-EL2 SPMC as a framework "
		"message; Hafnium's handler ends negotiation after every call but FFA_VERSION and "
		"FFA_INTERRUPT, that message included (Hafnium v2.15 behind TF-A v2.15 on QEMU virt)",
		"how the normal world's FFA_VERSION reaches Hafnium: through the SPMD, where the "
		"first one fixes the version (spmd), or straight to its handler, as in Hafnium's own "
		"tests (direct)",
	},
	[SPMC_SW_PRE_VERSION_CALLS] = {
		"pre-version-calls", pre_version_values,
		"TF-A: normal-world FF-A calls before FFA_VERSION refused by the EL3 SPMC, the "
		"refusal ending the negotiation (as TF-A v2.15 does; releases before that change "
		"answered them)",
		"tf-a only: calls before FFA_VERSION other than FFA_ID_GET and FFA_SPM_ID_GET are "
		"refused and end the negotiation (refuse-and-end), or answered (answer)",
	},
};

size_t spmc_switch_count(void)
{
	return SPMC_SW_COUNT;
}

const struct spmc_switch_desc *spmc_switch_at(size_t i)
{
	return i < SPMC_SW_COUNT ? &spmc_switches[i] : NULL;
}

/* The number of values switch i has. */
static unsigned spmc_value_count(size_t i)
{
	unsigned n = 0;

	while (spmc_switches[i].values[n] != NULL)
		n++;
	return n;
}

const char *spmc_switch_value(const struct spmc_config *cfg, size_t i)
{
	if (i >= SPMC_SW_COUNT || cfg->sw[i] >= spmc_value_count(i))
		return "?";
	return spmc_switches[i].values[cfg->sw[i]];
}

/* Appends "a, b or c" (a NULL-terminated list) to buf. */
static void spmc_list(char *buf, size_t size, const char *const *items)
{
	size_t len = strlen(buf);

	for (size_t i = 0; items[i] != NULL && len < size; i++) {
		const char *sep = i == 0 ? "" : items[i + 1] == NULL ? " or " : ", ";

		snprintf(buf + len, size - len, "%s%s", sep, items[i]);
		len = strlen(buf);
	}
}

/* The index of the switch called name (len characters), or SPMC_SW_COUNT. */
static size_t spmc_switch_find(const char *name, size_t len)
{
	for (size_t i = 0; i < SPMC_SW_COUNT; i++) {
		if (strlen(spmc_switches[i].name) == len &&
		    strncmp(spmc_switches[i].name, name, len) == 0)
			return i;
	}
	return SPMC_SW_COUNT;
}

bool spmc_config_set(struct spmc_config *cfg, const char *setting, struct diag *err)
{
	const char *eq = strchr(setting, '=');
	size_t len = eq != NULL ? (size_t)(eq - setting) : strlen(setting);
	const char *names[SPMC_SW_COUNT + 1];
	char msg[DIAG_MSG_MAX];
	size_t i = spmc_switch_find(setting, len);

	if (i == SPMC_SW_COUNT) {
		for (size_t k = 0; k < SPMC_SW_COUNT; k++)
			names[k] = spmc_switches[k].name;
		names[SPMC_SW_COUNT] = NULL;
		snprintf(msg, sizeof(msg), "unknown SPMC switch \"%.*s\" (choose ",
			 (int)(len < SPMC_SETTING_NAME_MAX ? len : SPMC_SETTING_NAME_MAX), setting);
		spmc_list(msg, sizeof(msg), names);
		diag_set(err, NULL, 0, 0, "%s)", msg);
		return false;
	}
	if (eq == NULL) {
		snprintf(msg, sizeof(msg), "SPMC switch %s needs a value: %s=",
			 spmc_switches[i].name, spmc_switches[i].name);
		spmc_list(msg, sizeof(msg), spmc_switches[i].values);
		diag_set(err, NULL, 0, 0, "%s", msg);
		return false;
	}
	for (unsigned v = 0; spmc_switches[i].values[v] != NULL; v++) {
		if (strcmp(spmc_switches[i].values[v], eq + 1) == 0) {
			cfg->sw[i] = (uint8_t)v;
			return true;
		}
	}
	snprintf(msg, sizeof(msg), "SPMC switch %s: \"%.*s\" is not a value (choose ",
		 spmc_switches[i].name, SPMC_SETTING_NAME_MAX, eq + 1);
	spmc_list(msg, sizeof(msg), spmc_switches[i].values);
	diag_set(err, NULL, 0, 0, "%s)", msg);
	return false;
}

const char *spmc_config_describe_switches(const struct spmc_config *cfg, char *buf, size_t size)
{
	size_t len;

	if (size == 0)
		return buf;
	buf[0] = '\0';
	for (size_t i = 0; i < SPMC_SW_COUNT; i++) {
		if (cfg->sw[i] == 0)
			continue;
		len = strlen(buf);
		if (len + 1 >= size)
			break;
		snprintf(buf + len, size - len, "%s%s=%s", len == 0 ? "" : ", ",
			 spmc_switches[i].name, spmc_switch_value(cfg, i));
	}
	return buf;
}
