/* SPDX-License-Identifier: BSD-3-Clause */
#include "abi/uuid.h"

#include <stdio.h>
#include <string.h>

#include "abi/ids.h"

/* Offsets of the four dashes in the text form. */
static bool uuid_is_dash_offset(size_t i)
{
	return i == 8 || i == 13 || i == 18 || i == 23;
}

static int uuid_hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

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

enum ffa_uuid_err ffa_uuid_parse(const char *text, uint8_t uuid[FFA_UUID_SIZE])
{
	uint8_t bytes[FFA_UUID_SIZE];
	size_t n = 0;

	if (text == NULL)
		return FFA_UUID_ERR_NULL;
	if (strlen(text) != FFA_UUID_TEXT_LEN)
		return FFA_UUID_ERR_LENGTH;
	for (size_t i = 0; i < FFA_UUID_TEXT_LEN;) {
		int hi, lo;

		if (uuid_is_dash_offset(i)) {
			if (text[i] != '-')
				return FFA_UUID_ERR_DASH;
			i++;
			continue;
		}
		/* Two digits per byte; no dash falls between the digits of one byte. */
		hi = uuid_hex_value(text[i]);
		lo = uuid_hex_value(text[i + 1]);
		if (hi < 0 || lo < 0)
			return FFA_UUID_ERR_DIGIT;
		bytes[n++] = (uint8_t)(hi << 4 | lo);
		i += 2;
	}
	memcpy(uuid, bytes, sizeof(bytes));
	return FFA_UUID_OK;
}

const char *ffa_uuid_format(const uint8_t uuid[FFA_UUID_SIZE], char *buf, size_t size)
{
	snprintf(buf, size, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
		 uuid[0], uuid[1], uuid[2], uuid[3], uuid[4], uuid[5], uuid[6], uuid[7], uuid[8],
		 uuid[9], uuid[10], uuid[11], uuid[12], uuid[13], uuid[14], uuid[15]);
	return buf;
}

bool ffa_uuid_is_null(const uint8_t uuid[FFA_UUID_SIZE])
{
	for (size_t i = 0; i < FFA_UUID_SIZE; i++) {
		if (uuid[i] != 0)
			return false;
	}
	return true;
}

bool ffa_uuid_equal(const uint8_t a[FFA_UUID_SIZE], const uint8_t b[FFA_UUID_SIZE])
{
	return memcmp(a, b, FFA_UUID_SIZE) == 0;
}

/* Bytes [first, first + count) as a little-endian number: byte `first` in bits 7:0. */
static uint64_t uuid_load_le(const uint8_t *uuid, unsigned first, unsigned count)
{
	uint64_t v = 0;

	for (unsigned i = 0; i < count; i++)
		v |= (uint64_t)uuid[first + i] << (8 * i);
	return v;
}

static void uuid_store_le(uint8_t *uuid, unsigned first, unsigned count, uint64_t v)
{
	for (unsigned i = 0; i < count; i++)
		uuid[first + i] = (uint8_t)(v >> (8 * i));
}

void ffa_uuid_to_regs32(const uint8_t uuid[FFA_UUID_SIZE], uint32_t w[4])
{
	for (unsigned i = 0; i < 4; i++)
		w[i] = (uint32_t)uuid_load_le(uuid, 4 * i, 4);
}

void ffa_uuid_from_regs32(uint64_t w1, uint64_t w2, uint64_t w3, uint64_t w4,
			  uint8_t uuid[FFA_UUID_SIZE])
{
	/* SMC32 arguments: the upper halves of x1-x4 are not part of the call. */
	uuid_store_le(uuid, 0, 4, (uint32_t)w1);
	uuid_store_le(uuid, 4, 4, (uint32_t)w2);
	uuid_store_le(uuid, 8, 4, (uint32_t)w3);
	uuid_store_le(uuid, 12, 4, (uint32_t)w4);
}

void ffa_uuid_to_regs64(const uint8_t uuid[FFA_UUID_SIZE], uint64_t *lo, uint64_t *hi)
{
	*lo = uuid_load_le(uuid, 0, 8);
	*hi = uuid_load_le(uuid, 8, 8);
}

void ffa_uuid_from_regs64(uint64_t lo, uint64_t hi, uint8_t uuid[FFA_UUID_SIZE])
{
	uuid_store_le(uuid, 0, 8, lo);
	uuid_store_le(uuid, 8, 8, hi);
}

void ffa_uuid_swap_fields(const uint8_t in[FFA_UUID_SIZE], uint8_t out[FFA_UUID_SIZE])
{
	/* The text's fields: time_low (4 bytes), time_mid, time_hi, clock_seq (2 each), node (6). */
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
	snprintf(buf, size, "%s (U-Boot spelling: %s)",
		 ffa_uuid_format(uuid, text, sizeof(text)),
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
