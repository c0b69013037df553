/* SPDX-License-Identifier: BSD-3-Clause */
#include "abi/partinfo.h"

#include <string.h>

#include "abi/ffa.h"

/* Field offsets of the descriptor (FF-A v1.2 (DEN0077A) §13.8). */
#define PARTINFO_OFF_ID 0
#define PARTINFO_OFF_CTX 2
#define PARTINFO_OFF_PROPS 4
#define PARTINFO_OFF_UUID 8
#define PARTINFO_OFF_IMAGE_UUID 24 /* v1.3 */
#define PARTINFO_OFF_VERSION 40    /* v1.3; 44-47 reserved */

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
	if (version < FFA_VERSION_1_1)
		return FFA_PARTINFO_SIZE_V1_0;
	return version < FFA_VERSION_1_3 ? FFA_PARTINFO_SIZE_V1_1 : FFA_PARTINFO_SIZE_V1_3;
}

size_t ffa_partinfo_write_layout(void *buf, const struct ffa_partinfo *info, uint32_t layout,
				 uint32_t reader)
{
	uint8_t *p = buf;
	size_t size = ffa_partinfo_size(layout);

	memset(p, 0, size);
	partinfo_put(p + PARTINFO_OFF_ID, info->id, 2);
	partinfo_put(p + PARTINFO_OFF_CTX, info->exec_ctx_count, 2);
	partinfo_put(p + PARTINFO_OFF_PROPS, ffa_props_for_version(info->props, reader), 4);
	if (size == FFA_PARTINFO_SIZE_V1_0)
		return size;
	/* The UUID is stored in text order, as Hafnium and TF-A store their 32-bit UUID words
	 * little-endian. */
	memcpy(p + PARTINFO_OFF_UUID, info->uuid, FFA_UUID_SIZE);
	if (size == FFA_PARTINFO_SIZE_V1_1)
		return size;
	memcpy(p + PARTINFO_OFF_IMAGE_UUID, info->image_uuid, FFA_UUID_SIZE);
	partinfo_put(p + PARTINFO_OFF_VERSION, info->ffa_version, 4);
	return size;
}

size_t ffa_partinfo_write(void *buf, const struct ffa_partinfo *info, uint32_t version)
{
	return ffa_partinfo_write_layout(buf, info, version, version);
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
	if (version >= FFA_VERSION_1_3) {
		memcpy(info->image_uuid, p + PARTINFO_OFF_IMAGE_UUID, FFA_UUID_SIZE);
		info->ffa_version = (uint32_t)partinfo_get(p + PARTINFO_OFF_VERSION, 4);
	}
}

unsigned ffa_partinfo_regs_per_partition(uint32_t version)
{
	return version < FFA_VERSION_1_3 ? 3u : FFA_PARTINFO_REGS_MAX;
}

void ffa_partinfo_to_regs_layout(const struct ffa_partinfo *info, uint32_t layout, uint32_t reader,
				 bool with_uuid, uint64_t regs[FFA_PARTINFO_REGS_MAX])
{
	ffa_partinfo_to_regs(info, reader, with_uuid, regs);
	if (layout < FFA_VERSION_1_3)
		return;
	ffa_uuid_to_regs64(info->image_uuid, &regs[3], &regs[4]);
	/* Bits 63:31 reserved (FF-A v1.3 (DEN0077A) §14.9). */
	regs[5] = info->ffa_version & ~FFA_VERSION_MBZ_BIT;
}

void ffa_partinfo_from_regs_layout(const uint64_t *regs, uint32_t layout, struct ffa_partinfo *info)
{
	memset(info, 0, sizeof(*info));
	ffa_partinfo_from_regs(regs, info);
	if (layout < FFA_VERSION_1_3)
		return;
	ffa_uuid_from_regs64(regs[3], regs[4], info->image_uuid);
	info->ffa_version = (uint32_t)regs[5];
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
