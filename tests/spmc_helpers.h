/* SPDX-License-Identifier: BSD-3-Clause */
/* Test helpers for the SPMC: a fresh SPMC over a fake of virt's memory, calls, checks. */
#ifndef TESTS_SPMC_HELPERS_H
#define TESTS_SPMC_HELPERS_H

#include <stdio.h>

#include "emu/console.h"
#include "fake_memory.h"
#include "sim/wiring.h"
#include "spmc/spmc.h"

/* Fills every register a call does not use (Hafnium's tests use 0xc5 too). */
#define SPMC_POISON 0xc5c5c5c5c5c5c5c5ull

struct spmc_fixture {
	struct fake_memory memory; /* virt's layout, a few chunks */
	struct emu_console console;
	struct sim_console_lines lines; /* FFA_CONSOLE_LOG lines, prefixed as in a run */
	FILE *console_out;
	char *console_buf;
	size_t console_len;
	struct spmc spmc;
	struct spmc_endpoint *nw; /* endpoint 0, the normal world */
	uint32_t rule_version;    /* of the last call */
};

/* An SPMC ("hafnium:1.2", "tf-a:1.1", ...) over a fake of virt's memory, with endpoint 0. */
void spmc_fixture_init(struct spmc_fixture *f, const char *spmc_spec);

/* Frees it. */
void spmc_fixture_fini(struct spmc_fixture *f);

/* Secure RAM of the virt platform, and the slice of it a fixture partition owns: 1 MiB at
 * SPMC_FIXTURE_SECURE_RAM + (ID & 0xf) MiB (0x8001: 0x0e100000-0x0e1fffff). */
#define SPMC_FIXTURE_SECURE_RAM 0x0e000000ull
#define SPMC_FIXTURE_SP_MEM_SIZE 0x100000ull
#define SPMC_FIXTURE_SP_MEM(id) (SPMC_FIXTURE_SECURE_RAM + ((id)&0xfu) * SPMC_FIXTURE_SP_MEM_SIZE)

/*
 * Adds a secure partition endpoint at FF-A v1.2 (version negotiated) with these properties,
 * owning its slice of secure RAM (SPMC_FIXTURE_SP_MEM), as a manifest's memory would give it.
 */
struct spmc_endpoint *spmc_fixture_add_sp(struct spmc_fixture *f, uint16_t id, const char *name,
					  uint32_t props);

/* The console output so far (flushed). */
const char *spmc_fixture_console(struct spmc_fixture *f);

/*
 * Calls fid from an endpoint with x1..xN from args (count registers, starting at x1); every
 * other register of x1-x17 is poisoned.
 */
struct ffa_value spmc_fixture_call(struct spmc_fixture *f, struct spmc_endpoint *from, uint32_t fid,
				   const uint64_t *args, unsigned count);

/* The same with x1 only. */
struct ffa_value spmc_fixture_call1(struct spmc_fixture *f, struct spmc_endpoint *from,
				    uint32_t fid, uint64_t x1);

/* Maps an endpoint's one-page buffers with FFA_RXTX_MAP_64; asserts w0 FFA_SUCCESS_32 (TF-A
 * leaves x1-x3 as they were). */
void spmc_fixture_map(struct spmc_fixture *f, struct spmc_endpoint *ep, uint64_t tx, uint64_t rx);

/* Writes a v1.2 indirect message from sender to receiver with a payload (len bytes) at the start
 * of the page at tx, the rest of the page 0xa5. */
void spmc_fixture_put_msg(struct spmc_fixture *f, uint64_t tx, uint16_t sender, uint16_t receiver,
			  const void *payload, uint32_t len);

/* Asserts the page at rx holds a message from sender to receiver whose payload is payload (len
 * bytes). */
void spmc_fixture_expect_msg(struct spmc_fixture *f, uint64_t rx, uint16_t sender,
			     uint16_t receiver, const void *payload, uint32_t len);

/* FFA_MSG_SEND2 from an endpoint with w1 and the flags in w2. */
struct ffa_value spmc_fixture_send2(struct spmc_fixture *f, struct spmc_endpoint *from, uint32_t w1,
				    uint32_t flags);

/* Asserts FFA_SUCCESS_32 (or _64 when smc64) with x1-x17 zero except the registers in
 * `used` (bit n = xn), printing the registers on failure. */
void expect_ffa_success(const struct ffa_value *v, uint32_t used, bool smc64);

/* Asserts FFA_ERROR with the code: w0 FFA_ERROR_32, x1 0, w2 the code, x3-x17 zero. */
void expect_ffa_error(const struct ffa_value *v, int32_t code);

/* Asserts a bare FFA_VERSION answer: x0 exactly `w0`, x1-x17 zero. */
void expect_ffa_version(const struct ffa_value *v, uint64_t w0);

/* Prints a value's registers in hex with the function name decoded (for messages). */
const char *ffa_value_format(const struct ffa_value *v, char *buf, size_t size);

#endif
