/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ffa-sim against the real firmware: the probe programs (tests/guests/probe_*.c) run under
 * ffa-sim with the personality and partition of each real configuration, and every result
 * line must equal what the real firmware answered in QEMU (tests/data/oracle/, recorded with
 * tools/compare-oracle, docs/fidelity.md). The one difference allowed is by choice: an
 * FFA_FEATURES query for a function or feature the simulator does not model (memory sharing,
 * notifications, interrupts), which it answers NOT_SUPPORTED.
 */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abi/ids.h"
#include "abi/table.h"
#include "helpers.h"

/* One real configuration: its recorded answers' prefix and how ffa-sim runs the same. */
struct oracle_config {
	const char *data;   /* tests/data/oracle/<data>.<probe>.txt */
	const char *system; /* a system file, or NULL for --spmc none */
};

static const struct oracle_config oracle_configs[] = {
	{"tf-a-el3-spmc-optee-sp", "systems/oracle-tf-a-el3-spmc.yaml"},
	{"optee-sel1-spmc", "systems/oracle-optee-sel1-spmc.yaml"},
	{"tf-a-no-ffa", NULL},
};

static const char *const oracle_probes[] = {"probe_ffa", "probe_ffa_v1_1", "probe_before_version",
					    "probe_before_features", "probe_mem"};

/* The probe's result lines ("P ..." and "R ...") of a console, '\n'-separated, malloc'd. */
static char *result_lines(const char *console)
{
	size_t size = strlen(console) + 1, n = 0;
	char *out = malloc(size);
	const char *p = console;

	cr_assert_not_null(out);
	while (*p != '\0') {
		const char *end = strchr(p, '\n');
		size_t len = end != NULL ? (size_t)(end - p) : strlen(p);

		if (strncmp(p, "[host] ", 7) == 0 && (p[7] == 'P' || p[7] == 'R') && p[8] == ' ') {
			memcpy(out + n, p + 7, len - 7);
			n += len - 7;
			out[n++] = '\n';
		}
		p += len + (end != NULL);
	}
	out[n] = '\0';
	return out;
}

/*
 * Whether a differing line is a difference by choice: FFA_FEATURES of a function the table
 * marks as not modelled ("P features_72_32 ...") or of a feature ID ("features_sri"),
 * answered NOT_SUPPORTED by ffa-sim.
 */
static bool allowed_difference(const char *ours)
{
	unsigned num;
	char form[3];

	if (strncmp(ours, "P features_", 11) != 0 ||
	    strstr(ours, " 0000000084000060 0000000000000000 ") == NULL)
		return false;
	if (strncmp(ours + 11, "npi ", 4) == 0 || strncmp(ours + 11, "sri ", 4) == 0 ||
	    strncmp(ours + 11, "mei ", 4) == 0)
		return true;
	if (sscanf(ours + 11, "%x_%2s", &num, form) == 2) {
		uint32_t fid = strcmp(form, "64") == 0 ? FFA_FID_SMC64(num) : FFA_FID_SMC32(num);
		const struct ffa_func *func = ffa_func_find(fid);

		return func != NULL && func->not_modelled;
	}
	return false;
}

/* Runs one probe under one configuration and compares every line with the recording. */
static void oracle_compare(const struct oracle_config *c, const char *probe)
{
	char elf[64], data[160], want_line[512], got_line[512];
	struct run_result r;
	char *want, *got, *w, *g;
	unsigned line = 0, allowed = 0;

	snprintf(elf, sizeof(elf), "%s.elf", probe);
	snprintf(data, sizeof(data), "tests/data/oracle/%s.%s.txt", c->data, probe);
	if (c->system != NULL)
		run_cli(&r, "run", "--el", "2", source_path(c->system), guest_path(elf), NULL);
	else
		run_cli(&r, "run", "--el", "2", "--spmc", "none", guest_path(elf), NULL);
	cr_assert_eq(r.status, 0, "%s under %s: status %d\n%s", probe, c->data, r.status, r.notes);
	want = read_whole_file(source_path(data));
	got = result_lines(r.console);
	w = want;
	g = got;
	while (*w != '\0' || *g != '\0') {
		size_t wl = strcspn(w, "\n"), gl = strcspn(g, "\n");

		line++;
		snprintf(want_line, sizeof(want_line), "%.*s", (int)wl, w);
		snprintf(got_line, sizeof(got_line), "%.*s", (int)gl, g);
		if (strcmp(want_line, got_line) != 0) {
			cr_assert(allowed_difference(got_line),
				  "%s under %s, line %u:\n real firmware: %s\n ffa-sim:       %s",
				  probe, c->data, line, want_line, got_line);
			allowed++;
		}
		w += wl + (w[wl] == '\n');
		g += gl + (g[gl] == '\n');
	}
	cr_assert_gt(line, 5, "%s: too few lines", data);
	free(want);
	free(got);
	run_result_free(&r);
}

/* TF-A's EL3 SPMC with OP-TEE as its partition: every answer as recorded but for FEATURES of
 * what ffa-sim does not model. */
Test(oracle, tf_a_el3_spmc)
{
	for (size_t p = 0; p < sizeof(oracle_probes) / sizeof(oracle_probes[0]); p++)
		oracle_compare(&oracle_configs[0], oracle_probes[p]);
}

/* OP-TEE as the S-EL1 SPMC. */
Test(oracle, optee_sel1_spmc)
{
	for (size_t p = 0; p < sizeof(oracle_probes) / sizeof(oracle_probes[0]); p++)
		oracle_compare(&oracle_configs[1], oracle_probes[p]);
}

/* OP-TEE's messages over FF-A (probe_optee: the Linux OP-TEE driver's probe sequence) answered
 * by the optee model as OP-TEE 4.10 answered them: versions, capabilities, the device
 * enumeration through shared memory, unregistration and the errors, every line. */
Test(oracle, optee_messages)
{
	oracle_compare(&oracle_configs[1], "probe_optee");
}

/* Hafnium as the S-EL2 SPMC, for memory management: handles, fragments and errors as the
 * real one gave them (its other probes are test_oracle_hafnium's). */
Test(oracle, hafnium_memory)
{
	static const struct oracle_config hafnium = {"hafnium-sel2-spmc-optee-sp",
						     "systems/oracle-hafnium.yaml"};

	oracle_compare(&hafnium, "probe_mem");
}

/* Notifications from the normal world (probe_notif): OP-TEE's VM 0 bitmap and its rules,
 * Hafnium's bitmaps, slots (NO_MEMORY at the 17th VM) and VM 0's 8 vCPUs, TF-A's NOT_SUPPORTED;
 * every line as the real firmware gave it. */
Test(oracle, notifications)
{
	static const struct oracle_config hafnium = {"hafnium-sel2-spmc-optee-sp",
						     "systems/oracle-hafnium.yaml"};

	oracle_compare(&oracle_configs[0], "probe_notif");
	oracle_compare(&oracle_configs[1], "probe_notif");
	oracle_compare(&hafnium, "probe_notif");
}

/* Indirect messaging from the normal world (probe_send2): FFA_MSG_SEND2's refusals in Hafnium's
 * order, FFA_RX_ACQUIRE and FFA_RX_RELEASE of its own buffer, another VM's and a partition's
 * under Hafnium; NOT_SUPPORTED from TF-A's EL3 SPMC and OP-TEE, whose FFA_RX_RELEASE does not
 * look at w1; every line as the real firmware gave it. */
Test(oracle, indirect_messaging)
{
	static const struct oracle_config hafnium = {"hafnium-sel2-spmc-optee-sp",
						     "systems/oracle-hafnium.yaml"};

	oracle_compare(&oracle_configs[0], "probe_send2");
	oracle_compare(&oracle_configs[1], "probe_send2");
	oracle_compare(&oracle_configs[2], "probe_send2");
	oracle_compare(&hafnium, "probe_send2");
}

/*
 * The registers each kind of call writes (probe_regs, x1-x17 poisoned): PSCI, the SMCCC
 * architecture calls and SMC_UNK write x0 alone under every firmware; FF-A answers follow the
 * SMCCC 1.2 rule, but TF-A's EL3 SPMC writes only what it sets (FFA_VERSION x0, FFA_FEATURES
 * x0 and x2-x3) and leaves the rest, upper halves included; every line as recorded.
 */
Test(oracle, result_registers)
{
	static const struct oracle_config hafnium = {"hafnium-sel2-spmc-optee-sp",
						     "systems/oracle-hafnium.yaml"};

	for (size_t c = 0; c < sizeof(oracle_configs) / sizeof(oracle_configs[0]); c++)
		oracle_compare(&oracle_configs[c], "probe_regs");
	oracle_compare(&hafnium, "probe_regs");
}

/* TF-A without FF-A (--spmc none): SMC_UNK for every FF-A call, no difference at all. */
Test(oracle, tf_a_no_ffa)
{
	for (size_t p = 0; p < sizeof(oracle_probes) / sizeof(oracle_probes[0]); p++)
		oracle_compare(&oracle_configs[2], oracle_probes[p]);
}

/* The allowance is narrow: a FEATURES line for a modelled function may not differ. */
Test(oracle, allowance_is_narrow)
{
	cr_assert(allowed_difference("P features_78_32 0000000084000060 0000000000000000 x"));
	cr_assert_not(allowed_difference("P features_68_32 0000000084000060 0000000000000000 x"));
	cr_assert_not(allowed_difference("P features_73_32 0000000084000060 0000000000000000 x"));
	cr_assert_not(allowed_difference("P features_78_32 0000000084000061 0000000000000000 x"));
	cr_assert_not(allowed_difference("P version 0000000000010002 0000000000000000 x"));
}
