// SPDX-License-Identifier: BSD-3-Clause
// The init of the kernel tools/linux builds: a static, freestanding AArch64 program that loads
// the kernel modules the initramfs holds (the pKVM flavour's FF-A and OP-TEE drivers, which must
// start after pKVM has taken EL2), prints one line on /dev/console (file descriptor 1, which the
// kernel opens for init) and powers the machine off. No C library: system calls through `svc #0`
// (Linux arm64 system-call ABI: number in x8, arguments in x0-x5, result in x0).

#define SYS_OPENAT 56
#define SYS_CLOSE 57
#define SYS_WRITE 64
#define SYS_REBOOT 142
#define SYS_FINIT_MODULE 273
#define AT_FDCWD (-100L)
#define O_RDONLY 0L
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

static unsigned long init_strlen(const char *s)
{
	unsigned long n = 0;

	while (s[n] != '\0')
		n++;
	return n;
}

static void init_print(const char *a, const char *b)
{
	linux_syscall4(SYS_WRITE, 1, (long)a, (long)init_strlen(a), 0);
	linux_syscall4(SYS_WRITE, 1, (long)b, (long)init_strlen(b), 0);
}

// The modules in the order their dependencies need (tools/linux puts those the kernel was built
// with into the initramfs); a module the initramfs lacks is skipped.
static const char *const init_modules[] = {
	"/modules/ffa-core.ko",
	"/modules/ffa-module.ko",
	"/modules/tee.ko",
	"/modules/optee.ko",
};

void _start(void)
{
	static const char line[] = "ffa-sim linux init: hello from /init, powering off\n";

	for (unsigned i = 0; i < sizeof(init_modules) / sizeof(init_modules[0]); i++) {
		long fd = linux_syscall4(SYS_OPENAT, AT_FDCWD, (long)init_modules[i], O_RDONLY, 0);

		if (fd < 0)
			continue;
		if (linux_syscall4(SYS_FINIT_MODULE, fd, (long)"", 0, 0) != 0)
			init_print("ffa-sim linux init: could not load ", init_modules[i]);
		else
			init_print("ffa-sim linux init: loaded ", init_modules[i]);
		init_print("\n", "");
		linux_syscall4(SYS_CLOSE, fd, 0, 0, 0);
	}
	linux_syscall4(SYS_WRITE, 1, (long)line, sizeof(line) - 1, 0);
	linux_syscall4(SYS_REBOOT, LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2,
		       LINUX_REBOOT_CMD_POWER_OFF, 0);
	for (;;)
		__asm__ volatile("wfi");
}
