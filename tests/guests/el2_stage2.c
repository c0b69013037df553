/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A guest that runs its own stage 2, as pKVM does for its host: entered at EL2, it builds
 * stage-2 tables (VTCR_EL2, VTTBR_EL2: a 4 GiB IPA space, 4 KiB granule, start at level 1)
 * that identity-map RAM and the UART with holes, sets HCR_EL2.VM and drops to EL1h. EL1's
 * accesses then fault at stage 2 and are taken to EL2 (Arm ARM D8, "Stage 2 translation";
 * ESR_EL2 with EC 0x24 or 0x20, FAR_EL2, HPFAR_EL2), whose handler prints the syndrome and maps
 * what was missing before it returns to the access, as pKVM's host_stage2_idmap does:
 * a load from a hole (translation fault, level 2), a store to a read-only block (permission
 * fault), the same with the EL1 MMU on through a TTBR1 alias (FAR_EL2 the virtual address,
 * HPFAR_EL2 the IPA), and a walk of EL1's own tables through a hole (S1PTW). Between them EL1
 * drops to EL0, whose load from a hole is a stage-2 abort taken from EL0 straight to EL2 (as
 * pKVM takes its host's user-space faults), and whose SVC returns to EL1's vectors. The same
 * image prints the same lines on QEMU (-M virt,virtualization=on -cpu cortex-a72).
 */
#include <sdk/irq.h>
#include <sdk/sdk.h>
#include <sdk/sysreg.h>

#include "mmu_setup.h"

#define HCR_EL2_RW (1ull << 31)
#define HCR_EL2_VM (1ull << 0)
#define SPSR_EL1H_DAIF 0x3c5ull
/* VTCR_EL2: T0SZ 32 (4 GiB IPA), SL0 1 (start at level 1), inner/outer write-back, inner
 * shareable, 4 KiB granule, PS 32 bits, bit 31 RES1 (Arm ARM D17.2.175). */
#define VTCR_EL2_VALUE ((1ull << 31) | (3ull << 12) | (1ull << 10) | (1ull << 8) | (1ull << 6) | 32)
/* Stage-2 descriptors (Arm ARM D8.3): block, table; MemAttr, S2AP, SH, AF. */
#define S2_BLOCK 1ull
#define S2_TABLE 3ull
#define S2_NORMAL (0xfull << 2)
#define S2_DEVICE (0x1ull << 2)
#define S2_RO (1ull << 6)
#define S2_RW (3ull << 6)
#define S2_SH_INNER (3ull << 8)
#define S2_AF (1ull << 10)
#define BLOCK_2M (2ull << 20)
#define HOLE_LOAD (MMU_RAM_BASE + (64ull << 20))
#define RO_BLOCK (HOLE_LOAD + BLOCK_2M)
#define HOLE_VA (HOLE_LOAD + 2 * BLOCK_2M)
#define HOLE_EL0 (HOLE_LOAD + 3 * BLOCK_2M)
#define SPSR_EL0T 0x3c0ull
#define HVC_UNMAP_TABLES 1u
#define HVC_UNMAP_TO_EL0 2u

static uint64_t s2_l1[512] __attribute__((aligned(4096)));
static uint64_t s2_l2_low[512] __attribute__((aligned(4096))); /* 0-1 GiB: the UART */
static uint64_t s2_l2_ram[512] __attribute__((aligned(4096))); /* 1-2 GiB: RAM */
static uint64_t el1_stack[1024] __attribute__((aligned(16)));
static uint64_t el0_stack[512] __attribute__((aligned(16)));
static void el1_after_el0(void);
static volatile unsigned taken;

static uint64_t *s2_entry(uint64_t ipa)
{
	return ipa >= MMU_RAM_BASE ? &s2_l2_ram[(ipa - MMU_RAM_BASE) / BLOCK_2M]
				   : &s2_l2_low[ipa / BLOCK_2M];
}

static void s2_map(uint64_t ipa, uint64_t attrs)
{
	ipa &= ~(BLOCK_2M - 1);
	*s2_entry(ipa) = ipa | S2_BLOCK | S2_AF | attrs;
	__asm__ volatile("dsb ishst\n\ttlbi vmalls12e1is\n\tdsb ish\n\tisb" : : : "memory");
}

static void on_sync(enum sdk_exception_kind kind, unsigned group, struct sdk_exception_frame *f,
		    void *ctx)
{
	uint64_t esr, hpfar, ipa;

	(void)kind;
	(void)ctx;
	if (sdk_current_el() == 1) {
		/* EL0's SVC: back to EL1h, at the rest of EL1's work. */
		sdk_printf("EL0 SVC at EL1: group %u ESR_EL1 %08lx x0 %lx\n", group,
			   sdk_read_sysreg(ESR_EL1), f->x[0]);
		f->elr = (uintptr_t)el1_after_el0;
		f->spsr = SPSR_EL1H_DAIF;
		return;
	}
	taken++;
	esr = sdk_read_sysreg(ESR_EL2);
	hpfar = sdk_read_sysreg(HPFAR_EL2);
	ipa = (hpfar >> 4) << 12;
	if ((esr >> 26) == 0x16) { /* HVC: unmap the block holding x0 */
		*s2_entry(f->x[0]) = 0;
		__asm__ volatile("dsb ishst\n\ttlbi vmalls12e1is\n\tdsb ish\n\tisb" : : : "memory");
		if ((esr & 0xffff) == HVC_UNMAP_TO_EL0) {
			/* ... and go on at EL0, at x0, in the block just unmapped. */
			f->elr = f->x[0];
			f->spsr = SPSR_EL0T;
		}
		return;
	}
	sdk_printf("  EL%u group %u ESR_EL2 %08lx FAR_EL2 %lx HPFAR_EL2 %lx\n", sdk_current_el(),
		   group, esr, sdk_read_sysreg(FAR_EL2), hpfar);
	s2_map(ipa, S2_NORMAL | S2_RW | S2_SH_INNER);
}

/* EL0: a load from a hole (a stage-2 abort to EL2, which maps it), then an SVC to EL1. */
static void el0_main(void)
{
	register uint64_t x0 __asm__("x0") = *(volatile uint64_t *)(HOLE_EL0 + 0x48) + 0xe10;

	__asm__ volatile("svc #0" : "+r"(x0) : : "memory");
	for (;;)
		;
}

static void el1_main(void)
{
	volatile uint64_t *p;
	uint64_t v;

	sdk_printf("EL%u, stage 2 on, MMU off\n", sdk_current_el());
	p = (volatile uint64_t *)(HOLE_LOAD + 0x10);
	v = *p;
	sdk_printf("load from the hole -> %lx\n", v);
	p = (volatile uint64_t *)(RO_BLOCK + 0x28);
	*p = 0x5eed;
	sdk_printf("store to the read-only block -> %lx\n", *p);
	/*
	 * To EL0 with EL1's MMU off (EL0 may touch everything), through EL2, which first unmaps
	 * the block of the image at stage 2: EL0's first fetch faults there, and so does the
	 * engine's way up through EL1's vectors, in the same block.
	 */
	sdk_vectors_install();
	sdk_write_sysreg(SP_EL0, (uintptr_t)&el0_stack[512]);
	{
		register uint64_t x0 __asm__("x0") = (uintptr_t)el0_main;

		__asm__ volatile("hvc #2" : "+r"(x0) : : "x1", "x2", "x3", "memory");
	}
}

/* EL1 again, from EL0's SVC: its MMU, and a walk of its tables through a hole. */
static void el1_after_el0(void)
{
	volatile uint64_t *p;

	if (!mmu_setup(true))
		sdk_semihost_exit(1);
	sdk_printf("EL%u, MMU on\n", sdk_current_el());
	p = (volatile uint64_t *)(MMU_HIGH_BASE + (HOLE_VA - MMU_RAM_BASE) + 0x38);
	*p = 0xcafe;
	sdk_printf("store through TTBR1 to the hole -> %lx\n", *p);
	{
		register uint64_t x0 __asm__("x0") = sdk_read_sysreg(TTBR0_EL1) & ~0xfffull;

		__asm__ volatile("hvc #1" : "+r"(x0) : : "x1", "x2", "x3", "memory");
	}
	sdk_printf("tables unmapped and back: %u exceptions taken at EL2; back at EL%u\n", taken,
		   sdk_current_el());
	sdk_semihost_exit(0);
}

int main(void)
{
	uint64_t a;

	if (sdk_current_el() != 2) {
		sdk_printf("el2_stage2: entered at EL%u, needs EL2\n", sdk_current_el());
		return 2;
	}
	sdk_vectors_install();
	sdk_irq_set_handler(SDK_EXCEPTION_SYNC, on_sync, NULL);
	s2_l1[0] = (uint64_t)(uintptr_t)s2_l2_low | S2_TABLE;
	s2_l1[1] = (uint64_t)(uintptr_t)s2_l2_ram | S2_TABLE;
	*s2_entry(sdk_uart_get_base()) =
		(sdk_uart_get_base() & ~(BLOCK_2M - 1)) | S2_BLOCK | S2_AF | S2_DEVICE | S2_RW;
	for (a = MMU_RAM_BASE; a < MMU_RAM_BASE + MMU_RAM_SIZE; a += BLOCK_2M)
		if (a != HOLE_LOAD && a != HOLE_VA && a != HOLE_EL0)
			*s2_entry(a) = a | S2_BLOCK | S2_AF | S2_NORMAL | S2_SH_INNER |
				       (a == RO_BLOCK ? S2_RO : S2_RW);
	sdk_write_sysreg(VTCR_EL2, VTCR_EL2_VALUE);
	sdk_write_sysreg(VTTBR_EL2, (uintptr_t)s2_l1);
	sdk_write_sysreg(HCR_EL2, HCR_EL2_RW | HCR_EL2_VM);
	__asm__ volatile("isb\n\ttlbi vmalls12e1is\n\tdsb ish" : : : "memory");
	sdk_write_sysreg(SP_EL1, (uintptr_t)&el1_stack[1024]);
	sdk_write_sysreg(SPSR_EL2, SPSR_EL1H_DAIF);
	sdk_write_sysreg(ELR_EL2, (uintptr_t)el1_main);
	__asm__ volatile("isb\n\teret" : : : "memory");
	return 3;
}
