/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The guest SDK in one include. A guest defines `int main(uint64_t dtb)` (or `int main(void)`):
 * crt0 passes the x0 the guest was entered with (the device-tree address under the simulator),
 * and exits through semihosting SYS_EXIT_EXTENDED with main's return value.
 */
#ifndef SDK_SDK_H
#define SDK_SDK_H

#include <sdk/fdt.h>
#include <sdk/gic.h>
#include <sdk/irq.h>
#include <sdk/mmu.h>
#include <sdk/printf.h>
#include <sdk/psci.h>
#include <sdk/semihost.h>
#include <sdk/smccc.h>
#include <sdk/string.h>
#include <sdk/sysreg.h>
#include <sdk/timer.h>
#include <sdk/uart.h>

#endif
