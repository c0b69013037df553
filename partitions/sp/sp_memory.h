/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The request protocol of the example memory partition (sp_memory.c), shared with the guests
 * that drive it. Requests are FFA_MSG_SEND_DIRECT_REQ_32:
 *   w3 = op | type << 8 | owner << 16, w4/w5 = handle (low, high), w6 = argument;
 * answers are FFA_MSG_SEND_DIRECT_RESP_32:
 *   w3 = 0 or the FF-A error code (negative) of the call that failed, w4-w6 = results,
 *   w7 = the step that failed (SP_MEM_STEP_*, 0 when none).
 */
#ifndef SP_MEMORY_H
#define SP_MEMORY_H

/* Retrieve the handle, read, relinquish: w4 = 32-bit sum of the bytes, w5 = pages,
 * w6 = the first constituent's address. */
#define SP_MEM_OP_CHECKSUM 1u
/* Retrieve, fill every byte with the argument's low byte, relinquish: w4 = bytes written. */
#define SP_MEM_OP_WRITE 2u
/* Retrieve, XOR every byte with the argument's low byte, relinquish: w4 = the new sum. */
#define SP_MEM_OP_XOR 3u
/* Share (type SHARE) or lend (type LEND) one page of the partition's own memory, filled with
 * the argument's low byte, with the partition named in w4: w4/w5 = the handle,
 * w6 = the page's address. */
#define SP_MEM_OP_GIVE 4u
/* FFA_MEM_RECLAIM the handle in w4/w5; w4 = the sum of the page's bytes afterwards. */
#define SP_MEM_OP_RECLAIM 5u
/* Read the first byte of the page it gave (w4 = the byte): its own access while lent. */
#define SP_MEM_OP_TOUCH_OWN 6u
/* Read the byte at the address in w4 without retrieving anything (w4 = the byte): an access
 * the partition has not been given. */
#define SP_MEM_OP_PEEK 7u

/* Transaction types in w3 bits 15:8 (FFA_MEM_FLAG_TYPE_* >> 3). */
#define SP_MEM_TYPE_SHARE 1u
#define SP_MEM_TYPE_LEND 2u
#define SP_MEM_TYPE_DONATE 3u

/* Steps named in w7 of a failed answer. */
#define SP_MEM_STEP_RETRIEVE 1u
#define SP_MEM_STEP_RESPONSE 2u
#define SP_MEM_STEP_RELINQUISH 3u
#define SP_MEM_STEP_SEND 4u
#define SP_MEM_STEP_RECLAIM 5u
#define SP_MEM_STEP_REQUEST 6u

static inline uint32_t sp_mem_w3(uint32_t op, uint32_t type, uint16_t owner)
{
	return op | type << 8 | (uint32_t)owner << 16;
}

#endif
