/* SPDX-License-Identifier: BSD-3-Clause */
#include "abi/table.h"

#include <string.h>
#include <strings.h>

#include "abi/ffa.h"

/*
 * Every FF-A function, one row per calling-convention form (FF-A v1.2 (DEN0077A) §13,
 * Table 13.1). Columns: ID, name, version introduced, argument registers, FFA_SUCCESS result
 * registers, ends version negotiation, not modelled, deprecated. The v1.3 rows (FF-A v1.3
 * (DEN0077A) §14): the 64-bit forms of FFA_ERROR, FFA_INTERRUPT, FFA_MSG_WAIT, FFA_YIELD and
 * FFA_RUN, FFA_NS_RES_INFO_GET and FFA_ABORT. None is modelled: Hafnium v2.15, the one v1.3
 * SPMC, implements none of the 64-bit forms (FFA_FEATURES and the calls answer NOT_SUPPORTED),
 * and FFA_NS_RES_INFO_GET (normal world) and FFA_ABORT (partitions) need state the simulator
 * does not have (docs/ffa-support.md).
 */
static const struct ffa_func ffa_funcs[] = {
	{FFA_FID_SMC32(0x60), "FFA_ERROR_32", FFA_VERSION_1_0, FFA_REGS(0, 2), FFA_REGS(0, 0), true, false, false},
	{FFA_FID_SMC64(0x60), "FFA_ERROR_64", FFA_VERSION_1_3, FFA_REGS(0, 2), FFA_REGS(0, 0), true, true, false},
	{FFA_FID_SMC32(0x61), "FFA_SUCCESS_32", FFA_VERSION_1_0, FFA_REGS(0, 7), FFA_REGS(0, 0), true, false, false},
	{FFA_FID_SMC64(0x61), "FFA_SUCCESS_64", FFA_VERSION_1_0, FFA_REGS(0, 7), FFA_REGS(0, 0), true, false, false},
	{FFA_FID_SMC32(0x62), "FFA_INTERRUPT_32", FFA_VERSION_1_0, FFA_REGS(0, 2), FFA_REGS(0, 0), true, false, false},
	{FFA_FID_SMC64(0x62), "FFA_INTERRUPT_64", FFA_VERSION_1_3, FFA_REGS(0, 2), FFA_REGS(0, 0), true, true, false},
	{FFA_FID_SMC32(0x63), "FFA_VERSION", FFA_VERSION_1_0, FFA_REGS(0, 1), FFA_REGS(0, 0), false, false, false},
	{FFA_FID_SMC32(0x64), "FFA_FEATURES", FFA_VERSION_1_0, FFA_REGS(0, 2), FFA_REGS(0, 3), true, false, false},
	{FFA_FID_SMC32(0x65), "FFA_RX_RELEASE", FFA_VERSION_1_0, FFA_REGS(0, 1), FFA_REGS(0, 0), true, false, false},
	{FFA_FID_SMC32(0x66), "FFA_RXTX_MAP_32", FFA_VERSION_1_0, FFA_REGS(0, 3), FFA_REGS(0, 0), true, false, false},
	{FFA_FID_SMC64(0x66), "FFA_RXTX_MAP_64", FFA_VERSION_1_0, FFA_REGS(0, 3), FFA_REGS(0, 0), true, false, false},
	{FFA_FID_SMC32(0x67), "FFA_RXTX_UNMAP", FFA_VERSION_1_0, FFA_REGS(0, 1), FFA_REGS(0, 0), true, false, false},
	{FFA_FID_SMC32(0x68), "FFA_PARTITION_INFO_GET", FFA_VERSION_1_0, FFA_REGS(0, 5), FFA_REGS(0, 3), true, false, false},
	{FFA_FID_SMC32(0x69), "FFA_ID_GET", FFA_VERSION_1_0, FFA_REGS(0, 0), FFA_REGS(0, 2), true, false, false},
	{FFA_FID_SMC32(0x6a), "FFA_MSG_POLL", FFA_VERSION_1_0, FFA_REGS(0, 1), FFA_REGS(0, 7), true, true, true},
	{FFA_FID_SMC32(0x6b), "FFA_MSG_WAIT_32", FFA_VERSION_1_0, FFA_REGS(0, 2), FFA_REGS(0, 7), true, false, false},
	{FFA_FID_SMC64(0x6b), "FFA_MSG_WAIT_64", FFA_VERSION_1_3, FFA_REGS(0, 2), FFA_REGS(0, 7), true, true, false},
	{FFA_FID_SMC32(0x6c), "FFA_YIELD_32", FFA_VERSION_1_0, FFA_REGS(0, 3), FFA_REGS(0, 7), true, false, false},
	{FFA_FID_SMC64(0x6c), "FFA_YIELD_64", FFA_VERSION_1_3, FFA_REGS(0, 3), FFA_REGS(0, 7), true, true, false},
	{FFA_FID_SMC32(0x6d), "FFA_RUN_32", FFA_VERSION_1_0, FFA_REGS(0, 1), FFA_REGS(0, 7), true, false, false},
	{FFA_FID_SMC64(0x6d), "FFA_RUN_64", FFA_VERSION_1_3, FFA_REGS(0, 1), FFA_REGS(0, 7), true, true, false},
	{FFA_FID_SMC32(0x6e), "FFA_MSG_SEND", FFA_VERSION_1_0, FFA_REGS(0, 4), FFA_REGS(0, 0), true, true, true},
	{FFA_FID_SMC32(0x6f), "FFA_MSG_SEND_DIRECT_REQ_32", FFA_VERSION_1_0, FFA_REGS(0, 7), FFA_REGS(0, 7), true, false, false},
	{FFA_FID_SMC64(0x6f), "FFA_MSG_SEND_DIRECT_REQ_64", FFA_VERSION_1_0, FFA_REGS(0, 7), FFA_REGS(0, 7), true, false, false},
	{FFA_FID_SMC32(0x70), "FFA_MSG_SEND_DIRECT_RESP_32", FFA_VERSION_1_0, FFA_REGS(0, 7), FFA_REGS(0, 7), true, false, false},
	{FFA_FID_SMC64(0x70), "FFA_MSG_SEND_DIRECT_RESP_64", FFA_VERSION_1_0, FFA_REGS(0, 7), FFA_REGS(0, 7), true, false, false},
	{FFA_FID_SMC32(0x71), "FFA_MEM_DONATE_32", FFA_VERSION_1_0, FFA_REGS(0, 4), FFA_REGS(0, 3), true, true, false},
	{FFA_FID_SMC64(0x71), "FFA_MEM_DONATE_64", FFA_VERSION_1_0, FFA_REGS(0, 4), FFA_REGS(0, 3), true, true, false},
	{FFA_FID_SMC32(0x72), "FFA_MEM_LEND_32", FFA_VERSION_1_0, FFA_REGS(0, 4), FFA_REGS(0, 3), true, true, false},
	{FFA_FID_SMC64(0x72), "FFA_MEM_LEND_64", FFA_VERSION_1_0, FFA_REGS(0, 4), FFA_REGS(0, 3), true, true, false},
	{FFA_FID_SMC32(0x73), "FFA_MEM_SHARE_32", FFA_VERSION_1_0, FFA_REGS(0, 4), FFA_REGS(0, 3), true, true, false},
	{FFA_FID_SMC64(0x73), "FFA_MEM_SHARE_64", FFA_VERSION_1_0, FFA_REGS(0, 4), FFA_REGS(0, 3), true, true, false},
	{FFA_FID_SMC32(0x74), "FFA_MEM_RETRIEVE_REQ_32", FFA_VERSION_1_0, FFA_REGS(0, 4), FFA_REGS(0, 4), true, true, false},
	{FFA_FID_SMC64(0x74), "FFA_MEM_RETRIEVE_REQ_64", FFA_VERSION_1_0, FFA_REGS(0, 4), FFA_REGS(0, 4), true, true, false},
	{FFA_FID_SMC32(0x75), "FFA_MEM_RETRIEVE_RESP", FFA_VERSION_1_0, FFA_REGS(0, 4), FFA_REGS(0, 0), true, true, false},
	{FFA_FID_SMC32(0x76), "FFA_MEM_RELINQUISH", FFA_VERSION_1_0, FFA_REGS(0, 0), FFA_REGS(0, 0), true, true, false},
	{FFA_FID_SMC32(0x77), "FFA_MEM_RECLAIM", FFA_VERSION_1_0, FFA_REGS(0, 3), FFA_REGS(0, 0), true, true, false},
	{FFA_FID_SMC32(0x78), "FFA_MEM_OP_PAUSE", FFA_VERSION_1_0, FFA_REGS(0, 2), FFA_REGS(0, 0), true, true, false},
	{FFA_FID_SMC32(0x79), "FFA_MEM_OP_RESUME", FFA_VERSION_1_0, FFA_REGS(0, 2), FFA_REGS(0, 0), true, true, false},
	{FFA_FID_SMC32(0x7a), "FFA_MEM_FRAG_RX", FFA_VERSION_1_0, FFA_REGS(0, 4), FFA_REGS(0, 4), true, true, false},
	{FFA_FID_SMC32(0x7b), "FFA_MEM_FRAG_TX", FFA_VERSION_1_0, FFA_REGS(0, 4), FFA_REGS(0, 4), true, true, false},
	{FFA_FID_SMC32(0x7c), "FFA_NORMAL_WORLD_RESUME", FFA_VERSION_1_0, FFA_REGS(0, 0), FFA_REGS(0, 0), true, true, false},
	{FFA_FID_SMC32(0x7d), "FFA_NOTIFICATION_BITMAP_CREATE", FFA_VERSION_1_1, FFA_REGS(0, 2), FFA_REGS(0, 0), true, true, false},
	{FFA_FID_SMC32(0x7e), "FFA_NOTIFICATION_BITMAP_DESTROY", FFA_VERSION_1_1, FFA_REGS(0, 1), FFA_REGS(0, 0), true, true, false},
	{FFA_FID_SMC32(0x7f), "FFA_NOTIFICATION_BIND", FFA_VERSION_1_1, FFA_REGS(0, 4), FFA_REGS(0, 0), true, true, false},
	{FFA_FID_SMC32(0x80), "FFA_NOTIFICATION_UNBIND", FFA_VERSION_1_1, FFA_REGS(0, 4), FFA_REGS(0, 0), true, true, false},
	{FFA_FID_SMC32(0x81), "FFA_NOTIFICATION_SET", FFA_VERSION_1_1, FFA_REGS(0, 4), FFA_REGS(0, 0), true, true, false},
	{FFA_FID_SMC32(0x82), "FFA_NOTIFICATION_GET", FFA_VERSION_1_1, FFA_REGS(0, 2), FFA_REGS(0, 7), true, true, false},
	{FFA_FID_SMC32(0x83), "FFA_NOTIFICATION_INFO_GET_32", FFA_VERSION_1_1, FFA_REGS(0, 0), FFA_REGS(0, 7), true, true, false},
	{FFA_FID_SMC64(0x83), "FFA_NOTIFICATION_INFO_GET_64", FFA_VERSION_1_1, FFA_REGS(0, 0), FFA_REGS(0, 7), true, true, false},
	{FFA_FID_SMC32(0x84), "FFA_RX_ACQUIRE", FFA_VERSION_1_1, FFA_REGS(0, 1), FFA_REGS(0, 0), true, true, false},
	{FFA_FID_SMC32(0x85), "FFA_SPM_ID_GET", FFA_VERSION_1_1, FFA_REGS(0, 0), FFA_REGS(0, 2), true, false, false},
	{FFA_FID_SMC32(0x86), "FFA_MSG_SEND2", FFA_VERSION_1_1, FFA_REGS(0, 2), FFA_REGS(0, 0), true, true, false},
	{FFA_FID_SMC32(0x87), "FFA_SECONDARY_EP_REGISTER_32", FFA_VERSION_1_1, FFA_REGS(0, 1), FFA_REGS(0, 0), true, true, false},
	{FFA_FID_SMC64(0x87), "FFA_SECONDARY_EP_REGISTER_64", FFA_VERSION_1_1, FFA_REGS(0, 1), FFA_REGS(0, 0), true, false, false},
	{FFA_FID_SMC32(0x88), "FFA_MEM_PERM_GET_32", FFA_VERSION_1_1, FFA_REGS(0, 2), FFA_REGS(0, 3), true, true, false},
	{FFA_FID_SMC64(0x88), "FFA_MEM_PERM_GET_64", FFA_VERSION_1_1, FFA_REGS(0, 2), FFA_REGS(0, 3), true, true, false},
	{FFA_FID_SMC32(0x89), "FFA_MEM_PERM_SET_32", FFA_VERSION_1_1, FFA_REGS(0, 3), FFA_REGS(0, 0), true, true, false},
	{FFA_FID_SMC64(0x89), "FFA_MEM_PERM_SET_64", FFA_VERSION_1_1, FFA_REGS(0, 3), FFA_REGS(0, 0), true, true, false},
	{FFA_FID_SMC32(0x8a), "FFA_CONSOLE_LOG_32", FFA_VERSION_1_2, FFA_REGS(0, 7), FFA_REGS(0, 0), true, false, false},
	{FFA_FID_SMC64(0x8a), "FFA_CONSOLE_LOG_64", FFA_VERSION_1_2, FFA_REGS(0, 17), FFA_REGS(0, 0), true, false, false},
	{FFA_FID_SMC64(0x8b), "FFA_PARTITION_INFO_GET_REGS_64", FFA_VERSION_1_2, FFA_REGS(0, 3), FFA_REGS(0, 17), true, false, false},
	{FFA_FID_SMC32(0x8c), "FFA_EL3_INTR_HANDLE", FFA_VERSION_1_2, FFA_REGS(0, 0), FFA_REGS(0, 0), true, true, false},
	{FFA_FID_SMC64(0x8d), "FFA_MSG_SEND_DIRECT_REQ2_64", FFA_VERSION_1_2, FFA_REGS(0, 17), FFA_REGS(0, 17), true, false, false},
	{FFA_FID_SMC64(0x8e), "FFA_MSG_SEND_DIRECT_RESP2_64", FFA_VERSION_1_2, FFA_REGS(0, 17), FFA_REGS(0, 17), true, false, false},
	{FFA_FID_SMC64(0x8f), "FFA_NS_RES_INFO_GET_64", FFA_VERSION_1_3, FFA_REGS(0, 3), FFA_REGS(0, 3), true, true, false},
	{FFA_FID_SMC32(0x90), "FFA_ABORT_32", FFA_VERSION_1_3, FFA_REGS(0, 2), FFA_REGS(0, 0), true, true, false},
	{FFA_FID_SMC64(0x90), "FFA_ABORT_64", FFA_VERSION_1_3, FFA_REGS(0, 2), FFA_REGS(0, 0), true, true, false},
};

size_t ffa_func_count(void)
{
	return sizeof(ffa_funcs) / sizeof(ffa_funcs[0]);
}

const struct ffa_func *ffa_func_at(size_t i)
{
	return i < ffa_func_count() ? &ffa_funcs[i] : NULL;
}

const struct ffa_func *ffa_func_find(uint32_t fid)
{
	uint32_t id = ffa_fid_strip_hint(fid);

	for (size_t i = 0; i < ffa_func_count(); i++) {
		if (ffa_funcs[i].fid == id)
			return &ffa_funcs[i];
	}
	return NULL;
}

/* Exact name first; then the name with _32, then with _64 (FFA_RXTX_MAP means the 32-bit form). */
const struct ffa_func *ffa_func_by_name(const char *name)
{
	static const char *const suffixes[] = {"", "_32", "_64"};
	size_t len = strlen(name);

	for (size_t s = 0; s < sizeof(suffixes) / sizeof(suffixes[0]); s++) {
		for (size_t i = 0; i < ffa_func_count(); i++) {
			const char *row = ffa_funcs[i].name;

			if (strncasecmp(row, name, len) == 0 && strcasecmp(row + len, suffixes[s]) == 0)
				return &ffa_funcs[i];
		}
	}
	return NULL;
}
