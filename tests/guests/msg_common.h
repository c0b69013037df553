/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What the indirect-messaging guests share (send2_e2e.c, vm_e2e.c): one line per call result,
 * writing and sending a text message, and printing the message in an RX buffer.
 */
#ifndef MSG_COMMON_H
#define MSG_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include <sdk/smccc.h>

/* "NAME -> OK", "NAME -> ERROR CODE", or "NAME -> W0" for any other answer. */
void msg_show_call(const char *name, const struct sdk_smccc_regs *r);

/* Writes a v1.2 message from sender to `to` with a text payload in tx (tx_size bytes), sends it
 * with FFA_MSG_SEND2(flags) and prints the result. */
void msg_send_text(const char *name, void *tx, size_t tx_size, uint16_t sender, uint16_t to,
		   const char *text, uint32_t flags);

/* Prints the message in rx ("NAME from S to R offset O size N: TEXT", or "NAME -> no message")
 * and clears its header. */
void msg_show_rx(const char *name, void *rx, size_t rx_size);

#endif
