/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The generated device tree: built from platforms filled here by hand (a QEMU-virt-like and
 * an FVP-like one), read back with libfdt and decompiled with dtc, which must accept it
 * without a warning.
 */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <libfdt.h>

#include "emu/dtb.h"

#define DTS_MAX (64 * 1024)

static const struct emu_dtb_partition test_partitions[] = {
	{.name = "echo",
	 .uuid = {0xb4, 0xb5, 0x67, 0x1e, 0x4a, 0x90, 0x4f, 0xe1, 0xb8, 0x1f, 0xfb, 0x13, 0xda,
		  0xe1, 0xda, 0xcb}},
	{.name = "crypto sp",
	 .uuid = {0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef, 0x00, 0x11, 0x22, 0x33, 0x44,
		  0x55, 0x66, 0x77}},
};

static void add_region(struct emu_platform *p, const char *name, enum emu_region_kind kind,
		       uint64_t base, uint64_t size, bool secure)
{
	struct emu_region *r = &p->regions[p->region_count++];

	snprintf(r->name, sizeof(r->name), "%s", name);
	r->kind = kind;
	r->base = base;
	r->size = size;
	r->secure = secure;
}

static void add_uart(struct emu_platform *p, const char *name, uint64_t base, uint32_t irq,
		     uint32_t clock_hz)
{
	struct emu_uart *u = &p->uarts[p->uart_count++];

	snprintf(u->name, sizeof(u->name), "%s", name);
	u->base = base;
	u->irq = irq;
	u->clock_hz = clock_hz;
}

/* The memory map of QEMU's virt machine with a secure RAM region, GICv2. */
static void virt_platform(struct emu_platform *p)
{
	memset(p, 0, sizeof(*p));
	snprintf(p->name, sizeof(p->name), "virt");
	add_region(p, "flash", EMU_REGION_FLASH, 0x0, 0x4000000, false);
	add_region(p, "gic", EMU_REGION_RAZ_WI, 0x8000000, 0x20000, false);
	add_region(p, "secure-ram", EMU_REGION_RAM, 0xe000000, 0x1000000, true);
	add_region(p, "ram", EMU_REGION_RAM, 0x40000000, 0x8000000, false);
	add_uart(p, "uart0", 0x9000000, 1, 24000000);
	p->gic = (struct emu_gic){.present = true,
				  .version = 2,
				  .dist_base = 0x8000000,
				  .dist_size = 0x10000,
				  .cpu_base = 0x8010000,
				  .cpu_size = 0x10000};
	p->cntfrq_hz = 62500000;
	p->mpidr = 0x80000000;
	p->entry_el = 1;
}

/* An FVP-like map: two DRAM banks (one above 4 GiB), two UARTs, GICv3, MT-style MPIDR. */
static void fvp_platform(struct emu_platform *p)
{
	memset(p, 0, sizeof(*p));
	snprintf(p->name, sizeof(p->name), "fvp");
	add_region(p, "trusted-dram", EMU_REGION_RAM, 0x6000000, 0x2000000, true);
	add_region(p, "dram0", EMU_REGION_RAM, 0x80000000, 0x7f000000, false);
	add_region(p, "dram1", EMU_REGION_RAM, 0x880000000, 0x80000000, false);
	add_uart(p, "uart0", 0x1c090000, 5, 24000000);
	add_uart(p, "uart1", 0x1c0a0000, 6, 24000000);
	p->gic = (struct emu_gic){.present = true,
				  .version = 3,
				  .dist_base = 0x2f000000,
				  .dist_size = 0x10000,
				  .cpu_base = 0x2f100000,
				  .cpu_size = 0x200000};
	p->cntfrq_hz = 100000000;
	p->mpidr = 0x81000100; /* MT (bit 24) set, Aff1 = 1 */
	p->entry_el = 2;
}

static struct emu_dtb_config make_config(const struct emu_platform *p)
{
	return (struct emu_dtb_config){
		.platform = p,
		.psci_conduit = FFA_CONDUIT_SMC,
		.ffa_present = true,
		.ffa_conduit = FFA_CONDUIT_SMC,
		.partitions = test_partitions,
		.partition_count = 2,
		.bootargs = "console=ttyAMA0 earlycon",
	};
}

static size_t build_ok(const struct emu_dtb_config *cfg, void *buf)
{
	struct diag err = {0};
	size_t n = emu_dtb_build(cfg, buf, EMU_DTB_MAX_SIZE, &err);

	cr_assert_neq(n, 0, "emu_dtb_build failed: %s", err.msg);
	cr_assert_eq(n, fdt_totalsize(buf));
	cr_assert_eq(fdt_check_full(buf, n), 0, "fdt_check_full rejects the blob");
	return n;
}

static int node_at(const void *fdt, const char *path)
{
	int node = fdt_path_offset(fdt, path);

	cr_assert_geq(node, 0, "no node %s: %s", path, fdt_strerror(node));
	return node;
}

static const char *prop_str(const void *fdt, const char *path, const char *name)
{
	int len;
	const char *s = fdt_getprop(fdt, node_at(fdt, path), name, &len);

	cr_assert_not_null(s, "no property %s in %s", name, path);
	cr_assert_eq(s[len - 1], '\0', "%s/%s is not a string", path, name);
	return s;
}

static void expect_str(const void *fdt, const char *path, const char *name, const char *want)
{
	cr_expect_str_eq(prop_str(fdt, path, name), want, "%s/%s", path, name);
}

/* Checks a string list property entry by entry. */
static void expect_strlist(const void *fdt, const char *path, const char *name,
			   const char *const *want, int count)
{
	int node = node_at(fdt, path);

	cr_expect_eq(fdt_stringlist_count(fdt, node, name), count, "%s/%s count", path, name);
	for (int i = 0; i < count; i++) {
		const char *s = fdt_stringlist_get(fdt, node, name, i, NULL);

		cr_assert_not_null(s, "%s/%s[%d]", path, name, i);
		cr_expect_str_eq(s, want[i], "%s/%s[%d]", path, name, i);
	}
}

static void expect_cells(const void *fdt, const char *path, const char *name, const uint32_t *want,
			 int count)
{
	int len;
	const fdt32_t *v = fdt_getprop(fdt, node_at(fdt, path), name, &len);

	cr_assert_not_null(v, "no property %s in %s", name, path);
	cr_assert_eq(len, count * 4, "%s/%s has %d bytes, want %d", path, name, len, count * 4);
	for (int i = 0; i < count; i++)
		cr_expect_eq(fdt32_to_cpu(v[i]), want[i], "%s/%s[%d] = %#x, want %#x", path, name,
			     i, fdt32_to_cpu(v[i]), want[i]);
}

static void expect_u32(const void *fdt, const char *path, const char *name, uint32_t want)
{
	expect_cells(fdt, path, name, &want, 1);
}

static void expect_no_prop(const void *fdt, const char *path, const char *name)
{
	cr_expect_null(fdt_getprop(fdt, node_at(fdt, path), name, NULL), "%s/%s is present", path,
		       name);
}

static void expect_no_node(const void *fdt, const char *path)
{
	cr_expect_lt(fdt_path_offset(fdt, path), 0, "node %s is present", path);
}

static uint32_t prop_u32(const void *fdt, const char *path, const char *name)
{
	int len;
	const fdt32_t *v = fdt_getprop(fdt, node_at(fdt, path), name, &len);

	cr_assert(v != NULL && len == 4, "%s/%s is not one cell", path, name);
	return fdt32_to_cpu(*v);
}

static int count_memory_nodes(const void *fdt)
{
	int count = 0;

	for (int node = fdt_node_offset_by_prop_value(fdt, -1, "device_type", "memory", 7);
	     node >= 0; node = fdt_node_offset_by_prop_value(fdt, node, "device_type", "memory", 7))
		count++;
	return count;
}

static void read_file(const char *path, char *buf, size_t size)
{
	FILE *f = fopen(path, "r");
	size_t n;

	cr_assert_not_null(f, "cannot open %s", path);
	n = fread(buf, 1, size - 1, f);
	buf[n] = '\0';
	fclose(f);
}

/*
 * Decompiles the blob with dtc into dts; asserts that dtc exits with 0 and prints nothing on
 * stderr (no warning of any kind).
 */
static void run_dtc(const void *blob, size_t size, char *dts, size_t dts_size)
{
	char in[] = "/tmp/ffa-sim-dtb-XXXXXX";
	char out[64], errf[64], cmd[256], errs[4096];
	int fd = mkstemp(in);
	int status;

	cr_assert_geq(fd, 0, "mkstemp");
	cr_assert_eq(write(fd, blob, size), (ssize_t)size);
	close(fd);
	snprintf(out, sizeof(out), "%s.dts", in);
	snprintf(errf, sizeof(errf), "%s.err", in);
	snprintf(cmd, sizeof(cmd), "dtc -I dtb -O dts -o %s %s 2>%s", out, in, errf);
	status = system(cmd);
	read_file(errf, errs, sizeof(errs));
	read_file(out, dts, dts_size);
	unlink(in);
	unlink(out);
	unlink(errf);
	cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "dtc failed (%d): %s", status,
		  errs);
	cr_assert_str_empty(errs, "dtc warns: %s", errs);
}

static uint8_t blob[EMU_DTB_MAX_SIZE];
static char dts[DTS_MAX];

/* The root describes a 64-bit virt machine whose interrupts go to the GIC. */
Test(dtb, virt_root)
{
	struct emu_platform p;
	struct emu_dtb_config cfg;

	virt_platform(&p);
	cfg = make_config(&p);
	build_ok(&cfg, blob);
	expect_u32(blob, "/", "#address-cells", 2);
	expect_u32(blob, "/", "#size-cells", 2);
	expect_str(blob, "/", "compatible", "linux,dummy-virt");
	expect_str(blob, "/", "model", "linux,dummy-virt");
	expect_u32(blob, "/", "interrupt-parent", prop_u32(blob, "/intc@8000000", "phandle"));
}

/* The one CPU is a Cortex-A72 started through PSCI, reg holding its MPIDR affinity. */
Test(dtb, virt_cpu)
{
	struct emu_platform p;
	struct emu_dtb_config cfg;

	virt_platform(&p);
	cfg = make_config(&p);
	build_ok(&cfg, blob);
	expect_u32(blob, "/cpus", "#address-cells", 1);
	expect_u32(blob, "/cpus", "#size-cells", 0);
	expect_str(blob, "/cpus/cpu@0", "device_type", "cpu");
	expect_str(blob, "/cpus/cpu@0", "compatible", "arm,cortex-a72");
	expect_u32(blob, "/cpus/cpu@0", "reg", 0);
	expect_str(blob, "/cpus/cpu@0", "enable-method", "psci");
}

/* One CPU has no cpu-map and no phandle (the byte-identical single-CPU tree). */
Test(dtb, one_cpu_no_map)
{
	struct emu_platform p;
	struct emu_dtb_config cfg;

	virt_platform(&p);
	p.cpu_count = 1;
	cfg = make_config(&p);
	build_ok(&cfg, blob);
	expect_no_node(blob, "/cpus/cpu-map");
	expect_no_node(blob, "/cpus/cpu@1");
	expect_no_prop(blob, "/cpus/cpu@0", "phandle");
}

/*
 * Four CPUs as QEMU's virt -smp 4 writes them (its dumpdtb): cpu@0-cpu@3 in order with reg =
 * Aff0, enable-method psci, a phandle each, and cpu-map/socket0/cluster0/core0-3 naming them;
 * the GICv2 timer PPIs name all four CPUs in their CPU mask.
 */
Test(dtb, virt_four_cpus)
{
	static const uint32_t irq[] = {1, 13, 0xf04, 1, 14, 0xf04, 1, 11, 0xf04, 1, 10, 0xf04};
	struct emu_platform p;
	struct emu_dtb_config cfg;
	int cpus, child, n = 0;

	virt_platform(&p);
	p.cpu_count = 4;
	for (unsigned i = 0; i < 4; i++)
		p.mpidrs[i] = 0x80000000 + i;
	cfg = make_config(&p);
	build_ok(&cfg, blob);
	expect_u32(blob, "/cpus", "#address-cells", 1);
	cpus = node_at(blob, "/cpus");
	fdt_for_each_subnode(child, blob, cpus)
	{
		static const char *const order[] = {"cpu-map", "cpu@0", "cpu@1", "cpu@2", "cpu@3"};

		cr_assert_lt(n, 5);
		cr_expect_str_eq(fdt_get_name(blob, child, NULL), order[n], "child %d", n);
		n++;
	}
	cr_expect_eq(n, 5);
	for (unsigned i = 0; i < 4; i++) {
		char path[64], core[64];

		snprintf(path, sizeof(path), "/cpus/cpu@%u", i);
		snprintf(core, sizeof(core), "/cpus/cpu-map/socket0/cluster0/core%u", i);
		expect_u32(blob, path, "reg", i);
		expect_str(blob, path, "enable-method", "psci");
		expect_u32(blob, core, "cpu", prop_u32(blob, path, "phandle"));
	}
	expect_cells(blob, "/timer", "interrupts", irq, 12);
}

/* FVP-style CPUs (MT set, the core in Aff1, the cluster in Aff2) map to clusters and cores. */
Test(dtb, fvp_clusters)
{
	struct emu_platform p;
	struct emu_dtb_config cfg;

	fvp_platform(&p);
	p.mpidr = 0x81000000;
	p.cpu_count = 3;
	p.mpidrs[1] = 0x81000100;
	p.mpidrs[2] = 0x81010000;
	cfg = make_config(&p);
	build_ok(&cfg, blob);
	expect_u32(blob, "/cpus/cpu@0", "reg", 0);
	expect_u32(blob, "/cpus/cpu@100", "reg", 0x100);
	expect_u32(blob, "/cpus/cpu@10000", "reg", 0x10000);
	expect_u32(blob, "/cpus/cpu-map/socket0/cluster0/core1", "cpu",
		   prop_u32(blob, "/cpus/cpu@100", "phandle"));
	expect_u32(blob, "/cpus/cpu-map/socket0/cluster1/core0", "cpu",
		   prop_u32(blob, "/cpus/cpu@10000", "phandle"));
}

/* Only non-secure RAM becomes a memory node; secure RAM and flash stay hidden. */
Test(dtb, memory_non_secure_only)
{
	static const uint32_t reg[] = {0, 0x40000000, 0, 0x8000000};
	struct emu_platform p;
	struct emu_dtb_config cfg;

	virt_platform(&p);
	cfg = make_config(&p);
	build_ok(&cfg, blob);
	expect_str(blob, "/memory@40000000", "device_type", "memory");
	expect_cells(blob, "/memory@40000000", "reg", reg, 4);
	expect_no_node(blob, "/memory@e000000");
	expect_no_node(blob, "/memory@0");
	cr_expect_eq(count_memory_nodes(blob), 1);
}

/* The PL011 has its page, its SPI and both clocks from the fixed apb-pclk. */
Test(dtb, uart)
{
	static const char *const compat[] = {"arm,pl011", "arm,primecell"};
	static const char *const names[] = {"uartclk", "apb_pclk"};
	static const uint32_t reg[] = {0, 0x9000000, 0, 0x1000};
	static const uint32_t irq[] = {0, 1, 4};
	struct emu_platform p;
	struct emu_dtb_config cfg;
	uint32_t clk, clocks[2];

	virt_platform(&p);
	cfg = make_config(&p);
	build_ok(&cfg, blob);
	expect_strlist(blob, "/pl011@9000000", "compatible", compat, 2);
	expect_cells(blob, "/pl011@9000000", "reg", reg, 4);
	expect_cells(blob, "/pl011@9000000", "interrupts", irq, 3);
	expect_strlist(blob, "/pl011@9000000", "clock-names", names, 2);
	clk = prop_u32(blob, "/apb-pclk", "phandle");
	clocks[0] = clk;
	clocks[1] = clk;
	expect_cells(blob, "/pl011@9000000", "clocks", clocks, 2);
	expect_str(blob, "/apb-pclk", "compatible", "fixed-clock");
	expect_u32(blob, "/apb-pclk", "#clock-cells", 0);
	expect_u32(blob, "/apb-pclk", "clock-frequency", 24000000);
	expect_str(blob, "/aliases", "serial0", "/pl011@9000000");
}

/* /chosen names the first UART as the console, in QEMU's form, and carries bootargs. */
Test(dtb, chosen)
{
	struct emu_platform p;
	struct emu_dtb_config cfg;

	virt_platform(&p);
	cfg = make_config(&p);
	build_ok(&cfg, blob);
	expect_str(blob, "/chosen", "stdout-path", "/pl011@9000000");
	expect_str(blob, "/chosen", "bootargs", "console=ttyAMA0 earlycon");
}

/* Without bootargs the property is absent rather than empty. */
Test(dtb, chosen_without_bootargs)
{
	struct emu_platform p;
	struct emu_dtb_config cfg;

	virt_platform(&p);
	cfg = make_config(&p);
	cfg.bootargs = NULL;
	build_ok(&cfg, blob);
	expect_no_prop(blob, "/chosen", "bootargs");
	expect_str(blob, "/chosen", "stdout-path", "/pl011@9000000");
}

/* An initrd is named in /chosen as [start, end) in two cells each (#address-cells = 2), as
 * QEMU writes it; without one neither property is there. */
Test(dtb, chosen_initrd)
{
	static const uint32_t start[] = {0x1, 0x40210000}, end[] = {0x1, 0x40a10000};
	struct emu_platform p;
	struct emu_dtb_config cfg;

	virt_platform(&p);
	cfg = make_config(&p);
	cfg.initrd_start = 0x140210000ull;
	cfg.initrd_end = 0x140a10000ull;
	build_ok(&cfg, blob);
	expect_cells(blob, "/chosen", "linux,initrd-start", start, 2);
	expect_cells(blob, "/chosen", "linux,initrd-end", end, 2);
	cfg.initrd_start = cfg.initrd_end = 0;
	build_ok(&cfg, blob);
	expect_no_prop(blob, "/chosen", "linux,initrd-start");
	expect_no_prop(blob, "/chosen", "linux,initrd-end");
}

/* A command line longer than Linux's COMMAND_LINE_SIZE (2048 with its NUL) is refused. */
Test(dtb, bootargs_too_long)
{
	static char line[EMU_DTB_BOOTARGS_MAX + 1];
	struct emu_platform p;
	struct emu_dtb_config cfg;
	struct diag err = {0};

	virt_platform(&p);
	cfg = make_config(&p);
	memset(line, 'a', EMU_DTB_BOOTARGS_MAX - 1);
	cfg.bootargs = line;
	build_ok(&cfg, blob);
	line[EMU_DTB_BOOTARGS_MAX - 1] = 'a';
	cr_assert_eq(emu_dtb_build(&cfg, blob, EMU_DTB_MAX_SIZE, &err), 0);
	cr_assert(strstr(err.msg, "bootargs of 2048 bytes; Linux takes at most 2048") != NULL, "%s",
		  err.msg);
}

/* The timer lists the four PPIs 13, 14, 11, 10 with GICv2 CPU mask and level flags. */
Test(dtb, timer_gicv2)
{
	static const char *const compat[] = {"arm,armv8-timer", "arm,armv7-timer"};
	static const uint32_t irq[] = {1, 13, 0x104, 1, 14, 0x104, 1, 11, 0x104, 1, 10, 0x104};
	struct emu_platform p;
	struct emu_dtb_config cfg;
	int len;

	virt_platform(&p);
	cfg = make_config(&p);
	build_ok(&cfg, blob);
	expect_strlist(blob, "/timer", "compatible", compat, 2);
	expect_cells(blob, "/timer", "interrupts", irq, 12);
	cr_expect_not_null(fdt_getprop(blob, node_at(blob, "/timer"), "always-on", &len));
	cr_expect_eq(len, 0);
}

/* PSCI 1.0 with fallbacks, the configured conduit and the SMC32 v0.1 function IDs. */
Test(dtb, psci_smc)
{
	static const char *const compat[] = {"arm,psci-1.0", "arm,psci-0.2", "arm,psci"};
	struct emu_platform p;
	struct emu_dtb_config cfg;

	virt_platform(&p);
	cfg = make_config(&p);
	build_ok(&cfg, blob);
	expect_strlist(blob, "/psci", "compatible", compat, 3);
	expect_str(blob, "/psci", "method", "smc");
	expect_u32(blob, "/psci", "cpu_suspend", 0x84000001);
	expect_u32(blob, "/psci", "cpu_off", 0x84000002);
	expect_u32(blob, "/psci", "cpu_on", 0x84000003);
	expect_u32(blob, "/psci", "migrate", 0x84000005);
}

/* A GICv2 is a cortex-a15-gic with distributor and CPU interface frames. */
Test(dtb, gic_v2)
{
	static const uint32_t reg[] = {0, 0x8000000, 0, 0x10000, 0, 0x8010000, 0, 0x10000};
	struct emu_platform p;
	struct emu_dtb_config cfg;

	virt_platform(&p);
	cfg = make_config(&p);
	build_ok(&cfg, blob);
	expect_str(blob, "/intc@8000000", "compatible", "arm,cortex-a15-gic");
	expect_u32(blob, "/intc@8000000", "#interrupt-cells", 3);
	cr_expect_not_null(
		fdt_getprop(blob, node_at(blob, "/intc@8000000"), "interrupt-controller", NULL));
	expect_cells(blob, "/intc@8000000", "reg", reg, 8);
	cr_expect_neq(prop_u32(blob, "/intc@8000000", "phandle"), 0);
	/* As QEMU's virt: two address and size cells and an empty ranges. */
	expect_u32(blob, "/intc@8000000", "#address-cells", 2);
	expect_u32(blob, "/intc@8000000", "#size-cells", 2);
	cr_expect_not_null(fdt_getprop(blob, node_at(blob, "/intc@8000000"), "ranges", NULL));
	cr_expect_null(
		fdt_getprop(blob, node_at(blob, "/intc@8000000"), "#redistributor-regions", NULL));
}

/* /firmware/ffa follows the arm,psa-ffa binding: one child per partition, UUID as text. */
Test(dtb, ffa_partitions)
{
	struct emu_platform p;
	struct emu_dtb_config cfg;

	virt_platform(&p);
	cfg = make_config(&p);
	build_ok(&cfg, blob);
	expect_str(blob, "/firmware/ffa", "compatible", "arm,psa-ffa");
	expect_str(blob, "/firmware/ffa", "method", "smc");
	expect_str(blob, "/firmware/ffa/partition-echo", "compatible", "arm,psa-ffa-partition");
	expect_str(blob, "/firmware/ffa/partition-echo", "uuid",
		   "b4b5671e-4a90-4fe1-b81f-fb13dae1dacb");
	/* The space in "crypto sp" is not a node-name character. */
	expect_str(blob, "/firmware/ffa/partition-crypto-sp", "uuid",
		   "01234567-89ab-cdef-0011-223344556677");
}

/* dtc accepts the virt tree without a warning and shows every node and the UUIDs. */
Test(dtb, virt_dtc_accepts)
{
	struct emu_platform p;
	struct emu_dtb_config cfg;
	size_t n;

	virt_platform(&p);
	cfg = make_config(&p);
	n = build_ok(&cfg, blob);
	run_dtc(blob, n, dts, sizeof(dts));
	cr_expect_not_null(strstr(dts, "compatible = \"linux,dummy-virt\";"));
	cr_expect_not_null(strstr(dts, "memory@40000000 {"));
	cr_expect_not_null(strstr(dts, "pl011@9000000 {"));
	cr_expect_not_null(strstr(dts, "intc@8000000 {"));
	cr_expect_not_null(strstr(dts, "psci {"));
	cr_expect_not_null(strstr(dts, "timer {"));
	cr_expect_not_null(strstr(dts, "stdout-path = \"/pl011@9000000\";"));
	cr_expect_not_null(strstr(dts, "partition-echo {"));
	cr_expect_not_null(strstr(dts, "uuid = \"b4b5671e-4a90-4fe1-b81f-fb13dae1dacb\";"));
	cr_expect_not_null(strstr(dts, "uuid = \"01234567-89ab-cdef-0011-223344556677\";"));
	cr_expect_null(strstr(dts, "memory@e000000"));
}

/* Reserved ranges: /reserved-memory with the root's cells and an empty ranges, one no-map
 * child each; dtc accepts it without a warning. */
Test(dtb, reserved_memory)
{
	static const struct emu_dtb_reserved res[] = {{"pkvm-ffa", 0x7fff0000, 0x10000}};
	struct emu_platform p;
	struct emu_dtb_config cfg;
	const uint32_t reg[] = {0, 0x7fff0000, 0, 0x10000};
	size_t n;

	virt_platform(&p);
	cfg = make_config(&p);
	cfg.reserved = res;
	cfg.reserved_count = 1;
	n = build_ok(&cfg, blob);
	expect_u32(blob, "/reserved-memory", "#address-cells", 2);
	expect_u32(blob, "/reserved-memory", "#size-cells", 2);
	cr_assert_not_null(fdt_getprop(blob, node_at(blob, "/reserved-memory"), "ranges", NULL));
	expect_cells(blob, "/reserved-memory/pkvm-ffa@7fff0000", "reg", reg, 4);
	cr_assert_not_null(fdt_getprop(blob, node_at(blob, "/reserved-memory/pkvm-ffa@7fff0000"),
				       "no-map", NULL));
	run_dtc(blob, n, dts, sizeof(dts));
	cr_expect_not_null(strstr(dts, "pkvm-ffa@7fff0000 {"));
	/* None without reserved ranges. */
	cfg.reserved_count = 0;
	build_ok(&cfg, blob);
	expect_no_node(blob, "/reserved-memory");
}

/* An FVP-like platform: GICv3 with redistributors, two DRAM banks, two UARTs, cpu@100. */
Test(dtb, fvp_gicv3)
{
	static const uint32_t gic_reg[] = {0, 0x2f000000, 0, 0x10000, 0, 0x2f100000, 0, 0x200000};
	static const uint32_t timer[] = {1, 13, 4, 1, 14, 4, 1, 11, 4, 1, 10, 4};
	static const uint32_t bank1[] = {0x8, 0x80000000, 0, 0x80000000};
	static const uint32_t uart1_irq[] = {0, 6, 4};
	struct emu_platform p;
	struct emu_dtb_config cfg;
	size_t n;

	fvp_platform(&p);
	cfg = make_config(&p);
	n = build_ok(&cfg, blob);
	expect_str(blob, "/", "compatible", "ffa-sim,fvp");
	expect_str(blob, "/intc@2f000000", "compatible", "arm,gic-v3");
	expect_cells(blob, "/intc@2f000000", "reg", gic_reg, 8);
	expect_u32(blob, "/intc@2f000000", "#redistributor-regions", 1);
	expect_u32(blob, "/intc@2f000000", "#address-cells", 2);
	expect_cells(blob, "/timer", "interrupts", timer, 12);
	expect_u32(blob, "/cpus/cpu@100", "reg", 0x100);
	expect_cells(blob, "/memory@880000000", "reg", bank1, 4);
	node_at(blob, "/memory@80000000");
	expect_no_node(blob, "/memory@6000000");
	expect_cells(blob, "/pl011@1c0a0000", "interrupts", uart1_irq, 3);
	expect_str(blob, "/chosen", "stdout-path", "/pl011@1c090000");
	expect_str(blob, "/aliases", "serial1", "/pl011@1c0a0000");
	/* Both UARTs share the one 24 MHz clock. */
	expect_no_node(blob, "/apb-pclk-1");
	run_dtc(blob, n, dts, sizeof(dts));
	cr_expect_not_null(strstr(dts, "compatible = \"arm,gic-v3\";"));
	cr_expect_not_null(strstr(dts, "pl011@1c0a0000 {"));
	cr_expect_not_null(strstr(dts, "cpu@100 {"));
}

/* UARTs with different clocks each get their own fixed-clock, uniquely named. */
Test(dtb, uart_distinct_clocks)
{
	struct emu_platform p;
	struct emu_dtb_config cfg;
	uint32_t clocks[2];
	size_t n;

	fvp_platform(&p);
	p.uarts[1].clock_hz = 7372800;
	cfg = make_config(&p);
	n = build_ok(&cfg, blob);
	expect_u32(blob, "/apb-pclk-1", "clock-frequency", 7372800);
	expect_str(blob, "/apb-pclk-1", "clock-output-names", "clk7372800hz");
	expect_str(blob, "/apb-pclk", "clock-output-names", "clk24mhz");
	clocks[0] = prop_u32(blob, "/apb-pclk-1", "phandle");
	clocks[1] = clocks[0];
	expect_cells(blob, "/pl011@1c0a0000", "clocks", clocks, 2);
	run_dtc(blob, n, dts, sizeof(dts));
}

/* An MPIDR with Aff3 set needs two address cells in /cpus. */
Test(dtb, cpu_aff3)
{
	static const uint32_t reg[] = {0x1, 0x100};
	struct emu_platform p;
	struct emu_dtb_config cfg;
	size_t n;

	fvp_platform(&p);
	p.mpidr = 0x0000000181000100ull;
	cfg = make_config(&p);
	n = build_ok(&cfg, blob);
	expect_u32(blob, "/cpus", "#address-cells", 2);
	expect_cells(blob, "/cpus/cpu@100000100", "reg", reg, 2);
	run_dtc(blob, n, dts, sizeof(dts));
}

/* The hvc conduit reaches both the PSCI and the FF-A node; each follows its own setting. */
Test(dtb, hvc_conduit)
{
	struct emu_platform p;
	struct emu_dtb_config cfg;

	virt_platform(&p);
	cfg = make_config(&p);
	cfg.psci_conduit = FFA_CONDUIT_HVC;
	cfg.ffa_conduit = FFA_CONDUIT_HVC;
	build_ok(&cfg, blob);
	expect_str(blob, "/psci", "method", "hvc");
	expect_str(blob, "/firmware/ffa", "method", "hvc");

	cfg.psci_conduit = FFA_CONDUIT_SMC;
	build_ok(&cfg, blob);
	expect_str(blob, "/psci", "method", "smc");
	expect_str(blob, "/firmware/ffa", "method", "hvc");
}

/* Firmware without FF-A: no /firmware node at all, the rest unchanged. */
Test(dtb, ffa_absent)
{
	struct emu_platform p;
	struct emu_dtb_config cfg;
	size_t n;

	virt_platform(&p);
	cfg = make_config(&p);
	cfg.ffa_present = false;
	n = build_ok(&cfg, blob);
	expect_no_node(blob, "/firmware");
	cr_expect_lt(fdt_node_offset_by_compatible(blob, -1, "arm,psa-ffa"), 0);
	node_at(blob, "/psci");
	run_dtc(blob, n, dts, sizeof(dts));
	cr_expect_null(strstr(dts, "arm,psa-ffa"));
}

/* FF-A present with no partitions: the arm,psa-ffa node alone. */
Test(dtb, ffa_no_partitions)
{
	struct emu_platform p;
	struct emu_dtb_config cfg;

	virt_platform(&p);
	cfg = make_config(&p);
	cfg.partitions = NULL;
	cfg.partition_count = 0;
	build_ok(&cfg, blob);
	expect_str(blob, "/firmware/ffa", "compatible", "arm,psa-ffa");
	cr_expect_lt(fdt_first_subnode(blob, node_at(blob, "/firmware/ffa")), 0);
}

/* No UART: still a valid tree, without stdout-path or aliases. */
Test(dtb, no_uart)
{
	struct emu_platform p;
	struct emu_dtb_config cfg;
	size_t n;

	virt_platform(&p);
	p.uart_count = 0;
	cfg = make_config(&p);
	n = build_ok(&cfg, blob);
	node_at(blob, "/chosen");
	expect_no_prop(blob, "/chosen", "stdout-path");
	expect_no_node(blob, "/aliases");
	expect_no_node(blob, "/apb-pclk");
	run_dtc(blob, n, dts, sizeof(dts));
}

/* No GIC: no interrupt-parent and no interrupts properties, and dtc still has no complaint. */
Test(dtb, no_gic)
{
	struct emu_platform p;
	struct emu_dtb_config cfg;
	size_t n;

	virt_platform(&p);
	p.gic.present = false;
	cfg = make_config(&p);
	n = build_ok(&cfg, blob);
	expect_no_prop(blob, "/", "interrupt-parent");
	expect_no_prop(blob, "/pl011@9000000", "interrupts");
	expect_no_prop(blob, "/timer", "interrupts");
	expect_no_node(blob, "/intc@8000000");
	run_dtc(blob, n, dts, sizeof(dts));
}

/* A buffer too small for the tree is an error naming the size, not a truncated blob. */
Test(dtb, buffer_too_small)
{
	struct emu_platform p;
	struct emu_dtb_config cfg;
	struct diag err = {0};

	virt_platform(&p);
	cfg = make_config(&p);
	cr_expect_eq(emu_dtb_build(&cfg, blob, 256, &err), 0);
	cr_expect_str_eq(err.file, "");
	cr_expect_not_null(strstr(err.msg, "does not fit in 256 bytes"), "msg: %s", err.msg);

	memset(&err, 0, sizeof(err));
	cr_expect_eq(emu_dtb_build(&cfg, blob, 8, &err), 0);
	cr_expect_str_not_empty(err.msg);
}

/* A NULL platform is refused with a message. */
Test(dtb, null_platform)
{
	struct emu_dtb_config cfg = {0};
	struct diag err = {0};

	cr_expect_eq(emu_dtb_build(&cfg, blob, sizeof(blob), &err), 0);
	cr_expect_not_null(strstr(err.msg, "no platform"), "msg: %s", err.msg);
}

/* A platform whose RAM is all secure has nothing to tell the normal world: refused. */
Test(dtb, no_non_secure_ram)
{
	struct emu_platform p;
	struct emu_dtb_config cfg;
	struct diag err = {0};

	virt_platform(&p);
	p.regions[3].secure = true;
	cfg = make_config(&p);
	cr_expect_eq(emu_dtb_build(&cfg, blob, sizeof(blob), &err), 0);
	cr_expect_not_null(strstr(err.msg, "no non-secure RAM"), "msg: %s", err.msg);
}

/* Two partitions with the same name would give two nodes with one name: a libfdt error. */
Test(dtb, duplicate_partition_name)
{
	struct emu_dtb_partition parts[2];
	struct emu_platform p;
	struct emu_dtb_config cfg;
	struct diag err = {0};

	memcpy(parts, test_partitions, sizeof(parts));
	memcpy(parts[1].name, parts[0].name, sizeof(parts[1].name));
	virt_platform(&p);
	cfg = make_config(&p);
	cfg.partitions = parts;
	cr_expect_eq(emu_dtb_build(&cfg, blob, sizeof(blob), &err), 0);
	cr_expect_not_null(strstr(err.msg, "partition-echo"), "msg: %s", err.msg);
	cr_expect_not_null(strstr(err.msg, fdt_strerror(-FDT_ERR_EXISTS)), "msg: %s", err.msg);
}

/* A GIC version other than 2 or 3 is refused. */
Test(dtb, bad_gic_version)
{
	struct emu_platform p;
	struct emu_dtb_config cfg;
	struct diag err = {0};

	virt_platform(&p);
	p.gic.version = 4;
	cfg = make_config(&p);
	cr_expect_eq(emu_dtb_build(&cfg, blob, sizeof(blob), &err), 0);
	cr_expect_not_null(strstr(err.msg, "GIC version 4"), "msg: %s", err.msg);
}
