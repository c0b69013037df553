/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The trap path of emu/cpu.c: routing by conduit, immediates, the SVE hint, result write-back;
 * and how the CPU handles unicorn itself: failed engine calls and the bounded hook slots.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "../emu/internal.h"
#include "abi/ids.h"
#include "helpers.h"

#define MAX_CALLS 16

/* What a recording handler saw. */
struct recorder {
	const struct emu_cpu *cpu; /* the caller, for the immediate */
	unsigned count;
	enum ffa_conduit conduit[MAX_CALLS];
	uint16_t imm[MAX_CALLS];
	uint32_t fid[MAX_CALLS];
	struct ffa_value args[MAX_CALLS];
	enum ffa_smccc_rule rule; /* the rule it answers with */
	struct ffa_value answer;  /* what it answers SMCCC_VERSION with */
};

static void record_call(void *ctx, const struct emu_call *call, struct emu_call_decision *d)
{
	struct recorder *rec = ctx;

	if (rec->count < MAX_CALLS) {
		rec->conduit[rec->count] = call->conduit;
		rec->imm[rec->count] = rec->cpu != NULL ? emu_cpu_call_imm(rec->cpu) : 0;
		rec->fid[rec->count] = call->fid;
		rec->args[rec->count] = call->args;
	}
	rec->count++;
	d->rule.smccc = rec->rule;
	d->res = rec->answer;
}

/* Opens guest in-process in sim, which may hold anything (sim_open clears it). */
static struct sim *open_in(struct sim *sim, const char *guest, struct sim_config *cfg, FILE **con)
{
	struct diag err;

	cr_assert_not_null(sim);
	*con = tmpfile();
	cfg->guest_path = guest_path(guest);
	cfg->console_out = *con;
	cfg->notes = tmpfile();
	cfg->quiet = true;
	cr_assert(sim_open(sim, cfg, &err), "%s", err.msg);
	return sim;
}

/* Opens guest in-process and routes one conduit to a recorder. */
static struct sim *open_with(const char *guest, struct sim_config *cfg, FILE **con)
{
	return open_in(calloc(1, sizeof(struct sim)), guest, cfg, con);
}

static char *slurp(FILE *f)
{
	static char buf[8192];
	size_t n;

	rewind(f);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	return buf;
}

/* HVC goes to the HVC target and SMC to the SMC target: routing is by conduit, not hard-wired. */
Test(cpu, routes_by_conduit)
{
	struct sim_config cfg = {0};
	struct recorder hvc = {.rule = FFA_SMCCC_1_1};
	struct emu_call_target t = {.fn = record_call, .ctx = &hvc};
	FILE *con;
	struct sim *sim = open_with("calls.elf", &cfg, &con);
	unsigned hvc_calls = 0;

	hvc.answer.x[0] = 0x7777;
	emu_cpu_route(&sim->host, FFA_CONDUIT_HVC, t);
	cr_assert_eq(sim_run(sim), 0);
	/* calls.elf makes two HVCs: SMCCC_VERSION by sdk_hvc11 and `hvc #0x42`. */
	for (unsigned i = 0; i < hvc.count; i++) {
		cr_assert_eq(hvc.conduit[i], FFA_CONDUIT_HVC);
		hvc_calls++;
	}
	cr_assert_eq(hvc_calls, 2);
	cr_assert_eq(sim->host.call_count, 8);
	cr_assert_not_null(strstr(slurp(con), "[host] smccc_version_hvc x0=7777"));
	cr_assert_not_null(strstr(slurp(con), "[host] smccc_version_smc x0=10005"));
	sim_close(sim);
	free(sim);
}

/* The immediate of `smc #0x1234` and `hvc #0x42` reaches the handler. */
Test(cpu, immediates_decoded)
{
	struct sim_config cfg = {0};
	struct recorder smc = {.rule = FFA_SMCCC_1_2}, hvc = {.rule = FFA_SMCCC_1_2};
	FILE *con;
	struct sim *sim = open_with("calls.elf", &cfg, &con);
	bool seen_1234 = false;

	smc.cpu = hvc.cpu = &sim->host;
	emu_cpu_route(&sim->host, FFA_CONDUIT_SMC, (struct emu_call_target){record_call, &smc});
	emu_cpu_route(&sim->host, FFA_CONDUIT_HVC, (struct emu_call_target){record_call, &hvc});
	/* Nothing answers SYSTEM_OFF now: the guest exits through semihosting. */
	cr_assert_eq(sim_run(sim), 0);
	for (unsigned i = 0; i < smc.count; i++) {
		if (smc.imm[i] == 0x1234)
			seen_1234 = true;
		else
			cr_assert_eq(smc.imm[i], 0, "call %u imm 0x%x", i, smc.imm[i]);
	}
	cr_assert(seen_1234);
	cr_assert_eq(hvc.count, 2);
	cr_assert_eq(hvc.imm[0], 0);
	cr_assert_eq(hvc.imm[1], 0x42);
	sim_close(sim);
	free(sim);
}

/* Runs guest to a clean exit with its SMCs routed to rec. */
static struct sim *run_recorded(const char *guest, struct recorder *rec, FILE **con)
{
	struct sim_config cfg = {0};
	struct sim *sim = open_with(guest, &cfg, con);

	emu_cpu_route(&sim->host, FFA_CONDUIT_SMC, (struct emu_call_target){record_call, rec});
	cr_assert_eq(sim_run(sim), 0);
	return sim;
}

/* The handler sees x0-x17 as the guest set them, and the function ID in w0. */
Test(cpu, handler_sees_arguments)
{
	struct recorder smc = {.rule = FFA_SMCCC_1_2};
	FILE *con;
	struct sim *sim = run_recorded("regs12.elf", &smc, &con);

	/* The first call is the SMC64 0xC4000077 with x1-x17 patterns (see regs12.c). */
	cr_assert_eq(smc.fid[0], 0xc4000077u);
	for (unsigned i = 1; i < FFA_REG_COUNT; i++)
		cr_assert_neq(smc.args[0].x[i], 0, "x%u", i);
	cr_assert_neq(smc.args[0].x[1], smc.args[0].x[17]);
	sim_close(sim);
	free(sim);
}

/* regs12_asm.S's pattern for register n: 0xc5c5_00nn_a5a5_00nn. */
static uint64_t regs12_pattern(unsigned n)
{
	return UINT64_C(0xc5c50000a5a50000) | (uint64_t)n << 32 | n;
}

/*
 * An SMC32 call takes w1-w7 (SMCCC (DEN0028) §2.6): its handler sees x8-x17 as zero, also
 * right after an SMC64 call whose x8-x17 were read, and the caller's x8-x17 stay as they were.
 */
Test(cpu, smc32_reads_x0_to_x7)
{
	struct recorder smc = {.rule = FFA_SMCCC_1_2};
	FILE *con;
	struct sim *sim = run_recorded("regs12.elf", &smc, &con);

	cr_assert_eq(smc.count, 3);
	cr_assert_eq(smc.args[0].x[17], 0x1111111111111111ull * 17, "SMC64: x17 read");
	cr_assert_eq(smc.fid[1], SMCCC_VERSION);
	cr_assert_eq(smc.fid[2], SMCCC_VERSION);
	for (unsigned i = 4; i < 8; i++)
		cr_assert_eq(smc.args[2].x[i], regs12_pattern(i), "SMC32: x%u read", i);
	for (unsigned i = 8; i < FFA_REG_COUNT; i++) {
		cr_assert_eq(smc.args[1].x[i], 0, "SMC32 after SMC64: x%u not taken", i);
		cr_assert_eq(smc.args[2].x[i], 0, "SMC32: x%u not taken", i);
	}
	cr_assert_not_null(strstr(slurp(con), "smc32 preserved mismatches=0"));
	sim_close(sim);
	free(sim);
}

/* What an observer saw of the SMC32 call with x8-x30 set (regs12.elf's second call). */
struct seen_x8 {
	unsigned count;
	uint64_t before_x8, after_x8;
};

static void observe_x8(void *ctx, struct emu_cpu *cpu, const struct emu_call *before,
		       const struct ffa_value *after, struct ffa_result_rule rule)
{
	struct seen_x8 *seen = ctx;

	(void)cpu;
	(void)rule;
	if (seen->count++ == 1) {
		seen->before_x8 = before->args.x[8];
		seen->after_x8 = after->x[8];
	}
}

/* An observer that asks for all registers (a recorder) sees an SMC32 caller's x8-x17. */
Test(cpu, observer_all_regs_sees_smc32_x8_x17)
{
	for (unsigned all = 0; all < 2; all++) {
		struct sim_config cfg = {0};
		struct seen_x8 seen = {0};
		FILE *con;
		struct sim *sim = open_with("regs12.elf", &cfg, &con);
		uint64_t want = all ? regs12_pattern(8) : 0;

		emu_cpu_observe(&sim->host, (struct emu_call_observer){observe_x8, &seen, all});
		cr_assert_eq(sim_run(sim), 0);
		cr_assert_eq(seen.before_x8, want, "all_regs %u: x8 before", all);
		cr_assert_eq(seen.after_x8, want, "all_regs %u: x8 after", all);
		cr_assert_not_null(strstr(slurp(con), "smc32 preserved mismatches=0"));
		sim_close(sim);
		free(sim);
	}
}

/* An SMC64 answer under SMCCC 1.2 reaches the guest in all of x0-x17. */
Test(cpu, smc64_answer_x0_to_x17)
{
	struct sim_config cfg = {0};
	struct recorder smc = {.rule = FFA_SMCCC_1_2};
	FILE *con;
	struct sim *sim = open_with("regs12.elf", &cfg, &con);
	const char *out;
	char line[64];

	for (unsigned i = 0; i < FFA_REG_COUNT; i++)
		smc.answer.x[i] = 0xa000 + i;
	emu_cpu_route(&sim->host, FFA_CONDUIT_SMC, (struct emu_call_target){record_call, &smc});
	cr_assert_eq(sim_run(sim), 0);
	out = slurp(con);
	for (unsigned i = 0; i < FFA_REG_COUNT; i++) {
		snprintf(line, sizeof(line), "[host] x%u=%x\n", i, 0xa000 + i);
		cr_assert_not_null(strstr(out, line), "missing %s in\n%s", line, out);
	}
	sim_close(sim);
	free(sim);
}

/* Under SMCCC 1.1 only x0-x3 come back; x4-x17 keep what the guest passed. */
Test(cpu, smccc_1_1_answer_x0_to_x3)
{
	struct sim_config cfg = {0};
	struct recorder smc = {.rule = FFA_SMCCC_1_1};
	FILE *con;
	struct sim *sim = open_with("regs12.elf", &cfg, &con);
	const char *out;
	char line[64];

	for (unsigned i = 0; i < FFA_REG_COUNT; i++)
		smc.answer.x[i] = 0xa000 + i;
	emu_cpu_route(&sim->host, FFA_CONDUIT_SMC, (struct emu_call_target){record_call, &smc});
	cr_assert_eq(sim_run(sim), 0);
	out = slurp(con);
	for (unsigned i = 0; i < 4; i++) {
		snprintf(line, sizeof(line), "[host] x%u=%x\n", i, 0xa000 + i);
		cr_assert_not_null(strstr(out, line), "missing %s in\n%s", line, out);
	}
	for (unsigned i = 4; i < FFA_REG_COUNT; i++) {
		snprintf(line, sizeof(line), "[host] x%u=%llx\n", i,
			 (unsigned long long)smc.args[0].x[i]);
		cr_assert_not_null(strstr(out, line), "x%u not preserved: %s in\n%s", i, line, out);
	}
	/* And the SMC32/SMC11 preservation checks of the guest pass. */
	cr_assert_not_null(strstr(out, "smc32 preserved mismatches=0"));
	cr_assert_not_null(strstr(out, "smc11 preserved mismatches=0"));
	sim_close(sim);
	free(sim);
}

/* Two simulations in one process do not see each other's state. */
Test(cpu, two_simulations_independent)
{
	struct sim_config a_cfg = {0}, b_cfg = {.smccc_version = 0x10001};
	FILE *a_con, *b_con;
	struct sim *a = open_with("calls.elf", &a_cfg, &a_con);
	struct sim *b = open_with("calls.elf", &b_cfg, &b_con);

	cr_assert_eq(sim_run(b), 0);
	cr_assert_eq(sim_run(a), 0);
	cr_assert_not_null(strstr(slurp(a_con), "smccc_version_smc x0=10005"));
	cr_assert_not_null(strstr(slurp(b_con), "smccc_version_smc x0=10001"));
	cr_assert_eq(a->host.call_count, b->host.call_count);
	sim_close(a);
	sim_close(b);
	free(a);
	free(b);
}

/* A block hook that does nothing, to fill hook slots. */
static void idle_block_hook(uc_engine *uc, uint64_t addr, uint32_t size, void *user)
{
	(void)uc;
	(void)addr;
	(void)size;
	(void)user;
}

/* Hooks fill a fixed array: the one past the last slot is refused by name, nothing written. */
Test(cpu, hook_slots_bounded)
{
	struct sim_config cfg = {0};
	FILE *con;
	struct sim *sim = open_with("calls.elf", &cfg, &con);
	struct diag err = {0};
	unsigned added = 0;

	cr_assert_lt(sim->host.hook_count, EMU_CPU_MAX_HOOKS, "the CPU's own hooks leave room");
	while (sim->host.hook_count < EMU_CPU_MAX_HOOKS) {
		cr_assert(emu_cpu_hook_add(&sim->host, UC_HOOK_BLOCK, (void *)idle_block_hook, 0,
					   "idle", &err),
			  "%s", err.msg);
		added++;
	}
	cr_assert_gt(added, 0);
	cr_assert_not(emu_cpu_hook_add(&sim->host, UC_HOOK_BLOCK, (void *)idle_block_hook, 0,
				       "extra", &err));
	cr_expect_str_eq(err.msg, "host: no room for the extra hook (8 hooks at most)");
	cr_expect_eq(sim->host.hook_count, EMU_CPU_MAX_HOOKS);
	/* The CPU still runs with every slot used. */
	cr_expect_eq(sim_run(sim), 0);
	sim_close(sim);
	free(sim);
}

/* A failed unicorn call stops the CPU with an internal error (exit status 4) naming the call;
 * it replaces an earlier stop, and the first internal error is the one kept. */
Test(cpu, unicorn_failure_is_internal_error)
{
	struct sim_config cfg = {0};
	FILE *con;
	struct sim *sim = open_with("calls.elf", &cfg, &con);
	const struct emu_cpu *cpu = &sim->host;
	char want[160];

	cr_assert(emu_uc_ok(cpu, UC_ERR_OK, "nothing"));
	cr_expect_eq(cpu->stop.kind, EMU_STOP_NONE);
	emu_cpu_stop(&sim->host, EMU_STOP_EXIT, 0, "an exit first");
	cr_assert_not(emu_uc_ok(cpu, UC_ERR_ARG, "reading x9"));
	cr_expect_eq(cpu->stop.kind, EMU_STOP_ERROR);
	cr_expect_eq(cpu->stop.status, EMU_STATUS_INTERNAL);
	snprintf(want, sizeof(want), "unicorn: reading x9 failed: %s", uc_strerror(UC_ERR_ARG));
	cr_expect_str_eq(cpu->stop.message, want);
	cr_assert_not(emu_uc_ok(cpu, UC_ERR_MAP, "mapping later"));
	emu_cpu_stop(&sim->host, EMU_STOP_EXIT, 0, "an exit later");
	cr_expect_str_eq(cpu->stop.message, want);
	cr_expect_str_eq(emu_stop_kind_name(cpu->stop.kind), "error");
	sim_close(sim);
	free(sim);
}

/*
 * Virtual addresses cost a few windows, not a region per page: 2,000 pages and the identity
 * map take one window, made once, however many pages the tables map in it.
 */
Test(cpu, mmu_windows_not_pages)
{
	struct sim_config cfg = {0};
	FILE *con;
	struct sim *sim = open_with("mmu_many.elf", &cfg, &con);

	cr_assert_eq(sim_run(sim), 0, "%s", slurp(con));
	cr_expect_eq(sim->host.alias_windows, 1);
	cr_expect_eq(sim->host.alias_count, 1);
	cr_expect_eq(sim->host.alias_maps, 1);
	sim_close(sim);
	free(sim);
}

/* Runs sim to a clean exit (its console in the failure message), then closes and frees it. */
static void run_ok_and_close(struct sim *sim, FILE *con)
{
	cr_assert_eq(sim_run(sim), 0, "%s", slurp(con));
	sim_close(sim);
	free(sim);
}

/* Whether the engine of cpu maps the byte at addr. */
static bool engine_maps(struct emu_cpu *cpu, uint64_t addr)
{
	uc_mem_region *regions = NULL;
	uint32_t count = 0;
	bool mapped = false;

	cr_assert_eq(uc_mem_regions(cpu->uc, &regions, &count), UC_ERR_OK);
	for (uint32_t i = 0; i < count; i++)
		mapped = mapped || (regions[i].begin <= addr && addr <= regions[i].end);
	uc_free(regions);
	return mapped;
}

/*
 * The normal world's RAM is mapped in the engine when it first runs, not at open: a simulation
 * that never runs its engine (a scenario's steps make the calls) pays for none of its pieces.
 * Devices and flash are there from the start; the run sees the whole RAM.
 */
Test(cpu, ram_mapped_at_first_run)
{
	struct sim_config cfg = {0};
	FILE *con;
	struct sim *sim = open_with("hello.elf", &cfg, &con);
	uint64_t last = sim->platform.regions[0].base; /* its RAM's last byte, below */

	for (unsigned i = 0; i < sim->platform.region_count; i++) {
		if (sim->platform.regions[i].kind == EMU_REGION_RAM &&
		    !sim->platform.regions[i].secure)
			last = sim->platform.regions[i].base + sim->platform.regions[i].size - 1;
	}
	cr_assert(sim->host.ram_deferred);
	cr_expect_not(engine_maps(&sim->host, sim->image.entry));
	cr_expect_not(engine_maps(&sim->host, last));
	cr_expect(engine_maps(&sim->host, sim->platform.uarts[0].base));
	cr_assert_eq(sim_run(sim), 0, "%s", slurp(con));
	cr_expect_not(sim->host.ram_deferred);
	cr_expect(engine_maps(&sim->host, sim->image.entry));
	cr_expect(engine_maps(&sim->host, last));
	sim_close(sim);
	free(sim);
}

/*
 * Memory management maps the RAM before it changes a page's access, even on an engine that has
 * not run: the page is taken away and given back, and the rest of the RAM stays mapped.
 */
Test(cpu, ram_mapped_before_access_change)
{
	struct sim_config cfg = {0};
	FILE *con;
	struct sim *sim = open_with("hello.elf", &cfg, &con);
	uint64_t page = (sim->image.entry & ~0xfffull) + 0x100000;

	cr_assert(sim->host.ram_deferred);
	cr_assert(emu_cpu_set_access(&sim->host, page, 0x1000, 0));
	cr_expect_not(sim->host.ram_deferred);
	cr_expect_not(engine_maps(&sim->host, page));
	cr_expect(engine_maps(&sim->host, page + 0x1000));
	cr_assert(emu_cpu_set_access(&sim->host, page, 0x1000, EMU_ACCESS_ALL));
	cr_expect(engine_maps(&sim->host, page));
	run_ok_and_close(sim, con);
}

/*
 * sim_end writes out a CPU's unfinished console line without closing anything: what a process
 * that exits without sim_close (the ffa-sim tool) would otherwise lose. The engine stays open.
 */
Test(cpu, end_writes_unfinished_lines)
{
	struct sim_config cfg = {0};
	FILE *con;
	struct sim *sim = open_with("hello.elf", &cfg, &con);
	const char *text = "unfinished";

	cr_assert_eq(sim_run(sim), 0, "%s", slurp(con));
	for (const char *c = text; *c != '\0'; c++)
		emu_console_putc(&sim->host.console_line, (uint8_t)*c);
	cr_assert_null(strstr(slurp(con), text));
	sim_end(sim);
	cr_expect_not_null(strstr(slurp(con), "unfinished\n"), "%s", slurp(con));
	cr_expect_not_null(sim->host.uc);
	sim_close(sim);
	cr_expect_eq(strstr(strstr(slurp(con), text) + 1, text), NULL, "written twice");
	free(sim);
}

/*
 * sim_open leaves the SPMC's endpoint table as it finds it (spmc_clear): a simulation opened in
 * memory full of garbage runs as one opened in zeroed memory, with the same partitions.
 */
Test(cpu, open_in_dirty_memory)
{
	struct sim_config cfg = {0};
	struct sim *dirty = malloc(sizeof(*dirty));
	struct sim *sim;
	FILE *con;

	cr_assert_not_null(dirty);
	memset(dirty, 0xa5, sizeof(*dirty));
	sim = open_in(dirty, "hello.elf", &cfg, &con);
	/* The normal world and the built-in echo, each slot cleared as it was added. */
	cr_assert_eq(sim->spmc.endpoint_count, 2);
	cr_expect_not(sim->spmc.endpoints[1].rxtx.mapped);
	cr_expect_not(sim->spmc.endpoints[1].rxtx.rx_full);
	cr_assert_eq(sim_run(sim), 0, "%s", slurp(con));
	cr_expect_not_null(strstr(slurp(con), "hello from guest"));
	sim_close(sim);
	free(sim);
}
