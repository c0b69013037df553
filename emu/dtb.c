/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The normal world's device tree, built with libfdt's read-write API into the caller's buffer.
 * The layout follows what QEMU's virt machine passes to Linux and U-Boot (node names such as
 * pl011@9000000 and intc@8000000 included), so that guests written for QEMU boot unchanged.
 * docs/device-tree.md describes the result node by node.
 */
#include "emu/dtb.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include <libfdt.h>

#include "abi/fids.h"

/* Interrupt specifier cells of the GIC bindings (arm,gic.yaml, arm,gic-v3.yaml). */
#define DTB_GIC_SPI 0u
#define DTB_GIC_PPI 1u
#define DTB_IRQ_TYPE_LEVEL_HIGH 4u
/* GICv2 PPI specifiers carry a CPU mask in bits [15:8] of the flags cell (arm,gic.yaml). */
#define DTB_GIC_PPI_CPU_SHIFT 8

/* Generic timer PPIs as on virt: INTIDs 29, 30, 27, 26, the ones Arm BSA (DEN0094) recommends. */
#define DTB_TIMER_PPI_SEC_PHYS 13u
#define DTB_TIMER_PPI_NS_PHYS 14u
#define DTB_TIMER_PPI_VIRT 11u
#define DTB_TIMER_PPI_HYP 10u

/* MPIDR_EL1 affinity fields Aff3 [39:32] and Aff2..Aff0 [23:0]: the cpu node's reg. */
#define DTB_MPIDR_AFFINITY_MASK UINT64_C(0xff00ffffff)
#define DTB_MPIDR_AFF3_MASK UINT64_C(0xff00000000)
#define DTB_MPIDR_MT (UINT64_C(1) << 24)

#define DTB_NODE_NAME_MAX 64
#define DTB_PATH_MAX 128
#define DTB_UUID_TEXT_LEN 36

/* One build: the blob being written and the first error, after which every step is skipped. */
struct dtb_ctx {
	void *fdt;
	size_t size;
	struct diag *err;
	bool failed;
	uint32_t next_phandle;
};

static void dtb_fail_fdt(struct dtb_ctx *c, int rc, int node, const char *what)
{
	const char *name;

	if (c->failed)
		return;
	c->failed = true;
	if (rc == -FDT_ERR_NOSPACE) {
		diag_set(c->err, "", 0, 0, "device tree does not fit in %zu bytes", c->size);
		return;
	}
	name = node >= 0 ? fdt_get_name(c->fdt, node, NULL) : NULL;
	if (name == NULL || name[0] == '\0')
		name = "/";
	diag_set(c->err, "", 0, 0, "device tree: %s in node '%s': %s", what, name,
		 fdt_strerror(rc));
}

static int dtb_node(struct dtb_ctx *c, int parent, const char *name)
{
	int node;

	if (c->failed)
		return -1;
	node = fdt_add_subnode(c->fdt, parent, name);
	if (node < 0) {
		char what[DTB_NODE_NAME_MAX + 32];

		snprintf(what, sizeof(what), "cannot add node '%s'", name);
		dtb_fail_fdt(c, node, parent, what);
		return -1;
	}
	return node;
}

static void dtb_prop(struct dtb_ctx *c, int node, const char *name, const void *val, int len)
{
	int rc;

	if (c->failed)
		return;
	rc = fdt_setprop(c->fdt, node, name, val, len);
	if (rc < 0) {
		char what[64];

		snprintf(what, sizeof(what), "cannot set property '%s'", name);
		dtb_fail_fdt(c, rc, node, what);
	}
}

static void dtb_prop_str(struct dtb_ctx *c, int node, const char *name, const char *str)
{
	dtb_prop(c, node, name, str, (int)strlen(str) + 1);
}

/* A string list: the strings one after the other, each with its NUL (DTSpec §2.2.4). */
static void dtb_prop_strlist(struct dtb_ctx *c, int node, const char *name, const char *const *strs,
			     unsigned count)
{
	char buf[256];
	size_t len = 0;

	for (unsigned i = 0; i < count; i++) {
		size_t n = strlen(strs[i]) + 1;

		if (len + n > sizeof(buf))
			break;
		memcpy(buf + len, strs[i], n);
		len += n;
	}
	dtb_prop(c, node, name, buf, (int)len);
}

static void dtb_prop_cells(struct dtb_ctx *c, int node, const char *name, const uint32_t *cells,
			   unsigned count)
{
	fdt32_t be[16];

	if (count > 16)
		count = 16;
	for (unsigned i = 0; i < count; i++)
		be[i] = cpu_to_fdt32(cells[i]);
	dtb_prop(c, node, name, be, (int)(count * sizeof(be[0])));
}

static void dtb_prop_u32(struct dtb_ctx *c, int node, const char *name, uint32_t val)
{
	dtb_prop_cells(c, node, name, &val, 1);
}

static void dtb_prop_empty(struct dtb_ctx *c, int node, const char *name)
{
	dtb_prop(c, node, name, NULL, 0);
}

/* Appends <base size> as two 2-cell numbers, the root's #address-cells and #size-cells. */
static unsigned dtb_reg_cells(uint32_t *cells, uint64_t base, uint64_t size)
{
	cells[0] = (uint32_t)(base >> 32);
	cells[1] = (uint32_t)base;
	cells[2] = (uint32_t)(size >> 32);
	cells[3] = (uint32_t)size;
	return 4;
}

static void dtb_prop_reg(struct dtb_ctx *c, int node, uint64_t base, uint64_t size)
{
	uint32_t cells[4];

	dtb_prop_cells(c, node, "reg", cells, dtb_reg_cells(cells, base, size));
}

static const char *dtb_conduit_name(enum ffa_conduit conduit)
{
	return conduit == FFA_CONDUIT_HVC ? "hvc" : "smc";
}

static bool dtb_has_ns_ram(const struct emu_platform *p)
{
	for (unsigned i = 0; i < p->region_count; i++) {
		if (p->regions[i].kind == EMU_REGION_RAM && !p->regions[i].secure)
			return true;
	}
	return false;
}

static void dtb_uart_path(const struct emu_uart *u, char *buf, size_t size)
{
	snprintf(buf, size, "/pl011@%llx", (unsigned long long)u->base);
}

/* Rejects what would make an invalid tree or one no guest could boot with. */
static bool dtb_check_config(const struct emu_dtb_config *cfg, struct diag *err)
{
	const struct emu_platform *p = cfg->platform;

	if (p == NULL) {
		diag_set(err, "", 0, 0, "device tree: no platform");
		return false;
	}
	if (p->region_count > EMU_PLATFORM_MAX_REGIONS || p->uart_count > EMU_PLATFORM_MAX_UARTS) {
		diag_set(err, "", 0, 0, "device tree: platform '%s' has too many regions or UARTs",
			 p->name);
		return false;
	}
	if (cfg->bootargs != NULL && strlen(cfg->bootargs) >= EMU_DTB_BOOTARGS_MAX) {
		diag_set(err, "", 0, 0,
			 "device tree: bootargs of %zu bytes; Linux takes at most %u "
			 "(COMMAND_LINE_SIZE, the terminating NUL included)",
			 strlen(cfg->bootargs), EMU_DTB_BOOTARGS_MAX);
		return false;
	}
	if (!dtb_has_ns_ram(p)) {
		diag_set(err, "", 0, 0,
			 "device tree: platform '%s' has no non-secure RAM to describe as memory",
			 p->name);
		return false;
	}
	for (unsigned i = 0; i < p->uart_count; i++) {
		if (p->uarts[i].clock_hz == 0) {
			diag_set(err, "", 0, 0, "device tree: UART '%s' has no clock frequency",
				 p->uarts[i].name);
			return false;
		}
	}
	if (p->gic.present && p->gic.version != 2 && p->gic.version != 3) {
		diag_set(err, "", 0, 0, "device tree: GIC version %u is not 2 or 3",
			 p->gic.version);
		return false;
	}
	if (cfg->reserved_count > EMU_DTB_MAX_RESERVED ||
	    (cfg->reserved_count > 0 && cfg->reserved == NULL)) {
		diag_set(err, "", 0, 0, "device tree: %u reserved ranges (at most %d, with a list)",
			 cfg->reserved_count, EMU_DTB_MAX_RESERVED);
		return false;
	}
	if (cfg->ffa_present && cfg->partition_count > 0 && cfg->partitions == NULL) {
		diag_set(err, "", 0, 0, "device tree: %u partitions but no partition list",
			 cfg->partition_count);
		return false;
	}
	return true;
}

static void dtb_add_root(struct dtb_ctx *c, const struct emu_platform *p, uint32_t gic_phandle)
{
	char compat[EMU_NAME_MAX + 16];

	/* Linux matches "linux,dummy-virt" to the generic machine QEMU's virt boots as. */
	if (strcmp(p->name, "virt") == 0)
		snprintf(compat, sizeof(compat), "linux,dummy-virt");
	else
		snprintf(compat, sizeof(compat), "ffa-sim,%s", p->name);
	dtb_prop_u32(c, 0, "#address-cells", 2);
	dtb_prop_u32(c, 0, "#size-cells", 2);
	dtb_prop_str(c, 0, "compatible", compat);
	dtb_prop_str(c, 0, "model", compat);
	if (p->gic.present)
		dtb_prop_u32(c, 0, "interrupt-parent", gic_phandle);
}

/* A 64-bit value as two cells, as the root's #address-cells = 2 spells an address. */
static void dtb_prop_u64(struct dtb_ctx *c, int node, const char *name, uint64_t val)
{
	const uint32_t cells[2] = {(uint32_t)(val >> 32), (uint32_t)val};

	dtb_prop_cells(c, node, name, cells, 2);
}

static void dtb_add_chosen(struct dtb_ctx *c, const struct emu_dtb_config *cfg)
{
	const struct emu_platform *p = cfg->platform;
	int chosen = dtb_node(c, 0, "chosen");

	/* stdout-path names the node by path, as QEMU writes it (DTSpec §3.6). */
	if (p->uart_count > 0) {
		char path[DTB_PATH_MAX];

		dtb_uart_path(&p->uarts[0], path, sizeof(path));
		dtb_prop_str(c, chosen, "stdout-path", path);
	}
	if (cfg->bootargs != NULL)
		dtb_prop_str(c, chosen, "bootargs", cfg->bootargs);
	/* The initial RAM disk, [start, end), as QEMU and U-Boot write it and Linux's
	 * early_init_dt_check_for_initrd reads it (the end is exclusive). */
	if (cfg->initrd_end > cfg->initrd_start) {
		dtb_prop_u64(c, chosen, "linux,initrd-start", cfg->initrd_start);
		dtb_prop_u64(c, chosen, "linux,initrd-end", cfg->initrd_end);
	}
}

/* serialN aliases give U-Boot and Linux a stable numbering of the UARTs (DTSpec §3.3). */
static void dtb_add_aliases(struct dtb_ctx *c, const struct emu_platform *p)
{
	int aliases;

	if (p->uart_count == 0)
		return;
	aliases = dtb_node(c, 0, "aliases");
	for (unsigned i = 0; i < p->uart_count; i++) {
		char name[24];
		char path[DTB_PATH_MAX];

		snprintf(name, sizeof(name), "serial%u", i);
		dtb_uart_path(&p->uarts[i], path, sizeof(path));
		dtb_prop_str(c, aliases, name, path);
	}
}

/* How many CPUs the tree describes: the platform's running CPUs, at least the boot CPU. */
static unsigned dtb_cpu_count(const struct emu_platform *p)
{
	return p->cpu_count > 1 ? p->cpu_count : 1;
}

/* CPU i's MPIDR: the boot CPU's is the platform's `mpidr`. */
static uint64_t dtb_cpu_mpidr(const struct emu_platform *p, unsigned i)
{
	return i == 0 ? p->mpidr : p->mpidrs[i];
}

/* The cpu-map's core and cluster of an MPIDR: with MT set the CPU is in Aff1, its cluster Aff2. */
static void dtb_cpu_topology(uint64_t mpidr, unsigned *cluster, unsigned *core)
{
	unsigned shift = (mpidr & DTB_MPIDR_MT) != 0 ? 8 : 0;

	*core = (unsigned)(mpidr >> shift) & 0xffu;
	*cluster = (unsigned)(mpidr >> (shift + 8)) & 0xffu;
}

/*
 * /cpus/cpu-map (several CPUs): socket0, one clusterN per cluster, one coreN per CPU pointing at
 * its node, as QEMU's virt writes it. Nodes go in reverse: libfdt puts a new child first.
 */
static void dtb_add_cpu_map(struct dtb_ctx *c, const struct emu_platform *p, int cpus,
			    const uint32_t *phandles)
{
	int map = dtb_node(c, cpus, "cpu-map");
	int socket = dtb_node(c, map, "socket0");

	for (unsigned i = dtb_cpu_count(p); i-- > 0;) {
		char name[DTB_NODE_NAME_MAX];
		unsigned cluster, core;
		int cl, node;

		dtb_cpu_topology(dtb_cpu_mpidr(p, i), &cluster, &core);
		snprintf(name, sizeof(name), "cluster%u", cluster);
		cl = c->failed ? -1 : fdt_subnode_offset(c->fdt, socket, name);
		if (cl < 0)
			cl = dtb_node(c, socket, name);
		snprintf(name, sizeof(name), "core%u", core);
		node = dtb_node(c, cl, name);
		dtb_prop_u32(c, node, "cpu", phandles[i]);
	}
}

static void dtb_add_cpus(struct dtb_ctx *c, const struct emu_platform *p)
{
	uint32_t phandles[EMU_PLATFORM_MAX_CPUS];
	bool aff3 = false;
	int cpus;

	for (unsigned i = 0; i < dtb_cpu_count(p); i++)
		aff3 = aff3 || (dtb_cpu_mpidr(p, i) & DTB_MPIDR_AFF3_MASK) != 0;
	/* One cell is enough while Aff3 is zero (cpus.yaml: #address-cells of /cpus). */
	cpus = dtb_node(c, 0, "cpus");
	dtb_prop_u32(c, cpus, "#address-cells", aff3 ? 2 : 1);
	dtb_prop_u32(c, cpus, "#size-cells", 0);

	for (unsigned i = dtb_cpu_count(p); i-- > 0;) {
		uint64_t reg = dtb_cpu_mpidr(p, i) & DTB_MPIDR_AFFINITY_MASK;
		char name[DTB_NODE_NAME_MAX];
		int cpu;

		snprintf(name, sizeof(name), "cpu@%llx", (unsigned long long)reg);
		cpu = dtb_node(c, cpus, name);
		dtb_prop_str(c, cpu, "device_type", "cpu");
		dtb_prop_str(c, cpu, "compatible", "arm,cortex-a72");
		if (aff3) {
			uint32_t cells[2] = {(uint32_t)(reg >> 32), (uint32_t)reg};

			dtb_prop_cells(c, cpu, "reg", cells, 2);
		} else {
			dtb_prop_u32(c, cpu, "reg", (uint32_t)reg);
		}
		dtb_prop_str(c, cpu, "enable-method", "psci");
		if (dtb_cpu_count(p) > 1) {
			phandles[i] = c->next_phandle++;
			dtb_prop_u32(c, cpu, "phandle", phandles[i]);
		}
	}
	if (dtb_cpu_count(p) > 1)
		dtb_add_cpu_map(c, p, cpus, phandles);
}

/* Secure RAM stays out: the normal world must not be told it exists. */
static void dtb_add_memory(struct dtb_ctx *c, const struct emu_platform *p)
{
	for (unsigned i = 0; i < p->region_count; i++) {
		const struct emu_region *r = &p->regions[i];
		char name[DTB_NODE_NAME_MAX];
		int mem;

		if (r->kind != EMU_REGION_RAM || r->secure)
			continue;
		snprintf(name, sizeof(name), "memory@%llx", (unsigned long long)r->base);
		mem = dtb_node(c, 0, name);
		dtb_prop_str(c, mem, "device_type", "memory");
		dtb_prop_reg(c, mem, r->base, r->size);
	}
}

/*
 * Memory the guest must not use: /reserved-memory (the devicetree specification's
 * "Reserved Memory" binding, which Linux reads in drivers/of/of_reserved_mem.c) with the root's
 * cell sizes and an empty ranges, one child per range with reg and no-map, so that the OS
 * neither allocates from it nor maps it. The memory node stays whole, as firmware describes the
 * memory it keeps (OP-TEE's and TF-A's carve-outs are no-map children too).
 */
static void dtb_add_reserved(struct dtb_ctx *c, const struct emu_dtb_config *cfg)
{
	int parent;

	if (cfg->reserved_count == 0)
		return;
	parent = dtb_node(c, 0, "reserved-memory");
	dtb_prop_u32(c, parent, "#address-cells", 2);
	dtb_prop_u32(c, parent, "#size-cells", 2);
	dtb_prop_empty(c, parent, "ranges");
	for (unsigned i = 0; i < cfg->reserved_count; i++) {
		const struct emu_dtb_reserved *r = &cfg->reserved[i];
		char name[DTB_NODE_NAME_MAX];
		int node;

		snprintf(name, sizeof(name), "%s@%llx", r->name, (unsigned long long)r->base);
		node = dtb_node(c, parent, name);
		dtb_prop_reg(c, node, r->base, r->size);
		dtb_prop_empty(c, node, "no-map");
	}
}

/*
 * One fixed-clock per distinct UART clock frequency; the first is /apb-pclk as on QEMU.
 * Linux registers fixed clocks by clock-output-names, so the names differ by frequency.
 * Fills phandles[i] with the clock of UART i.
 */
static void dtb_add_clocks(struct dtb_ctx *c, const struct emu_platform *p, uint32_t *phandles)
{
	unsigned clocks = 0;

	for (unsigned i = 0; i < p->uart_count; i++) {
		uint32_t hz = p->uarts[i].clock_hz;
		char name[DTB_NODE_NAME_MAX];
		char output[DTB_NODE_NAME_MAX];
		int clk;

		phandles[i] = 0;
		for (unsigned j = 0; j < i; j++) {
			if (p->uarts[j].clock_hz == hz)
				phandles[i] = phandles[j];
		}
		if (phandles[i] != 0)
			continue;
		if (clocks == 0)
			snprintf(name, sizeof(name), "apb-pclk");
		else
			snprintf(name, sizeof(name), "apb-pclk-%u", clocks);
		if (hz % 1000000u == 0)
			snprintf(output, sizeof(output), "clk%umhz", hz / 1000000u);
		else
			snprintf(output, sizeof(output), "clk%uhz", hz);
		clocks++;
		phandles[i] = c->next_phandle++;
		clk = dtb_node(c, 0, name);
		dtb_prop_str(c, clk, "compatible", "fixed-clock");
		dtb_prop_u32(c, clk, "#clock-cells", 0);
		dtb_prop_u32(c, clk, "clock-frequency", hz);
		dtb_prop_str(c, clk, "clock-output-names", output);
		dtb_prop_u32(c, clk, "phandle", phandles[i]);
	}
}

/*
 * arm,pl011 (arm,pl011.yaml): Linux's amba bus needs both clocks, the first clocking the
 * baud-rate generator, the second the bus interface.
 */
static void dtb_add_uarts(struct dtb_ctx *c, const struct emu_platform *p, const uint32_t *clocks)
{
	static const char *const compat[] = {"arm,pl011", "arm,primecell"};
	static const char *const clock_names[] = {"uartclk", "apb_pclk"};

	for (unsigned i = 0; i < p->uart_count; i++) {
		const struct emu_uart *u = &p->uarts[i];
		char name[DTB_NODE_NAME_MAX];
		uint32_t clk[2] = {clocks[i], clocks[i]};
		int node;

		snprintf(name, sizeof(name), "pl011@%llx", (unsigned long long)u->base);
		node = dtb_node(c, 0, name);
		dtb_prop_strlist(c, node, "compatible", compat, 2);
		dtb_prop_reg(c, node, u->base, 0x1000);
		if (p->gic.present) {
			uint32_t irq[3] = {DTB_GIC_SPI, u->irq, DTB_IRQ_TYPE_LEVEL_HIGH};

			dtb_prop_cells(c, node, "interrupts", irq, 3);
		}
		dtb_prop_cells(c, node, "clocks", clk, 2);
		dtb_prop_strlist(c, node, "clock-names", clock_names, 2);
	}
}

/*
 * arm,arch_timer.yaml: the four PPIs in the order secure physical, non-secure physical,
 * virtual, hypervisor. The flags are QEMU's: level-triggered, active high, with (GICv2)
 * the CPU mask of every CPU. Without a GIC the PPIs have no controller to name, so the node
 * carries no interrupts.
 */
static void dtb_add_timer(struct dtb_ctx *c, const struct emu_platform *p)
{
	static const char *const compat[] = {"arm,armv8-timer", "arm,armv7-timer"};
	static const uint32_t ppis[] = {DTB_TIMER_PPI_SEC_PHYS, DTB_TIMER_PPI_NS_PHYS,
					DTB_TIMER_PPI_VIRT, DTB_TIMER_PPI_HYP};
	int timer = dtb_node(c, 0, "timer");

	dtb_prop_strlist(c, timer, "compatible", compat, 2);
	if (p->gic.present) {
		uint32_t flags = DTB_IRQ_TYPE_LEVEL_HIGH;
		uint32_t irq[12];

		/* GICv2 bindings: the PPI's CPU mask names every CPU (QEMU's virt does). */
		if (p->gic.version == 2)
			flags |= ((UINT32_C(1) << dtb_cpu_count(p)) - 1) << DTB_GIC_PPI_CPU_SHIFT;
		for (unsigned i = 0; i < 4; i++) {
			irq[i * 3] = DTB_GIC_PPI;
			irq[i * 3 + 1] = ppis[i];
			irq[i * 3 + 2] = flags;
		}
		dtb_prop_cells(c, timer, "interrupts", irq, 12);
	}
	/* The counter runs in every power state the simulator has. */
	dtb_prop_empty(c, timer, "always-on");
}

/*
 * arm,psci.yaml: PSCI 1.0 with the older compatibles as fallbacks; "method" names the
 * conduit. The v0.1 function-ID properties are kept for guests that only know arm,psci.
 */
static void dtb_add_psci(struct dtb_ctx *c, enum ffa_conduit conduit)
{
	static const char *const compat[] = {"arm,psci-1.0", "arm,psci-0.2", "arm,psci"};
	int psci = dtb_node(c, 0, "psci");

	dtb_prop_strlist(c, psci, "compatible", compat, 3);
	dtb_prop_str(c, psci, "method", dtb_conduit_name(conduit));
	dtb_prop_u32(c, psci, "cpu_suspend", PSCI_CPU_SUSPEND_32);
	dtb_prop_u32(c, psci, "cpu_off", PSCI_CPU_OFF);
	dtb_prop_u32(c, psci, "cpu_on", PSCI_CPU_ON_32);
	dtb_prop_u32(c, psci, "migrate", PSCI_MIGRATE_32);
}

/*
 * arm,gic.yaml ("arm,cortex-a15-gic" is QEMU's GICv2 compatible) and arm,gic-v3.yaml, shaped as
 * QEMU's virt writes them: two address and size cells with an empty ranges (for the GICv2m /
 * ITS children QEMU adds, which the simulator does not have), and on GICv3 the one
 * redistributor region.
 */
static void dtb_add_gic(struct dtb_ctx *c, const struct emu_gic *g, uint32_t phandle)
{
	char name[DTB_NODE_NAME_MAX];
	uint32_t reg[8];
	unsigned n;
	int gic;

	snprintf(name, sizeof(name), "intc@%llx", (unsigned long long)g->dist_base);
	gic = dtb_node(c, 0, name);
	dtb_prop_u32(c, gic, "phandle", phandle);
	n = dtb_reg_cells(reg, g->dist_base, g->dist_size);
	n += dtb_reg_cells(reg + n, g->cpu_base, g->cpu_size);
	dtb_prop_cells(c, gic, "reg", reg, n);
	if (g->version == 3)
		dtb_prop_u32(c, gic, "#redistributor-regions", 1);
	dtb_prop_str(c, gic, "compatible", g->version == 3 ? "arm,gic-v3" : "arm,cortex-a15-gic");
	dtb_prop_empty(c, gic, "ranges");
	dtb_prop_u32(c, gic, "#size-cells", 2);
	dtb_prop_u32(c, gic, "#address-cells", 2);
	dtb_prop_empty(c, gic, "interrupt-controller");
	dtb_prop_u32(c, gic, "#interrupt-cells", 3);
}

/* Node names take [0-9a-zA-Z,._+-] (DTSpec §2.2.1); anything else becomes '-'. */
static void dtb_partition_node_name(const struct emu_dtb_partition *part, unsigned index, char *buf,
				    size_t size)
{
	size_t len;

	if (part->name[0] == '\0') {
		snprintf(buf, size, "partition-%u", index);
		return;
	}
	snprintf(buf, size, "partition-%.*s", EMU_NAME_MAX - 1, part->name);
	len = strlen(buf);
	for (size_t i = strlen("partition-"); i < len; i++) {
		char ch = buf[i];
		bool ok = (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') ||
			  (ch >= 'A' && ch <= 'Z') || strchr(",._+-", ch) != NULL;

		if (!ok)
			buf[i] = '-';
	}
}

/* RFC 4122 text form, bytes in order: xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx. */
static void dtb_uuid_text(const uint8_t *uuid, char *buf)
{
	static const char hex[] = "0123456789abcdef";
	size_t pos = 0;

	for (unsigned i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			buf[pos++] = '-';
		buf[pos++] = hex[uuid[i] >> 4];
		buf[pos++] = hex[uuid[i] & 0xf];
	}
	buf[pos] = '\0';
}

/*
 * The arm,psa-ffa binding of the first Linux FF-A driver (Documentation/devicetree/bindings/
 * arm/arm,psa-ffa.txt, 2020): one arm,psa-ffa-partition child per partition, its uuid a
 * string. That binding takes the conduit from PSCI and defines no property for it; "method"
 * is added here with the PSCI binding's spelling so that a guest can find an FF-A conduit
 * that differs from the PSCI one.
 */
static void dtb_add_ffa(struct dtb_ctx *c, const struct emu_dtb_config *cfg)
{
	int firmware = dtb_node(c, 0, "firmware");
	int ffa = dtb_node(c, firmware, "ffa");

	dtb_prop_str(c, ffa, "compatible", "arm,psa-ffa");
	dtb_prop_str(c, ffa, "method", dtb_conduit_name(cfg->ffa_conduit));
	for (unsigned i = 0; i < cfg->partition_count; i++) {
		const struct emu_dtb_partition *part = &cfg->partitions[i];
		char name[DTB_NODE_NAME_MAX];
		char uuid[DTB_UUID_TEXT_LEN + 1];
		int node;

		dtb_partition_node_name(part, i, name, sizeof(name));
		dtb_uuid_text(part->uuid, uuid);
		node = dtb_node(c, ffa, name);
		dtb_prop_str(c, node, "compatible", "arm,psa-ffa-partition");
		dtb_prop_str(c, node, "uuid", uuid);
	}
}

size_t emu_dtb_build(const struct emu_dtb_config *cfg, void *buf, size_t size, struct diag *err)
{
	struct dtb_ctx c = {.fdt = buf, .size = size, .err = err, .next_phandle = 1};
	uint32_t uart_clocks[EMU_PLATFORM_MAX_UARTS];
	uint32_t gic_phandle = 0;
	const struct emu_platform *p;
	int rc;

	if (cfg == NULL || buf == NULL) {
		diag_set(err, "", 0, 0, "device tree: no configuration or no buffer");
		return 0;
	}
	if (!dtb_check_config(cfg, err))
		return 0;
	p = cfg->platform;

	rc = fdt_create_empty_tree(buf, size > INT_MAX ? INT_MAX : (int)size);
	if (rc < 0) {
		dtb_fail_fdt(&c, rc, -1, "cannot create the tree");
		return 0;
	}
	if (p->gic.present)
		gic_phandle = c.next_phandle++;

	dtb_add_root(&c, p, gic_phandle);
	dtb_add_chosen(&c, cfg);
	dtb_add_aliases(&c, p);
	dtb_add_cpus(&c, p);
	dtb_add_memory(&c, p);
	dtb_add_reserved(&c, cfg);
	dtb_add_clocks(&c, p, uart_clocks);
	dtb_add_uarts(&c, p, uart_clocks);
	dtb_add_timer(&c, p);
	dtb_add_psci(&c, cfg->psci_conduit);
	if (p->gic.present)
		dtb_add_gic(&c, &p->gic, gic_phandle);
	if (cfg->ffa_present)
		dtb_add_ffa(&c, cfg);
	if (c.failed)
		return 0;

	/* The read-write API leaves free space inside the blob; drop it. */
	rc = fdt_pack(buf);
	if (rc < 0) {
		dtb_fail_fdt(&c, rc, -1, "cannot pack the tree");
		return 0;
	}
	return fdt_totalsize(buf);
}
