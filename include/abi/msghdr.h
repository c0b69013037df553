/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The partition message header of indirect messages (FF-A v1.2 (DEN0077A) §7.2, Table 7.1):
 * the sender writes it at the start of its TX buffer, the payload after it, and FFA_MSG_SEND2
 * copies both into the receiver's RX buffer. Little-endian, at offset 0:
 *
 *    0  flags (MBZ)          4  reserved (MBZ)      8  offset of the payload
 *   12  receiver ID (u16)   14  sender ID (u16)    16  size of the payload
 *   20  reserved (MBZ, v1.2)  24  UUID of the protocol (16 bytes, v1.2)
 *
 * FF-A v1.1 describes bytes 12-15 as one 32-bit field, sender in bits 31:16 and receiver in
 * 15:0 (Linux's ffa_indirect_msg_hdr.send_recv_id): the same bytes. The v1.1 header is 20 bytes
 * and a v1.1 sender's payload may start there; v1.2 adds the UUID, and a v1.2 sender's payload
 * starts at 40 at the earliest (Hafnium's api_ffa_msg_send2_copy_data, by the sender's version).
 *
 * Freestanding (no libc): the guest SDK compiles abi/msghdr.c too, so the header a guest
 * writes is read by the code the SPMC uses.
 */
#ifndef ABI_MSGHDR_H
#define ABI_MSGHDR_H

#include <stdbool.h>
#include <stdint.h>

#include "abi/uuid.h"

/* The header's size: v1.1 without the UUID, v1.2 and later with it. */
#define FFA_MSG_HDR_SIZE_1_1 20u
#define FFA_MSG_HDR_SIZE_1_2 40u

/* FFA_MSG_SEND2 w2 flags (FF-A v1.2 (DEN0077A) §15.1): bit 1 asks the SPMC to delay
 * the schedule receiver interrupt (partitions only); the other bits are MBZ. */
#define FFA_MSG_SEND2_DELAY_SRI (1u << 1)
/* FFA_MSG_SEND2 w1 bits 31:16: the sender a hypervisor sends for (0 from anyone else). */
#define FFA_MSG_SEND2_SENDER_SHIFT 16

/* FFA_MSG_WAIT w2 bit 0 (v1.2): the caller keeps the ownership of its RX buffer. */
#define FFA_MSG_WAIT_RETAIN_RX 0x1u

struct ffa_msg_hdr {
	uint32_t flags;
	uint32_t reserved;
	uint32_t offset; /* of the payload, from the start of the buffer */
	uint16_t receiver;
	uint16_t sender;
	uint32_t size; /* of the payload */
	uint32_t reserved_2;
	uint8_t uuid[FFA_UUID_SIZE]; /* in the descriptor byte order of FFA_PARTITION_INFO_GET */
};

/*
 * The header size a sender of an FF-A version writes and the SPMC expects before the payload:
 * 20 bytes for v1.1, 40 from v1.2, 0 for v1.0 (no indirect messages).
 */
uint32_t ffa_msg_hdr_size(uint32_t version);

/* Reads a header from buf (len bytes): the UUID and the second reserved word only when len
 * reaches FFA_MSG_HDR_SIZE_1_2 (else they read as zero). False when len < 20. */
bool ffa_msg_hdr_read(const uint8_t *buf, uint32_t len, struct ffa_msg_hdr *hdr);

/* Writes a header into buf: FFA_MSG_HDR_SIZE_1_1 bytes, or FFA_MSG_HDR_SIZE_1_2 with_uuid.
 * Returns the bytes written. */
uint32_t ffa_msg_hdr_write(uint8_t *buf, const struct ffa_msg_hdr *hdr, bool with_uuid);

/*
 * A header for a payload that follows it directly: sender, receiver, size, the offset the
 * version's header size (ffa_msg_hdr_size), the UUID (NULL: the Nil UUID), flags zero.
 */
void ffa_msg_hdr_init(struct ffa_msg_hdr *hdr, uint32_t version, uint16_t sender, uint16_t receiver,
		      uint32_t size, const uint8_t *uuid);

#endif
