// SPDX-License-Identifier: BSD-3-Clause
// The init of the kernel tools/linux builds: a static, freestanding AArch64 program that prints
// one line on /dev/console (file descriptor 1, which the kernel opens for init) and powers the
// machine off. No C library: two system calls through `svc #0` (Linux arm64 system-call ABI:
// number in x8, arguments in x0-x5, result in x0).

#define SYS_WRITE 64
#define SYS_REBOOT 142
#define LINUX_REBOOT_MAGIC1 0xfee1deadL
#define LINUX_REBOOT_MAGIC2 0x28121969L
#define LINUX_REBOOT_CMD_POWER_OFF 0x4321fedcL

static long linux_syscall4(long nr, long a0, long a1, long a2, long a3)
{
	register long x8 __asm__("x8") = nr;
	register long x0 __asm__("x0") = a0;
	register long x1 __asm__("x1") = a1;
	register long x2 __asm__("x2") = a2;
	register long x3 __asm__("x3") = a3;
	__asm__ volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2), "r"(x3) : "memory");
	return x0;
}

void _start(void)
{
	static const char line[] = "ffa-sim linux init: hello from /init, powering off\n";
	linux_syscall4(SYS_WRITE, 1, (long)line, sizeof(line) - 1, 0);
	linux_syscall4(SYS_REBOOT, LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2,
		       LINUX_REBOOT_CMD_POWER_OFF, 0);
	for (;;)
		__asm__ volatile("wfi");
}
