/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ffa-sim-bench: every row of the performance table (docs/performance.md), each with its
 * baseline in the same run. The trap-path and compute rows run the same guest ELF under
 * ffa-sim (sim_open + sim_run, in this process) and under a raw unicorn engine (raw.c),
 * alternating, median of a few repetitions: bench_ffa (FFA_ID_GET through the whole path),
 * bench_req2 (DIRECT_REQ2 to the built-in echo, x0-x17 both ways), bench_smc (SMCCC_VERSION,
 * answered by the firmware alone) and bench_loop (register arithmetic: the cost of exact
 * instruction counting). The process rows (start-up, replay, resident memory) spawn the real
 * ffa-sim binary (process.c).
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
#include "partitions/manifest.h"
#include "sim/sim.h"
#include "sim/system.h"

#ifndef BENCH_GUEST_DIR
#define BENCH_GUEST_DIR "."
#endif
#ifndef BENCH_FFA_SIM
#define BENCH_FFA_SIM "ffa-sim"
#endif
#ifndef BENCH_CALLS
#define BENCH_CALLS "ffa-sim-bench-calls"
#endif
#ifndef BENCH_CALLS_BARE
#define BENCH_CALLS_BARE "ffa-sim-bench-calls-bare"
#endif

#define BENCH_SMC_CALLS 2000000ull
#define BENCH_REQ2_CALLS 1000000ull
#define BENCH_REQ2_SP_CALLS 500000ull
/* The echo partition binary of the two-engine row: its ID, where it is linked (bench/meson.build)
 * and its memory. */
#define BENCH_SP_ID 0x8002u
#define BENCH_SP_LOAD 0x0e100000ull
#define BENCH_SP_MEMORY 0x100000ull
#define BENCH_LOOP_ITERATIONS 200000000ull /* 9 instructions each: 1.8e9 */
#define BENCH_QUICK_DIVISOR 10u
/* Timer interrupts the interrupt row takes per run. */
#define BENCH_IRQ_ROUND_TRIPS 100000u
#define BENCH_REPS 5u
#define BENCH_QUICK_REPS 3u
#define BENCH_MAX_REPS 51u
/* Far above any run here, so that ffa-sim's --max-insns check never ends one. */
#define BENCH_MAX_INSNS 1000000000000ull

/* The targets of the performance requirement (docs/performance.md). */
#define BENCH_TARGET_RATIO 1.5
#define BENCH_TARGET_START_MS 10.0
#define BENCH_TARGET_CORPUS_MS 50.0
#define BENCH_TARGET_STEPS 100000.0
#define BENCH_TARGET_MIB 8.0

#define BENCH_PROC_REPS 11u
#define BENCH_PROC_QUICK_REPS 5u
#define BENCH_SCENARIO_STEPS 10000u
#define BENCH_MEM_ROUND_TRIPS 20000u
/* The tracing rows: FFA_ID_GET calls without tracing, and traced (the record keeps each call,
 * about 1 KiB). */
#define BENCH_TRACE_OFF_CALLS 2000000ull
#define BENCH_TRACE_ON_CALLS 100000ull

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
	const char *guest_dir;
	const char *smc_path;
	const char *loop_path;
	const char *ffa_sim;
	const char *calls;      /* ffa-sim-bench-calls */
	const char *calls_bare; /* ffa-sim-bench-calls-bare */
	const char *json_path;
	const char *only; /* one row's key (for profiling) */
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

/* A guest row of the table: one guest ELF, its raw hook's register work and its target. */
struct bench_guest_def {
	const char *key;   /* --only, JSON */
	const char *title; /* the table */
	const char *file;  /* in the guest folder */
	uint64_t iterations;
	uint64_t extra_calls; /* SMCs beyond one per iteration (FFA_VERSION first) */
	enum bench_regs regs;
	enum bench_mode target_mode; /* the ffa-sim mode the target is about */
	bool calls;                  /* the guest makes one SMC per iteration */
	const char *partition;       /* a partition binary in the guest folder (ffa-sim loads it
				      * as target; raw.c runs its own secure engine), or NULL */
	uint16_t target;             /* bench_target: the partition the guest calls (0: its own) */
};

static const struct bench_guest_def bench_guest_defs[] = {
	{"ffa_id_get", "FFA_ID_GET, full path, checker on", "bench_ffa.elf", BENCH_SMC_CALLS, 0,
	 BENCH_REGS_X0_X3, BENCH_SIM_CHECK, true},
	{"direct_req2", "DIRECT_REQ2 to the built-in echo, x0-x17", "bench_req2.elf",
	 BENCH_REQ2_CALLS, 1, BENCH_REGS_X0_X17, BENCH_SIM_CHECK, true},
	{"direct_req2_sp", "DIRECT_REQ2 to an echo partition binary", "bench_req2.elf",
	 BENCH_REQ2_SP_CALLS, 1, BENCH_REGS_TWO_ENGINE, BENCH_SIM_CHECK, true, "bench_sp_echo.elf",
	 BENCH_SP_ID},
	{"smc", "SMCCC_VERSION, answered by the firmware", "bench_smc.elf", BENCH_SMC_CALLS, 0,
	 BENCH_REGS_SMC32, BENCH_SIM, true},
	{"loop", "compute loop, exact instruction count", "bench_loop.elf", BENCH_LOOP_ITERATIONS,
	 0, BENCH_REGS_SMC32, BENCH_SIM, false},
};

#define BENCH_GUESTS (sizeof(bench_guest_defs) / sizeof(bench_guest_defs[0]))

/* What a run under ffa-sim loads besides the guest: a partition binary the guest calls. */
struct bench_sim_extra {
	const struct part_manifest *partition; /* NULL: the default system alone */
	uint16_t target;                       /* bench_target (0: the guest's own) */
};

/* All runs of one guest. */
struct bench_guest {
	const struct bench_guest_def *def;
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
	bool ran;
	struct part_manifest partition; /* def->partition's manifest */
	struct bench_sim_extra extra;
};

/*
 * The manifest of the echo partition binary (bench/guests/bench_sp_echo.S): FF-A 1.2, one
 * execution context, receiving DIRECT_REQ and DIRECT_REQ2, at the address it is linked for.
 */
static void bench_sp_manifest(struct part_manifest *m, const char *image)
{
	memset(m, 0, sizeof(*m));
	snprintf(m->name, sizeof(m->name), "echo-binary");
	snprintf(m->image, sizeof(m->image), "%s", image);
	m->id = BENCH_SP_ID;
	m->ffa_version = 0x10002;
	m->exec_ctx_count = 1;
	m->exception_level = PART_S_EL1;
	m->load_address = BENCH_SP_LOAD;
	m->memory_size = BENCH_SP_MEMORY;
	m->messaging = FFA_PROP_DIRECT_REQ_RECV | FFA_PROP_DIRECT_REQ2_RECV;
}

/* Runs the guest under ffa-sim: the whole simulator, its firmware answering the SMCs. */
static bool bench_sim_run(const struct bench_elf *elf, uint64_t iterations, bool check,
			  const struct bench_sim_extra *extra, FILE *console, struct bench_run *run,
			  struct diag *err)
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
		.partitions = extra != NULL ? extra->partition : NULL,
		.partition_count = extra != NULL && extra->partition != NULL ? 1 : 0,
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
	if (extra != NULL && extra->target != 0) {
		uint64_t target_addr = 0, *target_word = NULL;

		if (bench_elf_symbol(elf, "bench_target", &target_addr))
			target_word = emu_memory_ptr(&sim->memory, target_addr,
						     sizeof(*target_word), false);
		if (target_word == NULL) {
			diag_set(err, elf->path, 0, 0, "no bench_target word in RAM");
			goto out;
		}
		*target_word = extra->target;
	}

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
		return bench_sim_run(&g->elf, g->iterations, mode == BENCH_SIM_CHECK, &g->extra,
				     console, run, err);
	if (!bench_raw_run(&g->elf, g->iterations, g->def->target, count, g->def->regs, &raw, err))
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
static bool bench_check(struct bench_guest *g, enum bench_mode mode, const struct bench_run *run)
{
	uint64_t calls = g->iterations + g->def->extra_calls;
	bool ok = true;

	if (run->status != 0) {
		fprintf(stderr, "ffa-sim-bench: %s under %s: exit status %d\n", g->name,
			bench_mode_names[mode], run->status);
		ok = false;
	}
	if (g->def->calls && run->calls != calls) {
		fprintf(stderr, "ffa-sim-bench: %s under %s: %llu SMCs answered, %llu expected\n",
			g->name, bench_mode_names[mode], (unsigned long long)run->calls,
			(unsigned long long)calls);
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
static bool bench_guest_run(struct bench_guest *g, unsigned reps, FILE *console)
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
			ok = bench_check(g, mode, &run) && ok;
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

/* One line of the table: a figure, its baseline of the same run (if it has one) and the
 * target, either on the ratio figure / baseline or on the figure itself. */
struct bench_row {
	const char *key;
	const char *title;
	const char *unit;
	double figure;
	double baseline; /* 0: none */
	double target;
	bool on_ratio;  /* the target bounds figure / baseline */
	bool at_least;  /* the figure must reach the target (a rate) */
	bool no_target; /* a figure to know, with no requirement on it */
	bool ran;
	char note[200]; /* why a row did not run, or what else it measured */
};

enum bench_row_id {
	BENCH_ROW_FFA,
	BENCH_ROW_REQ2,
	BENCH_ROW_REQ2_SP,
	BENCH_ROW_SMC,
	BENCH_ROW_LOOP,
	BENCH_ROW_START,
	BENCH_ROW_CORPUS,
	BENCH_ROW_STEPS,
	BENCH_ROW_MEMORY,
	BENCH_ROW_MEM_SHARE,
	BENCH_ROW_IRQ,
	BENCH_ROW_TRACE_OFF,
	BENCH_ROW_TRACE_ON,
	BENCH_ROW_QEMU,
	BENCH_ROWS
};

static struct bench_row bench_rows_init[BENCH_ROWS] = {
	{"ffa_id_get", "FFA_ID_GET, full path, checker on", "ns", 0, 0, BENCH_TARGET_RATIO, true},
	{"direct_req2", "DIRECT_REQ2 to the built-in echo, x0-x17", "ns", 0, 0, BENCH_TARGET_RATIO,
	 true},
	{"direct_req2_sp", "DIRECT_REQ2 to an echo partition binary", "ns", 0, 0,
	 BENCH_TARGET_RATIO, true},
	{"smc", "SMCCC_VERSION, answered by the firmware", "ns", 0, 0, BENCH_TARGET_RATIO, true},
	{"loop", "compute loop, exact instruction count", "s", 0, 0, BENCH_TARGET_RATIO, true},
	{"startup", "process start to exit, trivial guest", "ms", 0, 0, BENCH_TARGET_START_MS},
	{"replay_corpus", "replay of the shipped corpus", "ms", 0, 0, BENCH_TARGET_CORPUS_MS},
	{"replay_steps", "replay of a generated scenario", "steps/s", 0, 0, BENCH_TARGET_STEPS,
	 false, true},
	{"memory", "resident memory per partition binary", "MiB", 0, 0, BENCH_TARGET_MIB},
	{"mem_share", "one-page share, retrieve, relinquish, reclaim", "ns", 0, 0, 0,
	 .no_target = true},
	{"irq", "timer interrupt: fire, handler, EOI, ERET", "ns", 0, 0, 0, .no_target = true},
	{"trace_off", "tracing off: FFA_ID_GET, observer sites in/out", "ns", 0, 0, 0,
	 .no_target = true},
	{"trace_on", "tracing on: FFA_ID_GET, --trace ffa=/dev/null", "ns", 0, 0, 0,
	 .no_target = true},
	{"qemu", "the 67-call probe and U-Boot against QEMU", "", 0, 0, 0},
};

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

static bool bench_row_met(const struct bench_row *r)
{
	double v = r->on_ratio ? r->figure / r->baseline : r->figure;

	if (r->no_target)
		return true;
	return r->at_least ? v >= r->target : v <= r->target;
}

/* Every mode of one guest, then its row of the table. */
static void bench_print_guest(const struct bench_guest *g, struct bench_row *row)
{
	const struct bench_guest_def *d = g->def;

	printf("%s: %llu iterations of %s (%llu instructions)\n", d->title,
	       (unsigned long long)g->iterations, d->file, (unsigned long long)g->insns);
	for (unsigned m = 0; m < BENCH_MODES; m++) {
		if (d->calls)
			printf("  %-34s %8.1f ns/call  %5.2fx\n", bench_mode_names[m],
			       bench_ns_per_call(g, m), bench_ratio(g->median, m));
		else
			printf("  %-34s %8.3f s  %7.0f MIPS  %5.2fx\n", bench_mode_names[m],
			       g->median[m], bench_mips(g, m), bench_ratio(g->median, m));
	}
	printf("  wall clock, %s / raw: %.2fx\n\n", bench_mode_names[d->target_mode],
	       bench_ratio(g->wall_median, d->target_mode));
	row->ran = true;
	row->figure = d->calls ? bench_ns_per_call(g, d->target_mode) : g->median[d->target_mode];
	row->baseline = d->calls ? bench_ns_per_call(g, BENCH_RAW_NONE) : g->median[BENCH_RAW_NONE];
}

static void bench_print_rows(const struct bench_row *rows)
{
	char fig[32], base[32], ratio[16], target[32];

	printf("%-44s %14s %14s %7s %16s  %s\n", "row", "figure", "baseline", "ratio", "target",
	       "");
	for (unsigned i = 0; i < BENCH_ROWS; i++) {
		const struct bench_row *r = &rows[i];

		if (!r->ran) {
			if (r->note[0] != '\0')
				printf("%-44s skipped: %s\n", r->title, r->note);
			continue;
		}
		snprintf(fig, sizeof(fig), "%.*f %s", r->figure >= 100 ? 0 : 3, r->figure, r->unit);
		if (r->baseline > 0) {
			snprintf(base, sizeof(base), "%.*f %s", r->baseline >= 100 ? 0 : 3,
				 r->baseline, r->unit);
			snprintf(ratio, sizeof(ratio), "%.2fx", r->figure / r->baseline);
		} else {
			snprintf(base, sizeof(base), "-");
			snprintf(ratio, sizeof(ratio), "-");
		}
		if (r->no_target)
			snprintf(target, sizeof(target), "-");
		else if (r->on_ratio)
			snprintf(target, sizeof(target), "<= %.1fx", r->target);
		else
			snprintf(target, sizeof(target), "%s %.0f %s",
				 r->at_least ? ">=" : "<=", r->target, r->unit);
		printf("%-44s %14s %14s %7s %16s  %s\n", r->title, fig, base, ratio, target,
		       r->no_target       ? ""
		       : bench_row_met(r) ? "met"
					  : "MISSED");
		if (r->note[0] != '\0')
			printf("%-44s (%s)\n", "", r->note);
	}
}

static void bench_json_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s != '\0'; s++)
		fprintf(f, *s == '"' || *s == '\\' ? "\\%c" : "%c", *s);
	fputc('"', f);
}

/* Writes the figures as one JSON object: the machine, then each row that ran, with the
 * medians of every mode for the guest rows. */
static bool bench_write_json(const char *path, const struct bench_row *rows,
			     const struct bench_guest *guests, unsigned reps, const char *cpu,
			     long ncpu)
{
	FILE *f = fopen(path, "w");
	bool first = true;

	if (f == NULL) {
		perror(path);
		return false;
	}
	fprintf(f, "{\n  \"cpus\": %ld,\n  \"cpu_model\": ", ncpu);
	bench_json_string(f, cpu);
	fprintf(f, ",\n  \"clock\": \"thread-cpu\",\n  \"repetitions\": %u,\n  \"rows\": [", reps);
	for (unsigned i = 0; i < BENCH_ROWS; i++) {
		const struct bench_row *r = &rows[i];

		if (!r->ran)
			continue;
		fprintf(f, "%s\n    {\"key\": \"%s\", \"title\": ", first ? "" : ",", r->key);
		bench_json_string(f, r->title);
		fprintf(f, ", \"unit\": \"%s\", \"figure\": %.4f", r->unit, r->figure);
		if (r->baseline > 0)
			fprintf(f, ", \"baseline\": %.4f, \"ratio\": %.4f", r->baseline,
				r->figure / r->baseline);
		if (!r->no_target)
			fprintf(f, ", \"target\": %.2f, \"target_on\": \"%s\", \"met\": %s",
				r->target, r->on_ratio ? "ratio" : "figure",
				bench_row_met(r) ? "true" : "false");
		if (r->note[0] != '\0') {
			fprintf(f, ", \"note\": ");
			bench_json_string(f, r->note);
		}
		if (i < BENCH_GUESTS) {
			const struct bench_guest *g = &guests[i];

			fprintf(f, ", \"instructions\": %llu", (unsigned long long)g->insns);
			for (unsigned m = 0; m < BENCH_MODES; m++)
				fprintf(f, ", \"%s_seconds\": %.6f", bench_mode_keys[m],
					g->median[m]);
		}
		fprintf(f, "}");
		first = false;
	}
	fprintf(f, "\n  ]\n}\n");
	if (fclose(f) != 0) {
		perror(path);
		return false;
	}
	return true;
}

static void bench_usage(FILE *out)
{
	fprintf(out,
		"usage: ffa-sim-bench [--quick] [--reps N] [--only ROW] [--json FILE]\n"
		"                     [--ffa-sim PATH] [--guests DIR]\n"
		"                     [--smc-guest bench_smc.elf] [--loop-guest bench_loop.elf]\n"
		"Runs every row of the performance table (docs/performance.md), each with its\n"
		"baseline in the same run, and prints figure, baseline, ratio, target and\n"
		"met or MISSED.\n"
		"  --quick         a tenth of the work, 3 repetitions instead of 5\n"
		"  --reps N        repetitions of each run (the median is reported)\n"
		"  --only ROW      one row (for profiling): ffa_id_get, direct_req2,\n"
		"                  direct_req2_sp, smc, loop, startup, replay_corpus,\n"
		"                  replay_steps, memory, mem_share, irq, trace_off, trace_on\n"
		"  --json FILE     also write the figures to FILE\n"
		"  --ffa-sim PATH  the ffa-sim binary the process rows spawn (default: the "
		"build's)\n"
		"  --guests DIR    the folder of the bench guests (default: $FFA_SIM_BENCH_GUESTS "
		"or\n"
		"                  the build folder of bench/)\n"
		"Exit status: 0, or 1 when a run failed functionally (never for a slow figure),\n"
		"2 on a usage error.\n");
}

static bool bench_known_row(const char *key)
{
	for (unsigned i = 0; i < BENCH_ROWS; i++)
		if (strcmp(key, bench_rows_init[i].key) == 0)
			return true;
	return false;
}

/* Parses the command line; returns -1 to go on, else the exit status. */
static int bench_parse(int argc, char **argv, struct bench_opts *o)
{
	const char *dir = getenv("FFA_SIM_BENCH_GUESTS");
	bool reps_set = false;

	o->guest_dir = dir != NULL && *dir != '\0' ? dir : BENCH_GUEST_DIR;
	o->ffa_sim = BENCH_FFA_SIM;
	o->calls = BENCH_CALLS;
	o->calls_bare = BENCH_CALLS_BARE;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		bool has_value = i + 1 < argc;

		if (strcmp(a, "--quick") == 0) {
			o->quick = true;
		} else if (strcmp(a, "--json") == 0 && has_value) {
			o->json_path = argv[++i];
		} else if (strcmp(a, "--only") == 0 && has_value) {
			o->only = argv[++i];
			if (!bench_known_row(o->only) || strcmp(o->only, "qemu") == 0) {
				fprintf(stderr, "ffa-sim-bench: --only: unknown row '%s'\n",
					o->only);
				return 2;
			}
		} else if (strcmp(a, "--smc-guest") == 0 && has_value) {
			o->smc_path = argv[++i];
		} else if (strcmp(a, "--loop-guest") == 0 && has_value) {
			o->loop_path = argv[++i];
		} else if (strcmp(a, "--ffa-sim") == 0 && has_value) {
			o->ffa_sim = argv[++i];
		} else if (strcmp(a, "--guests") == 0 && has_value) {
			o->guest_dir = argv[++i];
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

static bool bench_wanted(const struct bench_opts *o, const char *key)
{
	return o->only == NULL || strcmp(o->only, key) == 0;
}

static void bench_report(const char *what, const struct diag *err)
{
	char msg[DIAG_FILE_MAX + DIAG_MSG_MAX + 8];

	fprintf(stderr, "ffa-sim-bench: %s: %s\n", what, diag_format(err, msg, sizeof(msg)));
}

/* Reads the guest ELF and runs it in every mode; false on a functional failure. */
static bool bench_guest(struct bench_guest *g, const char *path, const struct bench_opts *o,
			FILE *console)
{
	struct diag err;
	bool ok;

	memset(&err, 0, sizeof(err));
	g->name = g->def->file;
	if (!bench_elf_read(path, &g->elf, &err)) {
		bench_report(g->def->key, &err);
		return false;
	}
	g->iterations = g->def->iterations / (o->quick ? BENCH_QUICK_DIVISOR : 1);
	if (g->def->partition != NULL) {
		char image[sizeof(g->partition.image)];

		if ((size_t)snprintf(image, sizeof(image), "%s/%s", o->guest_dir,
				     g->def->partition) >= sizeof(image)) {
			fprintf(stderr, "ffa-sim-bench: %s: the guest folder's path is too long\n",
				g->def->key);
			bench_elf_free(&g->elf);
			return false;
		}
		bench_sp_manifest(&g->partition, image);
		g->extra.partition = &g->partition;
	}
	g->extra.target = g->def->target;
	ok = bench_guest_run(g, o->reps, console);
	bench_elf_free(&g->elf);
	return ok;
}

/*
 * The interrupt row: bench_irq.elf takes BENCH_IRQ_ROUND_TRIPS timer interrupts under ffa-sim
 * (checker on); the figure is the median thread CPU time per interrupt round trip, the baseline
 * the DIRECT_REQ2 row's ns per call under ffa-sim in the same run (0 when it did not run).
 */
static bool bench_irq_row(const struct bench_opts *o, const struct bench_guest *req2,
			  struct bench_row *row)
{
	double seconds[BENCH_MAX_REPS];
	uint64_t n = BENCH_IRQ_ROUND_TRIPS / (o->quick ? BENCH_QUICK_DIVISOR : 1);
	struct bench_elf elf;
	struct bench_run run;
	struct diag err;
	char path[1024];
	FILE *console = fopen("/dev/null", "w");
	bool ok = console != NULL;

	memset(&err, 0, sizeof(err));
	snprintf(path, sizeof(path), "%s/bench_irq.elf", o->guest_dir);
	if (!ok || !bench_elf_read(path, &elf, &err)) {
		if (ok)
			bench_report("irq", &err);
		else
			perror("/dev/null");
		if (console != NULL)
			fclose(console);
		return false;
	}
	for (unsigned r = 0; r < o->reps && ok; r++) {
		ok = bench_sim_run(&elf, n, true, NULL, console, &run, &err) && run.status == 0 &&
		     run.result == 0;
		if (!ok && err.msg[0] == '\0')
			diag_set(&err, path, 0, 0, "exit status %d, %llu interrupts missing",
				 run.status, (unsigned long long)run.result);
		seconds[r] = run.seconds;
	}
	bench_elf_free(&elf);
	fclose(console);
	if (!ok) {
		bench_report("irq", &err);
		return false;
	}
	row->figure = bench_median(seconds, o->reps) / (double)n * 1e9;
	row->baseline = req2->ran ? bench_ns_per_call(req2, req2->def->target_mode) : 0;
	row->ran = true;
	return true;
}

/*
 * The tracing rows (trace.c): FFA_ID_GET through ffa-sim-bench-calls (the core as built, no
 * observer installed) against ffa-sim-bench-calls-bare (the observers' call sites compiled
 * out), and traced (--trace ffa to /dev/null) against the first. Twice the guest rows'
 * repetitions, as the difference looked for is small.
 */
static bool bench_tracing(const struct bench_opts *o, struct bench_row *rows)
{
	char guest[1024];
	unsigned div = o->quick ? BENCH_QUICK_DIVISOR : 1;
	struct bench_trace_args a = {
		.calls = o->calls,
		.calls_bare = o->calls_bare,
		.guest = guest,
		.calls_off = BENCH_TRACE_OFF_CALLS / div,
		.calls_on = BENCH_TRACE_ON_CALLS / div,
		.extra_calls = 0,
		.reps = 2 * o->reps,
	};
	struct bench_trace t;
	struct diag err = {0};
	struct bench_row *off = &rows[BENCH_ROW_TRACE_OFF], *on = &rows[BENCH_ROW_TRACE_ON];
	double diff;

	snprintf(guest, sizeof(guest), "%s/bench_ffa.elf", o->guest_dir);
	if (!bench_trace_rows(&a, &t, &err)) {
		bench_report("trace_off", &err);
		return false;
	}
	diff = t.off_ns / t.bare_ns - 1;
	off->ran = bench_wanted(o, "trace_off");
	off->figure = t.off_ns;
	off->baseline = t.bare_ns;
	snprintf(off->note, sizeof(off->note),
		 "%+.1f%% against the noise of %.1f%% (median absolute deviation, %u runs each): "
		 "%s",
		 diff * 100, t.noise * 100, t.reps,
		 (diff < 0 ? -diff : diff) <= t.noise ? "not measurable" : "MEASURABLE");
	if (!off->ran)
		off->note[0] = '\0';
	on->ran = bench_wanted(o, "trace_on");
	if (!on->ran)
		return true;
	on->figure = t.on_ns;
	on->baseline = t.off_ns;
	snprintf(on->note, sizeof(on->note),
		 "%llu calls recorded a run, the text written to /dev/null inside the time; "
		 "baseline: tracing off",
		 (unsigned long long)a.calls_on);
	return true;
}

/* The process rows' repetitions: more than the in-process rows, as a run is short. */
static unsigned bench_proc_reps(const struct bench_opts *o)
{
	return o->quick ? BENCH_PROC_QUICK_REPS : BENCH_PROC_REPS;
}

/* A process row's figure: the median CPU time (on a shared machine the wall clock measures
 * the other work as much as this); the wall clock goes in the note. */
static void bench_proc_row(struct bench_row *row, const struct bench_proc *p)
{
	row->figure = p->cpu_ms;
	snprintf(row->note, sizeof(row->note), "CPU time; %.1f ms on the wall clock", p->wall_ms);
	row->ran = true;
}

/* `ffa-sim run` of a guest that powers off at once: the time and memory of start-up. */
static bool bench_startup(const struct bench_opts *o, struct bench_row *row, long *rss_kb)
{
	char guest[1024];
	char *argv[] = {(char *)o->ffa_sim, "run", guest, NULL};
	struct diag err = {0};
	struct bench_proc p;

	snprintf(guest, sizeof(guest), "%s/bench_off.elf", o->guest_dir);
	if (!bench_proc_run(argv, bench_proc_reps(o), &p, &err)) {
		bench_report(row->key, &err);
		return false;
	}
	bench_proc_row(row, &p);
	*rss_kb = p.max_rss_kb;
	return true;
}

static bool bench_corpus(const struct bench_opts *o, struct bench_row *row)
{
	char *argv[] = {(char *)o->ffa_sim, "replay",   "--corpus", "regressions", "--corpus",
			"conformance",      "--corpus", "examples", NULL};
	struct diag err = {0};
	struct bench_proc p;

	if (!bench_proc_run(argv, bench_proc_reps(o), &p, &err)) {
		bench_report(row->key, &err);
		return false;
	}
	bench_proc_row(row, &p);
	return true;
}

static bool bench_steps(const struct bench_opts *o, const char *dir, struct bench_row *row)
{
	char path[1024];
	char *argv[] = {(char *)o->ffa_sim, "replay", path, NULL};
	struct diag err = {0};
	struct bench_proc p;

	snprintf(path, sizeof(path), "%s/steps.yaml", dir);
	if (!bench_write_scenario(path, BENCH_SCENARIO_STEPS, &err) ||
	    !bench_proc_run(argv, bench_proc_reps(o), &p, &err)) {
		bench_report(row->key, &err);
		return false;
	}
	row->figure = BENCH_SCENARIO_STEPS / (p.cpu_ms / 1e3);
	snprintf(row->note, sizeof(row->note),
		 "%u steps in %.1f ms of CPU time (%.1f ms wall), process start included",
		 BENCH_SCENARIO_STEPS, p.cpu_ms, p.wall_ms);
	row->ran = true;
	return true;
}

/* A system of BENCH_MEM_PARTITIONS partition binaries, against the trivial run. */
static bool bench_memory(const struct bench_opts *o, const char *dir, long base_kb,
			 struct bench_row *row)
{
	_Static_assert(BENCH_MEM_PARTITIONS <= SIM_MAX_PARTITIONS,
		       "a system file must take the memory row's partitions");
	char path[1024], guest[1024], image[1024];
	char *argv[] = {(char *)o->ffa_sim, "run", path, NULL};
	struct diag err = {0};
	struct bench_proc p;
	long rss_kb;

	snprintf(path, sizeof(path), "%s/system.yaml", dir);
	snprintf(guest, sizeof(guest), "%s/bench_off.elf", o->guest_dir);
	snprintf(image, sizeof(image), "%s/bench_sp_echo.bin", o->guest_dir);
	if (!bench_write_system(path, guest, image, BENCH_MEM_PARTITIONS, &err) ||
	    !bench_proc_run(argv, BENCH_PROC_QUICK_REPS, &p, &err)) {
		bench_report(row->key, &err);
		return false;
	}
	rss_kb = p.max_rss_kb;
	row->figure = (double)(rss_kb - base_kb) / 1024.0 / BENCH_MEM_PARTITIONS;
	snprintf(row->note, sizeof(row->note),
		 "%u partition binaries: %.1f MiB resident, %.1f MiB with none",
		 BENCH_MEM_PARTITIONS, (double)rss_kb / 1024.0, (double)base_kb / 1024.0);
	row->ran = true;
	return true;
}

/* The process rows, in a temporary folder for the generated files. */
static bool bench_process_rows(const struct bench_opts *o, struct bench_row *rows)
{
	char dir[] = "/tmp/ffa-sim-bench.XXXXXX";
	char path[sizeof(dir) + 16];
	long base_kb = 0;
	bool ok = true;

	if (mkdtemp(dir) == NULL) {
		perror("ffa-sim-bench: mkdtemp");
		return false;
	}
	if (bench_wanted(o, "startup") || bench_wanted(o, "memory"))
		ok = bench_startup(o, &rows[BENCH_ROW_START], &base_kb);
	if (!bench_wanted(o, "startup"))
		rows[BENCH_ROW_START].ran = false;
	if (ok && bench_wanted(o, "replay_corpus"))
		ok = bench_corpus(o, &rows[BENCH_ROW_CORPUS]);
	if (ok && bench_wanted(o, "replay_steps"))
		ok = bench_steps(o, dir, &rows[BENCH_ROW_STEPS]);
	if (ok && bench_wanted(o, "memory"))
		ok = bench_memory(o, dir, base_kb, &rows[BENCH_ROW_MEMORY]);
	snprintf(path, sizeof(path), "%s/steps.yaml", dir);
	remove(path);
	snprintf(path, sizeof(path), "%s/system.yaml", dir);
	remove(path);
	rmdir(dir);
	return ok;
}

int main(int argc, char **argv)
{
	static struct bench_guest guests[BENCH_GUESTS];
	static struct bench_row rows[BENCH_ROWS];
	struct bench_opts o = {0};
	char cpu[256], paths[BENCH_GUESTS][1024];
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	int status = bench_parse(argc, argv, &o);
	bool ok = true;
	FILE *console;

	if (status >= 0)
		return status;
	memcpy(rows, bench_rows_init, sizeof(rows));
	snprintf(rows[BENCH_ROW_QEMU].note, sizeof(rows[BENCH_ROW_QEMU].note),
		 "not measured by ffa-sim-bench (docs/performance.md)");
	/* The guests print nothing when all is well; whatever they do print is not timed output. */
	console = fopen("/dev/null", "w");
	if (console == NULL) {
		perror("/dev/null");
		return 1;
	}
	for (unsigned i = 0; i < BENCH_GUESTS && ok; i++) {
		const struct bench_guest_def *d = &bench_guest_defs[i];
		const char *path = paths[i];

		guests[i].def = d;
		/* The interrupt row's baseline is the DIRECT_REQ2 row of the same run. */
		if (!bench_wanted(&o, d->key) &&
		    !(i == BENCH_ROW_REQ2 && o.only != NULL && strcmp(o.only, "irq") == 0))
			continue;
		snprintf(paths[i], sizeof(paths[i]), "%s/%s", o.guest_dir, d->file);
		if (i == BENCH_ROW_SMC && o.smc_path != NULL)
			path = o.smc_path;
		if (i == BENCH_ROW_LOOP && o.loop_path != NULL)
			path = o.loop_path;
		ok = bench_guest(&guests[i], path, &o, console);
		guests[i].ran = ok;
	}
	fclose(console);
	if (ok && bench_wanted(&o, "mem_share")) {
		struct bench_row *r = &rows[BENCH_ROW_MEM_SHARE];

		ok = bench_mem_row(o.guest_dir,
				   BENCH_MEM_ROUND_TRIPS / (o.quick ? BENCH_QUICK_DIVISOR : 1),
				   o.reps, &r->figure, &r->baseline, r->note, sizeof(r->note));
		r->ran = ok;
		if (!ok)
			fprintf(stderr, "ffa-sim-bench: mem_share: %s\n", r->note);
	}
	if (ok && bench_wanted(&o, "irq"))
		ok = bench_irq_row(&o, &guests[BENCH_ROW_REQ2], &rows[BENCH_ROW_IRQ]);
	if (ok && (bench_wanted(&o, "trace_off") || bench_wanted(&o, "trace_on")))
		ok = bench_tracing(&o, rows);
	if (ok)
		ok = bench_process_rows(&o, rows);
	if (!ok)
		return 1;
	bench_cpu_model(cpu, sizeof(cpu));
	printf("ffa-sim-bench: %ld CPUs, %s\n", ncpu, cpu);
	printf("median of %u runs each (thread CPU time of the run alone; process rows: the "
	       "process's CPU time, median of %u)\n\n",
	       o.reps, bench_proc_reps(&o));
	for (unsigned i = 0; i < BENCH_GUESTS; i++)
		if (guests[i].ran)
			bench_print_guest(&guests[i], &rows[i]);
	bench_print_rows(rows);
	printf("\nchecks: every run exited 0 and agreed on its result; instruction counts agree "
	       "(raw block hook = ffa-sim)\n");
	if (o.json_path != NULL && !bench_write_json(o.json_path, rows, guests, o.reps, cpu, ncpu))
		return 1;
	return 0;
}
