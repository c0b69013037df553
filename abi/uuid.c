/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * UUIDs in text and register form. Freestanding (no libc): the guest SDK compiles this file
 * into libffasim-guest.a, so that guests and the simulator read and write UUIDs the same way
 * (abi/uuid_report.c has the host's reporting helpers).
 */
#include "abi/uuid.h"

#include "abi/fids.h"

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

enum ffa_uuid_err ffa_uuid_parse(const char *text, uint8_t uuid[FFA_UUID_SIZE])
{
	uint8_t bytes[FFA_UUID_SIZE];
	size_t n = 0;

	if (text == NULL)
		return FFA_UUID_ERR_NULL;
	for (n = 0; n <= FFA_UUID_TEXT_LEN && text[n] != '\0'; n++)
		continue;
	if (n != FFA_UUID_TEXT_LEN)
		return FFA_UUID_ERR_LENGTH;
	n = 0;
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
	for (n = 0; n < FFA_UUID_SIZE; n++)
		uuid[n] = bytes[n];
	return FFA_UUID_OK;
}

/* Appends text at *len, as far as it fits with the terminating NUL (as snprintf truncates). */
static void uuid_append(char *buf, size_t size, size_t *len, const char *text)
{
	for (; *text != '\0'; text++) {
		if (*len + 1 < size)
			buf[*len] = *text;
		(*len)++;
	}
	if (size > 0)
		buf[*len < size ? *len : size - 1] = '\0';
}

const char *ffa_uuid_format(const uint8_t uuid[FFA_UUID_SIZE], char *buf, size_t size)
{
	static const char digits[] = "0123456789abcdef";
	char text[FFA_UUID_TEXT_SIZE];
	size_t t = 0, len = 0;

	for (size_t i = 0; i < FFA_UUID_SIZE; i++) {
		if (uuid_is_dash_offset(t))
			text[t++] = '-';
		text[t++] = digits[uuid[i] >> 4];
		text[t++] = digits[uuid[i] & 0xf];
	}
	text[t] = '\0';
	uuid_append(buf, size, &len, text);
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
	for (size_t i = 0; i < FFA_UUID_SIZE; i++) {
		if (a[i] != b[i])
			return false;
	}
	return true;
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
