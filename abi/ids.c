/* SPDX-License-Identifier: BSD-3-Clause */
#include "abi/ids.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "abi/regs.h"
#include "abi/table.h"

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
	{PSCI_CPU_SUSPEND_64, "PSCI_CPU_SUSPEND_64"},
	{PSCI_CPU_ON_64, "PSCI_CPU_ON_64"},
	{PSCI_AFFINITY_INFO_32, "PSCI_AFFINITY_INFO"},
	{PSCI_AFFINITY_INFO_64, "PSCI_AFFINITY_INFO_64"},
	{PSCI_MIGRATE_INFO_TYPE, "PSCI_MIGRATE_INFO_TYPE"},
};

bool ffa_fid_is_ffa(uint32_t fid)
{
	uint32_t base = ffa_fid_strip_hint(fid) & ~FFA_FID_SMC64_BIT;
	uint32_t num = base & 0xffffu;

	return (base & 0xffff0000u) == 0x84000000u && num >= FFA_FNUM_MIN && num <= FFA_FNUM_MAX;
}

/* SMCCC (DEN0028) §2.5: the owning entity in bits 29:24, the function number in 15:0. */
#define IDS_OWNER_ARCH 0x80000000u
#define IDS_OWNER_STD_SECURE 0x84000000u
#define IDS_PSCI_FNUM_MAX 0x1fu

bool ffa_fid_is_x0_result(uint32_t fid)
{
	uint32_t base = ffa_fid_strip_hint(fid) & ~FFA_FID_SMC64_BIT;
	uint32_t owner = base & 0xffff0000u;

	return owner == IDS_OWNER_ARCH ||
	       (owner == IDS_OWNER_STD_SECURE && (base & 0xffffu) <= IDS_PSCI_FNUM_MAX);
}

bool ffa_smccc_version_parse(const char *text, uint32_t *version)
{
	static const char *const names[] = {"1.0", "1.1", "1.2", "1.3", "1.4", "1.5"};

	for (unsigned minor = 0; minor < sizeof(names) / sizeof(names[0]); minor++) {
		if (strcmp(text, names[minor]) == 0) {
			*version = SMCCC_VERSION_1_0 | minor;
			return true;
		}
	}
	return false;
}

const char *ffa_fid_name(uint32_t fid)
{
	uint32_t id = ffa_fid_strip_hint(fid);
	const struct ffa_func *f;

	for (size_t i = 0; i < sizeof(arch_fid_names) / sizeof(arch_fid_names[0]); i++) {
		if (arch_fid_names[i].fid == id)
			return arch_fid_names[i].name;
	}
	f = ffa_func_find(id);
	return f != NULL ? f->name : NULL;
}

const char *ffa_fid_describe(uint32_t fid, char *buf, size_t size)
{
	const char *name = ffa_fid_name(fid);

	if (name == NULL)
		snprintf(buf, size, "0x%08x", fid);
	else
		snprintf(buf, size, "%s", name);
	return buf;
}
