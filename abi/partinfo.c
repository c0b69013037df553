/* SPDX-License-Identifier: BSD-3-Clause */
#include "abi/partinfo.h"

#include <string.h>

#include "abi/ffa.h"

/* Field offsets of the descriptor (FF-A v1.2 (DEN0077A) §13.8). */
#define PARTINFO_OFF_ID 0
#define PARTINFO_OFF_CTX 2
#define PARTINFO_OFF_PROPS 4
#define PARTINFO_OFF_UUID 8

static void partinfo_put(uint8_t *p, uint64_t v, unsigned bytes)
{
	for (unsigned i = 0; i < bytes; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static uint64_t partinfo_get(const uint8_t *p, unsigned bytes)
{
	uint64_t v = 0;

	for (unsigned i = 0; i < bytes; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}

size_t ffa_partinfo_size(uint32_t version)
{
	return version < FFA_VERSION_1_1 ? FFA_PARTINFO_SIZE_V1_0 : FFA_PARTINFO_SIZE_V1_1;
}

size_t ffa_partinfo_write(void *buf, const struct ffa_partinfo *info, uint32_t version)
{
	uint8_t *p = buf;

	partinfo_put(p + PARTINFO_OFF_ID, info->id, 2);
	partinfo_put(p + PARTINFO_OFF_CTX, info->exec_ctx_count, 2);
	partinfo_put(p + PARTINFO_OFF_PROPS, ffa_props_for_version(info->props, version), 4);
	if (version < FFA_VERSION_1_1)
		return FFA_PARTINFO_SIZE_V1_0;
	/* The UUID is stored in text order, as Hafnium and TF-A store their 32-bit UUID words
	 * little-endian. */
	memcpy(p + PARTINFO_OFF_UUID, info->uuid, FFA_UUID_SIZE);
	return FFA_PARTINFO_SIZE_V1_1;
}

void ffa_partinfo_read(const void *buf, uint32_t version, struct ffa_partinfo *info)
{
	const uint8_t *p = buf;

	memset(info, 0, sizeof(*info));
	info->id = (uint16_t)partinfo_get(p + PARTINFO_OFF_ID, 2);
	info->exec_ctx_count = (uint16_t)partinfo_get(p + PARTINFO_OFF_CTX, 2);
	info->props = (uint32_t)partinfo_get(p + PARTINFO_OFF_PROPS, 4);
	if (version >= FFA_VERSION_1_1)
		memcpy(info->uuid, p + PARTINFO_OFF_UUID, FFA_UUID_SIZE);
}

void ffa_partinfo_to_regs(const struct ffa_partinfo *info, uint32_t version, bool with_uuid,
			  uint64_t regs[3])
{
	regs[0] = (uint64_t)info->id | ((uint64_t)info->exec_ctx_count << 16) |
		  ((uint64_t)ffa_props_for_version(info->props, version) << 32);
	regs[1] = 0;
	regs[2] = 0;
	if (with_uuid)
		ffa_uuid_to_regs64(info->uuid, &regs[1], &regs[2]);
}

void ffa_partinfo_from_regs(const uint64_t regs[3], struct ffa_partinfo *info)
{
	info->id = (uint16_t)(regs[0] & 0xffffu);
	info->exec_ctx_count = (uint16_t)((regs[0] >> 16) & 0xffffu);
	info->props = (uint32_t)(regs[0] >> 32);
	ffa_uuid_from_regs64(regs[1], regs[2], info->uuid);
}
