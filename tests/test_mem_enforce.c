/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Memory access enforced on the CPUs (emu/access.c, sim/wiring.c's set_access) and
 * FFA_MEM_PERM_GET/SET (spmc/mem_perm.c): real engines running small guests
 * (tests/guests/mem_access.c on the normal world's CPU or a CPU of windows, sp_perm.c as an
 * S-EL0 partition) through each transition.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "../emu/internal.h"
#include "abi/uuid.h"
#include "guests/mem_access.h"
#include "helpers.h"
#include "sim/dispatch.h"

#define PAGE_SIZE 0x1000ull
#define PERM_SP_ID 0x8008
#define PERM_SP_DATA 0x0e710000ull

/* A simulation of mem_access.elf, and the access its SMC sets on a CPU. */
struct mem_run {
	struct sim *sim;
	FILE *con;
	FILE *notes;
	struct emu_cpu *change_cpu; /* the CPU whose access the guest's SMC changes */
	uint32_t change_to;
	unsigned changes;
	char console[4096];
	char report[8192];
};

/* The guest's SMC: set the page's access on the chosen CPU, as a memory transaction would. */
static void change_access(void *ctx, const struct emu_call *call, struct emu_call_decision *d)
{
	struct mem_run *m = ctx;

	cr_assert_eq(call->fid, (uint32_t)MEM_CALL_CHANGE);
	cr_assert(emu_cpu_set_access(m->change_cpu, MEM_PAGE, PAGE_SIZE, m->change_to));
	m->changes++;
	d->rule.smccc = FFA_SMCCC_1_1;
	d->res.x[0] = 0;
}

/* Opens mem_access.elf under cfg (console, notes and guest filled in here). */
static void run_open(struct mem_run *m, struct sim_config *cfg)
{
	struct diag err;

	memset(m, 0, sizeof(*m));
	m->sim = calloc(1, sizeof(*m->sim));
	m->con = tmpfile();
	m->notes = tmpfile();
	cr_assert(m->sim != NULL && m->con != NULL && m->notes != NULL);
	cfg->guest_path = guest_path("mem_access.elf");
	cfg->console_out = m->con;
	cfg->notes = m->notes;
	cr_assert(sim_open(m->sim, cfg, &err), "%s", err.msg);
}

/* Opens mem_access.elf with x0 = op; the page holds `mov x0, #7; ret` for fetches. */
static void mem_open(struct mem_run *m, uint64_t op)
{
	struct sim_config cfg = {.quiet = true};
	uint8_t *page;

	run_open(m, &cfg);
	cr_assert_eq(uc_reg_write(m->sim->host.uc, UC_ARM64_REG_X0, &op), UC_ERR_OK);
	page = emu_memory_ptr(&m->sim->memory, MEM_PAGE, PAGE_SIZE, false);
	cr_assert_not_null(page);
	emu_le32_store(page, 0xd28000e0u);     /* mov x0, #7 */
	emu_le32_store(page + 4, 0xd65f03c0u); /* ret */
	m->change_cpu = &m->sim->host;
	emu_cpu_route(&m->sim->host, FFA_CONDUIT_SMC,
		      (struct emu_call_target){.fn = change_access, .ctx = m});
}

static void slurp(FILE *f, char *buf, size_t size)
{
	size_t n;

	fflush(f);
	rewind(f);
	n = fread(buf, 1, size - 1, f);
	buf[n] = '\0';
}

/* Runs the guest to its end: the exit status; the console and the report are kept. */
static int mem_run(struct mem_run *m)
{
	int status = sim_run(m->sim);

	slurp(m->con, m->console, sizeof(m->console));
	slurp(m->notes, m->report, sizeof(m->report));
	return status;
}

static void mem_close(struct mem_run *m)
{
	sim_close(m->sim);
	free(m->sim);
	fclose(m->con);
	fclose(m->notes);
}

/* The run ended with an access fault of this kind at addr, reported with exit status 3. */
static void expect_access_fault(struct mem_run *m, int status, enum emu_fault_kind kind,
				uint64_t addr, const char *what)
{
	cr_assert_eq(status, EMU_STATUS_FAULT, "%s\n%s", m->console, m->report);
	cr_assert_eq(m->sim->host.stop.fault, kind, "%s", m->report);
	cr_assert_eq(m->sim->host.stop.address, addr, "%s", m->report);
	cr_assert_not_null(strstr(m->report, emu_fault_kind_name(kind)), "%s", m->report);
	cr_assert_not_null(strstr(m->report, what), "%s", m->report);
}

/* One run of op with the page's access set to access beforehand: the status. */
static int run_with_access(struct mem_run *m, uint64_t op, uint32_t access)
{
	mem_open(m, op);
	cr_assert(emu_cpu_set_access(&m->sim->host, MEM_PAGE, PAGE_SIZE, access));
	cr_assert_eq(emu_cpu_access(&m->sim->host, MEM_PAGE), access);
	return mem_run(m);
}

/* A revoked page: a read, a write and a fetch each fault, naming the access and the page. */
Test(mem_enforce, revoked_page_faults)
{
	struct mem_run m;
	int status;

	status = run_with_access(&m, MEM_OP_READ, 0);
	expect_access_fault(&m, status, EMU_FAULT_DATA_ACCESS, MEM_PAGE,
			    "data abort: read of 0x40400000, page access ---");
	cr_assert_null(strstr(m.console, "read "), "%s", m.console);
	mem_close(&m);
	status = run_with_access(&m, MEM_OP_WRITE, 0);
	expect_access_fault(&m, status, EMU_FAULT_DATA_ACCESS, MEM_PAGE, "write to 0x40400000");
	mem_close(&m);
	status = run_with_access(&m, MEM_OP_FETCH, 0);
	expect_access_fault(&m, status, EMU_FAULT_INSN_ACCESS, MEM_PAGE,
			    "instruction abort: instruction fetch from 0x40400000");
	cr_assert_eq(m.sim->host.stop.pc, MEM_PAGE);
	mem_close(&m);
}

/* Read-only: a read works, a write faults and leaves the page as it was. */
Test(mem_enforce, read_only_page)
{
	struct mem_run m;
	int status;

	status = run_with_access(&m, MEM_OP_READ, EMU_ACCESS_READ);
	cr_assert_eq(status, 0, "%s", m.report);
	cr_assert_not_null(strstr(m.console, "read d65f03c0d28000e0"), "%s", m.console);
	mem_close(&m);
	status = run_with_access(&m, MEM_OP_WRITE, EMU_ACCESS_READ);
	expect_access_fault(&m, status, EMU_FAULT_DATA_ACCESS, MEM_PAGE, "page access r--");
	cr_assert_eq(emu_le32(emu_memory_ptr(&m.sim->memory, MEM_PAGE, 4, false)), 0xd28000e0u);
	mem_close(&m);
}

/* Execute is honoured: read-write without execute faults on a fetch, reads and writes work;
 * with execute given back the call returns. */
Test(mem_enforce, execute_honoured)
{
	struct mem_run m;
	int status;

	status = run_with_access(&m, MEM_OP_FETCH, EMU_ACCESS_READ | EMU_ACCESS_WRITE);
	expect_access_fault(&m, status, EMU_FAULT_INSN_ACCESS, MEM_PAGE, "page access rw-");
	mem_close(&m);
	status = run_with_access(&m, MEM_OP_WRITE, EMU_ACCESS_READ | EMU_ACCESS_WRITE);
	cr_assert_eq(status, 0, "%s", m.report);
	cr_assert_eq(emu_le32(emu_memory_ptr(&m.sim->memory, MEM_PAGE, 4, false)),
		     (uint32_t)MEM_WRITTEN);
	mem_close(&m);
	mem_open(&m, MEM_OP_FETCH);
	cr_assert(emu_cpu_set_access(&m.sim->host, MEM_PAGE, PAGE_SIZE, 0));
	cr_assert(emu_cpu_set_access(&m.sim->host, MEM_PAGE, PAGE_SIZE, EMU_ACCESS_ALL));
	cr_assert_eq(mem_run(&m), 0, "%s", m.report);
	cr_assert_not_null(strstr(m.console, "called 7"), "%s", m.console);
	mem_close(&m);
}

/* Access taken away while the guest runs (during one of its calls): the next read faults. */
Test(mem_enforce, revoked_during_a_call)
{
	struct mem_run m;
	int status;

	mem_open(&m, MEM_OP_READ_FIRST | MEM_OP_READ);
	status = mem_run(&m);
	expect_access_fault(&m, status, EMU_FAULT_DATA_ACCESS, MEM_PAGE, "read of 0x40400000");
	cr_assert_eq(m.changes, 1);
	cr_assert_not_null(strstr(m.console, "first read d65f03c0d28000e0"), "%s", m.console);
	mem_close(&m);
}

/* With the MMU on: an alias made before the change goes with it (the read through the TTBR1
 * alias faults, naming the physical page); a write through the identity map faults once the
 * page is read-only; an alias made after the change has the page's access. */
Test(mem_enforce, aliases_follow_access)
{
	const uint64_t high = 0xffff000040400000ull;
	struct mem_run m;
	int status;

	mem_open(&m, MEM_OP_READ_FIRST | MEM_OP_HIGH | MEM_OP_READ);
	status = mem_run(&m);
	expect_access_fault(&m, status, EMU_FAULT_DATA_ACCESS, high,
			    "read of 0xffff000040400000 (physical 0x40400000)");
	cr_assert_not_null(strstr(m.console, "first read d65f03c0d28000e0"), "%s", m.console);
	/* No window may be left either: a window shows whatever the tables map in it. */
	for (unsigned i = 0; i < m.sim->host.alias_count; i++) {
		const struct emu_alias *a = &m.sim->host.aliases[i];

		cr_assert(a->window == NULL &&
				  (a->pa + a->size <= MEM_PAGE || a->pa >= MEM_PAGE + PAGE_SIZE),
			  "an alias of the revoked page is left");
	}
	mem_close(&m);

	mem_open(&m, MEM_OP_READ_FIRST | MEM_OP_MMU | MEM_OP_WRITE);
	m.change_to = EMU_ACCESS_READ;
	status = mem_run(&m);
	expect_access_fault(&m, status, EMU_FAULT_DATA_ACCESS, MEM_PAGE, "write to 0x40400000");
	mem_close(&m);

	status = run_with_access(&m, MEM_OP_HIGH | MEM_OP_WRITE, EMU_ACCESS_READ);
	expect_access_fault(&m, status, EMU_FAULT_DATA_ACCESS, high, "page access r--");
	mem_close(&m);
	status = run_with_access(&m, MEM_OP_HIGH | MEM_OP_READ, EMU_ACCESS_READ);
	cr_assert_eq(status, 0, "%s", m.report);
	mem_close(&m);
}

static void explain(void *ctx, uint64_t pa, char *buf, size_t size)
{
	(void)ctx;
	snprintf(buf, size, "lent by 0x0000 to 0x8001 (handle 0x%llx)", (unsigned long long)pa);
}

/* The report carries what the explainer says about the page: owner and handle. */
Test(mem_enforce, report_names_owner)
{
	struct mem_run m;

	mem_open(&m, MEM_OP_WRITE);
	emu_cpu_set_explainer(&m.sim->host, (struct emu_fault_explainer){.fn = explain});
	cr_assert(emu_cpu_set_access(&m.sim->host, MEM_PAGE, PAGE_SIZE, 0));
	expect_access_fault(&m, mem_run(&m), EMU_FAULT_DATA_ACCESS, MEM_PAGE,
			    "page access ---: lent by 0x0000 to 0x8001 (handle 0x40400000)");
	mem_close(&m);
}

/* Bad requests stop the CPU with an internal error instead of changing anything. */
Test(mem_enforce, bad_ranges_refused)
{
	struct mem_run m;

	mem_open(&m, MEM_OP_READ);
	cr_assert_not(emu_cpu_set_access(&m.sim->host, MEM_PAGE + 8, PAGE_SIZE, 0));
	cr_assert_eq(m.sim->host.stop.kind, EMU_STOP_ERROR);
	cr_assert_not_null(strstr(m.sim->host.stop.message, "not whole pages of one RAM region"));
	cr_assert_eq(emu_cpu_access(&m.sim->host, MEM_PAGE), EMU_ACCESS_ALL);
	mem_close(&m);
	mem_open(&m, MEM_OP_READ);
	cr_assert_not(emu_cpu_set_access(&m.sim->host, 0x09000000, PAGE_SIZE, 0), "a UART page");
	mem_close(&m);
	mem_open(&m, MEM_OP_READ);
	for (unsigned i = 0; i < EMU_MAX_ACCESS_RANGES; i++)
		cr_assert(emu_cpu_set_access(&m.sim->host, MEM_PAGE + 2 * i * PAGE_SIZE, PAGE_SIZE,
					     EMU_ACCESS_READ));
	cr_assert_not(emu_cpu_set_access(&m.sim->host, MEM_PAGE + 2 * 128 * PAGE_SIZE, PAGE_SIZE,
					 EMU_ACCESS_READ));
	cr_assert_not_null(strstr(m.sim->host.stop.message, "more than 128 page ranges"));
	mem_close(&m);
}

/* The windows of a CPU like a partition's: its image's megabyte and the UART's page. */
static const struct emu_window image_windows[] = {
	{.base = 0x40200000, .size = 0x100000, .execute = true},
	{.base = 0x09000000, .size = PAGE_SIZE, .device = true},
};

/* Sets up a second CPU on m's platform and memory: of image_windows, or (windows false) of
 * the platform's regions, as the normal world's CPU is. */
static void cpu_open_on(struct emu_cpu *cpu, struct mem_run *m, bool windows)
{
	struct emu_cpu_config cfg = {.name = windows ? "windows" : "regions",
				     .platform = &m->sim->platform,
				     .memory = &m->sim->memory,
				     .console = &m->sim->console,
				     .entry_el = 1,
				     .halt = EMU_HALT_FAULT,
				     .windows = windows ? image_windows : NULL,
				     .window_count = windows ? 2 : 0};
	struct diag err;

	cr_assert(emu_cpu_open(cpu, &cfg, &err), "%s", err.msg);
}

/* A CPU of windows (a partition's): memory outside them is unmapped; a grant maps it with the
 * access given, a revoke during its call unmaps it again and the next read faults. */
Test(mem_enforce, grant_and_revoke_on_a_window_cpu)
{
	struct emu_cpu cpu;
	struct mem_run m;
	struct diag err;

	for (unsigned round = 0; round < 3; round++) {
		uint64_t op = round == 2 ? MEM_OP_READ_FIRST | MEM_OP_READ : MEM_OP_READ;

		mem_open(&m, op);
		cpu_open_on(&cpu, &m, true);
		emu_cpu_set_dispatch(&cpu, sim_dispatch_hook());
		emu_cpu_route(&cpu, FFA_CONDUIT_SMC,
			      (struct emu_call_target){.fn = change_access, .ctx = &m});
		cr_assert(emu_cpu_set_entry(&cpu, m.sim->image.entry, op, &err), "%s", err.msg);
		m.change_cpu = &cpu;
		if (round > 0)
			cr_assert(emu_cpu_set_access(&cpu, MEM_PAGE, PAGE_SIZE, EMU_ACCESS_READ));
		emu_cpu_run(&cpu);
		if (round == 0) {
			cr_assert_eq(cpu.stop.fault, EMU_FAULT_READ_UNMAPPED, "%s",
				     cpu.stop.message);
		} else if (round == 1) {
			cr_assert_eq(cpu.stop.kind, EMU_STOP_EXIT, "%s", cpu.stop.message);
			cr_assert_eq(cpu.stop.status, 0);
		} else {
			cr_assert_eq(m.changes, 1);
			cr_assert_eq(cpu.stop.fault, EMU_FAULT_DATA_ACCESS, "%s", cpu.stop.message);
			cr_assert_eq(cpu.stop.address, MEM_PAGE);
		}
		emu_cpu_close(&cpu);
		mem_close(&m);
	}
}

/*
 * A CPU's engine opens when something first needs it; access set before then is applied as it
 * opens. On a CPU of windows the page is given (the read works where the window alone
 * faults); on a CPU of the platform's regions it is taken away (the read faults where the RAM
 * alone reads). Either way nothing opened the engine until the entry point was set.
 */
Test(mem_enforce, access_set_before_the_engine_opens)
{
	struct emu_cpu cpu;
	struct mem_run m;
	struct diag err;

	for (unsigned round = 0; round < 2; round++) {
		mem_open(&m, MEM_OP_READ);
		cpu_open_on(&cpu, &m, round == 0);
		cr_assert_null(cpu.uc);
		cr_assert_eq(emu_cpu_pc(&cpu), 0);
		cr_assert(emu_cpu_set_access(&cpu, MEM_PAGE, PAGE_SIZE,
					     round == 0 ? EMU_ACCESS_READ : 0));
		cr_assert_null(cpu.uc, "setting access opened the engine");
		emu_cpu_set_dispatch(&cpu, sim_dispatch_hook());
		emu_cpu_route(&cpu, FFA_CONDUIT_SMC,
			      (struct emu_call_target){.fn = change_access, .ctx = &m});
		cr_assert(emu_cpu_set_entry(&cpu, m.sim->image.entry, MEM_OP_READ, &err), "%s",
			  err.msg);
		cr_assert_not_null(cpu.uc);
		emu_cpu_run(&cpu);
		if (round == 0) {
			cr_assert_eq(cpu.stop.kind, EMU_STOP_EXIT, "%s", cpu.stop.message);
			cr_assert_eq(cpu.stop.status, 0);
		} else {
			cr_assert_eq(cpu.stop.fault, EMU_FAULT_DATA_ACCESS, "%s", cpu.stop.message);
			cr_assert_eq(cpu.stop.address, MEM_PAGE);
		}
		emu_cpu_close(&cpu);
		mem_close(&m);
	}
}

/* An S-EL0 partition running sp_perm.elf (its data page at PERM_SP_DATA). */
static void perm_manifest(struct part_manifest *m, enum part_exception_level el)
{
	memset(m, 0, sizeof(*m));
	snprintf(m->file, sizeof(m->file), "test:perm");
	snprintf(m->name, sizeof(m->name), "perm");
	m->id = PERM_SP_ID;
	m->ffa_version = 0x10002;
	m->exec_ctx_count = 1;
	m->exception_level = el;
	m->load_address = 0x0e700000;
	m->memory_size = 0x100000;
	m->messaging = FFA_PROP_DIRECT_REQ_RECV;
	snprintf(m->image, sizeof(m->image), "%s", guest_path("sp_perm.elf"));
	cr_assert_eq(ffa_uuid_parse("8c9daeaf-b0c1-42d3-e4f5-061728394a5b", m->services[0].uuid),
		     FFA_UUID_OK);
	m->services[0].messaging = m->messaging;
	m->service_count = 1;
}

/* Opens mem_access.elf as the normal world beside the partition m (spmc: "hafnium"...), which
 * has booted, and negotiates v1.2 for the normal world. */
static void perm_open(struct mem_run *r, struct part_manifest *m, const char *spmc,
		      struct spmc_config *sc)
{
	struct sim_config cfg = {.partitions = m, .partition_count = 1};
	struct ffa_value in = {{FFA_VERSION, 0x10002}};
	struct ffa_result_rule rule;

	config_spmc(&cfg, spmc, sc);
	run_open(r, &cfg);
	cr_assert_eq(r->sim->parts[0].ep->ctx.state, SPMC_EP_WAITING);
	spmc_normal_world_call(&r->sim->spmc, &in, &rule);
}

/* A call from the normal world (x0-x3 as given), as the firmware hands it to the SPMC. */
static struct ffa_value perm_call(struct mem_run *r, uint64_t x0, uint64_t x1, uint64_t x2,
				  uint64_t x3)
{
	struct ffa_value in = {{x0, x1, x2, x3}};
	struct ffa_result_rule rule;

	return spmc_normal_world_call(&r->sim->spmc, &in, &rule);
}

/* Boots sp_perm.elf as a partition of exception level el under Hafnium and asks it for its
 * boot results (request 0): the answer. */
static struct ffa_value perm_boot_results(struct mem_run *r, enum part_exception_level el,
					  struct part_manifest *man, struct spmc_config *sc)
{
	struct ffa_value out;

	perm_manifest(man, el);
	perm_open(r, man, "hafnium", sc);
	out = perm_call(r, FFA_MSG_SEND_DIRECT_REQ_32, PERM_SP_ID, 0, 0);
	cr_assert_eq(out.x[0], FFA_MSG_SEND_DIRECT_RESP_32);
	return out;
}

/* FFA_MEM_PERM_GET/SET from an S-EL0 partition while it initialises: its own page made
 * read-only (GET answers RW+X before, RO after, one page alike), RW+X, unaligned and foreign
 * ranges refused; DENIED after initialisation; the page reads, and a write to it faults. */
Test(mem_enforce, perm_set_get_from_a_partition)
{
	struct part_manifest man;
	struct spmc_config sc;
	struct ffa_value out;
	struct mem_run r;

	out = perm_boot_results(&r, PART_S_EL0, &man, &sc);
	cr_assert_eq(out.x[3], 0x0701u, "GET: RW+X (0x1), then RO (0x7), w3 0: %llx",
		     (unsigned long long)out.x[3]);
	cr_assert_eq(out.x[4], 0x02020200u, "SET RO ok; RW+X, unaligned, foreign: INVALID: %llx",
		     (unsigned long long)out.x[4]);
	cr_assert_eq(out.x[5], 0x0606u, "GET and SET after initialisation: DENIED");
	cr_assert_eq(emu_cpu_access(&r.sim->parts[0].bin.cpu, PERM_SP_DATA), EMU_ACCESS_READ);
	cr_assert_eq(emu_cpu_access(&r.sim->parts[0].bin.cpu, PERM_SP_DATA + PAGE_SIZE),
		     EMU_ACCESS_ALL);
	out = perm_call(&r, FFA_MSG_SEND_DIRECT_REQ_32, PERM_SP_ID, 0, 1);
	cr_assert_eq(out.x[0], FFA_MSG_SEND_DIRECT_RESP_32, "a read of the RO page works");
	out = perm_call(&r, FFA_MSG_SEND_DIRECT_REQ_32, PERM_SP_ID, 0, 2);
	cr_assert(ffa_value_is_error(&out, FFA_ABORTED), "a write to it faults");
	slurp(r.notes, r.report, sizeof(r.report));
	cr_assert_not_null(
		strstr(r.report, "perm: guest fault: data abort (no access to the page)"), "%s",
		r.report);
	cr_assert_not_null(strstr(r.report, "write to 0xe710000, page access r--"), "%s", r.report);
	mem_close(&r);
}

/* An S-EL1 partition may not call them (Hafnium, TF-A and OP-TEE: DENIED); the page keeps
 * its access. */
Test(mem_enforce, perm_denied_to_s_el1)
{
	struct part_manifest man;
	struct spmc_config sc;
	struct ffa_value out;
	struct mem_run r;

	out = perm_boot_results(&r, PART_S_EL1, &man, &sc);
	cr_assert_eq(out.x[4], 0x06060606u, "every SET DENIED: %llx", (unsigned long long)out.x[4]);
	cr_assert_eq(emu_cpu_access(&r.sim->parts[0].bin.cpu, PERM_SP_DATA), EMU_ACCESS_ALL);
	mem_close(&r);
}

/* From the normal world every personality refuses with NOT_SUPPORTED, FFA_FEATURES too, as
 * the real TF-A, OP-TEE and Hafnium answered a probe on QEMU. */
Test(mem_enforce, perm_from_the_normal_world)
{
	static const char *const spmcs[] = {"hafnium", "tf-a", "optee"};
	static const int32_t errors[] = {FFA_NOT_SUPPORTED, FFA_NOT_SUPPORTED, FFA_NOT_SUPPORTED};
	struct part_manifest man;
	struct spmc_config sc;
	struct ffa_value out;
	struct mem_run r;

	for (unsigned i = 0; i < 3; i++) {
		perm_manifest(&man, PART_S_EL0);
		perm_open(&r, &man, spmcs[i], &sc);
		out = perm_call(&r, FFA_MEM_PERM_SET_32, MEM_PAGE, 1, FFA_MEM_PERM_RO);
		cr_assert(ffa_value_is_error(&out, errors[i]), "%s: %llx %llx", spmcs[i],
			  (unsigned long long)out.x[0], (unsigned long long)out.x[2]);
		out = perm_call(&r, FFA_MEM_PERM_GET_64, MEM_PAGE, 0, 0);
		cr_assert(ffa_value_is_error(&out, errors[i]), "%s", spmcs[i]);
		out = perm_call(&r, FFA_FEATURES, FFA_MEM_PERM_SET_32, 0, 0);
		cr_assert(ffa_value_is_error(&out, FFA_NOT_SUPPORTED), "%s", spmcs[i]);
		cr_assert_eq(emu_cpu_access(&r.sim->host, MEM_PAGE), EMU_ACCESS_ALL);
		mem_close(&r);
	}
}

/* sim/wiring.c's set_access reaches the endpoint's CPU: a binary partition's own, the normal
 * world's for endpoint 0 and VM IDs; nothing for an unknown secure ID. */
Test(mem_enforce, set_access_reaches_the_endpoint_cpu)
{
	struct part_manifest man;
	struct spmc_config sc;
	struct mem_run r;
	const struct spmc_guest_mem *gm;

	perm_manifest(&man, PART_S_EL1);
	perm_open(&r, &man, "hafnium", &sc);
	gm = &r.sim->spmc.memory;
	cr_assert_not_null(gm->ops->set_access);
	gm->ops->set_access(gm->ctx, PERM_SP_ID, MEM_PAGE, PAGE_SIZE, SPMC_MEM_RW);
	cr_assert_eq(emu_cpu_access(&r.sim->parts[0].bin.cpu, MEM_PAGE),
		     EMU_ACCESS_READ | EMU_ACCESS_WRITE);
	cr_assert_eq(emu_cpu_access(&r.sim->host, MEM_PAGE), EMU_ACCESS_ALL);
	gm->ops->set_access(gm->ctx, 0, MEM_PAGE, PAGE_SIZE, 0);
	cr_assert_eq(emu_cpu_access(&r.sim->host, MEM_PAGE), 0);
	gm->ops->set_access(gm->ctx, 0x0002, MEM_PAGE, PAGE_SIZE, SPMC_MEM_READ);
	cr_assert_eq(emu_cpu_access(&r.sim->host, MEM_PAGE), EMU_ACCESS_READ, "a VM ID");
	gm->ops->set_access(gm->ctx, PERM_SP_ID, MEM_PAGE, PAGE_SIZE, 0);
	cr_assert_eq(emu_cpu_access(&r.sim->parts[0].bin.cpu, MEM_PAGE), 0);
	mem_close(&r);
}
