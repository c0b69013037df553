/* SPDX-License-Identifier: BSD-3-Clause */
/* The virt PL011's registers and interrupt, for the UART interrupt guests (PL011 TRM 3.2). */
#ifndef TESTS_GUESTS_PL011_REGS_H
#define TESTS_GUESTS_PL011_REGS_H

#include <stdint.h>

#define UART_BASE 0x09000000u
#define UART_DR 0x000u
#define UART_FR 0x018u
#define UART_IMSC 0x038u
#define UART_MIS 0x040u
#define UART_FR_RXFE (1u << 4)
#define UART_RXIM (1u << 4)
#define UART_TXIM (1u << 5)
#define UART_RTIM (1u << 6)
#define UART_INTID 33u /* virt: SPI 1 */

static inline uint32_t uart_r(uint32_t off)
{
	return *(volatile uint32_t *)(uintptr_t)(UART_BASE + off);
}

static inline void uart_w(uint32_t off, uint32_t v)
{
	*(volatile uint32_t *)(uintptr_t)(UART_BASE + off) = v;
}

#endif
