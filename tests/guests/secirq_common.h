/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What the secure-interrupt test guests share: the watchdog's owner (tests/guests/sp_wdloop.c)
 * and its commands, the watchdog setting and computation size the clients use, a client's
 * request and the computation itself.
 */
#ifndef SECIRQ_COMMON_H
#define SECIRQ_COMMON_H

#include <stdint.h>

#include <sdk/ffa.h>

#define OWNER 0x8006
#define CMD_COMPUTE 1u
#define CMD_CALL 2u
/* WdogLoad 3 at 32768 Hz: a zero every three ticks (about 91.5 us) while it is cleared. */
#define LOAD 3u
/* Rounds of the computations: about 600000 instructions (0.6 ms). */
#define ROUNDS 100000u

/* A normal-world DIRECT_REQ_64 to dest with x3-x6 = a, b, c, d. */
static inline struct sdk_smccc_regs request(uint16_t dest, uint64_t a, uint64_t b, uint64_t c,
					    uint64_t d)
{
	return sdk_ffa_direct_req_64(0, dest, (const uint64_t[]){a, b, c, d, 0});
}

/* The computation: rounds steps of h = h * 31 + i, kept from being folded. */
static inline uint64_t hash(uint64_t rounds)
{
	uint64_t h = 0;

	for (uint64_t i = 0; i < rounds; i++) {
		h = h * 31u + i;
		__asm__ volatile("" : "+r"(h));
	}
	return h;
}

#endif
