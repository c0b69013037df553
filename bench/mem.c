/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The memory-management row of the performance table: a share-retrieve-relinquish-reclaim
 * round trip of one page (bench_mem.elf, mode 1: FFA_MEM_SHARE_64, a direct request to the
 * built-in memory borrower, which retrieves, reads and relinquishes the page, then
 * FFA_MEM_RECLAIM), against the direct request alone to the built-in echo (mode 0), in the
 * same run, alternating, median of the repetitions (thread CPU time).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "emu/memory.h"
#include "sim/sim.h"

#define BENCH_MEM_ECHO_ID 0x8001u
#define BENCH_MEM_BORROWER_ID 0x8002u

/* The two partitions: the echo model, and the memory model with its buffers in its memory. */
static void bench_mem_manifests(struct part_manifest m[2])
{
	memset(m, 0, 2 * sizeof(*m));
	for (unsigned i = 0; i < 2; i++) {
		m[i].ffa_version = 0x10002;
		m[i].exec_ctx_count = 1;
		m[i].exception_level = PART_S_EL1;
		m[i].messaging = FFA_PROP_DIRECT_REQ_RECV;
	}
	snprintf(m[0].name, sizeof(m[0].name), "echo");
	snprintf(m[0].model, sizeof(m[0].model), "echo");
	m[0].id = BENCH_MEM_ECHO_ID;
	snprintf(m[1].name, sizeof(m[1].name), "memory");
	snprintf(m[1].model, sizeof(m[1].model), "memory");
	m[1].id = BENCH_MEM_BORROWER_ID;
	m[1].load_address_set = true;
	m[1].load_address = 0x0e300000;
	m[1].memory_size = 0x10000;
}

/* One run of n iterations in a mode; the seconds of sim_run (thread CPU), or -1 on failure. */
static double bench_mem_run(const struct bench_elf *elf, uint64_t n, bool mem,
			    const struct part_manifest *parts, char *note, size_t size)
{
	struct sim_config cfg = {.guest_path = elf->path,
				 .quiet = true,
				 .no_check = true,
				 .partitions = parts,
				 .partition_count = 2};
	const char *const names[] = {"bench_iterations", "bench_target", "bench_mode",
				     "bench_result"};
	const uint64_t values[] = {n, mem ? BENCH_MEM_BORROWER_ID : BENCH_MEM_ECHO_ID, mem};
	struct sim *sim = calloc(1, sizeof(*sim));
	FILE *devnull = fopen("/dev/null", "w");
	struct bench_stamp a, b;
	struct diag err;
	uint64_t addr[4], *word;
	double t = -1;

	cfg.console_out = devnull;
	if (sim == NULL || devnull == NULL || !sim_open(sim, &cfg, &err)) {
		snprintf(note, size, "%s", sim != NULL && devnull != NULL ? err.msg : "no memory");
		goto out;
	}
	for (unsigned i = 0; i < 4; i++) {
		word = bench_elf_symbol(elf, names[i], &addr[i])
			       ? emu_memory_ptr(&sim->memory, addr[i], 8, false)
			       : NULL;
		if (word == NULL) {
			snprintf(note, size, "%s: no word %s", elf->path, names[i]);
			goto out;
		}
		if (i < 3)
			*word = values[i];
	}
	bench_stamp(&a);
	if (sim_run(sim) != 0) {
		word = emu_memory_ptr(&sim->memory, addr[3], 8, false);
		snprintf(note, size, "the guest failed in mode %d: %llu wrong answers (%s)", mem,
			 (unsigned long long)(word != NULL ? *word : 0), sim->host.stop.message);
		goto out;
	}
	bench_stamp(&b);
	t = bench_seconds(&a.cpu, &b.cpu);
out:
	if (sim != NULL)
		sim_close(sim);
	free(sim);
	if (devnull != NULL)
		fclose(devnull);
	return t;
}

static int bench_mem_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

bool bench_mem_row(const char *guest_dir, uint64_t n, unsigned reps, double *mem_ns,
		   double *direct_ns, char *note, size_t size)
{
	double t[2][BENCH_MEM_MAX_REPS];
	struct part_manifest parts[2];
	char path[1024];
	struct bench_elf elf;
	struct diag err;
	bool ok = true;

	if (reps > BENCH_MEM_MAX_REPS)
		reps = BENCH_MEM_MAX_REPS;
	snprintf(path, sizeof(path), "%s/bench_mem.elf", guest_dir);
	if (!bench_elf_read(path, &elf, &err)) {
		snprintf(note, size, "%s: %s", err.file, err.msg);
		return false;
	}
	bench_mem_manifests(parts);
	for (unsigned r = 0; r < reps && ok; r++) {
		t[0][r] = bench_mem_run(&elf, n, false, parts, note, size);
		t[1][r] = t[0][r] < 0 ? -1 : bench_mem_run(&elf, n, true, parts, note, size);
		ok = t[0][r] >= 0 && t[1][r] >= 0;
	}
	bench_elf_free(&elf);
	if (!ok)
		return false;
	qsort(t[0], reps, sizeof(double), bench_mem_cmp);
	qsort(t[1], reps, sizeof(double), bench_mem_cmp);
	*direct_ns = t[0][reps / 2] * 1e9 / (double)n;
	*mem_ns = t[1][reps / 2] * 1e9 / (double)n;
	snprintf(note, size,
		 "%llu round trips: SHARE, DIRECT_REQ to the memory model (RETRIEVE_REQ, read, "
		 "RELINQUISH), RECLAIM; baseline DIRECT_REQ to the echo model",
		 (unsigned long long)n);
	return true;
}
