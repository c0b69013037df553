/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * UUIDs for people and reports, host side only (abi/uuid.c holds the conversions the guest SDK
 * shares): why a text is not a UUID, the U-Boot spelling of a UUID, and the UUID a call names.
 */
#include <stdio.h>

#include "abi/fids.h"
#include "abi/uuid.h"

const char *ffa_uuid_strerror(enum ffa_uuid_err err)
{
	switch (err) {
	case FFA_UUID_OK:
		return "no error";
	case FFA_UUID_ERR_NULL:
		return "no UUID text";
	case FFA_UUID_ERR_LENGTH:
		return "a UUID has 36 characters (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)";
	case FFA_UUID_ERR_DASH:
		return "a UUID has '-' after the 8th, 12th, 16th and 20th hex digit";
	case FFA_UUID_ERR_DIGIT:
		return "a UUID has hex digits (0-9, a-f) between its dashes";
	}
	return "unknown UUID error";
}

void ffa_uuid_swap_fields(const uint8_t in[FFA_UUID_SIZE], uint8_t out[FFA_UUID_SIZE])
{
	/* The text's fields: time_low (4 bytes), time_mid, time_hi, clock_seq (2 each), node (6).
	 */
	static const unsigned field_size[] = {4, 2, 2, 2, 6};
	unsigned start = 0;

	for (unsigned f = 0; f < sizeof(field_size) / sizeof(field_size[0]); f++) {
		for (unsigned i = 0; i < field_size[f]; i++)
			out[start + i] = in[start + field_size[f] - 1 - i];
		start += field_size[f];
	}
}

const char *ffa_uuid_format_both(const uint8_t uuid[FFA_UUID_SIZE], char *buf, size_t size)
{
	char text[FFA_UUID_TEXT_SIZE], swapped_text[FFA_UUID_TEXT_SIZE];
	uint8_t swapped[FFA_UUID_SIZE];

	ffa_uuid_swap_fields(uuid, swapped);
	snprintf(buf, size, "%s (U-Boot spelling: %s)", ffa_uuid_format(uuid, text, sizeof(text)),
		 ffa_uuid_format(swapped, swapped_text, sizeof(swapped_text)));
	return buf;
}

bool ffa_uuid_of_call(uint32_t fid, const uint64_t *x, uint8_t uuid[FFA_UUID_SIZE])
{
	switch (fid) {
	case FFA_PARTITION_INFO_GET:
		ffa_uuid_from_regs32(x[1], x[2], x[3], x[4], uuid);
		break;
	case FFA_PARTITION_INFO_GET_REGS_64:
		ffa_uuid_from_regs64(x[1], x[2], uuid);
		break;
	case FFA_MSG_SEND_DIRECT_REQ2_64:
		ffa_uuid_from_regs64(x[2], x[3], uuid);
		break;
	default:
		return false;
	}
	return !ffa_uuid_is_null(uuid);
}
