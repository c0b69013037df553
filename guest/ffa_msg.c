/* SPDX-License-Identifier: BSD-3-Clause */
/* Indirect messages for guests: header builders over abi/msghdr.c, FFA_MSG_SEND2, FFA_RX_ACQUIRE.
 */
#include <sdk/ffa.h>
#include <sdk/ffa_msg.h>
#include <sdk/string.h>

uint32_t sdk_ffa_msg_write(void *tx, size_t tx_size, uint32_t version, uint16_t sender,
			   uint16_t receiver, const void *payload, uint32_t size,
			   const uint8_t *uuid)
{
	struct ffa_msg_hdr hdr;
	uint8_t *p = tx;

	ffa_msg_hdr_init(&hdr, version, sender, receiver, size, uuid);
	if (hdr.offset == 0 || hdr.offset > tx_size || size > tx_size - hdr.offset)
		return 0;
	ffa_msg_hdr_write(p, &hdr, hdr.offset >= FFA_MSG_HDR_SIZE_1_2);
	if (size > 0)
		memcpy(p + hdr.offset, payload, size);
	return hdr.offset + size;
}

bool sdk_ffa_msg_read(const void *rx, size_t rx_size, struct ffa_msg_hdr *hdr,
		      const uint8_t **payload)
{
	const uint8_t *p = rx;

	if (rx_size > UINT32_MAX || !ffa_msg_hdr_read(p, (uint32_t)rx_size, hdr))
		return false;
	if (hdr->offset < FFA_MSG_HDR_SIZE_1_1 || hdr->offset > rx_size ||
	    hdr->size > rx_size - hdr->offset)
		return false;
	/* A v1.1 message: what would be the UUID is payload. */
	if (hdr->offset < FFA_MSG_HDR_SIZE_1_2) {
		hdr->reserved_2 = 0;
		memset(hdr->uuid, 0, sizeof(hdr->uuid));
	}
	*payload = p + hdr->offset;
	return true;
}

/* Issues fid with w1 and w2, every other register zero. */
static struct sdk_smccc_regs msg_call(uint32_t fid, uint64_t x1, uint64_t x2)
{
	struct sdk_smccc_regs r = {.x = {fid, x1, x2}};

	sdk_ffa_call(&r);
	return r;
}

struct sdk_smccc_regs sdk_ffa_msg_send2(uint32_t flags)
{
	return msg_call(FFA_MSG_SEND2, 0, flags);
}

struct sdk_smccc_regs sdk_ffa_msg_send2_for(uint16_t sender, uint32_t flags)
{
	return msg_call(FFA_MSG_SEND2, (uint64_t)sender << FFA_MSG_SEND2_SENDER_SHIFT, flags);
}

struct sdk_smccc_regs sdk_ffa_rx_acquire(uint16_t vm)
{
	return msg_call(FFA_RX_ACQUIRE, vm, 0);
}
