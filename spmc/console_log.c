/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * FFA_CONSOLE_LOG_32/64 (FF-A v1.2 (DEN0077A) §13.36): characters packed in the argument
 * registers, printed on the console under the caller's name ("[echo] hello").
 */
#include "spmc/internal.h"

/*
 * w1 is the character count; the characters fill w2-w7 (SMC32, 4 per register, at most 24)
 * or x2-x17 (SMC64, 8 per register, at most 128), character 0 in the lowest byte of the
 * first register. A count of 0 or above the maximum is INVALID_PARAMETERS. Hafnium compares
 * the whole register with the maximum, so bits above 7:0 are refused too.
 *
 * The function exists from v1.2 only (the dispatcher's version gate), so the SMC64 form
 * always has its 16 registers (Hafnium limits pre-v1.2 callers to x2-x7).
 */
struct ffa_value spmc_console_log(struct spmc *spmc, struct spmc_endpoint *caller,
				  const struct ffa_value *args)
{
	uint32_t fid = ffa_fid_strip_hint((uint32_t)args->x[0]);
	bool smc64 = ffa_fid_is_smc64(fid);
	uint64_t count = smc64 ? args->x[1] : (uint32_t)args->x[1];
	unsigned per_reg = smc64 ? 8 : 4;
	uint64_t max = smc64 ? FFA_CONSOLE_LOG_MAX_64 : FFA_CONSOLE_LOG_MAX_32;

	if (count == 0 || count > max)
		return ffa_error_value(FFA_INVALID_PARAMETERS);
	for (unsigned i = 0; i < count; i++) {
		uint64_t reg = args->x[2 + i / per_reg];
		uint8_t c = (uint8_t)(reg >> (8 * (i % per_reg)));

		/* Hafnium ends the line at a NUL as at a newline (api_ffa_console_log). */
		if (c == '\0')
			c = '\n';
		if (spmc->console.putc != NULL)
			spmc->console.putc(spmc->console.ctx, (unsigned)(caller - spmc->endpoints),
					   caller->name, c);
	}
	return ffa_success_value(0);
}
