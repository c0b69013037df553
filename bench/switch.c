/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ffa-sim-bench-switch: the cost of a direct request from the normal world to a partition, in
 * one run: to the built-in echo model (no second CPU), to a partition binary that touches no
 * memory (bench_sp_echo.S: the world switch into its own engine and back, and little else),
 * and to the C example partition sp_echo2 (its SDK code's stores dominate: every guest store
 * takes unicorn 2.0.1's slow path). Prints ns per request and the partition's instructions per
 * request, then the cost of a CPU switch (the scheduler moving from one CPU's engine to
 * another's) against that round trip; exits non-zero only when a run fails (never for a
 * figure).
 * Usage: ffa-sim-bench-switch [DIRECT_GUEST [ASM_PARTITION [C_PARTITION [N [CPUS_GUEST]]]]]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "abi/uuid.h"
#include "bench.h"
#include "sim/sim.h"

#define SWITCH_REPS 5

static double switch_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The figures one run reports besides its time. */
struct switch_counts {
	uint64_t insns;    /* the first partition's instructions (0: none) */
	uint64_t switches; /* the scheduler's CPU switches */
};

/*
 * Runs elf under cfg (its console to /dev/null) with bench_iterations = n and, when the guest
 * has one, bench_target = target; returns the host seconds (-1: it failed) and its counts.
 */
static double switch_timed(const struct bench_elf *elf, struct sim_config cfg, uint64_t n,
			   uint64_t target, struct switch_counts *counts)
{
	static const char *const names[2] = {"bench_iterations", "bench_target"};
	const uint64_t values[2] = {n, target};
	struct sim *sim = calloc(1, sizeof(*sim));
	uint64_t *word;
	struct diag err;
	FILE *devnull = fopen("/dev/null", "w");
	double t0, t1 = -1;

	cfg.guest_path = elf->path;
	cfg.quiet = true;
	cfg.no_check = true;
	cfg.console_out = devnull;
	if (sim == NULL || !sim_open(sim, &cfg, &err)) {
		fprintf(stderr, "ffa-sim-bench-switch: %s\n", sim != NULL ? err.msg : "no memory");
		goto out;
	}
	for (unsigned i = 0; i < 2; i++) {
		uint64_t addr = 0;

		if (!bench_elf_symbol(elf, names[i], &addr) && i > 0)
			continue;
		word = emu_memory_ptr(&sim->memory, addr, 8, false);
		if (word == NULL)
			goto out;
		*word = values[i];
	}
	t0 = switch_now();
	if (sim_run(sim) != 0) {
		fprintf(stderr, "ffa-sim-bench-switch: %s failed (%s)\n", elf->path,
			sim->host.stop.message);
		goto out;
	}
	t1 = switch_now() - t0;
	counts->insns = sim->part_count > 0 ? emu_cpu_insns(&sim->parts[0].bin.cpu) : 0;
	counts->switches = sim->smp.switches;
out:
	if (sim != NULL)
		sim_close(sim);
	free(sim);
	fclose(devnull);
	return t1;
}

/* One run: n requests to target; the partition list NULL means the built-in echo model.
 * *insns gets the partition's instruction count (0 for the model). */
static double switch_run(const struct bench_elf *elf, uint64_t n, uint16_t target,
			 const struct part_manifest *parts, unsigned count, uint64_t *insns)
{
	struct sim_config cfg = {.partitions = parts, .partition_count = count};
	struct switch_counts c = {0};
	double t = switch_timed(elf, cfg, n, target, &c);

	*insns = c.insns;
	return t;
}

static int switch_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/*
 * The CPU switch: bench_cpus.elf on two CPUs computing n rounds each, with a quantum of q ns;
 * returns the host seconds (-1: failed) and sets *switches to the scheduler's CPU switches.
 */
static double switch_cpus_run(const struct bench_elf *elf, uint64_t n, uint64_t q,
			      uint64_t *switches)
{
	struct sim_config cfg = {.cpus = 2, .quantum = q};
	struct switch_counts c = {0};
	double t = switch_timed(elf, cfg, n, 0, &c);

	*switches = c.switches;
	return t;
}

/* ns per CPU switch: the same work with a 1 us quantum and a 1 ms one, the difference in time
 * over the difference in switches (median of SWITCH_REPS each). */
static double switch_cpus(const char *path, uint64_t *switches)
{
	struct bench_elf elf;
	struct diag err;
	double t[2][SWITCH_REPS];
	uint64_t sw[2] = {0};
	static const uint64_t quanta[2] = {1000, 1000000};

	if (!bench_elf_read(path, &elf, &err)) {
		fprintf(stderr, "ffa-sim-bench-switch: %s: %s\n", err.file, err.msg);
		return -1;
	}
	for (unsigned r = 0; r < SWITCH_REPS; r++) {
		for (unsigned k = 0; k < 2; k++) {
			t[k][r] = switch_cpus_run(&elf, 2000000, quanta[k], &sw[k]);
			if (t[k][r] < 0) {
				bench_elf_free(&elf);
				return -1;
			}
		}
	}
	bench_elf_free(&elf);
	qsort(t[0], SWITCH_REPS, sizeof(double), switch_cmp);
	qsort(t[1], SWITCH_REPS, sizeof(double), switch_cmp);
	*switches = sw[0];
	if (sw[0] <= sw[1])
		return -1;
	return (t[0][SWITCH_REPS / 2] - t[1][SWITCH_REPS / 2]) * 1e9 / (double)(sw[0] - sw[1]);
}

static void switch_manifest(struct part_manifest *m, const char *image)
{
	memset(m, 0, sizeof(*m));
	snprintf(m->name, sizeof(m->name), "echo");
	snprintf(m->image, sizeof(m->image), "%s", image);
	m->id = 0x8002;
	m->ffa_version = 0x10002;
	m->exec_ctx_count = 1;
	m->exception_level = PART_S_EL1;
	m->load_address = 0x0e100000;
	m->memory_size = 0x100000;
	m->messaging = FFA_PROP_DIRECT_REQ_RECV;
}

int main(int argc, char **argv)
{
	const char *guest = argc > 1 ? argv[1] : BENCH_GUEST_DIR "/bench_direct.elf";
	const char *images[2] = {argc > 2 ? argv[2] : BENCH_SP_ASM,
				 argc > 3 ? argv[3] : BENCH_SP_ECHO2};
	static const char *const labels[3] = {"the built-in echo model (no CPU)",
					      "an assembly partition binary",
					      "the C partition sp_echo2"};
	uint64_t n = argc > 4 ? strtoull(argv[4], NULL, 0) : 50000;
	struct part_manifest m[2];
	struct bench_elf elf;
	struct diag err;
	double t[3][SWITCH_REPS];
	uint64_t insns[3] = {0};
	const char *cpus_guest = argc > 5 ? argv[5] : BENCH_GUEST_DIR "/bench_cpus.elf";
	uint64_t switches = 0;
	double cpu_switch;

	if (!bench_elf_read(guest, &elf, &err)) {
		fprintf(stderr, "ffa-sim-bench-switch: %s: %s\n", err.file, err.msg);
		return 1;
	}
	switch_manifest(&m[0], images[0]);
	switch_manifest(&m[1], images[1]);
	for (unsigned r = 0; r < SWITCH_REPS; r++) {
		t[0][r] = switch_run(&elf, n, 0x8001, NULL, 0, &insns[0]);
		t[1][r] = switch_run(&elf, n, 0x8002, &m[0], 1, &insns[1]);
		t[2][r] = switch_run(&elf, n, 0x8002, &m[1], 1, &insns[2]);
		if (t[0][r] < 0 || t[1][r] < 0 || t[2][r] < 0)
			return 1;
	}
	printf("Direct request round trip: %llu x DIRECT_REQ_32 from the normal world "
	       "(median of %d)\n",
	       (unsigned long long)n, SWITCH_REPS);
	for (unsigned k = 0; k < 3; k++) {
		qsort(t[k], SWITCH_REPS, sizeof(double), switch_cmp);
		printf("  to %-34s %8.0f ns/request, %5.0f partition instructions/request\n",
		       labels[k], t[k][SWITCH_REPS / 2] * 1e9 / (double)n,
		       (double)insns[k] / (double)n);
	}
	printf("  world switch in and out (assembly partition - model): %.0f ns\n",
	       (t[1][SWITCH_REPS / 2] - t[0][SWITCH_REPS / 2]) * 1e9 / (double)n);
	cpu_switch = switch_cpus(cpus_guest, &switches);
	if (cpu_switch < 0)
		return 1;
	printf("CPU switch (bench_cpus on two CPUs, 1 us against 1 ms quantum, %llu switches): "
	       "%.0f ns per switch, %.2f of a request to the assembly partition\n",
	       (unsigned long long)switches, cpu_switch,
	       cpu_switch / (t[1][SWITCH_REPS / 2] * 1e9 / (double)n));
	bench_elf_free(&elf);
	return 0;
}
