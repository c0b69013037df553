/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Polled PL011 (PrimeCell UART (PL011) TRM (DDI 0183) §3.3): UARTDR at 0x00, UARTFR at 0x18
 * with RXFE in bit 4 and TXFF in bit 5.
 */
#include <stdint.h>

#include <sdk/uart.h>

#define PL011_DR 0x00u
#define PL011_FR 0x18u
#define PL011_FR_RXFE (1u << 4)
#define PL011_FR_TXFF (1u << 5)

/* Guest code has one CPU and one console: a global base is the simple choice here. */
static uintptr_t uart_base = SDK_UART_VIRT_BASE;

static inline volatile uint32_t *pl011_reg(uint32_t offset)
{
	return (volatile uint32_t *)(uart_base + offset);
}

void sdk_uart_set_base(uintptr_t base)
{
	uart_base = base;
}

uintptr_t sdk_uart_get_base(void)
{
	return uart_base;
}

void sdk_uart_putc(char c)
{
	while (*pl011_reg(PL011_FR) & PL011_FR_TXFF)
		;
	*pl011_reg(PL011_DR) = (uint8_t)c;
}

void sdk_uart_puts(const char *s)
{
	while (*s)
		sdk_uart_putc(*s++);
}

int sdk_uart_try_getc(void)
{
	if (*pl011_reg(PL011_FR) & PL011_FR_RXFE)
		return -1;
	return (int)(*pl011_reg(PL011_DR) & 0xffu);
}

int sdk_uart_getc(void)
{
	int c;

	do {
		c = sdk_uart_try_getc();
	} while (c < 0);
	return c;
}
