/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The PL011 UART (Arm PrimeCell UART (PL011) TRM, DDI 0183) as far as drivers use it: the data
 * register writes to the console and reads scripted or interactive input; the flag register
 * says the transmitter is ready and whether input waits; the identification registers read as
 * a PL011 r1p5 so that AMBA probing finds it; every other register reads back what was written.
 * Interrupts (TRM 3.4.15-3.4.18, 3.5): the raw status has TXRIS set always (output is immediate,
 * so the transmit FIFO is always at or below its trigger level) and RXRIS while input waits;
 * MIS = RIS & IMSC, and the UART's SPI is asserted while MIS is not zero, as the combined
 * UARTINTR. Both are levels of conditions that hold at once again, so ICR changes nothing.
 * Device windows the simulator does not model read as zero, or as the fixed values their
 * platform region gives, and ignore writes.
 */
#include <stdio.h>

#include "emu/gic.h"
#include "emu/internal.h"

#define PL011_DR 0x000
#define PL011_RSR 0x004
#define PL011_FR 0x018
#define PL011_IMSC 0x038
#define PL011_RIS 0x03c
#define PL011_MIS 0x040
#define PL011_ICR 0x044
#define PL011_PERIPH_ID0 0xfe0

#define PL011_FR_RXFE (1u << 4) /* receive FIFO empty */
#define PL011_FR_TXFE (1u << 7) /* transmit FIFO empty */
#define PL011_RIS_RX (1u << 4)
#define PL011_RIS_TX (1u << 5)

/*
 * Reads that find no input in a row, once no input can arrive any more, before the run ends:
 * a guest waiting for a line that will never come.
 */
#define PL011_MAX_EMPTY_POLLS 100000u

/* PeriphID0-3 and PCellID0-3 of a PL011 (TRM, Table 3-1). */
static const uint8_t pl011_id[8] = {0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1};

static void pl011_empty_poll(struct emu_pl011 *uart)
{
	struct emu_console *con = uart->cpu->console;

	if (!emu_console_input_exhausted(con))
		return;
	if (++uart->empty_polls < PL011_MAX_EMPTY_POLLS)
		return;
	emu_cpu_stop(uart->cpu, EMU_STOP_INPUT, 0,
		     con->scripted || con->had_stream
			     ? "console input used up while the guest waits for more"
			     : "the guest waits for console input and none was given");
}

/* RIS: TX always, RX while input waits. */
static uint32_t pl011_ris(struct emu_pl011 *uart)
{
	return PL011_RIS_TX | (emu_console_input_ready(uart->cpu->console) ? PL011_RIS_RX : 0);
}

/* Drives the UART's SPI: asserted while RIS & IMSC is not zero. */
static void pl011_update(struct emu_pl011 *uart)
{
	struct emu_gic_state *gic = uart->cpu->pe->gic;
	bool level;

	if (gic == NULL || uart->intid == 0)
		return;
	level = (pl011_ris(uart) & uart->regs[PL011_IMSC / 4]) != 0;
	if (level == uart->line)
		return;
	uart->line = level;
	emu_gic_set_spi(gic, uart->intid, level);
}

void emu_pl011_poll(struct emu_cpu *cpu)
{
	for (unsigned i = 0; i < cpu->uart_count; i++)
		pl011_update(&cpu->uarts[i]);
}

bool emu_pl011_wait_input(struct emu_cpu *cpu)
{
	bool listening = false;

	for (unsigned i = 0; i < cpu->uart_count; i++) {
		if (cpu->uarts[i].intid != 0 &&
		    (cpu->uarts[i].regs[PL011_IMSC / 4] & PL011_RIS_RX) != 0)
			listening = true;
	}
	if (!listening || cpu->pe->gic == NULL || !emu_console_wait_input(cpu->console))
		return false;
	emu_pl011_poll(cpu);
	return true;
}

static uint64_t pl011_read(uc_engine *uc, uint64_t offset, unsigned size, void *user)
{
	struct emu_pl011 *uart = user;
	struct emu_console *con = uart->cpu->console;
	int c;

	(void)uc;
	(void)size;
	offset &= 0xfff;
	switch (offset) {
	case PL011_DR:
		c = emu_console_getc(con);
		if (c < 0) {
			pl011_empty_poll(uart);
			return 0;
		}
		uart->empty_polls = 0;
		pl011_update(uart);
		return (uint64_t)c;
	case PL011_FR:
		if (emu_console_input_ready(con)) {
			uart->empty_polls = 0;
			return PL011_FR_TXFE;
		}
		pl011_empty_poll(uart);
		return PL011_FR_TXFE | PL011_FR_RXFE;
	case PL011_RSR:
		return 0;
	case PL011_RIS:
		pl011_update(uart);
		return pl011_ris(uart);
	case PL011_MIS:
		pl011_update(uart);
		return pl011_ris(uart) & uart->regs[PL011_IMSC / 4];
	default:
		break;
	}
	if (offset >= PL011_PERIPH_ID0 && (offset - PL011_PERIPH_ID0) / 4 < 8 && (offset & 3) == 0)
		return pl011_id[(offset - PL011_PERIPH_ID0) / 4];
	return uart->regs[offset / 4];
}

static void pl011_write(uc_engine *uc, uint64_t offset, unsigned size, uint64_t value, void *user)
{
	struct emu_pl011 *uart = user;
	struct emu_cpu *cpu = uart->cpu;

	(void)uc;
	(void)size;
	offset &= 0xfff;
	if (offset == PL011_DR) {
		uart->empty_polls = 0;
		emu_console_putc(&cpu->console_line, (uint8_t)value);
		if (cpu->console->watch_hit)
			emu_cpu_stop(cpu, EMU_STOP_CONSOLE, 0, "console printed \"%s\"",
				     cpu->console->watch);
		return;
	}
	if (offset == PL011_ICR)
		return;
	uart->regs[offset / 4] = (uint32_t)value;
	if (offset == PL011_IMSC)
		pl011_update(uart);
}

bool emu_pl011_map(struct emu_pl011 *uart, uint64_t address, struct diag *err)
{
	uc_err e = uc_mmio_map(uart->cpu->uc, address, 0x1000, pl011_read, uart, pl011_write, uart);

	if (e != UC_ERR_OK) {
		diag_set(err, NULL, 0, 0, "%s: cannot map the PL011 at 0x%llx: %s", uart->cpu->name,
			 (unsigned long long)address, uc_strerror(e));
		return false;
	}
	return true;
}

static uint64_t raz_read(uc_engine *uc, uint64_t offset, unsigned size, void *user)
{
	(void)uc;
	(void)offset;
	(void)size;
	(void)user;
	return 0;
}

static void wi_write(uc_engine *uc, uint64_t offset, unsigned size, uint64_t value, void *user)
{
	(void)uc;
	(void)offset;
	(void)size;
	(void)value;
	(void)user;
}

bool emu_raz_wi_map(struct emu_cpu *cpu, uint64_t address, uint64_t size, struct diag *err)
{
	uc_err e = uc_mmio_map(cpu->uc, address, size, raz_read, NULL, wi_write, NULL);

	if (e != UC_ERR_OK) {
		diag_set(err, NULL, 0, 0, "%s: cannot map the device window at 0x%llx: %s",
			 cpu->name, (unsigned long long)address, uc_strerror(e));
		return false;
	}
	return true;
}

/* A read of a device window with fixed values (docs/platform.md, `reads`). */
static uint64_t fixed_read(uc_engine *uc, uint64_t offset, unsigned size, void *user)
{
	const struct emu_device_view *view = user;

	(void)uc;
	return emu_region_read(view->region, view->offset + offset, size);
}

bool emu_device_map(struct emu_cpu *cpu, uint64_t address, uint64_t size,
		    const struct emu_region *region, uint64_t offset, struct diag *err)
{
	struct emu_device_view *view;
	uc_err e;

	if (region == NULL || region->read_count == 0)
		return emu_raz_wi_map(cpu, address, size, err);
	if (cpu->device_view_count == EMU_MAX_DEVICE_VIEWS) {
		diag_set(err, NULL, 0, 0, "%s: too many device windows (at most %d)", cpu->name,
			 EMU_MAX_DEVICE_VIEWS);
		return false;
	}
	view = &cpu->device_views[cpu->device_view_count];
	view->region = region;
	view->offset = offset;
	e = uc_mmio_map(cpu->uc, address, size, fixed_read, view, wi_write, NULL);
	if (e != UC_ERR_OK) {
		diag_set(err, NULL, 0, 0, "%s: cannot map the device window at 0x%llx: %s",
			 cpu->name, (unsigned long long)address, uc_strerror(e));
		return false;
	}
	cpu->device_view_count++;
	return true;
}
