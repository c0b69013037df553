/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The hafnium personality against real Hafnium: each probe guest (tests/guests/probe_hafnium_*)
 * printed its answers once on Hafnium v2.15.0-74-g21bfbdc1 (S-EL2 SPMC behind TF-A's SPMD,
 * OP-TEE as S-EL1 SP, QEMU virt), kept in tests/data/oracle/; here the same guest runs under
 * ffa-sim with systems/oracle-hafnium.yaml and every line must be the same, register for
 * register and byte for byte, but for the calls listed in oracle_skip with the reason.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

/* Probe lines whose answer ffa-sim does not reproduce (yet), by label prefix. */
static const struct {
	const char *label;
	const char *why;
} oracle_skip[] = {
	/* FFA_NS_RES_INFO_GET is not modelled (docs/ffa-support.md). */
	{"FEATURES(NS_RES_INFO_GET)", "FFA_NS_RES_INFO_GET not modelled"},
};

/* A label the current comparison also leaves out (NULL: none), with its reason. */
static const char *oracle_extra_skip;

static bool oracle_skipped(const char *line)
{
	if (oracle_extra_skip != NULL &&
	    strncmp(line, oracle_extra_skip, strlen(oracle_extra_skip)) == 0)
		return true;
	for (size_t i = 0; i < sizeof(oracle_skip) / sizeof(oracle_skip[0]); i++) {
		if (strncmp(line, oracle_skip[i].label, strlen(oracle_skip[i].label)) == 0)
			return true;
	}
	return false;
}

/* Appends the compared lines of text (one per line; "[host] " and "#" lines dropped). */
static void oracle_lines(const char *text, char *out, size_t size)
{
	const char *p = text;

	out[0] = '\0';
	while (*p != '\0') {
		const char *end = strchr(p, '\n');
		size_t len = end != NULL ? (size_t)(end - p) : strlen(p);
		char line[512];

		snprintf(line, sizeof(line), "%.*s", (int)len, p);
		p += len + (end != NULL);
		if (strncmp(line, "[host] ", 7) == 0)
			memmove(line, line + 7, strlen(line + 7) + 1);
		if (line[0] == '#' || line[0] == '\0' || oracle_skipped(line))
			continue;
		strncat(out, line, size - strlen(out) - 2);
		strcat(out, "\n");
	}
}

/* Runs probe_hafnium_<name> under ffa-sim and compares it with the oracle's output. */
static void oracle_compare(const char *name, const char *system)
{
	static char want[32768], got[32768];
	char guest[64], data[96];
	struct run_result r;
	char *real;

	snprintf(guest, sizeof(guest), "probe_hafnium_%s.elf", name);
	snprintf(data, sizeof(data), "tests/data/oracle/hafnium-%s.txt", name);
	real = read_whole_file(source_path(data));
	run_cli(&r, "run", source_path(system), guest_path(guest), "--el", "2", "-q", NULL);
	cr_assert_eq(r.status, 0, "%s: status %d\n%s%s", guest, r.status, r.console, r.notes);
	oracle_lines(real, want, sizeof(want));
	oracle_lines(r.console, got, sizeof(got));
	cr_expect_str_eq(got, want, "%s under ffa-sim differs from Hafnium:\n%s\nHafnium:\n%s",
			 guest, got, want);
	run_result_free(&r);
	free(real);
}

/* FF-A v1.3: VERSION rules, 48-byte descriptors, the v1.3 _REGS form, feature IDs,
 * notification argument checks. */
Test(oracle_hafnium, v1_3_caller)
{
	oracle_compare("v13", "systems/oracle-hafnium.yaml");
}

/* A v1.2 caller: answered 1.3, locked at 1.2, still 48-byte descriptors. */
Test(oracle_hafnium, v1_2_caller)
{
	oracle_compare("v12", "systems/oracle-hafnium.yaml");
}

/* A v1.1 caller: 48-byte descriptors, _REGS answered, x8-x17 zeroed on the way back. */
Test(oracle_hafnium, v1_1_caller)
{
	oracle_compare("v11", "systems/oracle-hafnium.yaml");
}

/* A v1.0 caller: 8-byte descriptors with w3 = 8, properties bits 0-2 only. */
Test(oracle_hafnium, v1_0_caller)
{
	oracle_compare("v10", "systems/oracle-hafnium.yaml");
}

/* The first FFA_VERSION that reaches Hafnium ends negotiation; bit 31 never reaches it. */
Test(oracle_hafnium, first_version_locks)
{
	oracle_compare("first", "systems/oracle-hafnium.yaml");
}

/* A refused request locks too; the v1.3 64-bit forms are NOT_SUPPORTED. */
Test(oracle_hafnium, refused_version_locks)
{
	oracle_compare("refused", "systems/oracle-hafnium.yaml");
}

/*
 * VERSION(1.3), VERSION(1.1) refused, then _REGS. TF-A's SPMD keeps the last version the
 * normal world asked for, refused or not, and zeroes x8-x17 of SMC64 answers below v1.2, so
 * there x8 (the partition's version) arrives zero; ffa-sim follows the negotiated v1.3 and
 * passes it (docs/ffa-support.md, "Hafnium").
 */
Test(oracle_hafnium, version_after_refusal)
{
	oracle_extra_skip = "PARTITION_INFO_GET_REGS(all)";
	oracle_compare("relock", "systems/oracle-hafnium.yaml");
	oracle_extra_skip = NULL;
}

/* FFA_RUN's refusals from the normal world on CPU 0: an unknown partition, a vCPU of OP-TEE's
 * other than CPU 0's, a vCPU past its contexts: INVALID_PARAMETERS each. */
Test(oracle_hafnium, run_refusals)
{
	oracle_compare("run", "systems/oracle-hafnium.yaml");
}
