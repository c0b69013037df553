/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The partition message header of indirect messages (FF-A v1.2 (DEN0077A) §7.2, Table 7.1),
 * read and written byte by byte in little-endian order: buffers come from guest memory at any
 * alignment, and the guest SDK, which compiles this file too, is built with -mstrict-align.
 * Freestanding (no libc).
 */
#include "abi/msghdr.h"

#include <stddef.h>

#include "abi/ffa.h"

#define HDR_FLAGS 0u
#define HDR_RESERVED 4u
#define HDR_OFFSET 8u
#define HDR_RECEIVER 12u
#define HDR_SENDER 14u
#define HDR_SIZE 16u
#define HDR_RESERVED_2 20u
#define HDR_UUID 24u

static uint32_t hdr_get(const uint8_t *p, unsigned bytes)
{
	uint32_t v = 0;

	for (unsigned i = 0; i < bytes; i++)
		v |= (uint32_t)p[i] << (8 * i);
	return v;
}

static void hdr_put(uint8_t *p, uint32_t v, unsigned bytes)
{
	for (unsigned i = 0; i < bytes; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

uint32_t ffa_msg_hdr_size(uint32_t version)
{
	if (version < FFA_VERSION_1_1)
		return 0;
	return version == FFA_VERSION_1_1 ? FFA_MSG_HDR_SIZE_1_1 : FFA_MSG_HDR_SIZE_1_2;
}

bool ffa_msg_hdr_read(const uint8_t *buf, uint32_t len, struct ffa_msg_hdr *hdr)
{
	if (len < FFA_MSG_HDR_SIZE_1_1)
		return false;
	hdr->flags = hdr_get(buf + HDR_FLAGS, 4);
	hdr->reserved = hdr_get(buf + HDR_RESERVED, 4);
	hdr->offset = hdr_get(buf + HDR_OFFSET, 4);
	hdr->receiver = (uint16_t)hdr_get(buf + HDR_RECEIVER, 2);
	hdr->sender = (uint16_t)hdr_get(buf + HDR_SENDER, 2);
	hdr->size = hdr_get(buf + HDR_SIZE, 4);
	hdr->reserved_2 = 0;
	for (unsigned i = 0; i < FFA_UUID_SIZE; i++)
		hdr->uuid[i] = 0;
	if (len >= FFA_MSG_HDR_SIZE_1_2) {
		hdr->reserved_2 = hdr_get(buf + HDR_RESERVED_2, 4);
		for (unsigned i = 0; i < FFA_UUID_SIZE; i++)
			hdr->uuid[i] = buf[HDR_UUID + i];
	}
	return true;
}

uint32_t ffa_msg_hdr_write(uint8_t *buf, const struct ffa_msg_hdr *hdr, bool with_uuid)
{
	hdr_put(buf + HDR_FLAGS, hdr->flags, 4);
	hdr_put(buf + HDR_RESERVED, hdr->reserved, 4);
	hdr_put(buf + HDR_OFFSET, hdr->offset, 4);
	hdr_put(buf + HDR_RECEIVER, hdr->receiver, 2);
	hdr_put(buf + HDR_SENDER, hdr->sender, 2);
	hdr_put(buf + HDR_SIZE, hdr->size, 4);
	if (!with_uuid)
		return FFA_MSG_HDR_SIZE_1_1;
	hdr_put(buf + HDR_RESERVED_2, hdr->reserved_2, 4);
	for (unsigned i = 0; i < FFA_UUID_SIZE; i++)
		buf[HDR_UUID + i] = hdr->uuid[i];
	return FFA_MSG_HDR_SIZE_1_2;
}

void ffa_msg_hdr_init(struct ffa_msg_hdr *hdr, uint32_t version, uint16_t sender, uint16_t receiver,
		      uint32_t size, const uint8_t *uuid)
{
	hdr->flags = 0;
	hdr->reserved = 0;
	hdr->offset = ffa_msg_hdr_size(version);
	hdr->receiver = receiver;
	hdr->sender = sender;
	hdr->size = size;
	hdr->reserved_2 = 0;
	for (unsigned i = 0; i < FFA_UUID_SIZE; i++)
		hdr->uuid[i] = uuid != NULL ? uuid[i] : 0;
}
