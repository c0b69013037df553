/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The simulated EL3 firmware of fw/firmware.c: its call handler driven directly with calls
 * filled here (unused input registers poisoned), and the calls, regs12 and PSCI test guests
 * that make the same calls with real SMC and HVC instructions.
 */
#include <criterion/criterion.h>

#include <stdio.h>
#include <string.h>

#include "abi/ids.h"
#include "fw/firmware.h"
#include "helpers.h"

#define POISON 0xc5c5c5c5c5c5c5c5ull
#define UNKNOWN_SIP_32 0x82000077u
#define UNKNOWN_SIP_64 0xc2000077u
#define ARCH_WORKAROUND_1 0x80008000u

struct answer {
	enum emu_call_action status;
	struct emu_call_decision d; /* the whole decision */
	struct ffa_value args;      /* what the caller passed */
	struct ffa_value res;
	struct ffa_result_rule rule;
};

/* What a recording FF-A handler saw. */
struct ffa_record {
	unsigned calls;
	uint32_t fid;
	uint64_t x1;
	enum ffa_conduit conduit;
};

/*
 * Calls the firmware by SMC with w0 = fid and x1 = arg; x2-x17 are poisoned. The result starts
 * zeroed, as the CPU hands it over; the rule starts at the other value so that a handler that
 * forgets to set it is caught.
 */
static struct answer call_fw3(struct fw_el3 *fw, uint32_t fid, uint64_t arg, uint64_t x2,
			      uint64_t x3);

static struct answer call_fw(struct fw_el3 *fw, uint32_t fid, uint64_t arg)
{
	return call_fw3(fw, fid, arg, POISON, POISON);
}

/* As call_fw, with x2 and x3 given too (PSCI's CPU_ON, AFFINITY_INFO, CPU_SUSPEND). */
static struct answer call_fw3(struct fw_el3 *fw, uint32_t fid, uint64_t arg, uint64_t x2,
			      uint64_t x3)
{
	struct emu_call_target t = fw_el3_target(fw);
	struct emu_call call;
	struct answer a;

	memset(&call, 0, sizeof(call));
	call.conduit = FFA_CONDUIT_SMC;
	call.fid = fid;
	call.args.x[0] = fid;
	call.args.x[1] = arg;
	for (unsigned i = 2; i < FFA_REG_COUNT; i++)
		call.args.x[i] = POISON;
	call.args.x[2] = x2;
	call.args.x[3] = x3;
	memset(&a, 0, sizeof(a));
	emu_call_decision_init(&a.d);
	a.d.rule.smccc = fw->rule == FFA_SMCCC_1_2 ? FFA_SMCCC_1_1 : FFA_SMCCC_1_2;
	a.d.rule.ffa_version = 0x12345;
	cr_assert_eq(t.ctx, fw);
	a.args = call.args;
	t.fn(t.ctx, &call, &a.d);
	a.status = a.d.action;
	a.res = a.d.res;
	a.rule = a.d.rule;
	return a;
}

/* x0 as expected and every other register as the caller left it (TF-A writes x0 alone). */
static void expect_x0_only(const struct answer *a, uint64_t x0, const char *what)
{
	cr_assert_eq(a->status, EMU_CALL_ANSWER, "%s: status", what);
	cr_assert_eq(a->res.x[0], x0, "%s: x0 = 0x%llx, expected 0x%llx", what,
		     (unsigned long long)a->res.x[0], (unsigned long long)x0);
	for (unsigned i = 1; i < FFA_REG_COUNT; i++)
		cr_assert_eq(a->res.x[i], a->args.x[i], "%s: x%u = 0x%llx, the caller's 0x%llx",
			     what, i, (unsigned long long)a->res.x[i],
			     (unsigned long long)a->args.x[i]);
}

static void record_ffa(void *ctx, const struct emu_call *call, struct emu_call_decision *d)
{
	struct ffa_record *rec = ctx;

	rec->calls++;
	rec->fid = call->fid;
	rec->x1 = call->args.x[1];
	rec->conduit = call->conduit;
	d->res.x[0] = FFA_SUCCESS_32;
	d->res.x[2] = 0x10002;
	d->res.x[7] = 0x77;
	d->rule.smccc = FFA_SMCCC_1_1;
	d->rule.ffa_version = 0x10001;
}

/* Initialising for SMCCC 1.2 picks the 1.2 result-register rule and no SPMC. */
Test(firmware, init_1_2)
{
	struct fw_el3 fw;

	memset(&fw, 0xc5, sizeof(fw));
	fw_el3_init(&fw, SMCCC_VERSION_1_2);
	cr_assert_eq(fw.smccc_version, 0x10002u);
	cr_assert_eq(fw.rule, FFA_SMCCC_1_2);
	cr_assert_eq(fw.psci_version, 0x10001u);
	cr_assert_null(fw.ffa.fn);
	cr_assert_null(fw.ffa.ctx);
}

/* SMCCC_VERSION answers 1.2 under the 1.2 rule. */
Test(firmware, smccc_version_1_2)
{
	struct fw_el3 fw;
	struct answer a;

	fw_el3_init(&fw, SMCCC_VERSION_1_2);
	a = call_fw(&fw, SMCCC_VERSION, POISON);
	expect_x0_only(&a, 0x10002, "SMCCC_VERSION");
	cr_assert_eq(a.rule.smccc, FFA_SMCCC_1_2);
}

/* A firmware set up for SMCCC 1.1 answers 1.1 and follows the 1.1 rule. */
Test(firmware, smccc_version_1_1)
{
	struct fw_el3 fw;
	struct answer a;

	fw_el3_init(&fw, SMCCC_VERSION_1_1);
	cr_assert_eq(fw.rule, FFA_SMCCC_1_1);
	a = call_fw(&fw, SMCCC_VERSION, POISON);
	expect_x0_only(&a, 0x10001, "SMCCC_VERSION");
	cr_assert_eq(a.rule.smccc, FFA_SMCCC_1_1);
}

/* SMCCC_ARCH_FEATURES: 0 for the two architecture calls implemented. */
Test(firmware, arch_features_implemented)
{
	struct fw_el3 fw;
	struct answer a;

	fw_el3_init(&fw, SMCCC_VERSION_1_2);
	a = call_fw(&fw, SMCCC_ARCH_FEATURES, SMCCC_VERSION);
	expect_x0_only(&a, 0, "ARCH_FEATURES(SMCCC_VERSION)");
	a = call_fw(&fw, SMCCC_ARCH_FEATURES, SMCCC_ARCH_FEATURES);
	expect_x0_only(&a, 0, "ARCH_FEATURES(SMCCC_ARCH_FEATURES)");
}

/*
 * SMCCC_ARCH_FEATURES: -1 for a workaround or call the firmware does not have, -2 (not
 * required) for ARCH_WORKAROUND_2, sign-extended to 64 bits as TF-A v2.15 on QEMU answers
 * (tests/data/oracle/tf-a-no-ffa.probe_regs.txt; the 32-bit 0xffffffff it had before was not
 * what the firmware returns).
 */
Test(firmware, arch_features_not_supported)
{
	struct fw_el3 fw;
	struct answer a;

	fw_el3_init(&fw, SMCCC_VERSION_1_2);
	a = call_fw(&fw, SMCCC_ARCH_FEATURES, ARCH_WORKAROUND_1);
	expect_x0_only(&a, UINT64_MAX, "ARCH_FEATURES(ARCH_WORKAROUND_1)");
	a = call_fw(&fw, SMCCC_ARCH_FEATURES, SMCCC_ARCH_SOC_ID);
	expect_x0_only(&a, UINT64_MAX, "ARCH_FEATURES(SMCCC_ARCH_SOC_ID)");
	a = call_fw(&fw, SMCCC_ARCH_FEATURES, 0x80007fffu);
	expect_x0_only(&a, UINT64_MAX - 1, "ARCH_FEATURES(ARCH_WORKAROUND_2)");
	a = call_fw(&fw, SMCCC_ARCH_FEATURES, 0x80003fffu);
	expect_x0_only(&a, UINT64_MAX, "ARCH_FEATURES(ARCH_WORKAROUND_3)");
}

/* The queried ID is w1: poison in the upper half of x1 is ignored. */
Test(firmware, arch_features_reads_w1)
{
	struct fw_el3 fw;
	struct answer a;

	fw_el3_init(&fw, SMCCC_VERSION_1_2);
	a = call_fw(&fw, SMCCC_ARCH_FEATURES, 0xc5c5c5c500000000ull | SMCCC_VERSION);
	expect_x0_only(&a, 0, "ARCH_FEATURES(SMCCC_VERSION) with poisoned upper x1");
}

/* PSCI_VERSION answers PSCI 1.1. */
Test(firmware, psci_version)
{
	struct fw_el3 fw;
	struct answer a;

	fw_el3_init(&fw, SMCCC_VERSION_1_2);
	a = call_fw(&fw, PSCI_VERSION, POISON);
	expect_x0_only(&a, 0x10001, "PSCI_VERSION");
	cr_assert_eq(a.rule.smccc, FFA_SMCCC_1_2);
}

/* PSCI_FEATURES: 0 for each function the firmware implements. */
Test(firmware, psci_features_supported)
{
	static const uint32_t ids[] = {
		PSCI_VERSION,          PSCI_FEATURES,       PSCI_SYSTEM_OFF,
		PSCI_SYSTEM_RESET,     SMCCC_VERSION,       PSCI_CPU_ON_32,
		PSCI_CPU_ON_64,        PSCI_CPU_OFF,        PSCI_AFFINITY_INFO_32,
		PSCI_AFFINITY_INFO_64, PSCI_CPU_SUSPEND_32, PSCI_CPU_SUSPEND_64};
	struct fw_el3 fw;
	char what[64];

	fw_el3_init(&fw, SMCCC_VERSION_1_2);
	for (unsigned i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		struct answer a = call_fw(&fw, PSCI_FEATURES, 0xc5c5c5c500000000ull | ids[i]);

		snprintf(what, sizeof(what), "PSCI_FEATURES(0x%x)", ids[i]);
		expect_x0_only(&a, 0, what);
	}
}

/*
 * PSCI_FEATURES: NOT_SUPPORTED, -1 in all 64 bits of x0 as TF-A v2.15 answers on QEMU
 * (tests/data/oracle/tf-a-no-ffa.probe_psci.txt; it was -1 in w0 alone before that was
 * measured), for MIGRATE, MIGRATE_INFO_TYPE and the other missing functions. CPU_ON, CPU_OFF
 * and CPU_SUSPEND were here until the firmware powered several CPUs.
 */
Test(firmware, psci_features_not_supported)
{
	static const uint32_t ids[] = {PSCI_MIGRATE_32, PSCI_MIGRATE_INFO_TYPE, UNKNOWN_SIP_32,
				       0x8400000bu, 0xc4000012u};
	struct fw_el3 fw;
	char what[64];

	fw_el3_init(&fw, SMCCC_VERSION_1_2);
	for (unsigned i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		struct answer a = call_fw(&fw, PSCI_FEATURES, ids[i]);

		snprintf(what, sizeof(what), "PSCI_FEATURES(0x%x)", ids[i]);
		expect_x0_only(&a, 0xffffffffffffffffull, what);
	}
}

/* An unknown SMC32 ID: -1 in all 64 bits of x0 (as TF-A writes it), x1-x17 as the caller left
 * them, and the answer marked as SMCCC's unknown function for the checker. */
Test(firmware, unknown_smc32)
{
	struct fw_el3 fw;
	struct answer a;

	fw_el3_init(&fw, SMCCC_VERSION_1_2);
	a = call_fw(&fw, UNKNOWN_SIP_32, POISON);
	expect_x0_only(&a, 0xffffffffffffffffull, "unknown SMC32");
	cr_assert_eq(a.rule.smccc, FFA_SMCCC_1_2);
	cr_assert(a.rule.unknown_function);
}

/* An unknown SMC64 ID answers -1 in all of x0 (SMCCC's X0 form), everything else kept. */
Test(firmware, unknown_smc64)
{
	struct fw_el3 fw;
	struct answer a;

	fw_el3_init(&fw, SMCCC_VERSION_1_2);
	a = call_fw(&fw, UNKNOWN_SIP_64, POISON);
	expect_x0_only(&a, 0xffffffffffffffffull, "unknown SMC64");
}

/* Without an SPMC, FF-A function IDs are unknown like any other. */
Test(firmware, ffa_unknown_without_spmc)
{
	struct fw_el3 fw;
	struct answer a;

	fw_el3_init(&fw, SMCCC_VERSION_1_2);
	a = call_fw(&fw, FFA_VERSION, 0x10002);
	expect_x0_only(&a, 0xffffffffffffffffull, "FFA_VERSION without SPMC");
	a = call_fw(&fw, FFA_MSG_SEND_DIRECT_REQ_64, POISON);
	expect_x0_only(&a, 0xffffffffffffffffull, "FFA_MSG_SEND_DIRECT_REQ_64 without SPMC");
}

/* With an SPMC attached, FF-A calls reach it and its answer and rule come back unchanged. */
Test(firmware, ffa_handed_to_spmc)
{
	struct ffa_record rec;
	struct fw_el3 fw;
	struct answer a;

	memset(&rec, 0, sizeof(rec));
	fw_el3_init(&fw, SMCCC_VERSION_1_2);
	fw.ffa.fn = record_ffa;
	fw.ffa.ctx = &rec;
	a = call_fw(&fw, FFA_VERSION, 0x10002);
	cr_assert_eq(rec.calls, 1);
	cr_assert_eq(rec.fid, FFA_VERSION);
	cr_assert_eq(rec.x1, 0x10002);
	cr_assert_eq(rec.conduit, FFA_CONDUIT_SMC);
	cr_assert_eq(a.status, EMU_CALL_ANSWER);
	cr_assert_eq(a.res.x[0], FFA_SUCCESS_32);
	cr_assert_eq(a.res.x[2], 0x10002);
	cr_assert_eq(a.res.x[7], 0x77);
	cr_assert_eq(a.rule.smccc, FFA_SMCCC_1_1, "the SPMC's rule, not the firmware's");
	cr_assert_eq(a.rule.ffa_version, 0x10001);
	for (unsigned i = 0; i < FFA_REG_COUNT; i++)
		if (i != 0 && i != 2 && i != 7)
			cr_assert_eq(a.res.x[i], 0, "x%u", i);
}

/*
 * SYSTEM_OFF and SYSTEM_RESET are decisions, not actions: the firmware says the run ends (exit,
 * status 0, the reason), asks for no route change and touches no CPU (none exists here).
 */
Test(firmware, system_off_and_reset_decide_stop)
{
	static const uint32_t ids[] = {PSCI_SYSTEM_OFF, PSCI_SYSTEM_RESET};
	static const char *const why[] = {"PSCI SYSTEM_OFF", "PSCI SYSTEM_RESET (the run ends)"};
	struct fw_el3 fw;

	fw_el3_init(&fw, SMCCC_VERSION_1_2);
	for (unsigned i = 0; i < 2; i++) {
		struct answer a = call_fw(&fw, ids[i], 0);

		cr_assert_eq(a.status, EMU_CALL_STOP, "fid 0x%x", ids[i]);
		cr_assert_eq(a.d.stop_kind, EMU_STOP_EXIT);
		cr_assert_eq(a.d.stop_status, 0);
		cr_assert_str_eq(a.d.stop_message, why[i]);
		cr_assert_not(a.d.routes.set[FFA_CONDUIT_SMC] || a.d.routes.set[FFA_CONDUIT_HVC]);
	}
}

/* The SMC64 form of an FF-A call is handed over too. */
Test(firmware, ffa_smc64_handed_to_spmc)
{
	struct ffa_record rec;
	struct fw_el3 fw;
	struct answer a;

	memset(&rec, 0, sizeof(rec));
	fw_el3_init(&fw, SMCCC_VERSION_1_2);
	fw.ffa.fn = record_ffa;
	fw.ffa.ctx = &rec;
	a = call_fw(&fw, FFA_MSG_SEND_DIRECT_REQ_64, 0x8001);
	cr_assert_eq(rec.calls, 1);
	cr_assert_eq(rec.fid, 0xc400006fu);
	cr_assert_eq(rec.x1, 0x8001);
	cr_assert_eq(a.res.x[0], FFA_SUCCESS_32);
}

/* With an SPMC attached, SMCCC, PSCI, unknown non-FF-A IDs and FF-A numbers above 0x8F (which
 * TF-A's SPMD does not take) stay with the firmware. */
Test(firmware, non_ffa_not_handed_to_spmc)
{
	static const uint32_t ids[] = {
		SMCCC_VERSION,  SMCCC_ARCH_FEATURES, PSCI_VERSION, PSCI_FEATURES, UNKNOWN_SIP_32,
		UNKNOWN_SIP_64, 0x8400005fu,         0x84000100u,  0x84000090u,   0xc40000ffu};
	static const uint64_t x0[] = {0x10002,    0,          0x10001,    0,          UINT64_MAX,
				      UINT64_MAX, UINT64_MAX, UINT64_MAX, UINT64_MAX, UINT64_MAX};
	struct ffa_record rec;
	struct fw_el3 fw;
	char what[64];

	memset(&rec, 0, sizeof(rec));
	fw_el3_init(&fw, SMCCC_VERSION_1_2);
	fw.ffa.fn = record_ffa;
	fw.ffa.ctx = &rec;
	for (unsigned i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		struct answer a = call_fw(&fw, ids[i],
					  ids[i] == PSCI_FEATURES ? PSCI_VERSION : SMCCC_VERSION);

		snprintf(what, sizeof(what), "fid 0x%x", ids[i]);
		expect_x0_only(&a, x0[i], what);
	}
	cr_assert_eq(rec.calls, 0);
}

/* PSCI SYSTEM_OFF from a guest ends the run with status 0 and says so. */
Test(firmware, guest_system_off)
{
	struct run_result r;

	run_guest("psci_off.elf", NULL, &r);
	cr_assert_eq(r.status, 0, "notes: %s", r.notes);
	cr_assert_eq(r.stop.kind, EMU_STOP_EXIT);
	cr_assert_str_eq(r.stop.message, "PSCI SYSTEM_OFF");
	cr_assert_str_eq(r.console, "[host] powering off\n");
	cr_assert_not_null(strstr(r.notes, "PSCI SYSTEM_OFF"), "%s", r.notes);
	run_result_free(&r);
}

/* PSCI SYSTEM_RESET from a guest ends the run too, with status 0. */
Test(firmware, guest_system_reset)
{
	struct run_result r;

	run_guest("psci_reset.elf", NULL, &r);
	cr_assert_eq(r.status, 0, "notes: %s", r.notes);
	cr_assert_eq(r.stop.kind, EMU_STOP_EXIT);
	cr_assert_str_eq(r.stop.message, "PSCI SYSTEM_RESET (the run ends)");
	cr_assert_str_eq(r.console, "[host] resetting\n");
	run_result_free(&r);
}

/*
 * The calls guest sees the firmware's answers through SMC and HVC, immediates ignored; x0 alone
 * is written (SMCCC_ARCH_FEATURES and PSCI_FEATURES leave the queried ID in x1, as TF-A does).
 */
Test(firmware, guest_calls_smccc_1_2)
{
	static const char expect[] = "[host] smccc_version_smc x0=10002 x1=0 x2=0 x3=0\n"
				     "[host] smccc_version_hvc x0=10002 x1=0 x2=0 x3=0\n"
				     "[host] smccc_arch_features x0=0 x1=80000000 x2=0 x3=0\n"
				     "[host] psci_version x0=10001 x1=0 x2=0 x3=0\n"
				     "[host] psci_features x0=0 x1=84000008 x2=0 x3=0\n"
				     "[host] unknown_smc x0=ffffffffffffffff x1=0 x2=0 x3=0\n"
				     "[host] smc_imm_1234 x0=10002 x1=0 x2=0 x3=0\n"
				     "[host] hvc_imm_42 x0=10002 x1=0 x2=0 x3=0\n";
	struct sim_config cfg = {.smccc_version = SMCCC_VERSION_1_2};
	struct run_result r;

	run_guest("calls.elf", &cfg, &r);
	cr_assert_eq(r.status, 0, "notes: %s", r.notes);
	cr_assert_str_eq(r.console, expect);
	cr_assert_eq(r.calls, 8);
	run_result_free(&r);
}

/* By default the firmware reports SMCCC 1.5, as TF-A v2.15 does. */
Test(firmware, guest_smccc_default_1_5)
{
	struct run_result r;

	run_guest("calls.elf", NULL, &r);
	cr_assert_eq(r.status, 0, "notes: %s", r.notes);
	cr_assert(strstr(r.console, "[host] smccc_version_smc x0=10005 x1=0") != NULL, "%s",
		  r.console);
	run_result_free(&r);
}

/* SMCCC 1.0 to 1.5 parse to their SMCCC_VERSION answers; nothing else does. */
Test(firmware, smccc_version_parse)
{
	static const char *const bad[] = {"1", "1.6", "2.0", "1.2.0", "", "v1.2"};
	uint32_t v;

	for (unsigned minor = 0; minor <= 5; minor++) {
		char text[8];

		snprintf(text, sizeof(text), "1.%u", minor);
		cr_assert(ffa_smccc_version_parse(text, &v), "%s", text);
		cr_assert_eq(v, 0x10000u | minor);
	}
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		cr_assert_not(ffa_smccc_version_parse(bad[i], &v), "%s", bad[i]);
}

/* SMCCC 1.0 shares 1.1's rule (results in x0-x3), 1.3-1.5 share 1.2's (x0-x17). */
Test(firmware, smccc_rules_by_version)
{
	struct fw_el3 fw;

	fw_el3_init(&fw, SMCCC_VERSION_1_0);
	cr_assert_eq(fw.rule, FFA_SMCCC_1_1);
	for (uint32_t v = SMCCC_VERSION_1_2; v <= SMCCC_VERSION_1_5; v++) {
		fw_el3_init(&fw, v);
		cr_assert_eq(fw.rule, FFA_SMCCC_1_2, "0x%x", v);
		cr_assert_eq(call_fw(&fw, SMCCC_VERSION, 0).res.x[0], v);
	}
}

/* With the firmware set to SMCCC 1.1, every SMCCC_VERSION call answers 1.1. */
Test(firmware, guest_calls_smccc_1_1)
{
	static const char expect[] = "[host] smccc_version_smc x0=10001 x1=0 x2=0 x3=0\n"
				     "[host] smccc_version_hvc x0=10001 x1=0 x2=0 x3=0\n"
				     "[host] smccc_arch_features x0=0 x1=80000000 x2=0 x3=0\n"
				     "[host] psci_version x0=10001 x1=0 x2=0 x3=0\n"
				     "[host] psci_features x0=0 x1=84000008 x2=0 x3=0\n"
				     "[host] unknown_smc x0=ffffffffffffffff x1=0 x2=0 x3=0\n"
				     "[host] smc_imm_1234 x0=10001 x1=0 x2=0 x3=0\n"
				     "[host] hvc_imm_42 x0=10001 x1=0 x2=0 x3=0\n";
	struct sim_config cfg = {.smccc_version = SMCCC_VERSION_1_1};
	struct run_result r;

	run_guest("calls.elf", &cfg, &r);
	cr_assert_eq(r.status, 0, "notes: %s", r.notes);
	cr_assert_str_eq(r.console, expect);
	run_result_free(&r);
}

/* The console of regs12.elf: the 18 x-register lines and the two mismatch counts. */
static void regs12_expect(char *buf, size_t size, bool smccc_1_1)
{
	size_t n = 0;

	(void)smccc_1_1;
	n += (size_t)snprintf(buf + n, size - n, "[host] x0=ffffffffffffffff\n");
	/* The unknown SMC64 call writes x0 alone under either rule: x1-x17 keep the pattern. */
	for (unsigned i = 1; i < FFA_REG_COUNT; i++)
		n += (size_t)snprintf(buf + n, size - n, "[host] x%u=%llx\n", i,
				      0x1111111111111111ull * i);
	snprintf(buf + n, size - n,
		 "[host] smc32 preserved mismatches=0\n[host] smc11 preserved mismatches=0\n");
}

/*
 * SMCCC 1.2: an unknown SMC64 call writes -1 to x0 and keeps x1-x17, SMC32 calls keep x8-x30,
 * and SMCCC_VERSION writes x0 alone, as TF-A answers (so the 1.1-style check counts no
 * change). Firmware without an SPMC: 0xC4000077 is in the FF-A range, which an SPMC would
 * answer with an FFA_ERROR frame.
 */
Test(firmware, guest_regs12_smccc_1_2)
{
	struct sim_config cfg = {.no_spmc = true};
	char expect[1024];
	struct run_result r;

	regs12_expect(expect, sizeof(expect), false);
	run_guest("regs12.elf", &cfg, &r);
	cr_assert_eq(r.status, 0, "notes: %s", r.notes);
	cr_assert_str_eq(r.console, expect);
	run_result_free(&r);
}

/* SMCCC 1.1: x4-x17 survive every call, the SMC64 one included (firmware without an SPMC). */
Test(firmware, guest_regs12_smccc_1_1)
{
	struct sim_config cfg = {.smccc_version = SMCCC_VERSION_1_1, .no_spmc = true};
	char expect[1024];
	struct run_result r;

	regs12_expect(expect, sizeof(expect), true);
	run_guest("regs12.elf", &cfg, &r);
	cr_assert_eq(r.status, 0, "notes: %s", r.notes);
	cr_assert_str_eq(r.console, expect);
	run_result_free(&r);
}

/* What a test's CPU operations saw. */
struct cpu_ops_record {
	unsigned caller;
	unsigned on_calls, off_calls, suspend_calls;
	unsigned cpu;
	uint64_t entry, context;
	bool powerdown;
};

static unsigned ops_caller(void *ctx)
{
	return ((struct cpu_ops_record *)ctx)->caller;
}

static void ops_cpu_on(void *ctx, unsigned cpu, uint64_t entry, uint64_t context)
{
	struct cpu_ops_record *r = ctx;

	r->on_calls++;
	r->cpu = cpu;
	r->entry = entry;
	r->context = context;
}

static void ops_cpu_off(void *ctx, unsigned cpu)
{
	struct cpu_ops_record *r = ctx;

	r->off_calls++;
	r->cpu = cpu;
}

static void ops_suspend(void *ctx, unsigned cpu, bool powerdown, uint64_t entry, uint64_t context)
{
	struct cpu_ops_record *r = ctx;

	r->suspend_calls++;
	r->cpu = cpu;
	r->powerdown = powerdown;
	r->entry = entry;
	r->context = context;
}

/* A firmware with four virt CPUs whose power changes are recorded in *r. */
static void four_cpus(struct fw_el3 *fw, struct cpu_ops_record *r)
{
	static const uint64_t mpidrs[] = {0x80000000, 0x80000001, 0x80000002, 0x80000003};

	memset(r, 0, sizeof(*r));
	fw_el3_init(fw, SMCCC_VERSION_1_2);
	fw_el3_set_cpus(fw, 4, mpidrs,
			(struct fw_cpu_ops){.caller = ops_caller,
					    .cpu_on = ops_cpu_on,
					    .cpu_off = ops_cpu_off,
					    .suspend = ops_suspend,
					    .ctx = r});
}

#define PSCI_RET(code) ((uint64_t)(int64_t)(code))

/*
 * CPU_ON powers a CPU named by its affinity (bit 31 and the MT bit ignored), hands on the entry
 * point and context ID, and leaves it ON_PENDING until it runs; a second CPU_ON answers
 * ON_PENDING, then ALREADY_ON; an MPIDR that names no CPU is INVALID_PARAMETERS.
 */
Test(firmware, psci_cpu_on)
{
	struct cpu_ops_record r;
	struct fw_el3 fw;
	struct answer a;

	four_cpus(&fw, &r);
	a = call_fw3(&fw, PSCI_CPU_ON_64, 0x2, 0x40001000, 0x1234567887654321ull);
	expect_x0_only(&a, PSCI_RET(PSCI_E_SUCCESS), "CPU_ON");
	cr_expect_eq(r.on_calls, 1);
	cr_expect_eq(r.cpu, 2);
	cr_expect_eq(r.entry, 0x40001000);
	cr_expect_eq(r.context, 0x1234567887654321ull);
	cr_expect_eq(fw.power[2], FW_CPU_ON_PENDING);
	a = call_fw3(&fw, PSCI_CPU_ON_64, 0x80000002, 0x40001000, 0);
	expect_x0_only(&a, PSCI_RET(PSCI_E_ON_PENDING), "CPU_ON of a pending CPU");
	fw_el3_cpu_running(&fw, 2);
	cr_expect_eq(fw.power[2], FW_CPU_ON);
	a = call_fw3(&fw, PSCI_CPU_ON_64, 0x2, 0x40001000, 0);
	expect_x0_only(&a, PSCI_RET(PSCI_E_ALREADY_ON), "CPU_ON of a running CPU");
	a = call_fw3(&fw, PSCI_CPU_ON_64, 0x80000000, 0x40001000, 0);
	expect_x0_only(&a, PSCI_RET(PSCI_E_ALREADY_ON), "CPU_ON of the boot CPU");
	a = call_fw3(&fw, PSCI_CPU_ON_64, 0x4, 0x40001000, 0);
	expect_x0_only(&a, PSCI_RET(PSCI_E_INVALID_PARAMETERS), "CPU_ON of CPU 4 of 4");
	a = call_fw3(&fw, PSCI_CPU_ON_64, 0x100, 0x40001000, 0);
	expect_x0_only(&a, PSCI_RET(PSCI_E_INVALID_PARAMETERS), "CPU_ON of Aff1 = 1");
	cr_expect_eq(r.on_calls, 1, "no failed CPU_ON reached the CPUs");
}

/* CPU_ON's SMC32 form takes w1-w3: the top halves the caller left are ignored, as TF-A clears them.
 */
Test(firmware, psci_cpu_on_32)
{
	struct cpu_ops_record r;
	struct fw_el3 fw;
	struct answer a;

	four_cpus(&fw, &r);
	a = call_fw3(&fw, PSCI_CPU_ON_32, 0xc5c5c5c580000003ull, 0xc5c5c5c540002000ull,
		     0xc5c5c5c5000000abull);
	expect_x0_only(&a, PSCI_RET(PSCI_E_SUCCESS), "CPU_ON (SMC32)");
	cr_expect_eq(r.cpu, 3);
	cr_expect_eq(r.entry, 0x40002000);
	cr_expect_eq(r.context, 0xab);
}

/* AFFINITY_INFO: ON, OFF, ON_PENDING by level-0 affinity; other levels and CPUs invalid. */
Test(firmware, psci_affinity_info)
{
	struct cpu_ops_record r;
	struct fw_el3 fw;
	struct answer a;

	four_cpus(&fw, &r);
	a = call_fw3(&fw, PSCI_AFFINITY_INFO_64, 0x0, 0, POISON);
	expect_x0_only(&a, PSCI_AFFINITY_ON, "AFFINITY_INFO of the boot CPU");
	a = call_fw3(&fw, PSCI_AFFINITY_INFO_64, 0x1, 0, POISON);
	expect_x0_only(&a, PSCI_AFFINITY_OFF, "AFFINITY_INFO of an off CPU");
	call_fw3(&fw, PSCI_CPU_ON_64, 0x1, 0x40001000, 0);
	a = call_fw3(&fw, PSCI_AFFINITY_INFO_32, 0xc5c5c5c580000001ull, 0xc5c5c5c500000000ull,
		     POISON);
	expect_x0_only(&a, PSCI_AFFINITY_ON_PENDING, "AFFINITY_INFO (SMC32) of a pending CPU");
	a = call_fw3(&fw, PSCI_AFFINITY_INFO_64, 0x1, 1, POISON);
	expect_x0_only(&a, PSCI_RET(PSCI_E_INVALID_PARAMETERS), "AFFINITY_INFO at level 1");
	a = call_fw3(&fw, PSCI_AFFINITY_INFO_64, 0x7, 0, POISON);
	expect_x0_only(&a, PSCI_RET(PSCI_E_INVALID_PARAMETERS), "AFFINITY_INFO of no CPU");
}

/* CPU_OFF: the caller's CPU goes OFF and the CPUs' owner is told which one. */
Test(firmware, psci_cpu_off)
{
	struct cpu_ops_record r;
	struct fw_el3 fw;
	struct answer a;

	four_cpus(&fw, &r);
	call_fw3(&fw, PSCI_CPU_ON_64, 0x3, 0x40001000, 0);
	fw_el3_cpu_running(&fw, 3);
	r.caller = 3;
	a = call_fw(&fw, PSCI_CPU_OFF, POISON);
	cr_expect_eq(a.status, EMU_CALL_ANSWER);
	cr_expect_eq(r.off_calls, 1);
	cr_expect_eq(r.cpu, 3);
	cr_expect_eq(fw.power[3], FW_CPU_OFF);
	r.caller = 0;
	a = call_fw3(&fw, PSCI_AFFINITY_INFO_64, 0x3, 0, POISON);
	expect_x0_only(&a, PSCI_AFFINITY_OFF, "AFFINITY_INFO after CPU_OFF");
}

/* A firmware without CPUs to power: CPU_OFF and CPU_SUSPEND of the one CPU end the run. */
Test(firmware, psci_single_cpu_off)
{
	struct fw_el3 fw;
	struct answer a;

	fw_el3_init(&fw, SMCCC_VERSION_1_2);
	a = call_fw(&fw, PSCI_CPU_OFF, POISON);
	cr_expect_eq(a.status, EMU_CALL_STOP);
	cr_expect_eq(a.d.stop_kind, EMU_STOP_HALT);
	a = call_fw3(&fw, PSCI_CPU_SUSPEND_64, 0x1, 0, 0);
	cr_expect_eq(a.status, EMU_CALL_STOP);
	a = call_fw3(&fw, PSCI_CPU_ON_64, 0x80000000, 0x40001000, 0);
	expect_x0_only(&a, PSCI_RET(PSCI_E_ALREADY_ON), "CPU_ON of the only CPU");
	a = call_fw3(&fw, PSCI_CPU_ON_64, 0x1, 0x40001000, 0);
	expect_x0_only(&a, PSCI_RET(PSCI_E_INVALID_PARAMETERS), "CPU_ON of no CPU");
}

/*
 * CPU_SUSPEND takes the power states TF-A's QEMU platform lists: 0x1 standby, 0x10002 and
 * 0x1010022 powerdown (with the entry point and context of a warm boot); others are invalid.
 */
Test(firmware, psci_cpu_suspend)
{
	struct cpu_ops_record r;
	struct fw_el3 fw;
	struct answer a;

	four_cpus(&fw, &r);
	r.caller = 0;
	a = call_fw3(&fw, PSCI_CPU_SUSPEND_64, 0x1, 0x40003000, 0x55);
	expect_x0_only(&a, PSCI_RET(PSCI_E_SUCCESS), "CPU_SUSPEND standby");
	cr_expect_eq(r.suspend_calls, 1);
	cr_expect_not(r.powerdown);
	a = call_fw3(&fw, PSCI_CPU_SUSPEND_32, 0x10002, 0x40003000, 0x55);
	expect_x0_only(&a, PSCI_RET(PSCI_E_SUCCESS), "CPU_SUSPEND powerdown");
	cr_expect_eq(r.suspend_calls, 2);
	cr_expect(r.powerdown);
	cr_expect_eq(r.entry, 0x40003000);
	cr_expect_eq(r.context, 0x55);
	call_fw3(&fw, PSCI_CPU_SUSPEND_64, 0x1010022, 0x40003000, 0x55);
	cr_expect(r.powerdown);
	a = call_fw3(&fw, PSCI_CPU_SUSPEND_64, 0x2, 0x40003000, 0x55);
	expect_x0_only(&a, PSCI_RET(PSCI_E_INVALID_PARAMETERS), "CPU_SUSPEND of state 0x2");
	a = call_fw3(&fw, PSCI_CPU_SUSPEND_64, 0x10001, 0x40003000, 0x55);
	expect_x0_only(&a, PSCI_RET(PSCI_E_INVALID_PARAMETERS), "CPU_SUSPEND of state 0x10001");
	cr_expect_eq(r.suspend_calls, 3);
}

/* MIGRATE_INFO_TYPE is an unknown function, as TF-A v2.15 on QEMU answers it (-1). */
Test(firmware, psci_migrate_info_type)
{
	struct fw_el3 fw;
	struct answer a;

	fw_el3_init(&fw, SMCCC_VERSION_1_2);
	a = call_fw(&fw, PSCI_MIGRATE_INFO_TYPE, POISON);
	expect_x0_only(&a, 0xffffffffffffffffull, "MIGRATE_INFO_TYPE");
	cr_assert(a.rule.unknown_function);
}
