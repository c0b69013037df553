/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The PL011's transmit interrupt, as Linux's amba-pl011 driver uses it: the guest enables TXIM
 * and the UART's SPI (virt: SPI 1, INTID 33); the interrupt comes while the transmit FIFO is at
 * or below its trigger level, and each one writes up to a FIFO's worth (16 bytes) of a line;
 * with the line sent the handler masks TXIM (the driver's pl011_stop_tx). Prints the number of
 * interrupts, the MIS they saw and the virtual time it took.
 * QEMU (qemu-system-aarch64 -M virt -cpu cortex-a72 -nographic -semihosting -kernel
 * irq_uart_tx.elf) prints the same lines, with another time.
 */
#include <sdk/sdk.h>

#include "pl011_regs.h"

#define UART_FIFO 16u /* bytes the transmit FIFO holds */

struct tx_state {
	struct sdk_gic gic;
	const char *text;
	volatile unsigned sent;
	volatile unsigned irqs;
	volatile uint32_t mis;
};

static void on_irq(enum sdk_exception_kind kind, unsigned group, struct sdk_exception_frame *frame,
		   void *ctx)
{
	struct tx_state *s = ctx;
	unsigned intid = sdk_gic_ack(&s->gic);

	(void)kind;
	(void)group;
	(void)frame;
	if (intid == UART_INTID) {
		s->irqs++;
		s->mis |= uart_r(UART_MIS);
		for (unsigned n = 0; n < UART_FIFO && s->text[s->sent] != '\0'; n++)
			uart_w(UART_DR, (uint32_t)(unsigned char)s->text[s->sent++]);
		if (s->text[s->sent] == '\0')
			uart_w(UART_IMSC, 0);
	}
	if (intid != SDK_GIC_SPURIOUS)
		sdk_gic_eoi(&s->gic, intid);
}

int main(void)
{
	static struct tx_state s = {.text = "sent by the transmit interrupt, 16 bytes at a time\n"};
	uint64_t start;

	s.gic = sdk_gic_virt(2);
	sdk_vectors_install();
	sdk_irq_set_handler(SDK_EXCEPTION_IRQ, on_irq, &s);
	sdk_gic_init(&s.gic);
	sdk_gic_enable(&s.gic, UART_INTID, 0x80);
	start = sdk_read_cntpct();
	uart_w(UART_IMSC, UART_TXIM);
	sdk_irq_enable();
	while (uart_r(UART_IMSC) != 0)
		sdk_wfi();
	sdk_irq_disable();
	sdk_printf("%u interrupts, MIS 0x%x, %u bytes in %llu ticks\n", s.irqs, s.mis, s.sent,
		   (unsigned long long)(sdk_read_cntpct() - start));
	return 0;
}
