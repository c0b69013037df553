/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The PL011's receive interrupt: the guest enables RXIM and the UART's SPI (virt: SPI 1,
 * INTID 33) and sleeps in WFI; each interrupt drains the receive FIFO into a line buffer.
 * A complete line masks the receive interrupt (IMSC) until the program has used it, so that the
 * bytes after it wait in the FIFO. Lines are echoed with the virtual time they completed at;
 * "quit" ends the run with status 5.
 * Passes on QEMU too (qemu-system-aarch64 -M virt -cpu cortex-a72 -nographic -semihosting
 * -kernel irq_uart.elf, with the input on its standard input).
 */
#include <sdk/sdk.h>

#include "pl011_regs.h"

#define LINE_MAX 64

struct uart_state {
	struct sdk_gic gic;
	char line[LINE_MAX];
	volatile unsigned len;
	volatile bool done;
	volatile unsigned irqs;
	volatile uint32_t mis;
};

static void on_irq(enum sdk_exception_kind kind, unsigned group, struct sdk_exception_frame *frame,
		   void *ctx)
{
	struct uart_state *s = ctx;
	unsigned intid = sdk_gic_ack(&s->gic);

	(void)kind;
	(void)group;
	(void)frame;
	if (intid == UART_INTID && !s->done) {
		s->irqs++;
		s->mis = uart_r(UART_MIS);
		while ((uart_r(UART_FR) & UART_FR_RXFE) == 0) {
			char c = (char)uart_r(UART_DR);

			if (c == '\r')
				continue;
			if (c == '\n' || s->len + 1 == LINE_MAX) {
				s->line[s->len] = '\0';
				s->done = true;
				uart_w(UART_IMSC, 0);
				break;
			}
			s->line[s->len++] = c;
		}
	}
	if (intid != SDK_GIC_SPURIOUS)
		sdk_gic_eoi(&s->gic, intid);
}

int main(void)
{
	static struct uart_state s;
	uint64_t start;

	s.gic = sdk_gic_virt(2);
	sdk_vectors_install();
	sdk_irq_set_handler(SDK_EXCEPTION_IRQ, on_irq, &s);
	sdk_gic_init(&s.gic);
	sdk_gic_enable(&s.gic, UART_INTID, 0x80);
	uart_w(UART_IMSC, UART_RXIM | UART_RTIM);
	start = sdk_read_cntpct();
	sdk_irq_enable();
	for (;;) {
		sdk_printf("> \n");
		while (!s.done)
			sdk_wfi();
		sdk_irq_disable();
		sdk_printf("got \"%s\" (MIS 0x%x) at +%llu\n", s.line, s.mis,
			   (unsigned long long)(sdk_read_cntpct() - start));
		if (strcmp(s.line, "quit") == 0)
			return 5;
		s.len = 0;
		s.done = false;
		uart_w(UART_IMSC, UART_RXIM | UART_RTIM);
		sdk_irq_enable();
	}
}
