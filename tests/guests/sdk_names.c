/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Prints what the SDK calls every FF-A function ID and error code, and a UUID round trip through
 * the SDK's UUID helpers, for the host test that compares them with the simulator's function
 * table and error names (tests/test_ffa_guests.c). One line each: "F <id> <name>" for every
 * ID the SDK names, "E <code> <name>" for codes 0 to -11, "U <text> <w1> <x2>".
 */
#include <sdk/ffa.h>
#include <sdk/sdk.h>

int main(void)
{
	static const uint32_t forms[] = {FFA_FID_SMC32(0), FFA_FID_SMC64(0)};
	uint8_t uuid[FFA_UUID_SIZE];
	char text[FFA_UUID_TEXT_SIZE];
	uint32_t w[4];
	uint64_t lo, hi;

	for (uint32_t num = FFA_FNUM_MIN; num <= FFA_FNUM_MAX; num++) {
		for (unsigned f = 0; f < 2; f++) {
			const char *name = sdk_ffa_func_name(forms[f] | num);

			if (name != NULL)
				sdk_printf("F 0x%08x %s\n", (unsigned)(forms[f] | num), name);
		}
	}
	for (int code = 0; code >= -11; code--)
		sdk_printf("E %d %s\n", code, sdk_ffa_error_name(code));
	if (ffa_uuid_parse("B1C3B4E2-5c8f-4e61-9d2a-7e0f6a3c1d45", uuid) != FFA_UUID_OK ||
	    ffa_uuid_parse("b1c3b4e2-5c8f-4e61-9d2a-7e0f6a3c1d4", uuid) == FFA_UUID_OK)
		return 1;
	ffa_uuid_parse("B1C3B4E2-5c8f-4e61-9d2a-7e0f6a3c1d45", uuid);
	ffa_uuid_to_regs32(uuid, w);
	ffa_uuid_to_regs64(uuid, &lo, &hi);
	sdk_printf("U %s 0x%08x 0x%016llx\n", ffa_uuid_format(uuid, text, sizeof(text)),
		   (unsigned)w[0], (unsigned long long)hi);
	return 0;
}
