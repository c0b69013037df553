/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * FF-A through the whole stack: the guests of tests/guests/ffa_*.c run in-process under each
 * SPMC personality and version, and their console lines are compared exactly; the demo runs
 * through the ffa-sim binary; docs/ffa-support.md is checked against the function table.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abi/ffa.h"
#include "abi/table.h"
#include "abi/uuid.h"
#include "helpers.h"

/* Runs a guest under an SPMC ("hafnium:1.2", "none", ...). */
static void run_with_spmc(const char *guest, const char *spmc, struct run_result *r)
{
	struct sim_config cfg = {0};
	struct spmc_config sc;

	config_spmc(&cfg, spmc, &sc);
	run_guest(guest, &cfg, r);
}

/* Runs a guest and checks its status and its whole console output. */
static void expect_run(const char *guest, const char *spmc, int status, const char *console)
{
	struct run_result r;

	run_with_spmc(guest, spmc, &r);
	cr_assert_eq(r.status, status, "%s under %s: status %d\nconsole:\n%s\nnotes:\n%s", guest,
		     spmc, r.status, r.console, r.notes);
	cr_assert_str_eq(r.console, console, "%s under %s: console differs:\n%s\nwanted:\n%s",
			 guest, spmc, r.console, console);
	run_result_free(&r);
}

/* The console after its first line that starts with `marker` (or NULL if there is none). */
static const char *after_line(const char *console, const char *marker)
{
	const char *p = strstr(console, marker);

	if (p == NULL)
		return NULL;
	p = strchr(p, '\n');
	return p != NULL ? p + 1 : NULL;
}

/* Runs a guest and checks that its console, after `marker`'s line, equals `tail`. */
static void expect_tail(const char *guest, const char *spmc, const char *head, const char *marker,
			const char *tail)
{
	struct run_result r;
	const char *rest;

	run_with_spmc(guest, spmc, &r);
	cr_assert_eq(r.status, 0, "%s under %s: status %d\nconsole:\n%s\nnotes:\n%s", guest, spmc,
		     r.status, r.console, r.notes);
	cr_assert_eq(strncmp(r.console, head, strlen(head)), 0,
		     "%s under %s: console does not start with:\n%s\ngot:\n%s", guest, spmc, head,
		     r.console);
	rest = after_line(r.console, marker);
	cr_assert_not_null(rest, "%s under %s: no \"%s\" line:\n%s", guest, spmc, marker,
			   r.console);
	cr_assert_str_eq(rest, tail, "%s under %s: console differs after \"%s\":\n%s\nwanted:\n%s",
			 guest, spmc, marker, rest, tail);
	run_result_free(&r);
}

/*
 * The built-in echo partition (include/sim/sim.h) as callers see its properties: it receives
 * DIRECT_REQ and DIRECT_REQ2, runs AArch64, and its ID is a PE endpoint's (bits 5:4 zero).
 * FF-A v1.2 (DEN0077A) §6.2.1: bits 0-2 only for v1.0 callers, no REQ2 bits below v1.2.
 */
#define ECHO_UUID SIM_ECHO_UUID
#define ECHO_PROPS_1_0 "0x1"
#define ECHO_PROPS_1_1 "0x101"
#define ECHO_PROPS_1_2 "0x301"
#define NULL_UUID "00000000-0000-0000-0000-000000000000"

/* Appends a line "[host] <text>\n" to buf. */
static void add_line(char *buf, size_t size, const char *text)
{
	size_t len = strlen(buf);

	snprintf(buf + len, size - len, "[host] %s\n", text);
}

/*
 * What ffa_discovery prints after "negotiated FF-A 1.<minor>" under an SPMC ("hafnium:1.2"):
 * what the spec wants for a caller at that version, and where the real SPMCs differ, what
 * each answered in QEMU (docs/fidelity.md): the maximum RX/TX page count (Hafnium's alone),
 * the UUID of a descriptor asked for by UUID (zero under Hafnium only),
 * FFA_PARTITION_INFO_GET_REGS (Hafnium only), FFA_CONSOLE_LOG from the normal world (refused
 * by TF-A's SPMD in front of all of them).
 */
static void discovery_tail(unsigned minor, const char *spmc, char *buf, size_t size)
{
	bool hafnium = strncmp(spmc, "hafnium", 7) == 0;
	const char *props = minor == 0   ? ECHO_PROPS_1_0
			    : minor == 1 ? ECHO_PROPS_1_1
					 : ECHO_PROPS_1_2;
	char line[160];

	buf[0] = '\0';
	add_line(buf, size, "FFA_ID_GET -> FFA_SUCCESS_32");
	add_line(buf, size, "  own ID 0x0000");
	if (minor == 0) {
		add_line(buf, size, "FFA_SPM_ID_GET -> ERROR NOT_SUPPORTED");
	} else {
		add_line(buf, size, "FFA_SPM_ID_GET -> FFA_SUCCESS_32");
		add_line(buf, size, "  SPMC ID 0x8000");
	}
	add_line(buf, size, "FFA_FEATURES(FFA_VERSION) -> SUCCESS w2=0x0 w3=0x0");
	add_line(buf, size, "FFA_FEATURES(FFA_PARTITION_INFO_GET) -> SUCCESS w2=0x0 w3=0x0");
	add_line(buf, size, "FFA_FEATURES(FFA_MSG_SEND_DIRECT_REQ_32) -> SUCCESS w2=0x0 w3=0x0");
	if (minor < 2) {
		add_line(buf, size, "FFA_FEATURES(FFA_RXTX_MAP_64) -> SUCCESS w2=0x0 w3=0x0");
	} else {
		add_line(buf, size,
			 "FFA_FEATURES(FFA_MSG_SEND_DIRECT_REQ2_64) -> SUCCESS w2=0x0 w3=0x0");
		/* v1.2 callers also learn the maximum page count in w2 bits 31:16, where the
		 * SPMC reports one (Hafnium: one page). */
		add_line(buf, size,
			 hafnium ? "FFA_FEATURES(FFA_RXTX_MAP_64) -> SUCCESS w2=0x10000 w3=0x0"
				 : "FFA_FEATURES(FFA_RXTX_MAP_64) -> SUCCESS w2=0x0 w3=0x0");
	}
	add_line(buf, size, "FFA_RXTX_MAP_64 -> FFA_SUCCESS_32");
	add_line(buf, size, "FFA_PARTITION_INFO_GET(all) -> FFA_SUCCESS_32");
	/* v1.0 descriptors are 8 bytes without a UUID, and w3 stays zero. */
	add_line(buf, size, minor == 0 ? "  count 1 size 0" : "  count 1 size 24");
	snprintf(line, sizeof(line), "  partition 0x8001 ctx 1 props %s uuid %s", props,
		 minor == 0 ? "-" : ECHO_UUID);
	add_line(buf, size, line);
	add_line(buf, size, "FFA_RX_RELEASE -> FFA_SUCCESS_32");
	add_line(buf, size, "FFA_PARTITION_INFO_GET(echo) -> FFA_SUCCESS_32");
	add_line(buf, size, minor == 0 ? "  count 1 size 0" : "  count 1 size 24");
	/* Asked by UUID, the descriptor's UUID field is zero under Hafnium. */
	snprintf(line, sizeof(line), "  partition 0x8001 ctx 1 props %s uuid %s", props,
		 minor == 0 ? "-"
		 : hafnium  ? NULL_UUID
			    : ECHO_UUID);
	add_line(buf, size, line);
	add_line(buf, size, "FFA_RX_RELEASE -> FFA_SUCCESS_32");
	if (minor >= 1) {
		add_line(buf, size, "FFA_PARTITION_INFO_GET(all, count only) -> FFA_SUCCESS_32");
		add_line(buf, size, "  count 1");
	}
	if (minor < 2 || !hafnium) {
		add_line(buf, size, "FFA_PARTITION_INFO_GET_REGS(all) -> ERROR NOT_SUPPORTED");
	} else {
		add_line(buf, size, "FFA_PARTITION_INFO_GET_REGS(all) -> FFA_SUCCESS_64");
		add_line(buf, size, "  last 0 current 0 tag 0 size 24");
		snprintf(line, sizeof(line), "  partition 0x8001 ctx 1 props %s uuid %s", props,
			 ECHO_UUID);
		add_line(buf, size, line);
	}
	add_line(buf, size, "FFA_MSG_SEND_DIRECT_REQ_32(echo) -> FFA_MSG_SEND_DIRECT_RESP_32");
	add_line(buf, size, "  echo x3-x7 ok");
	add_line(buf, size, "FFA_MSG_SEND_DIRECT_REQ_64(echo) -> FFA_MSG_SEND_DIRECT_RESP_64");
	add_line(buf, size, "  echo x3-x7 ok");
	if (minor < 2) {
		add_line(buf, size,
			 "FFA_MSG_SEND_DIRECT_REQ2(echo, echo UUID) -> ERROR NOT_SUPPORTED");
	} else {
		add_line(buf, size,
			 "FFA_MSG_SEND_DIRECT_REQ2(echo, echo UUID) -> "
			 "FFA_MSG_SEND_DIRECT_RESP2_64");
		add_line(buf, size, "  echo x4-x17 ok");
		add_line(buf, size,
			 "FFA_MSG_SEND_DIRECT_REQ2(echo, null UUID) -> "
			 "FFA_MSG_SEND_DIRECT_RESP2_64");
		add_line(buf, size, "  echo x4-x17 ok");
	}
	add_line(buf, size, "FFA_CONSOLE_LOG_32 -> ERROR NOT_SUPPORTED");
	add_line(buf, size, "FFA_CONSOLE_LOG_64 -> ERROR NOT_SUPPORTED");
	add_line(buf, size, "HVC FFA_ID_GET -> FFA_SUCCESS_32");
	add_line(buf, size, "HVC FFA_MSG_SEND_DIRECT_REQ_32(echo) -> FFA_MSG_SEND_DIRECT_RESP_32");
	add_line(buf, size, "  echo x3-x7 ok");
	add_line(buf, size, "FFA_RXTX_UNMAP -> FFA_SUCCESS_32");
	add_line(buf, size, "ffa_discovery: all checks passed");
}

/*
 * Runs ffa_discovery_v1_<asked> under spmc: the negotiation prints `negotiation` (lines
 * without the prefix, '\n'-separated, ending in "negotiated FF-A 1.<minor>"), then the tour
 * at that version follows and the guest exits 0.
 */
static void expect_discovery(unsigned asked, const char *spmc, const char *negotiation,
			     unsigned minor)
{
	char guest[64], head[512], tail[8192], line[128];
	const char *p = negotiation;

	snprintf(guest, sizeof(guest), "ffa_discovery_v1_%u.elf", asked);
	snprintf(head, sizeof(head), "[host] ffa_discovery: asking for FF-A 1.%u\n", asked);
	while (*p != '\0') {
		size_t n = strcspn(p, "\n");

		snprintf(line, sizeof(line), "%.*s", (int)n, p);
		add_line(head, sizeof(head), line);
		p += n + (p[n] == '\n');
	}
	discovery_tail(minor, spmc, tail, sizeof(tail));
	snprintf(line, sizeof(line), "negotiated FF-A 1.%u", minor);
	cr_assert_not_null(strstr(head, line), "negotiation must end in \"%s\"", line);
	expect_tail(guest, spmc, head, line, tail);
}

/* A v1.2 guest under each personality at v1.2: everything works, REQ2 and CONSOLE_LOG too. */
Test(ffa_guests, discovery_v1_2)
{
	static const char *const spmcs[] = {"hafnium:1.2", "tf-a:1.2", "optee:1.2"};

	for (size_t i = 0; i < sizeof(spmcs) / sizeof(spmcs[0]); i++)
		expect_discovery(2, spmcs[i], "FFA_VERSION(1.2) -> 1.2\nnegotiated FF-A 1.2", 2);
}

/* A v1.1 guest: answered 1.2, it works at 1.1 (24-byte descriptors, no v1.2 functions). */
Test(ffa_guests, discovery_v1_1)
{
	static const char *const spmcs[] = {"hafnium:1.2", "tf-a:1.2", "optee:1.2"};

	for (size_t i = 0; i < sizeof(spmcs) / sizeof(spmcs[0]); i++)
		expect_discovery(1, spmcs[i], "FFA_VERSION(1.1) -> 1.2\nnegotiated FF-A 1.1", 1);
}

/* A v1.0 guest: 8-byte descriptors, no FFA_SPM_ID_GET, properties bits 0-2 only. */
Test(ffa_guests, discovery_v1_0)
{
	static const char *const spmcs[] = {"hafnium:1.2", "tf-a:1.2", "optee:1.2"};

	for (size_t i = 0; i < sizeof(spmcs) / sizeof(spmcs[0]); i++)
		expect_discovery(0, spmcs[i], "FFA_VERSION(1.0) -> 1.2\nnegotiated FF-A 1.0", 0);
}

/* Asserts that the console holds each '\n'-separated line of `lines`, in order. */
static void expect_lines_in_order(const char *console, const char *lines)
{
	const char *at = console;

	while (*lines != '\0') {
		size_t n = strcspn(lines, "\n");
		char line[256];

		snprintf(line, sizeof(line), "%.*s", (int)n, lines);
		at = strstr(at, line);
		cr_assert_not_null(at, "missing, or out of order: \"%s\"\nconsole:\n%s", line,
				   console);
		at += n;
		lines += n + (lines[n] == '\n');
	}
}

/*
 * Under hafnium (v1.3, Hafnium v2.15) a v1.2 guest gets 48-byte descriptors in the RX buffer
 * and the v1.3 register form of _REGS, and reads both through the SDK (the echo partition,
 * UUID and all, found in each); everything else is as under v1.2.
 */
Test(ffa_guests, discovery_v1_2_under_v1_3)
{
	struct run_result r;

	run_with_spmc("ffa_discovery_v1_2.elf", "hafnium", &r);
	cr_assert_eq(r.status, 0, "status %d\n%s%s", r.status, r.console, r.notes);
	expect_lines_in_order(r.console,
			      "[host] FFA_VERSION(1.2) -> 1.3\n"
			      "[host] FFA_PARTITION_INFO_GET(all) -> FFA_SUCCESS_32\n"
			      "[host]   count 1 size 48\n"
			      "[host]   partition 0x8001 ctx 1 props 0x301 uuid "
			      "b1c3b4e2-5c8f-4e61-9d2a-7e0f6a3c1d45\n"
			      "[host] FFA_PARTITION_INFO_GET_REGS(all) -> FFA_SUCCESS_64\n"
			      "[host]   last 0 current 0 tag 0 size 48\n"
			      "[host]   partition 0x8001 ctx 1 props 0x301 uuid "
			      "b1c3b4e2-5c8f-4e61-9d2a-7e0f6a3c1d45");
	run_result_free(&r);
}

/*
 * The discovery guests check the spec's caller-version rules; Hafnium v2.15 breaks some for
 * v1.0 and v1.1 callers (it answers FFA_SPM_ID_GET and _REGS to them, and w3 = 8 to a v1.0
 * caller), and the guests name exactly those.
 */
Test(ffa_guests, discovery_old_callers_under_v1_3)
{
	struct run_result r;

	run_with_spmc("ffa_discovery_v1_0.elf", "hafnium", &r);
	cr_assert_eq(r.status, 1);
	expect_lines_in_order(
		r.console, "FAIL: FFA_SPM_ID_GET: expected ERROR NOT_SUPPORTED\n"
			   "FAIL: FFA_PARTITION_INFO_GET(all): descriptor size 8, expected 0\n"
			   "FAIL: FFA_PARTITION_INFO_GET(echo): descriptor size 8, expected 0\n"
			   "FAIL: FFA_PARTITION_INFO_GET_REGS(all): expected ERROR NOT_SUPPORTED\n"
			   "ffa_discovery: 4 checks failed");
	run_result_free(&r);
	run_with_spmc("ffa_discovery_v1_1.elf", "hafnium", &r);
	cr_assert_eq(r.status, 1);
	expect_lines_in_order(
		r.console, "FAIL: FFA_PARTITION_INFO_GET_REGS(all): expected ERROR NOT_SUPPORTED\n"
			   "ffa_discovery: 1 checks failed");
	run_result_free(&r);
}

/*
 * A v1.2 guest meets an older SPMC: Hafnium refuses the newer version (the guest steps down),
 * TF-A and OP-TEE answer their own version without storing it (the guest asks for it). Behind
 * an SPMC whose manifest says v1.0, TF-A's SPMD answers FFA_VERSION itself with that version,
 * so Hafnium at v1.0 never sees the request and the guest asks for 1.0 as it does of TF-A.
 */
Test(ffa_guests, discovery_older_spmc)
{
	expect_discovery(2, "hafnium:1.1",
			 "FFA_VERSION(1.2) -> NOT_SUPPORTED\nFFA_VERSION(1.1) -> 1.1\n"
			 "negotiated FF-A 1.1",
			 1);
	expect_discovery(2, "hafnium:1.0",
			 "FFA_VERSION(1.2) -> 1.0\nFFA_VERSION(1.0) -> 1.0\nnegotiated FF-A 1.0",
			 0);
	expect_discovery(2, "tf-a:1.1",
			 "FFA_VERSION(1.2) -> 1.1\nFFA_VERSION(1.1) -> 1.1\nnegotiated FF-A 1.1",
			 1);
	expect_discovery(2, "tf-a:1.0",
			 "FFA_VERSION(1.2) -> 1.0\nFFA_VERSION(1.0) -> 1.0\nnegotiated FF-A 1.0",
			 0);
	expect_discovery(2, "optee:1.1",
			 "FFA_VERSION(1.2) -> 1.1\nFFA_VERSION(1.1) -> 1.1\nnegotiated FF-A 1.1",
			 1);
	expect_discovery(1, "optee:1.0",
			 "FFA_VERSION(1.1) -> 1.0\nFFA_VERSION(1.0) -> 1.0\nnegotiated FF-A 1.0",
			 0);
}

/* Without an SPMC every FFA_VERSION is an unknown SMC: the guest reports it and exits 1. */
Test(ffa_guests, discovery_without_ffa)
{
	expect_run("ffa_discovery_v1_2.elf", "none", 1,
		   "[host] ffa_discovery: asking for FF-A 1.2\n"
		   "[host] FFA_VERSION(1.2) -> NOT_SUPPORTED\n"
		   "[host] FFA_VERSION(1.1) -> NOT_SUPPORTED\n"
		   "[host] FFA_VERSION(1.0) -> NOT_SUPPORTED\n"
		   "[host] FAIL: FF-A is not available\n");
}

/* One line of a per-personality transcript: the call's name and its three answers. */
struct answers {
	const char *name;
	const char *hafnium, *tfa, *optee;
};

/* Builds "[host] <name> -> <answer>" lines for personality p (0 hafnium, 1 tf-a, 2 optee). */
static void transcript(const struct answers *rows, size_t count, unsigned p, const char *last,
		       char *buf, size_t size)
{
	char line[160];

	buf[0] = '\0';
	for (size_t i = 0; i < count; i++) {
		const char *a = p == 0 ? rows[i].hafnium : p == 1 ? rows[i].tfa : rows[i].optee;

		snprintf(line, sizeof(line), "%s -> %s", rows[i].name, a);
		add_line(buf, size, line);
	}
	add_line(buf, size, last);
}

static const char *const personalities[] = {"hafnium", "tf-a", "optee"};

#define OK "FFA_SUCCESS_32"
#define NS "ERROR NOT_SUPPORTED"
#define INVAL "ERROR INVALID_PARAMETERS"
#define DENIED "ERROR DENIED"
#define BUSY "ERROR BUSY"

/*
 * The error paths of a v1.1 normal-world caller, per personality. Only FFA_FEATURES with an
 * input property, buffers outside the normal world's RAM and FFA_VERSION after the negotiation
 * differ; the rest is the spec's or, where it leaves the code open, Hafnium's answer for every
 * personality.
 */
Test(ffa_guests, errors_per_personality)
{
	static const struct answers rows[] = {
		/* The default hafnium is v1.3 (Hafnium v2.15); TF-A and OP-TEE are v1.2. */
		{"version_1_1", "1.3", "1.2", "1.2"},
		/* No RX/TX buffers yet. */
		{"rx_release_unmapped", DENIED, DENIED, DENIED},
		{"partition_info_get_no_rx", BUSY, BUSY, BUSY},
		{"rxtx_unmap_unmapped", INVAL, INVAL, INVAL},
		/* Flash, misaligned, empty, TX == RX. Flash is not the normal world's RAM: real
		 * Hafnium answers DENIED, real TF-A and OP-TEE INVALID_PARAMETERS (QEMU virt). */
		{"rxtx_map_flash", DENIED, INVAL, INVAL},
		{"rxtx_map_unaligned", INVAL, INVAL, INVAL},
		{"rxtx_map_zero_pages", INVAL, INVAL, INVAL},
		{"rxtx_map_same_buffer", INVAL, INVAL, INVAL},
		{"rxtx_map", OK, OK, OK},
		{"rxtx_map_twice", DENIED, DENIED, DENIED},
		{"rx_release_not_owned", DENIED, DENIED, DENIED},
		/* OP-TEE answers an unknown UUID with an empty list (the RX buffer is then the
		 * caller's); TF-A and OP-TEE ignore flag bits other than bit 0 and fill the
		 * buffer, so the next request finds it owned. */
		{"partition_info_get_unknown_uuid", INVAL, INVAL, OK},
		{"partition_info_get_flags_mbz", INVAL, OK, BUSY},
		{"partition_info_get", OK, BUSY, BUSY},
		{"partition_info_get_rx_owned", BUSY, BUSY, BUSY},
		{"rx_release", OK, OK, OK},
		{"direct_req_missing_id", INVAL, INVAL, INVAL},
		{"direct_req_secure_source", INVAL, INVAL, INVAL},
		{"direct_req_vm_source", "FFA_MSG_SEND_DIRECT_RESP_32",
		 "FFA_MSG_SEND_DIRECT_RESP_32", "FFA_MSG_SEND_DIRECT_RESP_32"},
		{"direct_req_to_self", INVAL, INVAL, INVAL},
		{"direct_resp_from_nw", INVAL, INVAL, NS},
		/* v1.2 functions do not exist for a v1.1 caller. */
		{"direct_req2_v1_1", NS, NS, NS},
		/* Hafnium v2.15 answers _REGS to v1.0 and v1.1 callers too (FF-A v1.3 layout). */
		{"partition_info_get_regs_v1_1", "FFA_SUCCESS_64", NS, NS},
		{"console_log_v1_1", NS, NS, NS},
		{"features_unknown", NS, NS, NS},
		/* TF-A's FFA_FEATURES answers by its own version, not the caller's. */
		{"features_req2_v1_1", NS, OK, NS},
		/* TF-A refuses input properties except for FFA_MEM_RETRIEVE_REQ. */
		/* (OP-TEE hides the function asked about, FFA_ID_GET, from the normal world.) */
		{"features_input_property", OK, NS, NS},
		{"rxtx_unmap", OK, OK, OK},
		{"rxtx_unmap_twice", INVAL, INVAL, INVAL},
		/* After the lock: Hafnium answers only the negotiated version, TF-A always
		 * answers it, OP-TEE has no lock and renegotiates. */
		{"version_1_0_after_calls", "NOT_SUPPORTED", "1.1", "1.2"},
		{"version_1_1_after_calls", "1.3", "1.1", "1.2"},
		{"version_1_2_after_calls", "NOT_SUPPORTED", "1.1", "1.2"},
	};
	char want[4096];

	for (unsigned p = 0; p < 3; p++) {
		transcript(rows, sizeof(rows) / sizeof(rows[0]), p, "ffa_errors: done", want,
			   sizeof(want));
		expect_run("ffa_errors.elf", personalities[p], 0, want);
	}
}

/*
 * Calls before FFA_VERSION: TF-A's SPMD answers FFA_ID_GET, the EL3 SPMC refuses the rest and
 * the refusal ends the negotiation for good (as TF-A v2.15 answered in QEMU); Hafnium answers
 * them at v1.2 and they end the negotiation, so the later FFA_VERSION(1.1) is refused and the
 * caller stays at 1.2 (REQ2 is supported); OP-TEE answers them and still negotiates 1.1.
 */
Test(ffa_guests, calls_before_version)
{
	static const struct answers rows[] = {
		{"id_get_before_version", "SUCCESS w2=0x0", "SUCCESS w2=0x0", "SUCCESS w2=0x0"},
		{"features_before_version", "SUCCESS w2=0x0", NS, "SUCCESS w2=0x0"},
		{"version_1_1", "NOT_SUPPORTED", "NOT_SUPPORTED", "1.2"},
		{"id_get", "SUCCESS w2=0x0", "SUCCESS w2=0x0", "SUCCESS w2=0x0"},
		{"features_req2", "SUCCESS w2=0x0", NS, NS},
		{"version_1_1_again", "NOT_SUPPORTED", "NOT_SUPPORTED", "1.2"},
	};
	char want[2048];

	for (unsigned p = 0; p < 3; p++) {
		transcript(rows, sizeof(rows) / sizeof(rows[0]), p, "ffa_before_version: done",
			   want, sizeof(want));
		expect_run("ffa_before_version.elf", personalities[p], 0, want);
	}
}

/* The demo, by the binary: the whole tour in a few lines, ending in SYSTEM_OFF. */
Test(ffa_guests, demo_tour)
{
	struct run_result r;

	run_cli(&r, NULL);
	cr_assert_eq(r.status, 0, "%s", r.notes);
	cr_assert_str_eq(r.console,
			 "[echo2] echo2: ready, two services\n"
			 "[forward] forward: ready\n"
			 "[logger] logger: ready\n"
			 "[host] ffa-sim demo guest\n"
			 "[host] running at EL1\n"
			 "[host] SMCCC_VERSION: 1.5\n"
			 "[host] PSCI_VERSION: 1.1\n"
			 "[host] FFA_VERSION: asked 1.2, the SPMC has 1.2\n"
			 "[host] FFA_ID_GET: 0x0000 (the normal world)\n"
			 "[host] partition 0x8001: " ECHO_UUID "\n"
			 "[host] partition 0x8002: 0d4f0f2c-7d5b-4b1c-a3a1-5e8a0c6f9b10\n"
			 "[host] partition 0x8002: 1e5a2b3c-4d6e-4f70-8192-a3b4c5d6e7f8\n"
			 "[host] partition 0x8003: 2f6b3c4d-5e7f-4081-92a3-b4c5d6e7f809\n"
			 "[host] partition 0x8004: 3a7c4d5e-6f80-4192-a3b4-c5d6e7f8091a\n"
			 "[host] DIRECT_REQ_32 to 0x8001: sent 1 2 3 4 5, echoed 1 2 3 4 5\n"
			 "[host] DIRECT_REQ2 to 0x8001 (by UUID): sent x4..x17 = 0x100..0x10d, "
			 "echoed 0x100..0x10d\n"
			 "[host] DIRECT_REQ_32 to 0x8003 (forward, a binary) asking 0x8002: "
			 "10 20 30 40 -> 11 21 31 41\n"
			 "[logger] logger: request 1 from 0x0000, w3=0xd3\n"
			 "[host] DIRECT_REQ_32 to 0x8004 (logger, a binary): request 1 logged\n"
			 "[host] powering off\n",
			 "%s", r.console);
	run_result_free(&r);
}

/* The demo under an older SPMC: negotiates 1.1 and leaves out DIRECT_REQ2; the partitions
 * cannot log (FFA_CONSOLE_LOG is a v1.2 function). */
Test(ffa_guests, demo_tf_a_1_1)
{
	struct run_result r;

	run_cli(&r, "run", "--spmc", "tf-a:1.1", NULL);
	cr_assert_eq(r.status, 0, "%s", r.notes);
	cr_assert_str_eq(r.console,
			 "[host] ffa-sim demo guest\n"
			 "[host] running at EL1\n"
			 "[host] SMCCC_VERSION: 1.5\n"
			 "[host] PSCI_VERSION: 1.1\n"
			 "[host] FFA_VERSION: asked 1.1, the SPMC has 1.1\n"
			 "[host] FFA_ID_GET: 0x0000 (the normal world)\n"
			 "[host] partition 0x8001: " ECHO_UUID "\n"
			 "[host] partition 0x8002: 0d4f0f2c-7d5b-4b1c-a3a1-5e8a0c6f9b10\n"
			 "[host] partition 0x8002: 1e5a2b3c-4d6e-4f70-8192-a3b4c5d6e7f8\n"
			 "[host] partition 0x8003: 2f6b3c4d-5e7f-4081-92a3-b4c5d6e7f809\n"
			 "[host] partition 0x8004: 3a7c4d5e-6f80-4192-a3b4-c5d6e7f8091a\n"
			 "[host] DIRECT_REQ_32 to 0x8001: sent 1 2 3 4 5, echoed 1 2 3 4 5\n"
			 "[host] DIRECT_REQ_32 to 0x8003 (forward, a binary) asking 0x8002: "
			 "10 20 30 40 -> 11 21 31 41\n"
			 "[host] DIRECT_REQ_32 to 0x8004 (logger, a binary): request 1 logged\n"
			 "[host] powering off\n",
			 "%s", r.console);
	run_result_free(&r);
}

/* The demo without FF-A says so and still powers off with status 0. */
Test(ffa_guests, demo_without_ffa)
{
	struct run_result r;

	run_cli(&r, "run", "--spmc", "none", NULL);
	cr_assert_eq(r.status, 0, "%s", r.notes);
	cr_assert_str_eq(r.console,
			 "[host] ffa-sim demo guest\n"
			 "[host] running at EL1\n"
			 "[host] SMCCC_VERSION: 1.5\n"
			 "[host] PSCI_VERSION: 1.1\n"
			 "[host] FF-A not available (NOT_SUPPORTED)\n"
			 "[host] powering off\n",
			 "%s", r.console);
	run_result_free(&r);
}

/* A fresh hafnium:1.2 SPMC with the normal world, for asking FFA_FEATURES without a CPU. */
/* An SPMC of a personality with one partition, 0x8001, asking: partitions see every function
 * the SPMC offers (the normal world's view is narrower per personality). */
static struct spmc *features_spmc(const char *personality, struct spmc_endpoint **sp)
{
	struct spmc *spmc = calloc(1, sizeof(*spmc));
	struct spmc_config cfg;
	struct diag err;

	cr_assert_not_null(spmc);
	cr_assert(spmc_config_parse(personality, &cfg, &err));
	spmc_init(spmc, &cfg, NULL, NULL);
	*sp = spmc_add_endpoint(spmc, 0x8001, "sp", true);
	cr_assert_not_null(*sp);
	return spmc;
}

/* Whether FFA_FEATURES reports a function to a partition (or, normal_world, to the normal
 * world) under any of the personalities. */
static bool features_any_personality(uint32_t fid, bool normal_world)
{
	static const char *const names[] = {"hafnium:1.2", "tf-a:1.2", "optee:1.2"};
	bool yes = false;

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		struct spmc_endpoint *sp;
		struct spmc *spmc = features_spmc(names[i], &sp);
		struct spmc_endpoint *caller = sp;
		struct ffa_value args = {{0}}, res;
		uint32_t rule;

		if (normal_world) {
			caller = spmc_add_endpoint(spmc, FFA_ID_NS_PHYS, "host", false);
			cr_assert_not_null(caller);
		}
		args.x[0] = FFA_FEATURES;
		args.x[1] = fid;
		res = spmc_call(spmc, caller, &args, &rule);
		yes = yes || (uint32_t)res.x[0] == FFA_SUCCESS_32;
		free(spmc);
	}
	return yes;
}

/* Splits a Markdown table row "| a | b | c |" into at most max trimmed cells. */
static unsigned split_row(char *line, char **cells, unsigned max)
{
	unsigned n = 0;
	char *p = line + 1;

	while (n < max) {
		char *bar = strchr(p, '|'), *end;

		if (bar == NULL)
			break;
		*bar = '\0';
		while (*p == ' ')
			p++;
		end = p + strlen(p);
		while (end > p && end[-1] == ' ')
			*--end = '\0';
		cells[n++] = p;
		p = bar + 1;
	}
	return n;
}

/*
 * docs/ffa-support.md has one row per function-table row, in order, with the right ID and
 * version, and says "yes" exactly for the functions FFA_FEATURES reports as supported under
 * at least one personality.
 */
Test(ffa_guests, support_doc_matches_table)
{
	FILE *f = fopen(source_path("docs/ffa-support.md"), "r");
	char line[2048];
	size_t row = 0;

	cr_assert_not_null(f);
	while (fgets(line, sizeof(line), f) != NULL) {
		const struct ffa_func *func;
		char *cells[6], want_id[16], want_since[16];
		bool yes;

		if (strncmp(line, "| FFA_", 6) != 0)
			continue;
		cr_assert_eq(split_row(line, cells, 6), 6, "row %zu: not 6 cells", row);
		func = ffa_func_at(row);
		cr_assert_not_null(func, "more rows than the function table (%s)", cells[0]);
		cr_assert_str_eq(cells[0], func->name, "row %zu", row);
		snprintf(want_id, sizeof(want_id), "0x%08X", func->fid);
		cr_assert_str_eq(cells[1], want_id, "%s", func->name);
		snprintf(want_since, sizeof(want_since), "%u.%u", func->since >> 16,
			 func->since & 0xffffu);
		cr_assert_str_eq(cells[2], want_since, "%s", func->name);
		yes = features_any_personality(func->fid, false);
		/* "yes" may go on ("yes, as an answer ..."); the refusal is spelt out exactly, but
		 * for functions offered to partitions only ("yes, to partitions ...") and those
		 * offered to the normal world only ("yes, to the normal world": FFA_RX_ACQUIRE). */
		if (yes)
			cr_assert_eq(strncmp(cells[3], "yes", 3), 0, "%s: FFA_FEATURES says yes",
				     func->name);
		else if (strncmp(cells[3], "yes, to the normal world", 24) == 0)
			cr_assert(features_any_personality(func->fid, true),
				  "%s: FFA_FEATURES says no to the normal world", func->name);
		else if (strncmp(cells[3], "yes, to partitions", 18) != 0)
			cr_assert_str_eq(cells[3], "not modelled: answers NOT_SUPPORTED", "%s",
					 func->name);
		row++;
	}
	fclose(f);
	cr_assert_eq(row, ffa_func_count(), "%zu rows, the table has %zu", row, ffa_func_count());
}

/*
 * The SDK names every FF-A function exactly as the function table does, and no ID the table
 * does not know; its error names are the simulator's; its UUID helpers give the simulator's
 * text and register forms. Fails when the SDK's lists and the host's drift apart.
 */
Test(ffa_guests, sdk_names_match_table)
{
	struct sim_config cfg = {0};
	struct run_result r;
	uint8_t uuid[FFA_UUID_SIZE];
	uint32_t w[4];
	uint64_t lo, hi;
	char want[160], text[FFA_UUID_TEXT_SIZE];
	size_t named = 0;

	run_guest("sdk_names.elf", &cfg, &r);
	cr_assert_eq(r.status, 0, "%s%s", r.console, r.notes);
	for (const char *p = r.console; (p = strstr(p, "[host] F 0x")) != NULL; p++) {
		unsigned id;
		char name[64];
		const struct ffa_func *f;

		cr_assert_eq(sscanf(p, "[host] F 0x%x %63s", &id, name), 2);
		f = ffa_func_find(id);
		cr_assert_not_null(f, "the SDK names 0x%08x (%s), the table does not", id, name);
		cr_assert_eq(f->fid, id, "0x%08x", id);
		cr_assert_str_eq(name, f->name, "0x%08x", id);
		named++;
	}
	cr_assert_eq(named, ffa_func_count(), "the SDK names %zu functions, the table has %zu",
		     named, ffa_func_count());
	for (int code = 0; code >= -11; code--) {
		const char *name = ffa_error_name(code);

		snprintf(want, sizeof(want), "[host] E %d %s\n", code,
			 name != NULL ? name : "UNKNOWN");
		cr_assert_not_null(strstr(r.console, want), "%s not in\n%s", want, r.console);
	}
	cr_assert_eq(ffa_uuid_parse("b1c3b4e2-5c8f-4e61-9d2a-7e0f6a3c1d45", uuid), FFA_UUID_OK);
	ffa_uuid_to_regs32(uuid, w);
	ffa_uuid_to_regs64(uuid, &lo, &hi);
	snprintf(want, sizeof(want), "[host] U %s 0x%08x 0x%016llx\n",
		 ffa_uuid_format(uuid, text, sizeof(text)), (unsigned)w[0], (unsigned long long)hi);
	cr_assert_not_null(strstr(r.console, want), "%s not in\n%s", want, r.console);
	run_result_free(&r);
}
