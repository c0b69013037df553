/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Several normal-world CPUs end to end (sim/smp.c, fw/firmware.c's PSCI, the SDK's
 * sdk_cpu_start): the guests tests/guests/smp_*.c start every CPU with PSCI CPU_ON, check
 * AFFINITY_INFO and the PSCI errors, share a computation and exchange SGIs, with both MPIDR
 * layouts (QEMU virt's Aff0 and the FVP's MT + Aff1); each run twice must print the same, to
 * the counter value. The same guests pass on qemu-system-aarch64 -M virt -cpu cortex-a72
 * -smp 4 (GICv2 and GICv3), where only the times and AFFINITY_INFO right after CPU_ON (and at
 * level 1) differ, as their comments say. probe_psci's answers equal real TF-A's with four
 * CPUs (tests/data/oracle/tf-a-no-ffa.probe_psci.txt).
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "sim/sim.h"

/* Runs a guest with cpus CPUs on a platform (NULL: virt; else a path under the sources). */
static void run_smp(const char *guest, unsigned cpus, const char *platform, struct run_result *r)
{
	struct sim_config cfg = {0};

	cfg.cpus = cpus;
	if (platform != NULL)
		cfg.platform_path = source_path(platform);
	run_guest(guest, &cfg, r);
}

/* Runs a guest twice and checks both runs printed the same; the first run's result in r. */
static void run_smp_twice(const char *guest, unsigned cpus, const char *platform,
			  struct run_result *r)
{
	struct run_result again;

	run_smp(guest, cpus, platform, r);
	run_smp(guest, cpus, platform, &again);
	cr_expect_eq(r->status, again.status);
	cr_expect_str_eq(r->console, again.console, "two runs of %s differ", guest);
	cr_expect_str_eq(r->notes, again.notes, "two runs of %s differ", guest);
	run_result_free(&again);
}

/* The lines smp_boot prints for a secondary CPU (index i, MPIDR affinity aff). */
#define BOOT_CPU(i, aff)                                                                           \
	"[host" #i "] cpu " #i ": up, mpidr " aff ", el 1, context c0de000" #i "\n"                \
	"[host] cpu_on " aff ": 0, affinity then 2, now 0, cpu_on again -4\n"                      \
	"[host] cpu " #i " off: affinity 1\n"

#define BOOT_TAIL(aff1)                                                                            \
	"[host] cpu_on of the boot cpu: -4\n"                                                      \
	"[host] cpu_on of mpidr 0xff: -2\n"                                                        \
	"[host] affinity_info of mpidr 0xff: -2\n"                                                 \
	"[host] affinity_info level 1: -2\n"                                                       \
	"[host1] cpu 1: up, mpidr " aff1 ", el 1, context a9a1\n"                                  \
	"[host] cpu_on again after cpu_off: 0\n"                                                   \
	"[host] cpu 1 off again: affinity 1\n"                                                     \
	"[host] done\n"

#define BOOT_HEAD(n)                                                                               \
	"[host] cpus " #n ", boot cpu 0\n"                                                         \
	"[host] features: cpu_on 0 cpu_off 0 affinity_info 0\n"

/* Four CPUs on virt: CPU_ON of each, ON_PENDING until it runs, ALREADY_ON, OFF after CPU_OFF. */
Test(smp, boot_virt_four)
{
	struct run_result r;

	run_smp_twice("smp_boot.elf", 4, NULL, &r);
	cr_assert_eq(r.status, 0, "%s", r.notes);
	cr_expect_str_eq(r.console, BOOT_HEAD(4) BOOT_CPU(1, "1") BOOT_CPU(2, "2") BOOT_CPU(3, "3")
					    BOOT_TAIL("1"));
	cr_expect_not_null(strstr(r.notes, "exit: PSCI SYSTEM_OFF"), "%s", r.notes);
	run_result_free(&r);
}

/* Two CPUs on virt. */
Test(smp, boot_virt_two)
{
	struct run_result r;

	run_smp_twice("smp_boot.elf", 2, NULL, &r);
	cr_assert_eq(r.status, 0, "%s", r.notes);
	cr_expect_str_eq(r.console, BOOT_HEAD(2) BOOT_CPU(1, "1") BOOT_TAIL("1"));
	run_result_free(&r);
}

/* FVP-style MPIDRs (MT set, the core in Aff1): the same starts, by those MPIDRs. */
Test(smp, boot_fvp_layout_four)
{
	struct run_result r;

	run_smp_twice("smp_boot.elf", 0, "tests/data/platform/virt_mt.yaml", &r);
	cr_assert_eq(r.status, 0, "%s", r.notes);
	cr_expect_str_eq(r.console, BOOT_HEAD(4) BOOT_CPU(1, "100") BOOT_CPU(2, "200")
					    BOOT_CPU(3, "300") BOOT_TAIL("100"));
	run_result_free(&r);
}

/* One CPU: nothing to start; the errors are the same. */
Test(smp, boot_one)
{
	struct run_result r;

	run_smp("smp_boot.elf", 0, NULL, &r);
	cr_assert_eq(r.status, 0, "%s", r.notes);
	cr_expect_str_eq(r.console, BOOT_HEAD(1) "[host] cpu_on of the boot cpu: -4\n"
						 "[host] cpu_on of mpidr 0xff: -2\n"
						 "[host] affinity_info of mpidr 0xff: -2\n"
						 "[host] affinity_info level 1: -2\n"
						 "[host] done\n");
	run_result_free(&r);
}

/* The PSCI answers real TF-A v2.15 gives with four CPUs on QEMU virt, line for line. */
Test(smp, psci_equals_real_tf_a)
{
	struct run_result r;
	char *want = read_whole_file(source_path("tests/data/oracle/tf-a-no-ffa.probe_psci.txt"));
	char *got = calloc(1, 8192);
	const char *p;
	size_t n = 0;

	cr_assert_not_null(got);
	run_cli(&r, "run", "--el", "2", "--spmc", "none", "--cpus", "4",
		guest_path("probe_psci.elf"), NULL);
	cr_assert_eq(r.status, 0, "%s", r.notes);
	for (p = r.console; *p != '\0';) {
		size_t len = strcspn(p, "\n");

		if (len > 9 && strncmp(p, "[host] ", 7) == 0 && (p[7] == 'P' || p[7] == 'R') &&
		    n + len < 8192) {
			memcpy(got + n, p + 7, len - 7);
			n += len - 7;
			got[n++] = '\n';
		}
		p += len + (p[len] == '\n');
	}
	cr_expect_str_eq(got, want);
	free(got);
	free(want);
	run_result_free(&r);
}

/* --cpus beyond 8, or beyond what the platform has, and with the hypervisor: usage errors. */
Test(smp, cpus_errors)
{
	struct run_result r;

	run_cli(&r, "run", "--cpus", "9", guest_path("smp_boot.elf"), NULL);
	cr_expect_eq(r.status, 2);
	cr_expect_not_null(strstr(r.notes, "--cpus: \"9\" is not a number from 1 to 8"), "%s",
			   r.notes);
	run_result_free(&r);
	run_cli(&r, "run", "--cpus", "5", "--platform",
		source_path("tests/data/platform/virt_mt.yaml"), guest_path("smp_boot.elf"), NULL);
	cr_expect_eq(r.status, 2);
	cr_expect_not_null(strstr(r.notes, "cpus: platform \"virt-mt\" has 1 to 4 CPUs, not 5"),
			   "%s", r.notes);
	run_result_free(&r);
	run_cli(&r, "run", "--cpus", "2", "--hypervisor", "pkvm", guest_path("smp_boot.elf"), NULL);
	cr_expect_eq(r.status, 2);
	cr_expect_not_null(strstr(r.notes, "--hypervisor runs with one CPU, not 2"), "%s", r.notes);
	run_result_free(&r);
}

/* The lines smp_sgi prints with four CPUs on a GIC of version v. */
#define SGI_ROUNDS_FOUR(v)                                                                         \
	"[host] 4 cpus ready, gic " v "\n"                                                         \
	"[host1] cpu 1: sgi 1\n[host] cpu 0: reply 1 from cpu 1\n"                                 \
	"[host2] cpu 2: sgi 1\n[host] cpu 0: reply 2 from cpu 2\n"                                 \
	"[host3] cpu 3: sgi 1\n[host] cpu 0: reply 3 from cpu 3\n"

/* SGIs between CPUs on GICv2 (GICD_SGIR): each secondary sleeps in WFI until the boot CPU's
 * SGI 1 wakes it, and answers with SGI 2, which wakes the boot CPU. */
Test(smp, sgi_between_cpus_v2)
{
	struct run_result r;

	run_smp_twice("smp_sgi.elf", 4, NULL, &r);
	cr_assert_eq(r.status, 0, "%s", r.notes);
	cr_expect_str_eq(r.console, SGI_ROUNDS_FOUR("v2"));
	run_result_free(&r);
}

/* The same on GICv3 (ICC_SGI1R_EL1 with affinity routing, one redistributor per CPU). */
Test(smp, sgi_between_cpus_v3)
{
	struct run_result r;

	run_smp_twice("smp_sgi.elf", 4, "platforms/virt-gicv3.yaml", &r);
	cr_assert_eq(r.status, 0, "%s", r.notes);
	cr_expect_str_eq(r.console, SGI_ROUNDS_FOUR("v3"));
	run_result_free(&r);
}

/* The lines smp_spi_route prints on a GIC of version v, as on QEMU's virt with -smp 2. */
#define SPI_ROUTE(v)                                                                               \
	"[host] gic " v ": spi 100 to cpu 1\n[host1] cpu 1: intid 100\n"                           \
	"[host] spi 100 back to cpu 0\n[host] cpu 0: intid 100\n"                                  \
	"[host] taken: cpu 0 1, cpu 1 1\n"

/* An SPI routed to CPU 1 and back (GICD_ITARGETSR on GICv2, GICD_IROUTER on GICv3) is taken by
 * the CPU it is routed to, and by no other. */
Test(smp, spi_routed_to_cpu1)
{
	static const char *const platforms[] = {NULL, "platforms/virt-gicv3.yaml"};
	static const char *const want[] = {SPI_ROUTE("v2"), SPI_ROUTE("v3")};
	struct run_result r;

	for (unsigned i = 0; i < 2; i++) {
		run_smp_twice("smp_spi_route.elf", 2, platforms[i], &r);
		cr_assert_eq(r.status, 0, "%s", r.notes);
		cr_expect_str_eq(r.console, want[i]);
		run_result_free(&r);
	}
}

/* A computation split over four CPUs: each sums its slice and records the counter when it
 * finishes; the boot CPU waits for all and prints the total. The virtual times are exact and
 * the same on every run. */
Test(smp, parallel_sum_four)
{
	struct run_result r;

	run_smp_twice("smp_sum.elf", 4, NULL, &r);
	cr_assert_eq(r.status, 0, "%s", r.notes);
	cr_expect_str_eq(r.console, "[host] cpu 0: sum 17534109184, finished at counter 3934\n"
				    "[host] cpu 1: sum 122753467904, finished at counter 3930\n"
				    "[host] cpu 2: sum 333199525376, finished at counter 3932\n"
				    "[host] cpu 3: sum 648872281600, finished at counter 3934\n"
				    "[host] total 1122359384064 over 4 cpus\n");
	run_result_free(&r);
}

/* CPU_SUSPEND to standby on each secondary CPU, on both GIC versions: the timer's interrupt,
 * pending while masked at the PE, ends it at the timer's compare value exactly, CPU_SUSPEND
 * returns 0 and the interrupt stays pending (tests/guests/smp_suspend.c). */
Test(smp, suspend_standby_wakes_on_timer)
{
	static const char *const platforms[] = {NULL, "platforms/virt-gicv3.yaml"};

	for (unsigned i = 0; i < 2; i++) {
		struct run_result r;
		char want[512];

		snprintf(want, sizeof(want),
			 "[host] 4 cpus, gic v%u, cpu_suspend features 0\n"
			 "[host1] cpu 1: cpu_suspend 0, woke 0 ticks after cval, ppi pending 1\n"
			 "[host2] cpu 2: cpu_suspend 0, woke 0 ticks after cval, ppi pending 1\n"
			 "[host3] cpu 3: cpu_suspend 0, woke 0 ticks after cval, ppi pending 1\n",
			 i == 0 ? 2u : 3u);
		run_smp_twice("smp_suspend.elf", 4, platforms[i], &r);
		cr_assert_eq(r.status, 0, "%s", r.notes);
		cr_expect_str_eq(r.console, want);
		run_result_free(&r);
	}
}
