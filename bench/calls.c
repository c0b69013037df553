/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ffa-sim-bench-calls: one timed run of a call guest under ffa-sim, for the tracing rows of
 * ffa-sim-bench (docs/performance.md, "Tracing off"). It is built twice from the same core:
 * as ffa-sim-bench-calls, with the observers' call sites (include/common/observers.h), and as
 * ffa-sim-bench-calls-bare, whose copies of the files holding them are compiled with
 * FFA_SIM_NO_OBSERVERS. ffa-sim-bench spawns both, alternating, and compares.
 *
 *   ffa-sim-bench-calls GUEST ITERATIONS [--trace-ffa]
 *
 * runs GUEST (its bench_iterations set to ITERATIONS) without the conformance checker, as
 * `ffa-sim run --no-check` does, and prints one line: the thread CPU seconds of sim_run, the
 * wall-clock seconds, the calls the CPU answered, the guest's exit status. With --trace-ffa the
 * observability recorder records every call, as `--trace ffa=/dev/null` does, and the text
 * trace is written to /dev/null inside the timed span.
 * Exit status: 0; 1 when the run failed; 2 on a usage error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abi/fids.h"
#include "bench.h"
#include "emu/cpu.h"
#include "emu/memory.h"
#include "sim/obs.h"
#include "sim/sim.h"

/* Far above any run here, so that the --max-insns check never ends one. */
#define CALLS_MAX_INSNS 1000000000000ull

static int calls_run(const char *path, uint64_t iterations, bool trace)
{
	struct bench_elf elf;
	struct diag err = {0};
	struct sim_obs obs = {.record = true};
	FILE *devnull = fopen("/dev/null", "w");
	struct sim_config cfg = {
		.guest_path = path,
		.notes = stderr,
		.quiet = true,
		.max_insns = CALLS_MAX_INSNS,
		.no_check = true,
		.smccc_version = SMCCC_VERSION_1_2,
		.obs = trace ? &obs : NULL,
	};
	struct sim *sim = calloc(1, sizeof(*sim));
	struct bench_stamp t0, t1;
	uint64_t addr = 0, *word;
	int status = 1;

	if (devnull == NULL || sim == NULL) {
		fprintf(stderr, "ffa-sim-bench-calls: no /dev/null or no memory\n");
		goto out_files;
	}
	cfg.console_out = devnull;
	if (!bench_elf_read(path, &elf, &err))
		goto out_files;
	if (!sim_open(sim, &cfg, &err))
		goto out;
	if (!bench_elf_symbol(&elf, "bench_iterations", &addr) ||
	    (word = emu_memory_ptr(&sim->memory, addr, sizeof(*word), false)) == NULL) {
		diag_set(&err, path, 0, 0, "no bench_iterations word in RAM");
		goto out;
	}
	*word = iterations;
	bench_stamp(&t0);
	status = sim_run(sim);
	if (trace && !sim_obs_write_text(&obs, devnull))
		status = 1;
	bench_stamp(&t1);
	if (sim->host.stop.kind != EMU_STOP_EXIT) {
		diag_set(&err, path, 0, 0, "the guest did not exit (%s)", sim->host.stop.message);
		status = 1;
		goto out;
	}
	printf("%.9f %.9f %llu %d\n", bench_seconds(&t0.cpu, &t1.cpu),
	       bench_seconds(&t0.wall, &t1.wall), (unsigned long long)sim->host.call_count, status);
	status = 0;
out:
	if (trace)
		sim_obs_free(&obs);
	sim_close(sim);
	bench_elf_free(&elf);
out_files:
	if (err.msg[0] != '\0')
		fprintf(stderr, "ffa-sim-bench-calls: %s: %s\n", err.file[0] ? err.file : path,
			err.msg);
	free(sim);
	if (devnull != NULL)
		fclose(devnull);
	return status;
}

int main(int argc, char **argv)
{
	uint64_t n;

	if ((argc != 3 && argc != 4) || !sim_parse_u64(argv[2], &n) ||
	    (argc == 4 && strcmp(argv[3], "--trace-ffa") != 0)) {
		fprintf(stderr, "usage: ffa-sim-bench-calls GUEST ITERATIONS [--trace-ffa]\n");
		return 2;
	}
	return calls_run(argv[1], n, argc == 4);
}
