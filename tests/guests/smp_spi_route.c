/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * An SPI routed to another CPU: the boot CPU enables SPI 100 and brings CPU 1 up, which
 * brings up its own GIC CPU interface and sleeps in WFI with IRQs unmasked. The boot CPU routes
 * the SPI to CPU 1 (GICD_IROUTER = CPU 1's affinity on a GICv3, GICD_ITARGETSR = CPU 1's bit on
 * a GICv2) and pends it (GICD_ISPENDR): CPU 1 takes it. It routes it back to itself and pends it
 * again: it takes it. Each CPU prints what it took. The output is the same on
 * qemu-system-aarch64 -M virt[,gic-version=3] -cpu cortex-a72 -smp 2 -semihosting.
 */
#include "smp_common.h"

#define SPI 100u
#define PRIO 0x80u
#define GICD_ISPENDR 0x200u
#define GICD_ITARGETSR 0x800u
#define GICD_IROUTER 0x6000u
/* MPIDR_EL1's affinity fields (Aff3 39:32, Aff2-Aff0 23:0). */
#define MPIDR_AFFINITY 0xff00ffffffull

static void mmio_w8(uintptr_t addr, uint8_t v)
{
	*(volatile uint8_t *)addr = v;
}

static void mmio_w32(uintptr_t addr, uint32_t v)
{
	*(volatile uint32_t *)addr = v;
}

static void mmio_w64(uintptr_t addr, uint64_t v)
{
	*(volatile uint64_t *)addr = v;
}

static volatile uint32_t ready, done;
static volatile uint32_t taken[2];
static struct sdk_cpu_start start;
static unsigned gic_version;

static void on_irq(enum sdk_exception_kind kind, unsigned group, struct sdk_exception_frame *frame,
		   void *ctx)
{
	struct sdk_gic g = smp_my_gic(gic_version);
	unsigned intid = sdk_gic_ack(&g) & 0x3ffu, me = sdk_cpu_index();

	(void)kind;
	(void)group;
	(void)frame;
	(void)ctx;
	if (intid == 1023u)
		return;
	sdk_printf("cpu %u: intid %u\n", me, intid);
	if (intid == SPI && me < 2)
		taken[me]++;
	sdk_gic_eoi(&g, intid);
}

static void irq_setup(void)
{
	struct sdk_gic g = smp_my_gic(gic_version);

	sdk_vectors_install();
	sdk_gic_init(&g);
	sdk_irq_enable();
}

/*
 * Sleeps until this CPU took the SPI. The check and the WFI run with IRQs masked, so that an
 * interrupt taken between them cannot leave the WFI waiting for another; a pending interrupt
 * wakes WFI masked or not, and is taken once they are unmasked.
 */
static void wait_taken(unsigned me)
{
	sdk_irq_disable();
	while (taken[me] == 0) {
		sdk_wfi();
		sdk_irq_enable();
		sdk_irq_disable();
	}
}

static void secondary(void *arg)
{
	(void)arg;
	irq_setup();
	smp_set_flag(&ready);
	wait_taken(1);
	smp_set_flag(&done);
}

/* Routes the SPI to the CPU with MPIDR mpidr and index cpu, and pends it. */
static void route_and_pend(uint64_t mpidr, unsigned cpu)
{
	uintptr_t dist = SDK_GIC_VIRT_DIST;

	if (gic_version == 3)
		mmio_w64(dist + GICD_IROUTER + 8 * SPI, mpidr & MPIDR_AFFINITY);
	else
		mmio_w8(dist + GICD_ITARGETSR + SPI, (uint8_t)(1u << cpu));
	mmio_w32(dist + GICD_ISPENDR + 4 * (SPI / 32), 1u << (SPI % 32));
}

int main(uint64_t dtb)
{
	struct smp_cpus cpus;
	struct sdk_gic g;

	smp_read_cpus((const void *)dtb, &cpus);
	if (cpus.count < 2) {
		sdk_printf("smp_spi_route needs two CPUs\n");
		return 1;
	}
	gic_version = smp_gic_version();
	sdk_irq_set_handler(SDK_EXCEPTION_IRQ, on_irq, 0);
	irq_setup();
	g = smp_my_gic(gic_version);
	sdk_gic_enable(&g, SPI, PRIO);
	start = (struct sdk_cpu_start){.fn = secondary};
	sdk_cpu_start(cpus.mpidr[1], &start);
	smp_wait_flag(&ready);
	sdk_printf("gic v%u: spi %u to cpu 1\n", gic_version, SPI);
	route_and_pend(cpus.mpidr[1], sdk_cpu_index_of(cpus.mpidr[1]));
	smp_wait_flag(&done);
	sdk_printf("spi %u back to cpu 0\n", SPI);
	route_and_pend(cpus.mpidr[0], 0);
	wait_taken(0);
	sdk_printf("taken: cpu 0 %u, cpu 1 %u\n", taken[0], taken[1]);
	sdk_psci_system_off();
	return 1;
}
