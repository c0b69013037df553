/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * abi/uuid: the text form, the Nil UUID, and the register forms FF-A uses, checked against the
 * reference's worked example (12345678-abcd-ef12-3456-7890abcdef00 -> w1 0x78563412,
 * w2 0x12efcdab, w3 0x90785634, w4 0x00efcdab) and by round trips.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "abi/uuid.h"

#define EXAMPLE_TEXT "12345678-abcd-ef12-3456-7890abcdef00"

static const uint8_t example[FFA_UUID_SIZE] = {0x12, 0x34, 0x56, 0x78, 0xab, 0xcd, 0xef, 0x12,
					       0x34, 0x56, 0x78, 0x90, 0xab, 0xcd, 0xef, 0x00};

/* The text form parses into 16 bytes in text order (RFC 4122). */
Test(uuid, parse_text_order)
{
	uint8_t u[FFA_UUID_SIZE];

	cr_assert_eq(ffa_uuid_parse(EXAMPLE_TEXT, u), FFA_UUID_OK);
	cr_assert_arr_eq(u, example, FFA_UUID_SIZE);
}

/* Upper-case hex digits parse to the same bytes. */
Test(uuid, parse_upper_case)
{
	uint8_t u[FFA_UUID_SIZE];

	cr_assert_eq(ffa_uuid_parse("12345678-ABCD-EF12-3456-7890ABCDEF00", u), FFA_UUID_OK);
	cr_assert_arr_eq(u, example, FFA_UUID_SIZE);
}

/* Formatting gives lower-case text, and text -> bytes -> text is the identity. */
Test(uuid, format_round_trip)
{
	char buf[FFA_UUID_TEXT_SIZE];
	uint8_t u[FFA_UUID_SIZE];

	cr_assert_str_eq(ffa_uuid_format(example, buf, sizeof(buf)), EXAMPLE_TEXT);
	cr_assert_eq(ffa_uuid_parse(buf, u), FFA_UUID_OK);
	cr_assert_arr_eq(u, example, FFA_UUID_SIZE);
}

/* Every malformed text fails with its reason and leaves the output untouched. */
Test(uuid, parse_failures)
{
	static const struct {
		const char *text;
		enum ffa_uuid_err err;
	} bad[] = {
		{"", FFA_UUID_ERR_LENGTH},
		{"12345678-abcd-ef12-3456-7890abcdef0", FFA_UUID_ERR_LENGTH},
		{"12345678-abcd-ef12-3456-7890abcdef000", FFA_UUID_ERR_LENGTH},
		{" 12345678-abcd-ef12-3456-7890abcdef00", FFA_UUID_ERR_LENGTH},
		{"{2345678-abcd-ef12-3456-7890abcdef0}", FFA_UUID_ERR_DIGIT},
		{"12345678_abcd-ef12-3456-7890abcdef00", FFA_UUID_ERR_DASH},
		{"1234567-8abcd-ef12-3456-7890abcdef00", FFA_UUID_ERR_DIGIT},
		{"12345678-abcd-ef12-34567-890abcdef00", FFA_UUID_ERR_DASH},
		{"12345678-abcd-ef12-3456-7890abcdef0g", FFA_UUID_ERR_DIGIT},
		{"123456789abcdef123456789abcdef123456", FFA_UUID_ERR_DASH},
	};
	uint8_t u[FFA_UUID_SIZE];

	cr_assert_eq(ffa_uuid_parse(NULL, u), FFA_UUID_ERR_NULL);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memset(u, 0x5a, sizeof(u));
		cr_assert_eq(ffa_uuid_parse(bad[i].text, u), bad[i].err, "\"%s\"", bad[i].text);
		for (size_t j = 0; j < FFA_UUID_SIZE; j++)
			cr_assert_eq(u[j], 0x5a, "\"%s\" changed the output", bad[i].text);
		cr_assert_str_neq(ffa_uuid_strerror(bad[i].err), "");
	}
}

/* The Nil UUID is all zeros; any non-zero byte makes it a real UUID. */
Test(uuid, null_check)
{
	uint8_t u[FFA_UUID_SIZE] = {0};

	cr_assert(ffa_uuid_is_null(u));
	cr_assert_eq(ffa_uuid_parse("00000000-0000-0000-0000-000000000000", u), FFA_UUID_OK);
	cr_assert(ffa_uuid_is_null(u));
	u[15] = 1;
	cr_assert_not(ffa_uuid_is_null(u));
	cr_assert_not(ffa_uuid_is_null(example));
}

/* Equality compares all 16 bytes. */
Test(uuid, equal)
{
	uint8_t u[FFA_UUID_SIZE];

	memcpy(u, example, sizeof(u));
	cr_assert(ffa_uuid_equal(u, example));
	u[8] ^= 1;
	cr_assert_not(ffa_uuid_equal(u, example));
}

/* FFA_PARTITION_INFO_GET w1-w4: the reference's worked example. */
Test(uuid, regs32_reference_example)
{
	uint32_t w[4];

	ffa_uuid_to_regs32(example, w);
	cr_assert_eq(w[0], 0x78563412u, "w1 0x%08x", w[0]);
	cr_assert_eq(w[1], 0x12efcdabu, "w2 0x%08x", w[1]);
	cr_assert_eq(w[2], 0x90785634u, "w3 0x%08x", w[2]);
	cr_assert_eq(w[3], 0x00efcdabu, "w4 0x%08x", w[3]);
}

/* w1-w4 back to bytes, ignoring the upper halves of x1-x4 (SMC32 arguments). */
Test(uuid, regs32_from_registers)
{
	uint8_t u[FFA_UUID_SIZE];

	ffa_uuid_from_regs32(0xc5c5c5c578563412ull, 0xc5c5c5c512efcdabull, 0x90785634ull,
			     0xffffffff00efcdabull, u);
	cr_assert_arr_eq(u, example, FFA_UUID_SIZE);
}

/* bytes -> w1-w4 -> bytes is the identity for arbitrary UUIDs. */
Test(uuid, regs32_round_trip)
{
	uint8_t in[FFA_UUID_SIZE], out[FFA_UUID_SIZE];
	uint32_t w[4];

	for (unsigned seed = 1; seed < 64; seed++) {
		for (unsigned i = 0; i < FFA_UUID_SIZE; i++)
			in[i] = (uint8_t)(seed * 37 + i * 11);
		ffa_uuid_to_regs32(in, w);
		ffa_uuid_from_regs32(w[0], w[1], w[2], w[3], out);
		cr_assert_arr_eq(in, out, FFA_UUID_SIZE);
	}
}

/* DIRECT_REQ2 x2/x3 and PARTITION_INFO_GET_REGS x1/x2: bytes 0-7 / 8-15, byte 0 lowest, which
 * is w1 | w2 << 32 and w3 | w4 << 32 of the example. */
Test(uuid, regs64_reference_example)
{
	uint64_t lo, hi;
	uint8_t u[FFA_UUID_SIZE];

	ffa_uuid_to_regs64(example, &lo, &hi);
	cr_assert_eq(lo, 0x12efcdab78563412ull, "lo 0x%016llx", (unsigned long long)lo);
	cr_assert_eq(hi, 0x00efcdab90785634ull, "hi 0x%016llx", (unsigned long long)hi);
	ffa_uuid_from_regs64(0x12efcdab78563412ull, 0x00efcdab90785634ull, u);
	cr_assert_arr_eq(u, example, FFA_UUID_SIZE);
}

/* bytes -> lo/hi -> bytes is the identity, and the two forms agree. */
Test(uuid, regs64_round_trip_and_agreement)
{
	uint8_t in[FFA_UUID_SIZE], out[FFA_UUID_SIZE];
	uint64_t lo, hi;
	uint32_t w[4];

	for (unsigned seed = 1; seed < 64; seed++) {
		for (unsigned i = 0; i < FFA_UUID_SIZE; i++)
			in[i] = (uint8_t)(seed * 53 + i * 7 + 1);
		ffa_uuid_to_regs64(in, &lo, &hi);
		ffa_uuid_from_regs64(lo, hi, out);
		cr_assert_arr_eq(in, out, FFA_UUID_SIZE);
		ffa_uuid_to_regs32(in, w);
		cr_assert_eq(lo, (uint64_t)w[0] | (uint64_t)w[1] << 32);
		cr_assert_eq(hi, (uint64_t)w[2] | (uint64_t)w[3] << 32);
	}
}

/* U-Boot's spelling is the text's with each of the five fields byte-reversed: the example of
 * docs/manifest.md, both ways, and the registers both clients then send. */
Test(uuid, swap_fields_u_boot_example)
{
	uint8_t linux_bytes[FFA_UUID_SIZE], swapped[FFA_UUID_SIZE], back[FFA_UUID_SIZE];
	char text[FFA_UUID_TEXT_SIZE], both[FFA_UUID_BOTH_SIZE];
	uint32_t w[4];

	cr_assert_eq(ffa_uuid_parse("b4b5671e-4fe1-8f4a-659e-018f2b7d1acd", linux_bytes),
		     FFA_UUID_OK);
	ffa_uuid_swap_fields(linux_bytes, swapped);
	cr_assert_str_eq(ffa_uuid_format(swapped, text, sizeof(text)),
			 "1e67b5b4-e14f-4a8f-9e65-cd1a7d2b8f01");
	ffa_uuid_swap_fields(swapped, back);
	cr_assert_arr_eq(back, linux_bytes, FFA_UUID_SIZE);
	ffa_uuid_to_regs32(linux_bytes, w);
	cr_assert_eq(w[0], 0x1e67b5b4);
	cr_assert_eq(w[1], 0x4a8fe14f);
	cr_assert_eq(w[2], 0x8f019e65);
	cr_assert_eq(w[3], 0xcd1a7d2b);
	cr_assert_str_eq(ffa_uuid_format_both(linux_bytes, both, sizeof(both)),
			 "b4b5671e-4fe1-8f4a-659e-018f2b7d1acd (U-Boot spelling: "
			 "1e67b5b4-e14f-4a8f-9e65-cd1a7d2b8f01)");
}

/* The UUID a call names: PARTITION_INFO_GET w1-w4, _REGS x1/x2, DIRECT_REQ2 x2/x3; none for
 * other calls or the Nil UUID. */
Test(uuid, of_call)
{
	const uint64_t get[5] = {0x84000068, 0x78563412, 0x12efcdab, 0x90785634, 0x00efcdab};
	const uint64_t regs[5] = {0xc400008b, 0x12efcdab78563412ull, 0x00efcdab90785634ull, 0, 0};
	const uint64_t req2[5] = {0xc400008d, 0x80010000, 0x12efcdab78563412ull,
				  0x00efcdab90785634ull, 0};
	const uint64_t nil[5] = {0x84000068, 0, 0, 0, 0};
	const uint64_t other[5] = {0x84000063, 0x78563412, 0x12efcdab, 0x90785634, 0x00efcdab};
	uint8_t u[FFA_UUID_SIZE];

	cr_assert(ffa_uuid_of_call(0x84000068, get, u));
	cr_assert_arr_eq(u, example, FFA_UUID_SIZE);
	cr_assert(ffa_uuid_of_call(0xc400008b, regs, u));
	cr_assert_arr_eq(u, example, FFA_UUID_SIZE);
	cr_assert(ffa_uuid_of_call(0xc400008d, req2, u));
	cr_assert_arr_eq(u, example, FFA_UUID_SIZE);
	cr_assert_not(ffa_uuid_of_call(0x84000068, nil, u));
	cr_assert_not(ffa_uuid_of_call(0x84000063, other, u));
}
