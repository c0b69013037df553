/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ffa-sim-bench: the same guest ELFs timed under ffa-sim (sim_open + sim_run, in this process)
 * and under a raw unicorn engine (raw.c), alternating, median of a few repetitions. Two
 * guests: bench_smc (SMCCC_VERSION in a tight loop: the cost of one trapped call) and
 * bench_loop (register arithmetic: the cost of exact instruction counting). The figures and
 * how to read them are in docs/performance.md.
 *
 * The exit status reflects functional checks only (the guests ran, answered, exited, and the
 * instruction counts agree); a slow figure is printed, never failed on, as timings depend on
 * the machine.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "abi/ids.h"
#include "bench.h"
#include "emu/cpu.h"
#include "emu/memory.h"
#include "sim/sim.h"

#ifndef BENCH_GUEST_DIR
#define BENCH_GUEST_DIR "."
#endif

#define BENCH_SMC_CALLS 2000000ull
#define BENCH_LOOP_ITERATIONS 200000000ull /* 9 instructions each: 1.8e9 */
#define BENCH_QUICK_DIVISOR 10u
#define BENCH_REPS 5u
#define BENCH_QUICK_REPS 3u
#define BENCH_MAX_REPS 51u
/* Far above any run here, so that ffa-sim's --max-insns check never ends one. */
#define BENCH_MAX_INSNS 1000000000000ull

/* The targets of the performance requirement (docs/performance.md). */
#define BENCH_TARGET_SMC 1.5
#define BENCH_TARGET_LOOP 1.6

/* The three ways each guest runs. */
enum bench_mode {
	BENCH_RAW_NONE,
	BENCH_RAW_BLOCK,
	BENCH_SIM,       /* --no-check: the same register work as the raw hook */
	BENCH_SIM_CHECK, /* the default run: the conformance checker looks at every answer */
	BENCH_MODES
};

static const char *const bench_mode_names[BENCH_MODES] = {
	"raw unicorn, no counting",
	"raw unicorn, block hook count",
	"ffa-sim (exact count, firmware)",
	"ffa-sim + conformance checker",
};

static const char *const bench_mode_keys[BENCH_MODES] = {"raw_none", "raw_block", "ffa_sim",
							 "ffa_sim_checked"};

struct bench_opts {
	const char *smc_path;
	const char *loop_path;
	const char *json_path;
	const char *only; /* "smc" or "loop": run one guest (for profiling) */
	bool quick;
	unsigned reps;
};

/* One run, whichever engine ran it. */
struct bench_run {
	double seconds; /* thread CPU time */
	double wall;
	uint64_t insns;  /* 0 for raw runs without counting */
	uint64_t calls;  /* SMCs answered */
	uint64_t result; /* bench_result */
	int status;
};

/* All runs of one guest. */
struct bench_guest {
	const char *name;
	struct bench_elf elf;
	uint64_t iterations;
	double seconds[BENCH_MODES][BENCH_MAX_REPS];
	double wall[BENCH_MODES][BENCH_MAX_REPS];
	double median[BENCH_MODES]; /* thread CPU time */
	double wall_median[BENCH_MODES];
	uint64_t insns;  /* the counted runs' count (they must all agree) */
	uint64_t result; /* bench_result of the first run (every run must agree) */
	bool have_first;
};

/* Runs the guest under ffa-sim: the whole simulator, its firmware answering the SMCs. */
static bool bench_sim_run(const struct bench_elf *elf, uint64_t iterations, bool check,
			  FILE *console, struct bench_run *run, struct diag *err)
{
	struct sim_config cfg = {
		.guest_path = elf->path,
		.console_out = console,
		.notes = stderr, /* fault reports still reach the user */
		.quiet = true,
		.max_insns = BENCH_MAX_INSNS,
		.no_check = !check,
		/* The guests check for SMCCC 1.2 answers, as raw.c gives them (the firmware's
		 * default is TF-A's 1.5). */
		.smccc_version = SMCCC_VERSION_1_2,
	};
	struct sim *sim = calloc(1, sizeof(*sim));
	uint64_t iter_addr = 0, result_addr = 0;
	uint64_t *iter_word, *result_word;
	struct bench_stamp t0, t1;
	bool ok = false;

	if (sim == NULL) {
		diag_set(err, NULL, 0, 0, "out of memory");
		return false;
	}
	if (!sim_open(sim, &cfg, err))
		goto out;
	bench_elf_symbol(elf, "bench_iterations", &iter_addr);
	bench_elf_symbol(elf, "bench_result", &result_addr);
	iter_word = emu_memory_ptr(&sim->memory, iter_addr, sizeof(*iter_word), false);
	result_word = emu_memory_ptr(&sim->memory, result_addr, sizeof(*result_word), false);
	if (iter_word == NULL || result_word == NULL) {
		diag_set(err, elf->path, 0, 0, "bench_iterations or bench_result is not in RAM");
		goto out;
	}
	*iter_word = iterations;

	bench_stamp(&t0);
	run->status = sim_run(sim);
	bench_stamp(&t1);

	if (sim->host.stop.kind != EMU_STOP_EXIT) {
		diag_set(err, elf->path, 0, 0, "ffa-sim: the guest did not exit (%s: %s)",
			 emu_stop_kind_name(sim->host.stop.kind), sim->host.stop.message);
		goto out;
	}
	run->seconds = bench_seconds(&t0.cpu, &t1.cpu);
	run->wall = bench_seconds(&t0.wall, &t1.wall);
	run->insns = emu_cpu_insns(&sim->host);
	run->calls = sim->host.call_count;
	run->result = *result_word;
	ok = true;
out:
	sim_close(sim);
	free(sim);
	return ok;
}

static bool bench_one(struct bench_guest *g, enum bench_mode mode, FILE *console,
		      struct bench_run *run, struct diag *err)
{
	enum bench_count count = mode == BENCH_RAW_BLOCK ? BENCH_COUNT_BLOCK : BENCH_COUNT_NONE;
	struct bench_raw_result raw;

	memset(run, 0, sizeof(*run));
	if (mode == BENCH_SIM || mode == BENCH_SIM_CHECK)
		return bench_sim_run(&g->elf, g->iterations, mode == BENCH_SIM_CHECK, console, run,
				     err);
	if (!bench_raw_run(&g->elf, g->iterations, count, &raw, err))
		return false;
	run->seconds = raw.seconds;
	run->wall = raw.wall;
	run->insns = raw.insns;
	run->calls = raw.smcs;
	run->result = raw.result;
	run->status = raw.status;
	return true;
}

/*
 * The functional checks of one run: exit status 0 (the guest checked its answers), one
 * answered SMC per iteration for bench_smc, and the same instruction count and result as
 * every other run of the guest. Prints what is wrong; false on a failure.
 */
static bool bench_check(struct bench_guest *g, enum bench_mode mode, const struct bench_run *run,
			bool smc_guest)
{
	bool ok = true;

	if (run->status != 0) {
		fprintf(stderr, "ffa-sim-bench: %s under %s: exit status %d\n", g->name,
			bench_mode_names[mode], run->status);
		ok = false;
	}
	if (smc_guest && run->calls != g->iterations) {
		fprintf(stderr, "ffa-sim-bench: %s under %s: %llu SMCs answered, %llu expected\n",
			g->name, bench_mode_names[mode], (unsigned long long)run->calls,
			(unsigned long long)g->iterations);
		ok = false;
	}
	if (!g->have_first) {
		g->result = run->result;
		g->have_first = true;
	} else if (run->result != g->result) {
		fprintf(stderr,
			"ffa-sim-bench: %s under %s: result 0x%llx, another run gave 0x%llx\n",
			g->name, bench_mode_names[mode], (unsigned long long)run->result,
			(unsigned long long)g->result);
		ok = false;
	}
	/* Raw runs without counting have no count; every counted run must give the same one. */
	if (mode != BENCH_RAW_NONE) {
		if (g->insns == 0) {
			g->insns = run->insns;
		} else if (run->insns != g->insns) {
			fprintf(stderr, "ffa-sim-bench: %s under %s: %llu instructions, ", g->name,
				bench_mode_names[mode], (unsigned long long)run->insns);
			fprintf(stderr, "another run counted %llu\n", (unsigned long long)g->insns);
			ok = false;
		}
	}
	return ok;
}

static int bench_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double bench_median(const double *v, unsigned n)
{
	double sorted[BENCH_MAX_REPS];

	memcpy(sorted, v, n * sizeof(*v));
	qsort(sorted, n, sizeof(*sorted), bench_cmp_double);
	return n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

/*
 * Runs the guest reps times in each mode, rotating the order every repetition so that no mode
 * always runs first (or right after the same other mode). False on a functional failure.
 */
static bool bench_guest_run(struct bench_guest *g, unsigned reps, bool smc_guest, FILE *console)
{
	struct bench_run run;
	struct diag err;
	char buf[DIAG_FILE_MAX + DIAG_MSG_MAX + 8];
	bool ok = true;

	for (unsigned rep = 0; rep < reps; rep++) {
		for (unsigned k = 0; k < BENCH_MODES; k++) {
			enum bench_mode mode = (enum bench_mode)((k + rep) % BENCH_MODES);

			memset(&err, 0, sizeof(err));
			if (!bench_one(g, mode, console, &run, &err)) {
				fprintf(stderr, "ffa-sim-bench: %s under %s: %s\n", g->name,
					bench_mode_names[mode],
					diag_format(&err, buf, sizeof(buf)));
				return false;
			}
			ok = bench_check(g, mode, &run, smc_guest) && ok;
			g->seconds[mode][rep] = run.seconds;
			g->wall[mode][rep] = run.wall;
		}
	}
	for (unsigned m = 0; m < BENCH_MODES; m++) {
		g->median[m] = bench_median(g->seconds[m], reps);
		g->wall_median[m] = bench_median(g->wall[m], reps);
	}
	return ok;
}

/* "model name" from /proc/cpuinfo, for the record of where the figures come from. */
static void bench_cpu_model(char *buf, size_t size)
{
	FILE *f = fopen("/proc/cpuinfo", "r");
	char line[512];

	snprintf(buf, size, "unknown CPU");
	if (f == NULL)
		return;
	while (fgets(line, sizeof(line), f) != NULL) {
		char *colon = strchr(line, ':');

		if (strncmp(line, "model name", 10) != 0 || colon == NULL)
			continue;
		colon += strspn(colon + 1, " \t") + 1;
		colon[strcspn(colon, "\n")] = '\0';
		snprintf(buf, size, "%s", colon);
		break;
	}
	fclose(f);
}

static double bench_ns_per_call(const struct bench_guest *g, enum bench_mode m)
{
	return g->median[m] * 1e9 / (double)g->iterations;
}

static double bench_mips(const struct bench_guest *g, enum bench_mode m)
{
	return (double)g->insns / g->median[m] / 1e6;
}

static double bench_ratio(const double *median, enum bench_mode m)
{
	return median[m] / median[BENCH_RAW_NONE];
}

static void bench_print_smc(const struct bench_guest *g)
{
	double ratio = bench_ratio(g->median, BENCH_SIM);

	printf("SMC trap: %llu x SMCCC_VERSION (bench_smc, %llu instructions)\n",
	       (unsigned long long)g->iterations, (unsigned long long)g->insns);
	for (unsigned m = 0; m < BENCH_MODES; m++)
		printf("  %-34s %8.1f ns/call  %5.2fx\n", bench_mode_names[m],
		       bench_ns_per_call(g, m), bench_ratio(g->median, m));
	printf("  ffa-sim / raw: %.2fx (target <= %.1fx: %s); wall clock: %.2fx\n\n", ratio,
	       BENCH_TARGET_SMC, ratio <= BENCH_TARGET_SMC ? "met" : "MISSED",
	       bench_ratio(g->wall_median, BENCH_SIM));
}

static void bench_print_loop(const struct bench_guest *g)
{
	double ratio = bench_ratio(g->median, BENCH_SIM);

	printf("Compute loop: %llu iterations (bench_loop, %llu instructions)\n",
	       (unsigned long long)g->iterations, (unsigned long long)g->insns);
	for (unsigned m = 0; m < BENCH_MODES; m++)
		printf("  %-34s %8.3f s  %7.0f MIPS  %5.2fx\n", bench_mode_names[m], g->median[m],
		       bench_mips(g, m), bench_ratio(g->median, m));
	printf("  ffa-sim / raw: %.2fx (target <= %.1fx: %s); wall clock: %.2fx\n\n", ratio,
	       BENCH_TARGET_LOOP, ratio <= BENCH_TARGET_LOOP ? "met" : "MISSED",
	       bench_ratio(g->wall_median, BENCH_SIM));
}

static void bench_json_smc(FILE *f, const struct bench_guest *g)
{
	fprintf(f, "  \"smc\": {\n    \"calls\": %llu,\n    \"instructions\": %llu,\n",
		(unsigned long long)g->iterations, (unsigned long long)g->insns);
	for (unsigned m = 0; m < BENCH_MODES; m++)
		fprintf(f, "    \"%s_ns_per_call\": %.2f,\n", bench_mode_keys[m],
			bench_ns_per_call(g, m));
	fprintf(f, "    \"ratio\": %.3f,\n    \"wall_ratio\": %.3f,\n    \"target\": %.1f\n  }",
		bench_ratio(g->median, BENCH_SIM), bench_ratio(g->wall_median, BENCH_SIM),
		BENCH_TARGET_SMC);
}

static void bench_json_loop(FILE *f, const struct bench_guest *g)
{
	fprintf(f, "  \"loop\": {\n    \"iterations\": %llu,\n    \"instructions\": %llu,\n",
		(unsigned long long)g->iterations, (unsigned long long)g->insns);
	for (unsigned m = 0; m < BENCH_MODES; m++)
		fprintf(f, "    \"%s_seconds\": %.4f,\n    \"%s_mips\": %.0f,\n",
			bench_mode_keys[m], g->median[m], bench_mode_keys[m], bench_mips(g, m));
	fprintf(f, "    \"block_ratio\": %.3f,\n    \"ratio\": %.3f,\n",
		bench_ratio(g->median, BENCH_RAW_BLOCK), bench_ratio(g->median, BENCH_SIM));
	fprintf(f, "    \"wall_ratio\": %.3f,\n    \"target\": %.1f\n  }",
		bench_ratio(g->wall_median, BENCH_SIM), BENCH_TARGET_LOOP);
}

/* Writes the figures as one JSON object; smc or loop is NULL when it did not run. */
static bool bench_write_json(const char *path, const struct bench_guest *smc,
			     const struct bench_guest *loop, unsigned reps, const char *cpu,
			     long ncpu)
{
	FILE *f = fopen(path, "w");

	if (f == NULL) {
		perror(path);
		return false;
	}
	fprintf(f, "{\n  \"cpus\": %ld,\n  \"cpu_model\": \"", ncpu);
	for (const char *c = cpu; *c != '\0'; c++)
		fprintf(f, *c == '"' || *c == '\\' ? "\\%c" : "%c", *c);
	fprintf(f, "\",\n  \"clock\": \"thread-cpu\",\n  \"repetitions\": %u", reps);
	if (smc != NULL) {
		fprintf(f, ",\n");
		bench_json_smc(f, smc);
	}
	if (loop != NULL) {
		fprintf(f, ",\n");
		bench_json_loop(f, loop);
	}
	fprintf(f, "\n}\n");
	if (fclose(f) != 0) {
		perror(path);
		return false;
	}
	return true;
}

static void bench_usage(FILE *out)
{
	fprintf(out,
		"usage: ffa-sim-bench [--quick] [--reps N] [--only smc|loop] [--json FILE]\n"
		"                     [--smc-guest bench_smc.elf] [--loop-guest bench_loop.elf]\n"
		"Times the bench guests under ffa-sim and under raw unicorn; prints the ratios.\n"
		"  --quick         a tenth of the work, 3 repetitions instead of 5\n"
		"  --reps N        repetitions of each run (the median is reported)\n"
		"  --only smc|loop run one of the two guests (for profiling)\n"
		"  --json FILE     also write the figures to FILE\n"
		"Guests default to $FFA_SIM_BENCH_GUESTS or the build folder of bench/.\n"
		"Exit status: 0, or 1 when a run failed functionally (never for a slow figure),\n"
		"2 on a usage error.\n");
}

/* Parses the command line; returns -1 to go on, else the exit status. */
static int bench_parse(int argc, char **argv, struct bench_opts *o, char *smc_buf, char *loop_buf,
		       size_t size)
{
	const char *dir = getenv("FFA_SIM_BENCH_GUESTS");
	bool reps_set = false;

	if (dir == NULL || *dir == '\0')
		dir = BENCH_GUEST_DIR;
	snprintf(smc_buf, size, "%s/bench_smc.elf", dir);
	snprintf(loop_buf, size, "%s/bench_loop.elf", dir);
	o->smc_path = smc_buf;
	o->loop_path = loop_buf;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		bool has_value = i + 1 < argc;

		if (strcmp(a, "--quick") == 0) {
			o->quick = true;
		} else if (strcmp(a, "--json") == 0 && has_value) {
			o->json_path = argv[++i];
		} else if (strcmp(a, "--only") == 0 && has_value) {
			o->only = argv[++i];
			if (strcmp(o->only, "smc") != 0 && strcmp(o->only, "loop") != 0) {
				fprintf(stderr, "ffa-sim-bench: --only: smc or loop\n");
				return 2;
			}
		} else if (strcmp(a, "--smc-guest") == 0 && has_value) {
			o->smc_path = argv[++i];
		} else if (strcmp(a, "--loop-guest") == 0 && has_value) {
			o->loop_path = argv[++i];
		} else if (strcmp(a, "--reps") == 0 && has_value) {
			uint64_t n;

			if (!sim_parse_u64(argv[++i], &n) || n == 0 || n > BENCH_MAX_REPS) {
				fprintf(stderr, "ffa-sim-bench: --reps: 1 to %u\n", BENCH_MAX_REPS);
				return 2;
			}
			o->reps = (unsigned)n;
			reps_set = true;
		} else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			bench_usage(stdout);
			return 0;
		} else {
			fprintf(stderr, "ffa-sim-bench: unknown or incomplete option '%s'\n", a);
			bench_usage(stderr);
			return 2;
		}
	}
	if (!reps_set)
		o->reps = o->quick ? BENCH_QUICK_REPS : BENCH_REPS;
	return -1;
}

/* Reads the guest ELF and runs it in every mode; false on a functional failure. */
static bool bench_guest(struct bench_guest *g, const char *path, uint64_t iterations,
			const struct bench_opts *o, bool smc_guest, FILE *console)
{
	char msg[DIAG_FILE_MAX + DIAG_MSG_MAX + 8];
	struct diag err;
	bool ok;

	memset(&err, 0, sizeof(err));
	if (!bench_elf_read(path, &g->elf, &err)) {
		fprintf(stderr, "ffa-sim-bench: %s\n", diag_format(&err, msg, sizeof(msg)));
		return false;
	}
	g->iterations = iterations / (o->quick ? BENCH_QUICK_DIVISOR : 1);
	ok = bench_guest_run(g, o->reps, smc_guest, console);
	bench_elf_free(&g->elf);
	return ok;
}

int main(int argc, char **argv)
{
	static struct bench_guest smc = {.name = "bench_smc"};
	static struct bench_guest loop = {.name = "bench_loop"};
	struct bench_opts o = {0};
	char smc_buf[1024], loop_buf[1024], cpu[256];
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	int status = bench_parse(argc, argv, &o, smc_buf, loop_buf, sizeof(smc_buf));
	bool run_smc, run_loop, ok = true;
	FILE *console;

	if (status >= 0)
		return status;
	run_smc = o.only == NULL || strcmp(o.only, "smc") == 0;
	run_loop = o.only == NULL || strcmp(o.only, "loop") == 0;
	/* The guests print nothing when all is well; whatever they do print is not timed output. */
	console = fopen("/dev/null", "w");
	if (console == NULL) {
		perror("/dev/null");
		return 1;
	}
	if (run_smc)
		ok = bench_guest(&smc, o.smc_path, BENCH_SMC_CALLS, &o, true, console);
	if (ok && run_loop)
		ok = bench_guest(&loop, o.loop_path, BENCH_LOOP_ITERATIONS, &o, false, console);
	fclose(console);
	if (!ok)
		return 1;
	bench_cpu_model(cpu, sizeof(cpu));
	printf("ffa-sim-bench: %ld CPUs, %s\n", ncpu, cpu);
	printf("median of %u runs each, thread CPU time of the run alone\n\n", o.reps);
	if (run_smc)
		bench_print_smc(&smc);
	if (run_loop)
		bench_print_loop(&loop);
	printf("checks: every run exited 0 and agreed on its result; instruction counts agree "
	       "(raw block hook = ffa-sim)\n");
	if (o.json_path != NULL && !bench_write_json(o.json_path, run_smc ? &smc : NULL,
						     run_loop ? &loop : NULL, o.reps, cpu, ncpu))
		return 1;
	return 0;
}
