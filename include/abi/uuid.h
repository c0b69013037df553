/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * UUIDs as FF-A carries them. A UUID is 16 bytes in the order of its text form (RFC 4122:
 * "12345678-abcd-..." is byte 0 = 0x12, byte 1 = 0x34, ...); the partition-information
 * descriptor holds these bytes as they are. The calls pack them into registers in two ways:
 *
 * - 32-bit (FFA_PARTITION_INFO_GET w1-w4, FF-A v1.2 (DEN0077A) §13.8; the convention SMCCC's
 *   Call UID query uses): bytes 0-3 in w1, 4-7 in w2, 8-11 in w3, 12-15 in w4, each word
 *   little-endian (byte 0 in bits 7:0).
 *   12345678-abcd-ef12-3456-7890abcdef00 -> w1 0x78563412, w2 0x12efcdab, w3 0x90785634,
 *   w4 0x00efcdab.
 * - 64-bit (FFA_MSG_SEND_DIRECT_REQ2 x2/x3, FFA_PARTITION_INFO_GET_REGS x1/x2 and the UUID
 *   halves of its descriptors, FF-A v1.2 (DEN0077A) §13.9 and §15.4): bytes 0-7 in the first
 *   register, 8-15 in the second, byte 0 lowest. This is the 32-bit form with w1|w2 << 32 and
 *   w3|w4 << 32.
 */
#ifndef ABI_UUID_H
#define ABI_UUID_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FFA_UUID_SIZE 16
#define FFA_UUID_TEXT_LEN 36                       /* "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" */
#define FFA_UUID_TEXT_SIZE (FFA_UUID_TEXT_LEN + 1) /* with the terminating NUL */

/* Why a text is not a UUID. */
enum ffa_uuid_err {
	FFA_UUID_OK = 0,
	FFA_UUID_ERR_NULL,   /* no text */
	FFA_UUID_ERR_LENGTH, /* not 36 characters */
	FFA_UUID_ERR_DASH,   /* no '-' at offset 8, 13, 18 or 23 */
	FFA_UUID_ERR_DIGIT   /* a character that is not a hex digit where one is expected */
};

/*
 * Parses "12345678-abcd-ef12-3456-7890abcdef00" (hex digits in either case, nothing before or
 * after) into 16 bytes in text order. On error returns why and leaves uuid unchanged.
 */
enum ffa_uuid_err ffa_uuid_parse(const char *text, uint8_t uuid[FFA_UUID_SIZE]);

/* Formats a UUID as lower-case text into buf (at least FFA_UUID_TEXT_SIZE bytes). Returns buf. */
const char *ffa_uuid_format(const uint8_t uuid[FFA_UUID_SIZE], char *buf, size_t size);

/* True when all 16 bytes are zero: the Nil UUID, which FF-A calls use for "any". */
bool ffa_uuid_is_null(const uint8_t uuid[FFA_UUID_SIZE]);

/* True when the two UUIDs are the same. */
bool ffa_uuid_equal(const uint8_t a[FFA_UUID_SIZE], const uint8_t b[FFA_UUID_SIZE]);

/* The UUID in the 32-bit register form: w[0] = w1 ... w[3] = w4 of FFA_PARTITION_INFO_GET. */
void ffa_uuid_to_regs32(const uint8_t uuid[FFA_UUID_SIZE], uint32_t w[4]);

/* The UUID from w1-w4 of FFA_PARTITION_INFO_GET (only the low 32 bits of each are read). */
void ffa_uuid_from_regs32(uint64_t w1, uint64_t w2, uint64_t w3, uint64_t w4,
			  uint8_t uuid[FFA_UUID_SIZE]);

/* The UUID in the 64-bit register form: *lo = bytes 0-7, *hi = bytes 8-15, byte 0 lowest. */
void ffa_uuid_to_regs64(const uint8_t uuid[FFA_UUID_SIZE], uint64_t *lo, uint64_t *hi);

/* The UUID from a 64-bit register pair (DIRECT_REQ2 x2/x3, PARTITION_INFO_GET_REGS x1/x2). */
void ffa_uuid_from_regs64(uint64_t lo, uint64_t hi, uint8_t uuid[FFA_UUID_SIZE]);

/* Host side only from here (abi/uuid_report.c); the guest SDK has the conversions above. */

/*
 * The UUID with each of its five fields byte-reversed: the same 16 bytes as U-Boot's FF-A
 * code spells them. U-Boot turns the text of a UUID into bytes with every field little-endian,
 * the Linux driver and TF-A's tooling in text order, so U-Boot's text for a partition is this
 * one's (b4b5671e-4fe1-8f4a-659e-018f2b7d1acd <-> 1e67b5b4-e14f-4a8f-9e65-cd1a7d2b8f01). The
 * swap is its own inverse.
 */
void ffa_uuid_swap_fields(const uint8_t in[FFA_UUID_SIZE], uint8_t out[FFA_UUID_SIZE]);

/* A short description of a parse error ("expected 36 characters", ...). */
const char *ffa_uuid_strerror(enum ffa_uuid_err err);

/* Room for ffa_uuid_format_both: two UUIDs and the words between them. */
#define FFA_UUID_BOTH_SIZE 112

/*
 * Formats a UUID as received in both spellings, "TEXT (U-Boot spelling: SWAPPED)", into buf
 * (at least FFA_UUID_BOTH_SIZE bytes). Returns buf.
 */
const char *ffa_uuid_format_both(const uint8_t uuid[FFA_UUID_SIZE], char *buf, size_t size);

/*
 * The UUID an FF-A call names, from its registers x[0..4]: FFA_PARTITION_INFO_GET (w1-w4),
 * FFA_PARTITION_INFO_GET_REGS (x1/x2) and FFA_MSG_SEND_DIRECT_REQ2 (x2/x3). False for other
 * calls and for the Nil UUID (which names no partition).
 */
bool ffa_uuid_of_call(uint32_t fid, const uint64_t *x, uint8_t uuid[FFA_UUID_SIZE]);

#endif
