/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Arm semihosting for AArch64 guests: HLT #0xF000 with the operation number in w0 and a
 * parameter (usually an address) in x1; the result comes back in x0, all other registers are
 * preserved (Semihosting for AArch32 and AArch64 (IHI 0074), "The semihosting interface").
 * Works under the simulator and under qemu-system-aarch64 -semihosting.
 */
#ifndef SDK_SEMIHOST_H
#define SDK_SEMIHOST_H

#include <stdint.h>

#define SDK_SEMIHOST_SYS_WRITEC 0x03u
#define SDK_SEMIHOST_SYS_WRITE0 0x04u
#define SDK_SEMIHOST_SYS_EXIT 0x18u
#define SDK_SEMIHOST_SYS_EXIT_EXTENDED 0x20u

/* The reason code of a normal program exit (IHI 0074, SYS_EXIT). */
#define SDK_SEMIHOST_ADP_STOPPED_APPLICATION_EXIT 0x20026u

/* Issues one semihosting call and returns x0. */
uint64_t sdk_semihost_call(uint32_t op, uint64_t param);

/* SYS_WRITEC: writes one character to the debug console. */
void sdk_semihost_writec(char c);

/* SYS_WRITE0: writes a NUL-terminated string to the debug console. */
void sdk_semihost_write0(const char *s);

/*
 * SYS_EXIT_EXTENDED with reason ADP_Stopped_ApplicationExit and the exit status as subcode.
 * Does not return (parks in a WFI loop if the host ignored the call).
 */
__attribute__((noreturn)) void sdk_semihost_exit(int status);

/*
 * SYS_EXIT with reason ADP_Stopped_ApplicationExit; on AArch64 x1 points at the same
 * {reason, subcode} block, the status goes in the subcode. Does not return.
 */
__attribute__((noreturn)) void sdk_semihost_exit_basic(int status);

#endif
