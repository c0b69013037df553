/* SPDX-License-Identifier: BSD-3-Clause */
#include "abi/ids.h"

#include <stddef.h>
#include <stdio.h>

#include "abi/regs.h"

/* FF-A function names by number (FF-A v1.2 (DEN0077A) §13, Table 13.1). */
struct ffa_fnum_name {
	uint8_t num;
	bool has_32;
	bool has_64;
	const char *name;
};

static const struct ffa_fnum_name ffa_fnum_names[] = {
	{0x60, true, true, "FFA_ERROR"},
	{0x61, true, true, "FFA_SUCCESS"},
	{0x62, true, true, "FFA_INTERRUPT"},
	{0x63, true, false, "FFA_VERSION"},
	{0x64, true, false, "FFA_FEATURES"},
	{0x65, true, false, "FFA_RX_RELEASE"},
	{0x66, true, true, "FFA_RXTX_MAP"},
	{0x67, true, false, "FFA_RXTX_UNMAP"},
	{0x68, true, false, "FFA_PARTITION_INFO_GET"},
	{0x69, true, false, "FFA_ID_GET"},
	{0x6a, true, false, "FFA_MSG_POLL"},
	{0x6b, true, true, "FFA_MSG_WAIT"},
	{0x6c, true, true, "FFA_YIELD"},
	{0x6d, true, true, "FFA_RUN"},
	{0x6e, true, false, "FFA_MSG_SEND"},
	{0x6f, true, true, "FFA_MSG_SEND_DIRECT_REQ"},
	{0x70, true, true, "FFA_MSG_SEND_DIRECT_RESP"},
	{0x71, true, true, "FFA_MEM_DONATE"},
	{0x72, true, true, "FFA_MEM_LEND"},
	{0x73, true, true, "FFA_MEM_SHARE"},
	{0x74, true, true, "FFA_MEM_RETRIEVE_REQ"},
	{0x75, true, false, "FFA_MEM_RETRIEVE_RESP"},
	{0x76, true, false, "FFA_MEM_RELINQUISH"},
	{0x77, true, false, "FFA_MEM_RECLAIM"},
	{0x78, true, false, "FFA_MEM_OP_PAUSE"},
	{0x79, true, false, "FFA_MEM_OP_RESUME"},
	{0x7a, true, false, "FFA_MEM_FRAG_RX"},
	{0x7b, true, false, "FFA_MEM_FRAG_TX"},
	{0x7c, true, false, "FFA_NORMAL_WORLD_RESUME"},
	{0x7d, true, false, "FFA_NOTIFICATION_BITMAP_CREATE"},
	{0x7e, true, false, "FFA_NOTIFICATION_BITMAP_DESTROY"},
	{0x7f, true, false, "FFA_NOTIFICATION_BIND"},
	{0x80, true, false, "FFA_NOTIFICATION_UNBIND"},
	{0x81, true, false, "FFA_NOTIFICATION_SET"},
	{0x82, true, false, "FFA_NOTIFICATION_GET"},
	{0x83, true, true, "FFA_NOTIFICATION_INFO_GET"},
	{0x84, true, false, "FFA_RX_ACQUIRE"},
	{0x85, true, false, "FFA_SPM_ID_GET"},
	{0x86, true, false, "FFA_MSG_SEND2"},
	{0x87, true, true, "FFA_SECONDARY_EP_REGISTER"},
	{0x88, true, true, "FFA_MEM_PERM_GET"},
	{0x89, true, true, "FFA_MEM_PERM_SET"},
	{0x8a, true, true, "FFA_CONSOLE_LOG"},
	{0x8b, false, true, "FFA_PARTITION_INFO_GET_REGS"},
	{0x8c, true, false, "FFA_EL3_INTR_HANDLE"},
	{0x8d, false, true, "FFA_MSG_SEND_DIRECT_REQ2"},
	{0x8e, false, true, "FFA_MSG_SEND_DIRECT_RESP2"},
};

/* SMCCC architecture and PSCI calls. */
struct arch_fid_name {
	uint32_t fid;
	const char *name;
};

static const struct arch_fid_name arch_fid_names[] = {
	{SMCCC_VERSION, "SMCCC_VERSION"},
	{SMCCC_ARCH_FEATURES, "SMCCC_ARCH_FEATURES"},
	{SMCCC_ARCH_SOC_ID, "SMCCC_ARCH_SOC_ID"},
	{PSCI_VERSION, "PSCI_VERSION"},
	{PSCI_CPU_SUSPEND_32, "PSCI_CPU_SUSPEND"},
	{PSCI_CPU_OFF, "PSCI_CPU_OFF"},
	{PSCI_CPU_ON_32, "PSCI_CPU_ON"},
	{PSCI_MIGRATE_32, "PSCI_MIGRATE"},
	{PSCI_SYSTEM_OFF, "PSCI_SYSTEM_OFF"},
	{PSCI_SYSTEM_RESET, "PSCI_SYSTEM_RESET"},
	{PSCI_FEATURES, "PSCI_FEATURES"},
};

bool ffa_fid_is_ffa(uint32_t fid)
{
	uint32_t base = ffa_fid_strip_hint(fid) & ~FFA_FID_SMC64_BIT;
	uint32_t num = base & 0xffffu;

	return (base & 0xffff0000u) == 0x84000000u && num >= FFA_FNUM_MIN && num <= FFA_FNUM_MAX;
}

const char *ffa_fid_name(uint32_t fid)
{
	uint32_t id = ffa_fid_strip_hint(fid);

	for (size_t i = 0; i < sizeof(arch_fid_names) / sizeof(arch_fid_names[0]); i++) {
		if (arch_fid_names[i].fid == id)
			return arch_fid_names[i].name;
	}
	if (!ffa_fid_is_ffa(id))
		return NULL;
	for (size_t i = 0; i < sizeof(ffa_fnum_names) / sizeof(ffa_fnum_names[0]); i++) {
		const struct ffa_fnum_name *n = &ffa_fnum_names[i];

		if (n->num != (id & 0xffu))
			continue;
		if (ffa_fid_is_smc64(id) ? !n->has_64 : !n->has_32)
			return NULL;
		return n->name;
	}
	return NULL;
}

const char *ffa_fid_describe(uint32_t fid, char *buf, size_t size)
{
	const char *name = ffa_fid_name(fid);
	uint32_t id = ffa_fid_strip_hint(fid);

	if (name == NULL)
		snprintf(buf, size, "0x%08x", fid);
	else if (ffa_fid_is_ffa(id) && ffa_fid_is_smc64(id))
		snprintf(buf, size, "%s_64", name);
	else
		snprintf(buf, size, "%s", name);
	return buf;
}
