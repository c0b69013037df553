/* SPDX-License-Identifier: BSD-3-Clause */
/* Exception handlers the program registers, called from the vector tables (guest/vectors.S). */
#include <sdk/irq.h>
#include <sdk/printf.h>
#include <sdk/semihost.h>
#include <sdk/sysreg.h>

/* The exit status of a guest that takes an exception it has no handler for. */
#define SDK_UNHANDLED_STATUS 99

extern char sdk_vectors_el1[];
extern char sdk_vectors_el2[];

static struct {
	sdk_exception_handler fn;
	void *ctx;
} sdk_handlers[SDK_EXCEPTION_KINDS];

void sdk_vectors_install(void)
{
	if (sdk_current_el() == 2)
		sdk_write_sysreg(VBAR_EL2, (uintptr_t)sdk_vectors_el2);
	else
		sdk_write_sysreg(VBAR_EL1, (uintptr_t)sdk_vectors_el1);
	sdk_isb();
}

void sdk_irq_set_handler(enum sdk_exception_kind kind, sdk_exception_handler fn, void *ctx)
{
	if (kind >= SDK_EXCEPTION_KINDS)
		return;
	sdk_handlers[kind].fn = fn;
	sdk_handlers[kind].ctx = ctx;
}

void sdk_exception_entry(uint64_t index, struct sdk_exception_frame *frame);

/* Called by every vector entry: index = group * 4 + kind. */
void sdk_exception_entry(uint64_t index, struct sdk_exception_frame *frame)
{
	static const char *const names[SDK_EXCEPTION_KINDS] = {"synchronous", "IRQ", "FIQ",
							       "SError"};
	enum sdk_exception_kind kind = (enum sdk_exception_kind)(index & 3u);
	uint64_t esr, far;

	if (sdk_handlers[kind].fn != NULL) {
		sdk_handlers[kind].fn(kind, (unsigned)(index >> 2), frame, sdk_handlers[kind].ctx);
		return;
	}
	if (sdk_current_el() == 2) {
		esr = sdk_read_sysreg(ESR_EL2);
		far = sdk_read_sysreg(FAR_EL2);
	} else {
		esr = sdk_read_sysreg(ESR_EL1);
		far = sdk_read_sysreg(FAR_EL1);
	}
	sdk_printf("unhandled %s exception (vector group %u): ESR 0x%llx ELR 0x%llx FAR 0x%llx\n",
		   names[kind], (unsigned)(index >> 2), (unsigned long long)esr,
		   (unsigned long long)frame->elr, (unsigned long long)far);
	sdk_semihost_exit(SDK_UNHANDLED_STATUS);
}
