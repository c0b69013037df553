/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The request protocol of the example indirect-messaging partition (sp_indirect.c): a
 * DIRECT_REQ_32 with the operation in w3; the answer is a DIRECT_RESP_32 with w3 the status
 * (0 or an FF-A error code), w4 the payload size of the message it found, w5 its sender, w6
 * the first four payload bytes (little-endian).
 */
#ifndef SP_INDIRECT_H
#define SP_INDIRECT_H

/* Answers the message in its RX buffer with one to its sender (same payload), then releases the
 * buffer. NO_DATA when it does not own a message. Given cycles by FFA_RUN it does the same. */
#define SP_IND_OP_ANSWER 0u
/* Sends a message of its own to endpoint w4: the payload "ping from " and its ID in hex. */
#define SP_IND_OP_SEND 1u
/* Reads the message in its RX buffer and releases it, without answering. */
#define SP_IND_OP_READ 2u

/* The payload SP_IND_OP_SEND writes: "ping from 0x8001" (16 bytes). */
#define SP_IND_PING_SIZE 16u

#endif
