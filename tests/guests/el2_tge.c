/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Exceptions from EL0 taken straight to EL2 with HCR_EL2.TGE set, as a hypervisor hosting its
 * own user space takes them (Arm ARM D1.13.2: with TGE every exception from EL0 goes to EL2):
 * entered at EL2, the guest drops to EL0t, whose SVC, BRK and undefined instruction are each
 * taken at VBAR_EL2 + 0x400 with ESR_EL2, ELR_EL2 and SPSR_EL2. Its unaligned load is no fault:
 * with TGE set HCR_EL2.DC behaves as 1, so EL0's accesses are to Normal memory. The handler
 * prints what it got and returns past the instruction; EL0's last SVC ends the run from EL2.
 * The same image prints the same lines on QEMU (-M virt,virtualization=on -cpu cortex-a72).
 */
#include <sdk/irq.h>
#include <sdk/sdk.h>
#include <sdk/sysreg.h>

#define HCR_EL2_RW (1ull << 31)
#define HCR_EL2_TGE (1ull << 27)
#define SPSR_EL0T_DAIF 0x3c0ull
#define SVC_DONE 0x99u

void el2_tge_user(void);
extern char el2_tge_user_start[];

static uint64_t el0_stack[256] __attribute__((aligned(16)));

static void on_sync(enum sdk_exception_kind kind, unsigned group, struct sdk_exception_frame *f,
		    void *ctx)
{
	uint64_t esr = sdk_read_sysreg(ESR_EL2);
	uint64_t ec = esr >> 26;

	(void)kind;
	(void)ctx;
	sdk_printf("EL%u group %u ESR_EL2 %08lx ELR_EL2 user+%lx SPSR_EL2 %08lx", sdk_current_el(),
		   group, esr, f->elr - (uint64_t)(uintptr_t)el2_tge_user_start, f->spsr);
	sdk_printf(" x0 %lx\n", f->x[0]);
	if (ec == 0x15 && (esr & 0xffff) == SVC_DONE)
		sdk_semihost_exit(0);
	/* SVC's ELR is past it already; BRK and the undefined one return past it. */
	if (ec != 0x15)
		f->elr += 4;
}

int main(void)
{
	if (sdk_current_el() != 2) {
		sdk_printf("el2_tge: entered at EL%u, needs EL2\n", sdk_current_el());
		return 2;
	}
	sdk_vectors_install();
	sdk_irq_set_handler(SDK_EXCEPTION_SYNC, on_sync, NULL);
	sdk_write_sysreg(HCR_EL2, HCR_EL2_RW | HCR_EL2_TGE);
	sdk_write_sysreg(SP_EL0, (uintptr_t)&el0_stack[256]);
	sdk_write_sysreg(SPSR_EL2, SPSR_EL0T_DAIF);
	sdk_write_sysreg(ELR_EL2, (uintptr_t)el2_tge_user);
	sdk_printf("EL2, TGE set: to EL0\n");
	__asm__ volatile("isb\n\teret" : : : "memory");
	return 3;
}

/* The EL0 program: no stack use, no calls; x0 counts its steps. */
__asm__(".text\n"
	".global el2_tge_user\n"
	".global el2_tge_user_start\n"
	"el2_tge_user:\n"
	"el2_tge_user_start:\n"
	"	mov x0, #1\n"
	"	svc #0x12\n"
	"	mov x0, #2\n"
	"	brk #0x34\n"
	"	mov x0, #3\n"
	"	udf #0\n"
	"	mov x0, #4\n"
	"	mov x1, sp\n"
	"	ldr x2, [x1, #-15]\n"
	"	mov x0, #5\n"
	"	svc #0x99\n"
	"	b .\n");
