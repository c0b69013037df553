/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * libffasim: drive ffa-sim simulations from another program or test harness (docs/library.md).
 *
 * Open a system (a system file, YAML text, or a few structs), make FF-A and SMCCC calls into it
 * as the normal world or as a partition (through the pKVM-style proxy when the system has one,
 * with the result-register rules applied as for a trapped call), run its normal-world guest,
 * read the calls made so far, close. Every simulation is independent: no global state.
 *
 * This header is the whole public interface; its functions keep their meaning across releases
 * with the same FFASIM_API_VERSION. Everything else in ffa-sim is internal.
 */
#ifndef FFA_SIM_FFASIM_H
#define FFA_SIM_FFASIM_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define FFASIM_API_VERSION 1

/* x0-x17: the SMCCC 1.2 argument and result registers. */
#define FFASIM_REG_COUNT 18

/* From whom a call comes: the normal world (through its CPU's SMC/HVC routing). */
#define FFASIM_FROM_HOST 0xffffffffu

enum ffasim_conduit { FFASIM_SMC = 0, FFASIM_HVC = 1 };

/* Results of the functions below. */
enum ffasim_status {
	FFASIM_OK = 0,
	FFASIM_ERR_INPUT = 2,   /* a file, a text or an argument is wrong (message in err) */
	FFASIM_ERR_STOPPED = 3, /* the call ended the run (PSCI SYSTEM_OFF): no answer */
	FFASIM_ERR_INTERNAL = 4 /* out of memory, or the emulator failed */
};

struct ffasim;

struct ffasim_regs {
	uint64_t x[FFASIM_REG_COUNT];
};

/* Options of an open; a zeroed struct (or NULL) is the default. */
struct ffasim_options {
	const char *const *sets; /* `--set KEY=VALUE` overrides (spmc.personality=tf-a, ...) */
	unsigned set_count;
	const char *guest_path; /* the normal-world image (ELF), replacing the system's */
	FILE *console;          /* console output; NULL: kept, read with ffasim_console() */
	FILE *notes;            /* notes and fault reports; NULL: kept, ffasim_notes() */
	int check;              /* non-zero: check the guest's answers (conformance warnings) */
};

/* A partition for ffasim_open_desc(): a built-in model or an image, as in a manifest. */
struct ffasim_partition_desc {
	const char *name;
	uint16_t id;             /* bit 15 set */
	const char *uuid;        /* "b1c3b4e2-5c8f-4e61-9d2a-7e0f6a3c1d45" */
	const char *ffa_version; /* "1.2"; NULL: 1.2 */
	const char *model;       /* "echo", "error", "yield"; NULL when image is set */
	const char *image;       /* a partition binary (docs/manifest.md); NULL for a model */
	uint64_t load_address;   /* with image: where its memory starts */
	uint64_t memory_size;    /* with image: its memory (0: 1 MiB) */
};

/* A system for ffasim_open_desc(); NULL fields take the defaults of docs/system.md. */
struct ffasim_system_desc {
	const char *platform;   /* "virt", "fvp-base" or a platform file; NULL: virt */
	const char *spmc;       /* "hafnium", "tf-a:1.1", "optee", "none"; NULL: hafnium */
	const char *hypervisor; /* "pkvm" or "pkvm:PROFILE"; NULL: none */
	const struct ffasim_partition_desc *partitions;
	unsigned partition_count;
};

/* The library's version ("0.1.0"). */
const char *ffasim_version(void);

/*
 * Opens a simulation of a system file. On error returns FFASIM_ERR_INPUT with
 * "FILE:LINE:COLUMN: message" in err (err may be NULL) and *out NULL.
 */
int ffasim_open_file(struct ffasim **out, const char *system_path,
		     const struct ffasim_options *opts, char *err, size_t err_size);

/* As ffasim_open_file(), from a system file's text; name is what messages call it. */
int ffasim_open_text(struct ffasim **out, const char *name, const char *yaml, size_t size,
		     const struct ffasim_options *opts, char *err, size_t err_size);

/* As ffasim_open_file(), from structs. */
int ffasim_open_desc(struct ffasim **out, const struct ffasim_system_desc *desc,
		     const struct ffasim_options *opts, char *err, size_t err_size);

/*
 * Makes one call, as a scenario step does: from FFASIM_FROM_HOST through the normal world's
 * conduit (the proxy, the firmware, the SPMC), or from a partition's endpoint ID straight into
 * the SPMC. in holds x0-x17; out gets x0-x17 as the caller sees them afterwards. Returns
 * FFASIM_OK, FFASIM_ERR_STOPPED when the call ended the run, FFASIM_ERR_INPUT for an unknown
 * endpoint.
 */
int ffasim_call(struct ffasim *sim, uint32_t from, enum ffasim_conduit conduit,
		const struct ffasim_regs *in, struct ffasim_regs *out);

/*
 * Runs the normal-world guest (opts->guest_path, or the system's image) to its end and
 * returns the run's exit status as `ffa-sim run` would (docs/guest-abi.md), or
 * FFASIM_ERR_INPUT when the simulation has no guest to run. A simulation runs once.
 */
int ffasim_run(struct ffasim *sim);

/* One call in the log: who made it, its registers before and after. */
struct ffasim_call_record {
	uint32_t from; /* FFASIM_FROM_HOST or a partition's ID */
	enum ffasim_conduit conduit;
	struct ffasim_regs before;
	struct ffasim_regs after;
};

/* The number of calls logged: those made with ffasim_call and those the guest made. */
size_t ffasim_call_count(const struct ffasim *sim);

/* Copies call i of the log into *rec. FFASIM_ERR_INPUT when i is out of range. */
int ffasim_call_at(const struct ffasim *sim, size_t i, struct ffasim_call_record *rec);

/* The console output and the notes kept so far (when opts left them NULL), NUL-terminated. */
const char *ffasim_console(struct ffasim *sim);
const char *ffasim_notes(struct ffasim *sim);

/* Frees everything. NULL is allowed. */
void ffasim_close(struct ffasim *sim);

#ifdef __cplusplus
}
#endif

#endif
