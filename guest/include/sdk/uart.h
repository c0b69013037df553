/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Polled PL011 UART driver. No initialisation is done: the simulator's PL011 and QEMU's accept
 * data with the reset configuration, and firmware normally leaves the UART enabled.
 */
#ifndef SDK_UART_H
#define SDK_UART_H

#include <stdint.h>

/* The first PL011 of QEMU's virt machine and of the simulator's built-in "virt" platform. */
#define SDK_UART_VIRT_BASE 0x09000000ul

/* Selects the PL011 used by the sdk_uart_* functions and sdk_printf (default: virt's). */
void sdk_uart_set_base(uintptr_t base);

/* The base address currently in use. */
uintptr_t sdk_uart_get_base(void);

/* Writes one byte, waiting while the transmit FIFO is full. No newline translation. */
void sdk_uart_putc(char c);

/* Writes a NUL-terminated string byte for byte. */
void sdk_uart_puts(const char *s);

/* Reads one byte, waiting (polling) while the receive FIFO is empty. */
int sdk_uart_getc(void);

/* Reads one byte if one is waiting; returns -1 if the receive FIFO is empty. */
int sdk_uart_try_getc(void);

#endif
