/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The GIC model (emu/gic*.c) without a CPU: its reset state, enables, priorities, the PMR and
 * the running priority, groups and what they signal (IRQ or FIQ) in each security state,
 * acknowledge / end of interrupt / deactivation in both EOImodes, SGI targeting, level and edge
 * inputs, the non-secure views, GICv3 redistributors and GICv2's banked CPU interface, all
 * through the registers a guest uses (MMIO and the ICC_* system registers).
 */
#include <criterion/criterion.h>
#include <string.h>

#include "emu/gic.h"

/* Distributor and redistributor / CPU interface of QEMU's virt machine. */
#define GICD 0x08000000u
#define GICC 0x08010000u
#define GICR 0x080a0000u
#define RD_SGI(pe) (GICR + 0x20000u * (pe) + 0x10000u)

#define ICC(crn, crm, op2) EMU_SYSREG_KEY(3, 0, (crn), (crm), (op2))
#define ICC_PMR ICC(4, 6, 0)
#define ICC_IAR0 ICC(12, 8, 0)
#define ICC_EOIR0 ICC(12, 8, 1)
#define ICC_HPPIR1 ICC(12, 12, 2)
#define ICC_BPR0 ICC(12, 8, 3)
#define ICC_AP1R0 ICC(12, 9, 0)
#define ICC_DIR ICC(12, 11, 1)
#define ICC_RPR ICC(12, 11, 3)
#define ICC_SGI1R ICC(12, 11, 5)
#define ICC_ASGI1R ICC(12, 11, 6)
#define ICC_SGI0R ICC(12, 11, 7)
#define ICC_IAR1 ICC(12, 12, 0)
#define ICC_EOIR1 ICC(12, 12, 1)
#define ICC_CTLR ICC(12, 12, 4)
#define ICC_SRE ICC(12, 12, 5)
#define ICC_IGRPEN0 ICC(12, 12, 6)
#define ICC_IGRPEN1 ICC(12, 12, 7)

#define NS false
#define S true
#define UART_SPI 33u /* virt's UART0: SPI 1 */

static struct emu_gic_state gic;
static struct emu_platform plat;
static unsigned changes[EMU_GIC_MAX_PES];

static void count_change(void *ctx, unsigned pe)
{
	(void)ctx;
	changes[pe]++;
}

/* A fresh GIC of the given version for n PEs (MPIDR Aff0 = PE index) on virt's addresses. */
static void setup(unsigned version, unsigned n)
{
	struct diag d = {0};

	cr_assert(emu_platform_builtin("virt", &plat));
	if (version == 3) {
		plat.gic.version = 3;
		plat.gic.cpu_base = GICR;
		plat.gic.cpu_size = 0xf60000u;
	}
	cr_assert(emu_gic_init(&gic, &plat, n, NULL, &d), "%s", d.msg);
	memset(changes, 0, sizeof(changes));
	emu_gic_set_change(&gic, (struct emu_gic_change){count_change, NULL});
}

static uint32_t rd(uint64_t pa, bool secure)
{
	return (uint32_t)emu_gic_mmio_read(&gic, 0, secure, pa, 4);
}

static void wr(uint64_t pa, bool secure, uint32_t v)
{
	emu_gic_mmio_write(&gic, 0, secure, pa, 4, v);
}

static uint32_t rd_pe(unsigned pe, uint64_t pa, bool secure)
{
	return (uint32_t)emu_gic_mmio_read(&gic, pe, secure, pa, 4);
}

static void wr_pe(unsigned pe, uint64_t pa, bool secure, uint32_t v)
{
	emu_gic_mmio_write(&gic, pe, secure, pa, 4, v);
}

/* An ICC register read at EL1 on PE pe that must be served. */
static uint64_t icc_rd(unsigned pe, bool secure, uint32_t key)
{
	uint64_t v = 0;
	struct emu_gic_access at = {pe, secure, 1};

	cr_assert_eq(emu_gic_sysreg_read(&gic, at, key, &v), EMU_GIC_SYSREG_DONE, "key %#x", key);
	return v;
}

static void icc_wr(unsigned pe, bool secure, uint32_t key, uint64_t v)
{
	struct emu_gic_access at = {pe, secure, 1};

	cr_assert_eq(emu_gic_sysreg_write(&gic, at, key, v), EMU_GIC_SYSREG_DONE, "key %#x", key);
}

/* Enables group 1 non-secure in the distributor and PE pe's CPU interface, PMR open. */
static void v3_open_g1ns(unsigned pe)
{
	wr(GICD, NS, 1u << 1 | 1u << 4);
	icc_wr(pe, NS, ICC_IGRPEN1, 1);
	icc_wr(pe, S, ICC_PMR, 0xf8);
}

/* Enables SPI intid (non-secure view) at a priority, routed to PE 0. */
static void v3_spi(unsigned intid, bool secure, uint8_t prio)
{
	wr(GICD + 0x100 + 4 * (intid / 32), secure, 1u << (intid % 32));
	emu_gic_mmio_write(&gic, 0, S, GICD + 0x400 + intid, 1, prio);
}

/* A GICv3 resets as TF-A leaves it: affinity routing, groups 0 and 1S on, all G1NS at 0x80. */
Test(gic, v3_reset_state)
{
	setup(3, 2);
	cr_expect_eq(rd(GICD, S), 0x35u);  /* ARE_NS, ARE_S, EnableGrp1S, EnableGrp0 */
	cr_expect_eq(rd(GICD, NS), 0x10u); /* ARE_NS only in the non-secure view */
	cr_expect_eq(rd(GICD + 0x4, NS) & 0x1fu, 288u / 32 - 1);
	cr_expect_eq(rd(GICD + 0x4, NS) & (1u << 10), 1u << 10, "SecurityExtn");
	cr_expect_eq(rd(GICD + 0xffe8, NS), 0x3bu, "PIDR2.ArchRev 3");
	cr_expect_eq(emu_gic_irq_group(&gic, 0, UART_SPI), EMU_GIC_G1NS);
	cr_expect_eq(emu_gic_irq(&gic, 1, 30)->priority, 0x80);
	cr_expect(emu_gic_irq(&gic, 0, 5)->edge, "SGIs are edge-triggered");
	cr_expect_not(emu_gic_irq(&gic, 0, UART_SPI)->edge);
	cr_expect_eq(icc_rd(0, NS, ICC_SRE), 7u);
	cr_expect_eq(icc_rd(0, NS, ICC_HPPIR1), EMU_GIC_SPURIOUS);
	cr_expect_eq(icc_rd(0, S, ICC_RPR), EMU_GIC_IDLE_PRIORITY);
	cr_expect_eq(icc_rd(0, NS, ICC_CTLR), 0x8400u, "A3V, PRIbits 4");
	cr_expect_eq(icc_rd(0, NS, ICC_RPR), EMU_GIC_IDLE_PRIORITY, "idle in the NS view too");
	/* SGIs 8-15 are the secure world's, as TF-A's QEMU platform leaves them. */
	cr_expect_eq(emu_gic_irq_group(&gic, 1, 8), EMU_GIC_G1S);
	cr_expect_eq(emu_gic_irq_group(&gic, 1, 7), EMU_GIC_G1NS);
	cr_expect_eq(rd(RD_SGI(0) + 0x100, S), 0xff00u);
	cr_expect_eq(rd(RD_SGI(0) + 0x100, NS), 0u);
}

/* GICR_TYPER gives affinity and processor number, and Last on the final redistributor. */
Test(gic, v3_redistributor_typer_and_last)
{
	uint64_t mpidr[3] = {0x80000000u, 0x80000001u, 0x80000100u};
	struct diag d = {0};

	setup(3, 1);
	cr_assert(emu_gic_init(&gic, &plat, 3, mpidr, &d), "%s", d.msg);
	for (unsigned pe = 0; pe < 3; pe++) {
		uint64_t t = emu_gic_mmio_read(&gic, 0, NS, GICR + 0x20000u * pe + 8, 8);

		cr_expect_eq(t >> 32, mpidr[pe] & 0xffffffu, "PE %u affinity", pe);
		cr_expect_eq((t >> 8) & 0xffffu, pe, "processor number");
		cr_expect_eq((t >> 4) & 1u, pe == 2 ? 1u : 0u, "Last of PE %u", pe);
	}
	cr_expect_eq(emu_gic_mmio_read(&gic, 0, NS, GICR + 3 * 0x20000u + 8, 8), 0,
		     "past the last redistributor reads as zero");
}

/* A level SPI, enabled and above the PMR, asserts IRQ to the non-secure state. */
Test(gic, v3_enable_priority_pmr_signal_irq)
{
	setup(3, 1);
	v3_open_g1ns(0);
	emu_gic_set_spi(&gic, UART_SPI, true);
	cr_expect_eq(emu_gic_signals(&gic, 0, NS), 0u, "disabled: nothing");
	v3_spi(UART_SPI, NS, 0xa0);
	cr_expect_eq(emu_gic_signals(&gic, 0, NS), EMU_GIC_IRQ);
	cr_expect_gt(changes[0], 0u, "the change callback saw PE 0");
	icc_wr(0, S, ICC_PMR, 0xa0);
	cr_expect_eq(emu_gic_signals(&gic, 0, NS), 0u, "priority equal to the PMR is masked");
	icc_wr(0, S, ICC_PMR, 0xa8);
	cr_expect_eq(emu_gic_signals(&gic, 0, NS), EMU_GIC_IRQ);
	icc_wr(0, NS, ICC_IGRPEN1, 0);
	cr_expect_eq(emu_gic_signals(&gic, 0, NS), 0u, "group disabled at the CPU interface");
	icc_wr(0, NS, ICC_IGRPEN1, 1);
	wr(GICD, NS, 1u << 4);
	cr_expect_eq(emu_gic_signals(&gic, 0, NS), 0u, "group disabled at the distributor");
}

/* Group 0 is FIQ; group 1 is IRQ in its own security state and FIQ in the other. */
Test(gic, v3_groups_irq_or_fiq_per_security_state)
{
	static const struct {
		bool group1, grpmod;
		unsigned in_ns, in_s;
	} rows[] = {
		{false, false, EMU_GIC_FIQ, EMU_GIC_FIQ}, /* G0 */
		{false, true, EMU_GIC_FIQ, EMU_GIC_IRQ},  /* G1S */
		{true, false, EMU_GIC_IRQ, EMU_GIC_FIQ},  /* G1NS */
	};

	for (unsigned i = 0; i < 3; i++) {
		setup(3, 1);
		wr(GICD, S, 0x37); /* all three groups, ARE */
		icc_wr(0, NS, ICC_IGRPEN1, 1);
		icc_wr(0, S, ICC_PMR, 0xf8);
		wr(GICD + 0x84, S, rows[i].group1 ? 2u : 0u);
		wr(GICD + 0xd04, S, rows[i].grpmod ? 2u : 0u);
		v3_spi(UART_SPI, S, 0x40);
		emu_gic_set_spi(&gic, UART_SPI, true);
		cr_expect_eq(emu_gic_signals(&gic, 0, NS), rows[i].in_ns, "row %u, non-secure", i);
		cr_expect_eq(emu_gic_signals(&gic, 0, S), rows[i].in_s, "row %u, secure", i);
	}
}

/* EOImode 0: IAR1 activates and raises the running priority; EOIR1 drops and deactivates. */
Test(gic, v3_ack_eoi_eoimode0)
{
	setup(3, 1);
	v3_open_g1ns(0);
	v3_spi(UART_SPI, NS, 0xa0);
	emu_gic_set_spi(&gic, 40, false);
	emu_gic_mmio_write(&gic, 0, S, GICD + 0xc00 + 40 / 4, 1, 0x2u << (2 * (40 % 4)) & 0xff);
	v3_spi(40, NS, 0xa0);
	emu_gic_set_spi(&gic, 40, true); /* edge: pended by the rising edge */
	cr_expect_eq(icc_rd(0, NS, ICC_HPPIR1), 40u, "HPPIR names it without acknowledging");
	cr_expect_eq(icc_rd(0, NS, ICC_IAR1), 40u);
	cr_expect(emu_gic_irq(&gic, 0, 40)->active);
	cr_expect_not(emu_gic_irq(&gic, 0, 40)->pending, "edge: pending cleared by the ack");
	cr_expect_eq(icc_rd(0, S, ICC_RPR), 0xa0u);
	cr_expect_eq(icc_rd(0, NS, ICC_RPR), 0x40u, "non-secure view: (0xa0 << 1) & 0xff");
	cr_expect_eq(emu_gic_signals(&gic, 0, NS), 0u);
	cr_expect_eq(icc_rd(0, NS, ICC_IAR1), EMU_GIC_SPURIOUS, "nothing else pending");
	icc_wr(0, NS, ICC_EOIR1, 40);
	cr_expect_not(emu_gic_irq(&gic, 0, 40)->active);
	cr_expect_eq(icc_rd(0, S, ICC_RPR), EMU_GIC_IDLE_PRIORITY);
}

/* EOImode 1: EOIR1 only drops the priority; the interrupt stays active until ICC_DIR. */
Test(gic, v3_ack_eoi_dir_eoimode1)
{
	setup(3, 1);
	v3_open_g1ns(0);
	icc_wr(0, NS, ICC_CTLR, 2);
	cr_expect_eq(icc_rd(0, NS, ICC_CTLR) & 2u, 2u);
	cr_expect_eq(icc_rd(0, S, ICC_CTLR) & 2u, 0u, "ICC_CTLR_EL1 is banked");
	v3_spi(UART_SPI, NS, 0x90);
	emu_gic_set_spi(&gic, UART_SPI, true);
	cr_expect_eq(icc_rd(0, NS, ICC_IAR1), UART_SPI);
	icc_wr(0, NS, ICC_EOIR1, UART_SPI);
	cr_expect(emu_gic_irq(&gic, 0, UART_SPI)->active, "still active after the drop");
	cr_expect_eq(icc_rd(0, S, ICC_RPR), EMU_GIC_IDLE_PRIORITY, "priority dropped");
	cr_expect_eq(emu_gic_signals(&gic, 0, NS), 0u, "active: not pending again yet");
	icc_wr(0, NS, ICC_DIR, UART_SPI);
	cr_expect_not(emu_gic_irq(&gic, 0, UART_SPI)->active);
	cr_expect_eq(emu_gic_signals(&gic, 0, NS), EMU_GIC_IRQ, "the line is still high");
}

/* With EOImode 0, ICC_DIR is ignored (as QEMU does). */
Test(gic, v3_dir_ignored_in_eoimode0)
{
	setup(3, 1);
	v3_open_g1ns(0);
	v3_spi(UART_SPI, NS, 0x90);
	emu_gic_set_spi(&gic, UART_SPI, true);
	cr_assert_eq(icc_rd(0, NS, ICC_IAR1), UART_SPI);
	icc_wr(0, NS, ICC_DIR, UART_SPI);
	cr_expect(emu_gic_irq(&gic, 0, UART_SPI)->active);
}

/* A higher group priority preempts an active one; an equal group priority does not (BPR). */
Test(gic, v3_preemption_and_binary_point)
{
	setup(3, 1);
	v3_open_g1ns(0);
	v3_spi(40, NS, 0xa0);
	v3_spi(41, NS, 0x90);
	emu_gic_set_spi(&gic, 40, true);
	cr_assert_eq(icc_rd(0, NS, ICC_IAR1), 40u);
	emu_gic_set_spi(&gic, 41, true);
	cr_expect_eq(emu_gic_signals(&gic, 0, NS), EMU_GIC_IRQ, "0x90 preempts 0xa0");
	/* Non-secure BPR1 of 6 makes group priority [7:6]: 0x90 and 0xa0 are both 0x80. */
	icc_wr(0, NS, ICC(12, 12, 3), 6);
	cr_expect_eq(emu_gic_signals(&gic, 0, NS), 0u, "same group priority: no preemption");
	icc_wr(0, NS, ICC(12, 12, 3), 3);
	cr_expect_eq(icc_rd(0, NS, ICC_IAR1), 41u);
	cr_expect_eq(icc_rd(0, NS, ICC_AP1R0), (1u << (0xa0 >> 3)) | (1u << (0x90 >> 3)));
	icc_wr(0, NS, ICC_EOIR1, 41);
	cr_expect_eq(icc_rd(0, S, ICC_RPR), 0xa0u, "back to the first one's priority");
	icc_wr(0, NS, ICC_EOIR1, 40);
}

/* SGI1R reaches the PEs its affinity and target list name; IRM reaches all but the sender. */
Test(gic, v3_sgi_targeting)
{
	uint64_t mpidr[4] = {0x0, 0x1, 0x100, 0x101};
	struct diag d = {0};

	setup(3, 1);
	cr_assert(emu_gic_init(&gic, &plat, 4, mpidr, &d), "%s", d.msg);
	/* SGI 3 to Aff1 1, targets Aff0 1: PE 3 only. */
	icc_wr(0, NS, ICC_SGI1R, 3ull << 24 | 1ull << 16 | 0x2);
	for (unsigned pe = 0; pe < 4; pe++)
		cr_expect_eq(emu_gic_irq(&gic, pe, 3)->pending, pe == 3, "PE %u", pe);
	/* SGI 4 with IRM from PE 1. */
	icc_wr(1, NS, ICC_SGI1R, 4ull << 24 | 1ull << 40);
	for (unsigned pe = 0; pe < 4; pe++)
		cr_expect_eq(emu_gic_irq(&gic, pe, 4)->pending, pe != 1, "IRM, PE %u", pe);
	/* SGI 5 to Aff1 0, targets Aff0 0 and 1: PEs 0 and 1. */
	icc_wr(2, NS, ICC_SGI1R, 5ull << 24 | 0x3);
	for (unsigned pe = 0; pe < 4; pe++)
		cr_expect_eq(emu_gic_irq(&gic, pe, 5)->pending, pe < 2, "list, PE %u", pe);
}

/* SGIs reach only targets whose SGI is in the group the register generates. */
Test(gic, v3_sgi_group_filter)
{
	setup(3, 2);
	/* Non-secure SGI0R reaches nothing (group 0 is secure). */
	icc_wr(0, NS, ICC_SGI0R, 1ull << 24 | 0x2);
	cr_expect_not(emu_gic_irq(&gic, 1, 1)->pending);
	/* Secure SGI1R generates group 1 secure: SGI 2 is G1NS, so it is dropped. */
	icc_wr(0, S, ICC_SGI1R, 2ull << 24 | 0x2);
	cr_expect_not(emu_gic_irq(&gic, 1, 2)->pending);
	/* Secure ASGI1R generates the other state's group 1: reaches the G1NS SGI. */
	icc_wr(0, S, ICC_ASGI1R, 2ull << 24 | 0x2);
	cr_expect(emu_gic_irq(&gic, 1, 2)->pending);
	cr_expect_eq(changes[1], 1u, "PE 1 was told");
	/* Made group 0 on PE 1, a secure SGI0R reaches it and it is FIQ there. */
	wr_pe(1, RD_SGI(1) + 0x80, S, ~(1u << 6));
	icc_wr(0, S, ICC_SGI0R, 6ull << 24 | 0x2);
	cr_expect(emu_gic_irq(&gic, 1, 6)->pending);
	wr_pe(1, RD_SGI(1) + 0x100, S, 1u << 6);
	cr_expect_eq(emu_gic_signals(&gic, 1, NS), EMU_GIC_FIQ);
	cr_expect_eq(icc_rd(1, S, ICC_IAR0), 6u);
	icc_wr(1, S, ICC_EOIR0, 6);
	cr_expect_not(emu_gic_irq(&gic, 1, 6)->active);
}

/* A level input stays pending while high, even after ICPENDR; an edge one latches. */
Test(gic, v3_level_and_edge)
{
	setup(3, 1);
	v3_open_g1ns(0);
	v3_spi(UART_SPI, NS, 0xa0);
	emu_gic_set_spi(&gic, UART_SPI, true);
	wr(GICD + 0x280 + 4, NS, 1u << (UART_SPI - 32));
	cr_expect_eq(rd(GICD + 0x200 + 4, NS) >> (UART_SPI - 32) & 1u, 1u,
		     "level high: still pending");
	cr_assert_eq(icc_rd(0, NS, ICC_IAR1), UART_SPI);
	cr_expect_eq(rd(GICD + 0x200 + 4, NS) >> (UART_SPI - 32) & 1u, 1u, "active and pending");
	emu_gic_set_spi(&gic, UART_SPI, false);
	cr_expect_eq(rd(GICD + 0x200 + 4, NS) >> (UART_SPI - 32) & 1u, 0u, "line low");
	icc_wr(0, NS, ICC_EOIR1, UART_SPI);
	/* Now edge: a pulse leaves it pending after the line drops. */
	wr(GICD + 0xc00 + 8, S, 2u << (2 * (UART_SPI % 16)));
	emu_gic_set_spi(&gic, UART_SPI, true);
	emu_gic_set_spi(&gic, UART_SPI, false);
	cr_expect_eq(emu_gic_signals(&gic, 0, NS), EMU_GIC_IRQ);
	cr_expect_eq(icc_rd(0, NS, ICC_IAR1), UART_SPI);
	cr_expect_eq(icc_rd(0, NS, ICC_IAR1), EMU_GIC_SPURIOUS, "one edge, one interrupt");
}

/* Non-secure accesses cannot see or change secure interrupts; priorities are shifted. */
Test(gic, v3_non_secure_view)
{
	setup(3, 1);
	wr(GICD + 0x84, S, ~2u); /* INTID 33 group 0 */
	wr(GICD + 0x104, NS, 1u << 1);
	cr_expect_not(emu_gic_irq(&gic, 0, 33)->enabled, "NS cannot enable a group 0 SPI");
	wr(GICD + 0x104, S, 1u << 1);
	cr_expect_eq(rd(GICD + 0x104, NS), 0u, "NS reads it as zero");
	cr_expect_eq(rd(GICD + 0x84, NS), 0u, "IGROUPR is RAZ to non-secure accesses");
	emu_gic_mmio_write(&gic, 0, NS, GICD + 0x400 + 34, 1, 0x40);
	cr_expect_eq(emu_gic_irq(&gic, 0, 34)->priority, 0xa0, "NS priority 0x40 is 0xa0");
	cr_expect_eq(emu_gic_mmio_read(&gic, 0, NS, GICD + 0x400 + 34, 1), 0x40u);
	icc_wr(0, NS, ICC_PMR, 0xf0);
	cr_expect_eq(gic.cpu[0].pmr, 0xf8, "NS PMR 0xf0 is 0xf8");
	cr_expect_eq(icc_rd(0, NS, ICC_PMR), 0xf0u);
	icc_wr(0, S, ICC_PMR, 0x60);
	icc_wr(0, NS, ICC_PMR, 0xf0);
	cr_expect_eq(gic.cpu[0].pmr, 0x60, "NS cannot unmask below 0x80");
	cr_expect_eq(icc_rd(0, NS, ICC_IAR0), EMU_GIC_SPURIOUS);
	cr_expect_eq(icc_rd(0, NS, ICC_IGRPEN0), 0u, "group 0 registers are RAZ/WI to NS");
	icc_wr(0, NS, ICC_BPR0, 7);
	cr_expect_eq(gic.cpu[0].bpr0, 2);
}

/* ProcessorSleep stops a redistributor forwarding; it is secure-only with DS clear. */
Test(gic, v3_waker_handshake)
{
	setup(3, 1);
	v3_open_g1ns(0);
	wr_pe(0, RD_SGI(0) + 0x100, NS, 1u << 20);
	emu_gic_set_ppi(&gic, 0, 20, true);
	cr_expect_eq(emu_gic_signals(&gic, 0, NS), EMU_GIC_IRQ);
	wr(GICR + 0x14, NS, 2);
	cr_expect_eq(rd(GICR + 0x14, S), 0u, "NS writes ignored");
	wr(GICR + 0x14, S, 2);
	cr_expect_eq(rd(GICR + 0x14, S), 6u, "ChildrenAsleep follows ProcessorSleep");
	cr_expect_eq(rd(GICR + 0x14, NS), 0u, "RAZ to NS");
	cr_expect_eq(emu_gic_signals(&gic, 0, NS), 0u, "asleep: nothing forwarded");
	wr(GICR + 0x14, S, 0);
	cr_expect_eq(rd(GICR + 0x14, S), 0u);
	cr_expect_eq(emu_gic_signals(&gic, 0, NS), EMU_GIC_IRQ);
}

/* PPIs are banked per redistributor; GICD's private fields are RAZ/WI with affinity routing. */
Test(gic, v3_ppi_banked)
{
	setup(3, 2);
	v3_open_g1ns(1);
	wr_pe(1, RD_SGI(1) + 0x100, NS, 1u << 27);
	cr_expect(emu_gic_irq(&gic, 1, 27)->enabled);
	cr_expect_not(emu_gic_irq(&gic, 0, 27)->enabled);
	emu_gic_set_ppi(&gic, 1, 27, true);
	cr_expect_eq(emu_gic_signals(&gic, 1, NS), EMU_GIC_IRQ);
	cr_expect_eq(emu_gic_signals(&gic, 0, NS), 0u);
	wr(GICD + 0x100, NS, ~0u);
	cr_expect_not(emu_gic_irq(&gic, 0, 20)->enabled, "GICD_ISENABLER0 is RAZ/WI with ARE");
	cr_expect_eq(rd_pe(0, RD_SGI(1) + 0x100, NS), 1u << 27, "PE 1's frame from PE 0");
}

/* IROUTER sends an SPI to the PE of the named affinity; IRM to any. */
Test(gic, v3_irouter)
{
	setup(3, 2);
	v3_open_g1ns(0);
	v3_open_g1ns(1);
	v3_spi(UART_SPI, NS, 0xa0);
	emu_gic_set_spi(&gic, UART_SPI, true);
	cr_expect_eq(emu_gic_signals(&gic, 0, NS), EMU_GIC_IRQ);
	emu_gic_mmio_write(&gic, 0, NS, GICD + 0x6000 + 8 * UART_SPI, 8, 1);
	cr_expect_eq(emu_gic_mmio_read(&gic, 0, NS, GICD + 0x6000 + 8 * UART_SPI, 8), 1u);
	cr_expect_eq(emu_gic_signals(&gic, 0, NS), 0u);
	cr_expect_eq(emu_gic_signals(&gic, 1, NS), EMU_GIC_IRQ);
	emu_gic_mmio_write(&gic, 0, NS, GICD + 0x6000 + 8 * UART_SPI, 8, 1u << 31);
	cr_expect_eq(emu_gic_signals(&gic, 0, NS), EMU_GIC_IRQ);
	cr_expect_eq(icc_rd(1, NS, ICC_IAR1), UART_SPI);
	cr_expect_eq(emu_gic_signals(&gic, 0, NS), 0u, "taken by PE 1");
}

/* The system-register interface exists only where the architecture has it. */
Test(gic, icc_undefined_cases)
{
	struct emu_gic_access el0 = {0, NS, 0}, el1 = {0, NS, 1}, el2 = {0, NS, 2};
	uint64_t v;

	setup(3, 1);
	cr_expect_eq(emu_gic_sysreg_read(&gic, el0, ICC_IAR1, &v), EMU_GIC_SYSREG_UNDEFINED);
	cr_expect_eq(emu_gic_sysreg_read(&gic, el1, EMU_SYSREG_KEY(3, 4, 12, 9, 5), &v),
		     EMU_GIC_SYSREG_UNDEFINED, "ICC_SRE_EL2 at EL1");
	cr_expect_eq(emu_gic_sysreg_read(&gic, el2, EMU_SYSREG_KEY(3, 4, 12, 9, 5), &v),
		     EMU_GIC_SYSREG_DONE);
	cr_expect_eq(v, 0xfu);
	cr_expect_eq(emu_gic_sysreg_read(&gic, el2, EMU_SYSREG_KEY(3, 4, 12, 11, 0), &v),
		     EMU_GIC_SYSREG_UNDEFINED, "ICH_HCR_EL2 is not modelled");
	cr_expect_eq(emu_gic_sysreg_read(&gic, el1, EMU_SYSREG_KEY(3, 6, 12, 12, 5), &v),
		     EMU_GIC_SYSREG_UNDEFINED, "ICC_SRE_EL3");
	cr_expect_eq(emu_gic_sysreg_read(&gic, el1, ICC_EOIR1, &v), EMU_GIC_SYSREG_UNDEFINED,
		     "EOIR is write-only");
	cr_expect_eq(emu_gic_sysreg_write(&gic, el1, ICC_IAR1, 0), EMU_GIC_SYSREG_UNDEFINED,
		     "IAR is read-only");
	cr_expect_eq(emu_gic_sysreg_read(&gic, el1, EMU_SYSREG_KEY(3, 0, 12, 0, 0), &v),
		     EMU_GIC_SYSREG_NOT_GIC, "VBAR_EL1 is the CPU's");
	setup(2, 1);
	cr_expect_eq(emu_gic_sysreg_read(&gic, el1, ICC_SRE, &v), EMU_GIC_SYSREG_UNDEFINED,
		     "GICv2: no system-register interface");
	cr_expect_eq(emu_gic_sysreg_read(NULL, el1, ICC_SRE, &v), EMU_GIC_SYSREG_UNDEFINED,
		     "no GIC at all");
}

/* GICv2 resets as TF-A's gicv2 driver leaves it; GICD_CTLR has two views. */
Test(gic, v2_reset_and_ids)
{
	setup(2, 2);
	cr_expect_eq(rd(GICD, S), 1u, "group 0 enabled by the secure side");
	cr_expect_eq(rd(GICD, NS), 0u);
	wr(GICD, NS, 1);
	cr_expect_eq(rd(GICD, S), 3u);
	cr_expect_eq(rd(GICD + 4, NS), (288u / 32 - 1) | 1u << 5 | 1u << 10, "2 CPUs, security");
	cr_expect_eq(rd(GICD + 0xfe8, NS), 0x2bu);
	cr_expect_eq(rd(GICC + 0xc, NS), EMU_GIC_SPURIOUS);
	cr_expect_eq(rd(GICC + 0x0, S), 0x9u, "EnableGrp0 and FIQEn");
}

/* The GICv2 CPU interface and private interrupts are banked per CPU. */
Test(gic, v2_banked_cpu_interface)
{
	setup(2, 2);
	wr(GICD, NS, 1);
	wr_pe(1, GICC, NS, 1);
	wr_pe(1, GICC + 4, NS, 0xf0);
	cr_expect_eq(rd_pe(1, GICC + 4, NS), 0xf0u, "the non-secure view of 0xf8");
	cr_expect_eq(gic.cpu[1].pmr, 0xf8);
	cr_expect_eq(gic.cpu[0].pmr, 0xff, "CPU 0's PMR untouched");
	wr_pe(1, GICD + 0x100, NS, 1u << 30);
	cr_expect_eq(rd_pe(1, GICD + 0x100, NS), 1u << 30 | 0xffu, "SGIs are always enabled");
	cr_expect_eq(rd_pe(0, GICD + 0x100, NS), 0xffu, "ISENABLER0 is banked");
	wr_pe(0, GICD + 0x180, NS, 0xffffu);
	cr_expect_eq(rd_pe(0, GICD + 0x100, NS), 0xffu, "SGI enables ignore ICENABLER0");
	cr_expect_eq(rd_pe(0, GICD + 0x100, S), 0xffffu, "SGIs 8-15 are secure (group 0)");
	cr_expect_eq(rd_pe(1, GICD + 0x81c, NS), 0x02020202u, "ITARGETSR of PPIs: own CPU");
	emu_gic_set_ppi(&gic, 1, 30, true);
	cr_expect_eq(emu_gic_signals(&gic, 1, NS), EMU_GIC_IRQ);
	cr_expect_eq(emu_gic_signals(&gic, 0, NS), 0u);
	cr_expect_eq(rd_pe(1, GICC + 0xc, NS), 30u);
	cr_expect_eq(rd_pe(1, GICC + 0x14, NS), 0x00u, "NS RPR of 0x80 is (0x80 << 1) & 0xff");
	cr_expect_eq(rd_pe(1, GICC + 0x14, S), 0x80u);
	wr_pe(1, GICC + 0x10, NS, 30);
	cr_expect_not(emu_gic_irq(&gic, 1, 30)->active);
}

/* GICD_SGIR: target list, all but self, self; GICC_IAR reports the source CPU. */
Test(gic, v2_sgir_filters_and_source)
{
	setup(2, 4);
	wr(GICD, NS, 1);
	wr_pe(2, GICD + 0xf00, NS, 0u << 24 | 0x9u << 16 | 7);
	for (unsigned pe = 0; pe < 4; pe++)
		cr_expect_eq(emu_gic_irq(&gic, pe, 7)->pending, pe == 0 || pe == 3, "list %u", pe);
	wr_pe(2, GICD + 0xf00, NS, 1u << 24 | 4);
	for (unsigned pe = 0; pe < 4; pe++)
		cr_expect_eq(emu_gic_irq(&gic, pe, 4)->pending, pe != 2, "others %u", pe);
	wr_pe(2, GICD + 0xf00, NS, 2u << 24 | 3);
	for (unsigned pe = 0; pe < 4; pe++)
		cr_expect_eq(emu_gic_irq(&gic, pe, 3)->pending, pe == 2, "self %u", pe);
	/* SGI 7 on CPU 3 from CPU 2 and CPU 1: two sources, acknowledged one by one. */
	wr_pe(1, GICD + 0xf00, NS, 0x8u << 16 | 7);
	cr_expect_eq(emu_gic_mmio_read(&gic, 3, NS, GICD + 0xf24 + 3, 1), 0x6u,
		     "SPENDSGIR: sources 1 and 2");
	emu_gic_mmio_write(&gic, 3, NS, GICD + 0xf14, 1, 0xff); /* CPENDSGIR: SGI 4 only */
	cr_expect_not(emu_gic_irq(&gic, 3, 4)->pending);
	cr_expect(emu_gic_irq(&gic, 3, 7)->pending);
	wr_pe(3, GICC, NS, 1);
	cr_expect_eq(rd_pe(3, GICC + 0xc, NS), 7u | 1u << 10, "from CPU 1 first");
	wr_pe(3, GICC + 0x10, NS, 7u | 1u << 10);
	cr_expect_eq(rd_pe(3, GICC + 0xc, NS), 7u | 2u << 10, "then CPU 2");
	/* A secure writer with NSATT 0 sends only group 0 SGIs: SGI 5 is group 1, 12 group 0. */
	wr_pe(0, GICD + 0xf00, S, 0x1u << 16 | 5);
	cr_expect_not(emu_gic_irq(&gic, 0, 5)->pending);
	wr_pe(0, GICD + 0xf00, S, 0x1u << 16 | 1u << 15 | 5);
	cr_expect(emu_gic_irq(&gic, 0, 5)->pending, "NSATT 1: group 1");
	wr_pe(0, GICD + 0xf00, S, 0x1u << 16 | 1u << 15 | 12);
	cr_expect_not(emu_gic_irq(&gic, 0, 12)->pending, "NSATT 1: not group 0");
	wr_pe(0, GICD + 0xf00, S, 0x1u << 16 | 12);
	cr_expect(emu_gic_irq(&gic, 0, 12)->pending, "NSATT 0: group 0");
	wr_pe(0, GICD + 0xf00, NS, 0x1u << 16 | 13);
	cr_expect_not(emu_gic_irq(&gic, 0, 13)->pending, "non-secure: never group 0");
}

/* GICv2 secure side: FIQEn makes group 0 FIQ; IAR returns 1022 for group 1 without AckCtl. */
Test(gic, v2_fiqen_ackctl)
{
	setup(2, 1);
	wr(GICD, S, 3);
	wr(GICC, S, 0x3 | 0x8);
	wr(GICD + 0x84, S, ~2u); /* INTID 33 group 0 */
	wr(GICD + 0x104, S, 3u); /* 32 (group 1) and 33 (group 0) */
	emu_gic_mmio_write(&gic, 0, S, GICD + 0x400 + 32, 1, 0x40);
	emu_gic_set_spi(&gic, 33, true);
	cr_expect_eq(emu_gic_signals(&gic, 0, NS), EMU_GIC_FIQ);
	wr(GICC, S, 0x3);
	cr_expect_eq(emu_gic_signals(&gic, 0, NS), EMU_GIC_IRQ, "FIQEn clear: group 0 is IRQ");
	emu_gic_set_spi(&gic, 32, true);
	cr_expect_eq(rd(GICC + 0x18, S), 1022u, "HPPIR: group 1 pending, AckCtl clear");
	cr_expect_eq(rd(GICC + 0xc, S), 1022u);
	cr_expect_eq(rd(GICC + 0x28, S), 32u, "AHPPIR names it");
	cr_expect_eq(rd(GICC + 0x20, S), 32u, "AIAR takes it");
	emu_gic_set_spi(&gic, 32, false);
	wr(GICC + 0x24, S, 32);
	cr_expect_not(emu_gic_irq(&gic, 0, 32)->active);
	cr_expect_eq(rd(GICC + 0xc, S), 33u);
	wr(GICC + 0x10, S, 33);
	cr_expect_not(emu_gic_irq(&gic, 0, 33)->active);
}

/* GICv2 EOImodeNS: GICC_EOIR drops the priority, GICC_DIR deactivates. */
Test(gic, v2_eoimode_dir)
{
	setup(2, 1);
	wr(GICD, NS, 1);
	wr(GICC, NS, 1 | 1u << 9);
	wr(GICD + 0x104, NS, 2u);
	emu_gic_set_spi(&gic, 33, true);
	cr_assert_eq(rd(GICC + 0xc, NS), 33u);
	wr(GICC + 0x10, NS, 33);
	cr_expect(emu_gic_irq(&gic, 0, 33)->active);
	cr_expect_eq(rd(GICC + 0x14, S), EMU_GIC_IDLE_PRIORITY);
	wr(GICC + 0x1000, NS, 33);
	cr_expect_not(emu_gic_irq(&gic, 0, 33)->active);
}

/* ITARGETSR routes a GICv2 SPI to the CPUs in its mask. */
Test(gic, v2_itargetsr)
{
	setup(2, 2);
	wr(GICD, NS, 1);
	wr_pe(0, GICC, NS, 1);
	wr_pe(1, GICC, NS, 1);
	wr(GICD + 0x104, NS, 2u);
	emu_gic_set_spi(&gic, 33, true);
	cr_expect_eq(emu_gic_signals(&gic, 0, NS), EMU_GIC_IRQ);
	emu_gic_mmio_write(&gic, 0, NS, GICD + 0x800 + 33, 1, 2);
	cr_expect_eq(emu_gic_signals(&gic, 0, NS), 0u);
	cr_expect_eq(emu_gic_signals(&gic, 1, NS), EMU_GIC_IRQ);
	cr_expect_eq(emu_gic_mmio_read(&gic, 0, NS, GICD + 0x820, 4), 0x01010201u,
		     "the others target CPU 0");
}

/* The model refuses what it cannot be. */
Test(gic, init_errors)
{
	struct diag d = {0};

	cr_assert(emu_platform_builtin("virt", &plat));
	cr_expect_not(emu_gic_init(&gic, &plat, 9, NULL, &d));
	cr_expect_str_eq(d.msg, "a GICv2 model cannot serve 9 PEs (1 to 8)");
	plat.gic.present = false;
	cr_expect_not(emu_gic_init(&gic, &plat, 1, NULL, &d));
	cr_expect_str_eq(d.msg, "platform virt has no GIC");
	plat.gic.present = true;
	plat.gic.version = 3;
	plat.gic.cpu_size = 0x20000;
	cr_expect_not(emu_gic_init(&gic, &plat, 2, NULL, &d));
	cr_expect_str_eq(d.msg, "the GICv3 redistributor window of virt (0x20000 bytes) has no "
				"room for 2 PEs (128 KiB each)");
}

/* Byte and doubleword accesses reach the right fields; fault reports describe a PE. */
Test(gic, access_widths_and_report)
{
	char buf[512] = {0};
	FILE *f = fmemopen(buf, sizeof(buf), "w");

	setup(3, 1);
	emu_gic_mmio_write(&gic, 0, S, GICD + 0x400 + 35, 1, 0x48);
	cr_expect_eq(emu_gic_irq(&gic, 0, 35)->priority, 0x48);
	cr_expect_eq(rd(GICD + 0x420, S), 0x48808080u);
	cr_expect_eq(emu_gic_mmio_read(&gic, 0, S, GICD + 0x422, 2), 0x4880u);
	v3_open_g1ns(0);
	v3_spi(UART_SPI, NS, 0xa0);
	emu_gic_set_spi(&gic, UART_SPI, true);
	cr_assert_eq(icc_rd(0, NS, ICC_IAR1), UART_SPI);
	emu_gic_report(&gic, 0, f);
	fclose(f);
	cr_expect(strstr(buf, "active: 33") != NULL, "%s", buf);
	cr_expect(strstr(buf, "running priority 0xa0") != NULL, "%s", buf);
}
