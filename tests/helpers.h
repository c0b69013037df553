/* SPDX-License-Identifier: BSD-3-Clause */
/* Test helpers: run guests in-process or through the ffa-sim binary and capture what they print. */
#ifndef TESTS_HELPERS_H
#define TESTS_HELPERS_H

#include <stddef.h>
#include <stdint.h>

#include "sim/sim.h"

struct run_result {
	int status;    /* exit status */
	char *console; /* what the guest printed (console) */
	size_t console_len;
	char *notes; /* notes, reports and errors (stderr) */
	size_t notes_len;
	uint64_t insns;       /* in-process runs only */
	unsigned calls;       /* in-process runs only */
	struct emu_stop stop; /* in-process runs only */
};

/* The path of a test guest built in tests/guests ("hello.elf"). Static storage per call slot. */
const char *guest_path(const char *file);

/* A path under the source tree. */
const char *source_path(const char *rel);

/* Reads a whole file into a NUL-terminated malloc'd buffer (the test fails if it cannot). */
char *read_whole_file(const char *path);

/*
 * Points cfg at the SPMC named as --spmc names it ("hafnium:1.2", "none"), read into *spmc,
 * which must outlive the simulation (the test fails if the name is wrong).
 */
void config_spmc(struct sim_config *cfg, const char *text, struct spmc_config *spmc);

/* Runs a guest in-process with cfg (guest_path, console and notes are filled in). */
void run_guest(const char *file, const struct sim_config *cfg, struct run_result *r);

/*
 * Runs the ffa-sim binary with the arguments (NULL-terminated), stdin from /dev/null, and
 * captures stdout into r->console and stderr into r->notes.
 */
void run_cli(struct run_result *r, const char *arg, ...);

/* As run_cli(), with the binary run under wrapper: a program and its options, NULL-terminated
 * (valgrind). */
void run_cli_under(struct run_result *r, const char *const *wrapper, const char *arg, ...);

/* Frees the captured output. */
void run_result_free(struct run_result *r);

/* Writes bytes to a new temporary file and returns its path (static per slot). */
const char *write_temp(const void *data, size_t size);

/* A scenario text that must not load, and a part of the error it must give. */
struct scenario_error_case {
	const char *text;
	const char *msg; /* "3:42: steps[0].call.length: ..." (after the file name) */
};

/*
 * Loads each text as the scenario file tests/data/scenarios/inline.yaml and checks that it fails
 * with an error naming that file and containing the case's message.
 */
void expect_scenario_errors(const struct scenario_error_case *cases, size_t count);

/* Checks that text contains every one of the strings (the test fails naming the first missing). */
void expect_all_in(const char *text, const char *const *wants, size_t count);

#endif
