/* SPDX-License-Identifier: BSD-3-Clause */
/* Indirect messages in words, for traces (include/abi/msgtext.h). */
#include "abi/msgtext.h"

#include <stdio.h>

#include "abi/msghdr.h"

/* Payload bytes a summary shows. */
#define MSGTEXT_BYTES 16u

const char *ffa_msg_describe(const uint8_t *buf, uint32_t len, char *out, size_t size)
{
	struct ffa_msg_hdr hdr;
	char uuid[8 + FFA_UUID_TEXT_SIZE] = "";
	char text[FFA_UUID_TEXT_SIZE];
	size_t n;

	if (size == 0)
		return out;
	if (!ffa_msg_hdr_read(buf, len, &hdr)) {
		snprintf(out, size, "not a message (%u bytes)", len);
		return out;
	}
	if (hdr.offset >= FFA_MSG_HDR_SIZE_1_2)
		snprintf(uuid, sizeof(uuid), " uuid %s",
			 ffa_uuid_format(hdr.uuid, text, sizeof(text)));
	n = (size_t)snprintf(out, size, "from 0x%04x to 0x%04x offset %u size %u%s", hdr.sender,
			     hdr.receiver, hdr.offset, hdr.size, uuid);
	if (hdr.flags != 0 && n < size)
		n += (size_t)snprintf(out + n, size - n, " flags 0x%x", hdr.flags);
	for (uint32_t i = 0; i < hdr.size && i < MSGTEXT_BYTES && n < size; i++) {
		uint64_t at = (uint64_t)hdr.offset + i;

		if (at >= len)
			break;
		n += (size_t)snprintf(out + n, size - n, "%s%02x", i == 0 ? ": " : " ", buf[at]);
	}
	if (hdr.size > MSGTEXT_BYTES && n < size)
		snprintf(out + n, size - n, " ...");
	return out;
}
