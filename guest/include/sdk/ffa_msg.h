/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Indirect messages for guests (FF-A v1.2 (DEN0077A) §7.2): the partition message header
 * builders (the simulator's own code, <abi/msghdr.h>), FFA_MSG_SEND2 and FFA_RX_ACQUIRE, and a
 * reader of the message in an RX buffer.
 *
 * A sender writes a message in its TX buffer with sdk_ffa_msg_write() and sends it with
 * sdk_ffa_msg_send2(); the receiver finds it at the start of its RX buffer (sdk_ffa_msg_read())
 * and gives the buffer back with sdk_ffa_rx_release(), or, a partition, with
 * sdk_ffa_msg_wait(0) (sdk/ffa.h).
 */
#ifndef SDK_FFA_MSG_H
#define SDK_FFA_MSG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <abi/msghdr.h>
#include <sdk/smccc.h>

/* FFA_MSG_SEND2 flags (w2): delay the schedule receiver interrupt (partitions only). */
#define SDK_FFA_MSG_SEND2_DELAY_SRI FFA_MSG_SEND2_DELAY_SRI
/* FFA_MSG_WAIT flags (w2, v1.2): keep the RX buffer's ownership. */
#define SDK_FFA_MSG_WAIT_RETAIN_RX FFA_MSG_WAIT_RETAIN_RX

/*
 * Writes a message into a TX buffer of tx_size bytes: the header of the sender's FF-A version
 * (20 bytes for v1.1, 40 from v1.2, with uuid or the Nil UUID when NULL), the payload right
 * after it. Returns the message's total size, or 0 when it does not fit (or version is 1.0).
 */
uint32_t sdk_ffa_msg_write(void *tx, size_t tx_size, uint32_t version, uint16_t sender,
			   uint16_t receiver, const void *payload, uint32_t size,
			   const uint8_t *uuid);

/*
 * Reads the message at the start of an RX buffer of rx_size bytes: *hdr the header (the UUID
 * zero when the payload starts before it, as in a v1.1 message) and *payload where the payload
 * is. False when the header's offset and size do not lie within the buffer.
 */
bool sdk_ffa_msg_read(const void *rx, size_t rx_size, struct ffa_msg_hdr *hdr,
		      const uint8_t **payload);

/* FFA_MSG_SEND2 (v1.1): sends the message in the caller's TX buffer; flags in w2, w1 zero. */
struct sdk_smccc_regs sdk_ffa_msg_send2(uint32_t flags);

/* FFA_MSG_SEND2 from a hypervisor for one of its VMs: w1 bits 31:16 the sender. */
struct sdk_smccc_regs sdk_ffa_msg_send2_for(uint16_t sender, uint32_t flags);

/* FFA_RX_ACQUIRE (v1.1, a hypervisor): takes VM vm's RX buffer from the SPMC. */
struct sdk_smccc_regs sdk_ffa_rx_acquire(uint16_t vm);

#endif
