/* SPDX-License-Identifier: BSD-3-Clause */
/* What the example partitions share: the message loop's register accessors. */
#ifndef SP_COMMON_H
#define SP_COMMON_H

#include <sdk/sdk.h>
#include <sdk/ffa.h>

static inline uint16_t sp_source(const struct sdk_smccc_regs *r)
{
	return (uint16_t)(r->x[1] >> 16);
}

/* An FF-A call's status: 0 for FFA_SUCCESS, its error code, or INVALID_PARAMETERS for an
 * answer that is neither. */
static inline int32_t sp_status(const struct sdk_smccc_regs *r)
{
	int32_t code = 0;

	if (sdk_ffa_is_success(r))
		return 0;
	if (!sdk_ffa_is_error(r, &code))
		code = FFA_INVALID_PARAMETERS;
	return code;
}

/* The payload of a direct request (x3-x7) into x. */
static inline void sp_payload(const struct sdk_smccc_regs *r, uint64_t x[SDK_FFA_DIRECT_PAYLOAD])
{
	for (unsigned i = 0; i < SDK_FFA_DIRECT_PAYLOAD; i++)
		x[i] = r->x[3 + i];
}

/* The partition's own ID, asked once at boot. */
static inline uint16_t sp_self(void)
{
	struct sdk_smccc_regs r = sdk_ffa_id_get();

	return (uint16_t)r.x[2];
}

#endif
