/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Platforms: the built-in QEMU virt map and the YAML platform files described in
 * docs/platform.md. Loading reads every value with its position, then checks the map as a
 * whole (overlaps, names, a normal-world RAM region), so that each error points at the line
 * that causes it.
 */
#include "emu/platform.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "common/yaml_cfg.h"
#include "emu/dtb.h"
#include "emu/internal.h"

#define SZ_1K UINT64_C(0x400)
#define SZ_4K UINT64_C(0x1000)
#define SZ_64K UINT64_C(0x10000)
#define SZ_1M UINT64_C(0x100000)

/* The CPU model's physical address space: 48 bits (Arm ARM (DDI0487), ID_AA64MMFR0_EL1.PARange). */
#define PLAT_PA_LIMIT (UINT64_C(1) << 48)

/* SPIs are INTIDs 32 to 1019, so SPI numbers run from 0 to 987 (GICv3 (IHI0069) §2.2). */
#define PLAT_SPI_MAX 987u

/* Defaults for keys a platform file may leave out (docs/platform.md). */
#define PLAT_DEFAULT_CNTFRQ 62500000u
#define PLAT_DEFAULT_MPIDR UINT64_C(0x80000000) /* Aff0-2 = 0, bit 31 RES1 */
#define PLAT_DEFAULT_ENTRY_EL 1u
#define PLAT_DEFAULT_UART_CLOCK 24000000u
#define PLAT_DEFAULT_GICD_SIZE SZ_64K
#define PLAT_DEFAULT_GICC_SIZE (8 * SZ_1K)  /* GICv2 CPU interface register map: 8 KiB */
#define PLAT_DEFAULT_GICR_SIZE (2 * SZ_64K) /* GICv3: RD_base and SGI_base frames of one PE */
/* The GICv2 distributor's register map is 4 KiB (GICv2 (IHI0048) §4.1.2). */
#define PLAT_MIN_GICD_V2_SIZE SZ_4K
/* The redistributor frames of one PE: RD_base and SGI_base (GICv3 (IHI0069) §12.10). */
#define PLAT_GICR_PER_CPU (2 * SZ_64K)
/* MPIDR_EL1's affinity fields, Aff3 [39:32] and Aff2-Aff0 [23:0] (Arm ARM (DDI0487), MPIDR_EL1). */
#define PLAT_MPIDR_AFFINITY UINT64_C(0xff00ffffff)

static const char *const plat_root_keys[] = {
	"name",   "cntfrq",   "mpidr",       "cpus",
	"mpidrs", "entry-el", "dtb-address", "cycles-per-instruction",
	"memory", "uarts",    "gic",         "secure-devices",
	"costs",
};
static const char *const plat_secure_device_keys[] = {
	"name", "kind", "base", "irq", "clock",
};
/* Indexed by enum emu_secure_device_kind. */
static const char *const plat_secure_kind_names[] = {"sp805"};
static const char *const plat_region_keys[] = {
	"name", "kind", "base", "size", "secure", "image", "reads",
};
static const char *const plat_read_keys[] = {
	"offset",
	"value",
	"width",
};
static const char *const plat_uart_keys[] = {
	"name",
	"base",
	"irq",
	"clock",
};
static const char *const plat_gic_keys[] = {
	"version",
	"distributor",
	"distributor-size",
	"cpu-interface",
	"cpu-interface-size",
	"redistributor",
	"redistributor-size",
};
/* Indexed by enum emu_region_kind. */
static const char *const plat_kind_names[] = {"ram", "flash", "raz-wi"};

#define PLAT_COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* One address window of the map, for the overlap check. */
struct plat_window {
	const char *what; /* "region", "uart", "gic" */
	const char *name;
	const char *quote; /* "\"" around a user's name, "" around a GIC frame's */
	uint64_t base;
	uint64_t size;
	const struct cfg_node *at; /* where to report it */
};

/* Everything a load needs besides the platform itself; positions for the whole-map checks. */
struct plat_load {
	struct emu_platform *p;
	struct diag *err;
	const char *path; /* the platform file; images are relative to its directory */
	struct cfg_node root;
	struct cfg_node memory;
	struct cfg_node region_at[EMU_PLATFORM_MAX_REGIONS];
	struct cfg_node uart_at[EMU_PLATFORM_MAX_UARTS];
	struct cfg_node sdev_at[EMU_PLATFORM_MAX_SECURE_DEVICES];
	struct cfg_node gic_dist_at;
	struct cfg_node gic_cpu_at;
	struct cfg_node dtb_at;
	bool cpus_set; /* `cpus` given, at cpus_at */
	struct cfg_node cpus_at;
};

/* Names become device-tree node names and trace labels: keep them to a safe alphabet. */
static bool plat_check_name(const struct cfg_node *n, const char *name, struct diag *err)
{
	const char *c;

	if (name[0] == '\0')
		return cfg_error(n, err, "a name must not be empty");
	for (c = name; *c != '\0'; c++) {
		if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		    (*c >= '0' && *c <= '9') || *c == '-' || *c == '_' || *c == '.')
			continue;
		return cfg_error(n, err,
				 "\"%s\" has a '%c'; names use letters, digits, '-', '_' and '.'",
				 name, *c);
	}
	return true;
}

/* Reads a required name key of an item. */
static bool plat_read_name(const struct cfg_node *item, char *out, struct diag *err)
{
	struct cfg_node n;

	return cfg_map_require(item, "name", &n, err) && cfg_read_str(&n, out, EMU_NAME_MAX, err) &&
	       plat_check_name(&n, out, err);
}

/* Reads an address that must be 4 KiB aligned. */
static bool plat_read_base(const struct cfg_node *n, uint64_t *out, struct diag *err)
{
	if (!cfg_read_u64(n, out, err))
		return false;
	if (*out % SZ_4K != 0)
		return cfg_error(n, err, "0x%" PRIx64 " is not 4 KiB aligned", *out);
	return true;
}

/* Reads a size that must be a non-zero multiple of 4 KiB. */
static bool plat_read_size(const struct cfg_node *n, uint64_t *out, struct diag *err)
{
	if (!cfg_read_size(n, out, err))
		return false;
	if (*out == 0)
		return cfg_error(n, err, "the size must not be zero");
	if (*out % SZ_4K != 0)
		return cfg_error(n, err, "0x%" PRIx64 " is not a multiple of 4 KiB", *out);
	return true;
}

/* Checks that [base, base + size) lies inside the physical address space. */
static bool plat_check_end(const struct cfg_node *n, const char *what, uint64_t base, uint64_t size,
			   struct diag *err)
{
	if (base >= PLAT_PA_LIMIT || size > PLAT_PA_LIMIT - base)
		return cfg_error(n, err,
				 "%s [0x%" PRIx64 ", +0x%" PRIx64 ") ends above the 48-bit "
				 "physical address space",
				 what, base, size);
	return true;
}

/*
 * Resolves a flash image path against the platform file's directory and checks that the file
 * exists and fits the region.
 */
static bool plat_read_image(struct plat_load *l, const struct cfg_node *n, struct emu_region *r)
{
	char image[EMU_PATH_MAX];
	const char *slash = strrchr(l->path, '/');
	struct stat st;
	int len;

	if (!cfg_read_str(n, image, sizeof(image), l->err))
		return false;
	if (image[0] == '\0')
		return true; /* erased flash */
	if (image[0] == '/' || slash == NULL)
		len = snprintf(r->image, sizeof(r->image), "%s", image);
	else
		len = snprintf(r->image, sizeof(r->image), "%.*s/%s", (int)(slash - l->path),
			       l->path, image);
	if (len < 0 || (size_t)len >= sizeof(r->image))
		return cfg_error(n, l->err, "the image path is longer than %d characters",
				 EMU_PATH_MAX - 1);
	if (stat(r->image, &st) != 0)
		return cfg_error(n, l->err, "cannot open \"%s\": %s", r->image, strerror(errno));
	if (!S_ISREG(st.st_mode))
		return cfg_error(n, l->err, "\"%s\" is not a regular file", r->image);
	if ((uint64_t)st.st_size > r->size)
		return cfg_error(n, l->err,
				 "\"%s\" is %" PRIu64 " bytes, larger than the region (%" PRIu64
				 " bytes)",
				 r->image, (uint64_t)st.st_size, r->size);
	return true;
}

/* Reads one item of a raz-wi region's `reads` list: {offset, value, width (bits, 32)}. */
static bool plat_read_fixed(struct plat_load *l, const struct cfg_node *item,
			    const struct emu_region *r, struct emu_fixed_read *f)
{
	struct cfg_node n;
	uint64_t bits = 32;

	if (!cfg_expect_map(item, l->err) ||
	    !cfg_map_check_keys(item, plat_read_keys, PLAT_COUNT(plat_read_keys), l->err))
		return false;
	if (cfg_map_get(item, "width", &n)) {
		if (!cfg_read_u64(&n, &bits, l->err))
			return false;
		if (bits != 8 && bits != 16 && bits != 32 && bits != 64)
			return cfg_error(&n, l->err, "width %llu is not 8, 16, 32 or 64 (bits)",
					 (unsigned long long)bits);
	}
	f->width = (unsigned)(bits / 8);
	if (!cfg_map_require(item, "offset", &n, l->err) || !cfg_read_u64(&n, &f->offset, l->err))
		return false;
	if (f->offset % f->width != 0)
		return cfg_error(&n, l->err, "offset 0x%llx is not aligned to the width (%u bytes)",
				 (unsigned long long)f->offset, f->width);
	if (f->offset >= r->size || r->size - f->offset < f->width)
		return cfg_error(&n, l->err, "offset 0x%llx is outside the region (size 0x%llx)",
				 (unsigned long long)f->offset, (unsigned long long)r->size);
	if (!cfg_map_require(item, "value", &n, l->err) ||
	    !cfg_read_u64_max(&n, bits == 64 ? UINT64_MAX : (UINT64_C(1) << bits) - 1, &f->value,
			      l->err))
		return false;
	return true;
}

/* Reads a raz-wi region's `reads` list; no two registers overlap. */
static bool plat_read_reads(struct plat_load *l, const struct cfg_node *list, struct emu_region *r)
{
	size_t count;

	if (!cfg_expect_seq(list, l->err))
		return false;
	count = cfg_seq_count(list);
	for (size_t i = 0; i < count; i++) {
		struct emu_fixed_read *f = &r->reads[i];
		struct cfg_node item;

		cfg_seq_item(list, i, &item);
		if (i == EMU_REGION_MAX_READS)
			return cfg_error(&item, l->err, "too many fixed reads (at most %d)",
					 EMU_REGION_MAX_READS);
		if (!plat_read_fixed(l, &item, r, f))
			return false;
		for (size_t j = 0; j < i; j++) {
			const struct emu_fixed_read *g = &r->reads[j];

			if (f->offset < g->offset + g->width && g->offset < f->offset + f->width)
				return cfg_error(
					&item, l->err,
					"reads[%zu] at 0x%llx overlaps reads[%zu] at 0x%llx", i,
					(unsigned long long)f->offset, j,
					(unsigned long long)g->offset);
		}
		r->read_count++;
	}
	return true;
}

/* Reads one item of the memory list. */
static bool plat_read_region(struct plat_load *l, const struct cfg_node *item, struct emu_region *r)
{
	struct cfg_node n;
	unsigned kind = 0;

	if (!cfg_expect_map(item, l->err) ||
	    !cfg_map_check_keys(item, plat_region_keys, PLAT_COUNT(plat_region_keys), l->err) ||
	    !plat_read_name(item, r->name, l->err))
		return false;
	if (!cfg_map_require(item, "kind", &n, l->err) ||
	    !cfg_read_enum(&n, plat_kind_names, PLAT_COUNT(plat_kind_names), &kind, l->err))
		return false;
	r->kind = (enum emu_region_kind)kind;
	if (!cfg_map_require(item, "base", &n, l->err) || !plat_read_base(&n, &r->base, l->err))
		return false;
	if (!cfg_map_require(item, "size", &n, l->err) || !plat_read_size(&n, &r->size, l->err))
		return false;
	if (!plat_check_end(item, "the region", r->base, r->size, l->err))
		return false;
	if (cfg_map_get(item, "secure", &n)) {
		if (!cfg_read_bool(&n, &r->secure, l->err))
			return false;
		/* Flash and unmodelled devices have no security state in this simulator. */
		if (r->secure && r->kind != EMU_REGION_RAM)
			return cfg_error(&n, l->err, "only ram regions can be secure");
	}
	if (cfg_map_get(item, "image", &n)) {
		if (r->kind != EMU_REGION_FLASH)
			return cfg_error(&n, l->err, "only flash regions have an image");
		if (!plat_read_image(l, &n, r))
			return false;
	}
	if (cfg_map_get(item, "reads", &n)) {
		if (r->kind != EMU_REGION_RAZ_WI)
			return cfg_error(&n, l->err, "only raz-wi regions have fixed reads");
		if (!plat_read_reads(l, &n, r))
			return false;
	}
	return true;
}

/* Reads the memory list (required). */
static bool plat_read_memory(struct plat_load *l)
{
	size_t count, i;

	if (!cfg_map_require(&l->root, "memory", &l->memory, l->err) ||
	    !cfg_expect_seq(&l->memory, l->err))
		return false;
	count = cfg_seq_count(&l->memory);
	for (i = 0; i < count; i++) {
		if (i == EMU_PLATFORM_MAX_REGIONS) {
			struct cfg_node extra;

			cfg_seq_item(&l->memory, i, &extra);
			return cfg_error(&extra, l->err, "too many regions (at most %d)",
					 EMU_PLATFORM_MAX_REGIONS);
		}
		cfg_seq_item(&l->memory, i, &l->region_at[i]);
		if (!plat_read_region(l, &l->region_at[i], &l->p->regions[i]))
			return false;
		l->p->region_count++;
	}
	return true;
}

/* Reads one item of the uarts list. */
static bool plat_read_uart(struct plat_load *l, const struct cfg_node *item, struct emu_uart *u)
{
	struct cfg_node n;
	uint64_t irq = 0;

	if (!cfg_expect_map(item, l->err) ||
	    !cfg_map_check_keys(item, plat_uart_keys, PLAT_COUNT(plat_uart_keys), l->err) ||
	    !plat_read_name(item, u->name, l->err))
		return false;
	if (!cfg_map_require(item, "base", &n, l->err) || !plat_read_base(&n, &u->base, l->err) ||
	    !plat_check_end(&n, "the uart", u->base, SZ_4K, l->err))
		return false;
	if (!cfg_map_require(item, "irq", &n, l->err) ||
	    !cfg_read_u64_max(&n, PLAT_SPI_MAX, &irq, l->err))
		return false;
	u->irq = (uint32_t)irq;
	u->clock_hz = PLAT_DEFAULT_UART_CLOCK;
	if (cfg_map_get(item, "clock", &n)) {
		if (!cfg_read_u32(&n, &u->clock_hz, l->err))
			return false;
		if (u->clock_hz == 0)
			return cfg_error(&n, l->err, "the clock must not be zero");
	}
	return true;
}

/*
 * Reads an optional list under key of at most max items: item i is at at[i], read by
 * read_item(l, i), which counts it. what names the items in the too-many message.
 */
static bool plat_read_list(struct plat_load *l, const char *key, const char *what, size_t max,
			   struct cfg_node *at, bool (*read_item)(struct plat_load *l, size_t i))
{
	struct cfg_node list;
	size_t count, i;

	if (!cfg_map_get(&l->root, key, &list))
		return true;
	if (!cfg_expect_seq(&list, l->err))
		return false;
	count = cfg_seq_count(&list);
	for (i = 0; i < count; i++) {
		if (i == max) {
			struct cfg_node extra;

			cfg_seq_item(&list, i, &extra);
			return cfg_error(&extra, l->err, "too many %s (at most %zu)", what, max);
		}
		cfg_seq_item(&list, i, &at[i]);
		if (!read_item(l, i))
			return false;
	}
	return true;
}

/* Item i of the uarts list. */
static bool plat_read_uart_item(struct plat_load *l, size_t i)
{
	if (!plat_read_uart(l, &l->uart_at[i], &l->p->uarts[i]))
		return false;
	l->p->uart_count++;
	return true;
}

/* Reads the uarts list (optional). */
static bool plat_read_uarts(struct plat_load *l)
{
	return plat_read_list(l, "uarts", "uarts", EMU_PLATFORM_MAX_UARTS, l->uart_at,
			      plat_read_uart_item);
}

/* Reads one item of the secure-devices list. */
static bool plat_read_secure_device(struct plat_load *l, const struct cfg_node *item,
				    struct emu_secure_device *d)
{
	struct cfg_node n;
	uint64_t irq = 0;
	char kind[EMU_NAME_MAX];

	if (!cfg_expect_map(item, l->err) ||
	    !cfg_map_check_keys(item, plat_secure_device_keys, PLAT_COUNT(plat_secure_device_keys),
				l->err) ||
	    !plat_read_name(item, d->name, l->err) || !cfg_map_require(item, "kind", &n, l->err) ||
	    !cfg_read_str(&n, kind, sizeof(kind), l->err))
		return false;
	if (strcmp(kind, plat_secure_kind_names[EMU_SECURE_SP805]) != 0)
		return cfg_error(&n, l->err, "unknown kind \"%s\" (the kind is sp805)", kind);
	d->kind = EMU_SECURE_SP805;
	if (!cfg_map_require(item, "base", &n, l->err) || !plat_read_base(&n, &d->base, l->err) ||
	    !plat_check_end(&n, "the device", d->base, SZ_4K, l->err))
		return false;
	if (!cfg_map_require(item, "irq", &n, l->err) ||
	    !cfg_read_u64_max(&n, PLAT_SPI_MAX, &irq, l->err))
		return false;
	d->irq = (uint32_t)irq;
	if (!cfg_map_require(item, "clock", &n, l->err) || !cfg_read_u32(&n, &d->clock_hz, l->err))
		return false;
	if (d->clock_hz == 0)
		return cfg_error(&n, l->err, "the clock must not be zero");
	return true;
}

/* Item i of the secure-devices list. */
static bool plat_read_secure_device_item(struct plat_load *l, size_t i)
{
	if (!plat_read_secure_device(l, &l->sdev_at[i], &l->p->secure_devices[i]))
		return false;
	l->p->secure_device_count++;
	return true;
}

/* Reads the secure-devices list (optional). */
static bool plat_read_secure_devices(struct plat_load *l)
{
	return plat_read_list(l, "secure-devices", "secure devices",
			      EMU_PLATFORM_MAX_SECURE_DEVICES, l->sdev_at,
			      plat_read_secure_device_item);
}

/*
 * Reads a GIC window: its base (required, kept in *at) and its size (optional, default_size).
 * The GIC model needs its registers inside the window: a size below min_size is refused.
 */
static bool plat_read_gic_window(struct plat_load *l, const struct cfg_node *gic, const char *key,
				 const char *size_key, uint64_t default_size, uint64_t min_size,
				 uint64_t *base, uint64_t *size, struct cfg_node *at)
{
	struct cfg_node n;

	if (!cfg_map_require(gic, key, at, l->err) || !plat_read_base(at, base, l->err))
		return false;
	*size = default_size;
	if (cfg_map_get(gic, size_key, &n)) {
		if (!plat_read_size(&n, size, l->err))
			return false;
		if (*size < min_size)
			return cfg_error(&n, l->err,
					 "0x%" PRIx64 " is too small: the GICv%u %s registers need "
					 "0x%" PRIx64 " bytes",
					 *size, l->p->gic.version, key, min_size);
	}
	return plat_check_end(at, "the window", *base, *size, l->err);
}

/* Rejects the keys of the other GIC version's CPU-side window. */
static bool plat_gic_forbid(struct plat_load *l, const struct cfg_node *gic, const char *key,
			    const char *hint)
{
	struct cfg_node n;
	char size_key[40];

	snprintf(size_key, sizeof(size_key), "%s-size", key);
	if (cfg_map_get(gic, key, &n) || cfg_map_get(gic, size_key, &n)) {
		cfg_error(&n, l->err, "GICv%u has no %s; %s", l->p->gic.version, key, hint);
		return false;
	}
	return true;
}

/* Reads the gic mapping (optional; absent means no GIC). */
static bool plat_read_gic(struct plat_load *l)
{
	struct emu_gic *g = &l->p->gic;
	struct cfg_node gic, n;
	uint64_t version = 0;

	if (!cfg_map_get(&l->root, "gic", &gic))
		return true;
	if (!cfg_expect_map(&gic, l->err) ||
	    !cfg_map_check_keys(&gic, plat_gic_keys, PLAT_COUNT(plat_gic_keys), l->err) ||
	    !cfg_map_require(&gic, "version", &n, l->err) || !cfg_read_u64(&n, &version, l->err))
		return false;
	if (version != 2 && version != 3)
		return cfg_error(&n, l->err, "GIC version %" PRIu64 " is not supported (2 or 3)",
				 version);
	g->present = true;
	g->version = (unsigned)version;
	if (!plat_read_gic_window(l, &gic, "distributor", "distributor-size",
				  PLAT_DEFAULT_GICD_SIZE,
				  g->version == 3 ? PLAT_DEFAULT_GICD_SIZE : PLAT_MIN_GICD_V2_SIZE,
				  &g->dist_base, &g->dist_size, &l->gic_dist_at))
		return false;
	if (g->version == 2)
		return plat_gic_forbid(l, &gic, "redistributor", "use cpu-interface") &&
		       plat_read_gic_window(l, &gic, "cpu-interface", "cpu-interface-size",
					    PLAT_DEFAULT_GICC_SIZE, PLAT_DEFAULT_GICC_SIZE,
					    &g->cpu_base, &g->cpu_size, &l->gic_cpu_at);
	return plat_gic_forbid(l, &gic, "cpu-interface", "use redistributor") &&
	       plat_read_gic_window(l, &gic, "redistributor", "redistributor-size",
				    PLAT_DEFAULT_GICR_SIZE, PLAT_DEFAULT_GICR_SIZE, &g->cpu_base,
				    &g->cpu_size, &l->gic_cpu_at);
}

/* Reads the top-level scalars. */
static bool plat_read_top(struct plat_load *l)
{
	struct emu_platform *p = l->p;
	struct cfg_node n;
	uint64_t v = 0;

	if (!cfg_map_require(&l->root, "name", &n, l->err) ||
	    !cfg_read_str(&n, p->name, sizeof(p->name), l->err) ||
	    !plat_check_name(&n, p->name, l->err))
		return false;
	if (cfg_map_get(&l->root, "cntfrq", &n)) {
		/* CNTFRQ_EL0 bits [63:32] are RES0 (Arm ARM (DDI0487), CNTFRQ_EL0). */
		if (!cfg_read_u64_max(&n, UINT32_MAX, &p->cntfrq_hz, l->err))
			return false;
		if (p->cntfrq_hz == 0)
			return cfg_error(&n, l->err, "the counter frequency must not be zero");
	}
	if (cfg_map_get(&l->root, "mpidr", &n) && !cfg_read_u64(&n, &p->mpidr, l->err))
		return false;
	if (cfg_map_get(&l->root, "cycles-per-instruction", &n)) {
		if (!cfg_read_u64_max(&n, EMU_MAX_CPI, &p->cycles_per_insn, l->err))
			return false;
		if (p->cycles_per_insn == 0)
			return cfg_error(&n, l->err,
					 "an instruction takes at least one cycle (1 to %u)",
					 EMU_MAX_CPI);
	}
	if (cfg_map_get(&l->root, "entry-el", &n)) {
		if (!cfg_read_u64(&n, &v, l->err))
			return false;
		if (v != 1 && v != 2)
			return cfg_error(&n, l->err,
					 "the normal world starts at EL1 or EL2, not %" PRIu64, v);
		p->entry_el = (unsigned)v;
	}
	if (cfg_map_get(&l->root, "dtb-address", &l->dtb_at)) {
		if (!cfg_read_u64(&l->dtb_at, &p->dtb_addr, l->err))
			return false;
		p->dtb_addr_set = true;
	}
	return true;
}

/*
 * Whether count CPUs can run on the platform: 1 to cpu_max, and on a GICv3 a redistributor's
 * two 64 KiB frames each. False with the reason in why.
 */
static bool plat_cpus_fit(const struct emu_platform *p, uint64_t count, char *why, size_t size)
{
	if (count == 0 || count > p->cpu_max) {
		snprintf(why, size, "platform \"%s\" has 1 to %u CPUs, not %" PRIu64, p->name,
			 p->cpu_max, count);
		return false;
	}
	if (p->gic.present && p->gic.version == 3 && p->gic.cpu_size / PLAT_GICR_PER_CPU < count) {
		snprintf(why, size,
			 "%" PRIu64 " CPUs need %" PRIu64 " KiB of GICv3 redistributors; platform "
			 "\"%s\" has %" PRIu64 " KiB",
			 count, count * PLAT_GICR_PER_CPU / SZ_1K, p->name,
			 p->gic.cpu_size / SZ_1K);
		return false;
	}
	return true;
}

bool emu_platform_set_cpus(struct emu_platform *p, unsigned count, const char *what,
			   struct diag *err)
{
	char why[160];

	if (!plat_cpus_fit(p, count, why, sizeof(why))) {
		diag_set(err, NULL, 0, 0, "%s: %s", what, why);
		return false;
	}
	p->cpu_count = count;
	return true;
}

int emu_platform_cpu_index(const struct emu_platform *p, uint64_t mpidr)
{
	for (unsigned i = 0; i < p->cpu_count; i++) {
		if (((p->mpidrs[i] ^ mpidr) & PLAT_MPIDR_AFFINITY) == 0)
			return (int)i;
	}
	return -1;
}

/* CPU i's MPIDR when the platform lists none: QEMU's virt numbers CPUs in Aff0 from the boot CPU.
 */
static void plat_derive_mpidrs(struct emu_platform *p)
{
	p->cpu_max = EMU_PLATFORM_MAX_CPUS;
	for (unsigned i = 0; i < EMU_PLATFORM_MAX_CPUS; i++)
		p->mpidrs[i] = p->mpidr + i;
}

/* Reads `mpidrs` (the CPUs the platform can have) and `cpus` (how many run). */
static bool plat_read_cpus(struct plat_load *l)
{
	struct emu_platform *p = l->p;
	struct cfg_node list, item, mpidr_at;
	uint64_t v = 0;
	char why[160];

	if (!cfg_map_get(&l->root, "mpidrs", &list)) {
		plat_derive_mpidrs(p);
	} else {
		size_t count;

		if (!cfg_expect_seq(&list, l->err))
			return false;
		count = cfg_seq_count(&list);
		if (count == 0 || count > EMU_PLATFORM_MAX_CPUS)
			return cfg_error(&list, l->err, "a platform has 1 to %u CPUs, not %zu",
					 EMU_PLATFORM_MAX_CPUS, count);
		for (size_t i = 0; i < count; i++) {
			cfg_seq_item(&list, i, &item);
			if (!cfg_read_u64(&item, &p->mpidrs[i], l->err))
				return false;
			if ((p->mpidrs[i] & ~(PLAT_MPIDR_AFFINITY | UINT64_C(0xc1000000))) != 0)
				return cfg_error(&item, l->err,
						 "0x%" PRIx64 " is not an MPIDR_EL1 value: only "
						 "Aff3-Aff0, U (bit 30), MT (bit 24) and bit 31 "
						 "may be set",
						 p->mpidrs[i]);
			for (size_t j = 0; j < i; j++) {
				if (((p->mpidrs[i] ^ p->mpidrs[j]) & PLAT_MPIDR_AFFINITY) == 0)
					return cfg_error(&item, l->err,
							 "CPU %zu has the affinity of CPU %zu "
							 "(0x%" PRIx64 ")",
							 i, j, p->mpidrs[j]);
			}
		}
		if (cfg_map_get(&l->root, "mpidr", &mpidr_at) && p->mpidr != p->mpidrs[0])
			return cfg_error(&mpidr_at, l->err,
					 "the boot CPU's MPIDR 0x%" PRIx64
					 " is not the first of mpidrs (0x%" PRIx64 ")",
					 p->mpidr, p->mpidrs[0]);
		p->mpidr = p->mpidrs[0];
		p->cpu_max = (unsigned)count;
	}
	p->cpu_count = 1;
	if (!cfg_map_get(&l->root, "cpus", &l->cpus_at))
		return true;
	l->cpus_set = true;
	if (!cfg_read_u64(&l->cpus_at, &v, l->err))
		return false;
	if (!plat_cpus_fit(p, v, why, sizeof(why)))
		return cfg_error(&l->cpus_at, l->err, "%s", why);
	p->cpu_count = (unsigned)v;
	return true;
}

/* Entry i of the regions, the UARTs, then the secure devices: its name and its position. */
static const char *plat_named(const struct plat_load *l, unsigned i, const struct cfg_node **at)
{
	const struct emu_platform *p = l->p;

	if (i < p->region_count) {
		*at = &l->region_at[i];
		return p->regions[i].name;
	}
	i -= p->region_count;
	if (i < p->uart_count) {
		*at = &l->uart_at[i];
		return p->uarts[i].name;
	}
	i -= p->uart_count;
	*at = &l->sdev_at[i];
	return p->secure_devices[i].name;
}

/* Region and UART names share one namespace: both name things in traces and the device tree. */
static bool plat_check_unique_names(struct plat_load *l)
{
	unsigned total = l->p->region_count + l->p->uart_count + l->p->secure_device_count;
	unsigned i, j;

	for (i = 0; i < total; i++) {
		const struct cfg_node *at, *first;
		const char *name = plat_named(l, i, &at);

		for (j = 0; j < i; j++) {
			if (strcmp(name, plat_named(l, j, &first)) == 0)
				return cfg_error(at, l->err,
						 "the name \"%s\" is already used by %s", name,
						 first->path);
		}
	}
	return true;
}

/* True if node a comes after node b in the file. */
static bool plat_after(const struct cfg_node *a, const struct cfg_node *b)
{
	return cfg_line(a) > cfg_line(b) ||
	       (cfg_line(a) == cfg_line(b) && cfg_column(a) > cfg_column(b));
}

/* Builds a window for the overlap check. */
static struct plat_window plat_window(const char *what, const char *quote, const char *name,
				      uint64_t base, uint64_t size, const struct cfg_node *at)
{
	return (struct plat_window){
		.what = what, .quote = quote, .name = name, .base = base, .size = size, .at = at};
}

/* No two windows of the map (regions, UART pages, GIC frames) may share an address. */
static bool plat_check_overlaps(struct plat_load *l)
{
	const struct emu_platform *p = l->p;
	struct plat_window w[EMU_PLATFORM_MAX_REGIONS + EMU_PLATFORM_MAX_UARTS +
			     EMU_PLATFORM_MAX_SECURE_DEVICES + 2];
	unsigned count = 0;
	unsigned i, j;

	for (i = 0; i < p->region_count; i++)
		w[count++] = plat_window("region", "\"", p->regions[i].name, p->regions[i].base,
					 p->regions[i].size, &l->region_at[i]);
	for (i = 0; i < p->uart_count; i++)
		w[count++] = plat_window("uart", "\"", p->uarts[i].name, p->uarts[i].base, SZ_4K,
					 &l->uart_at[i]);
	for (i = 0; i < p->secure_device_count; i++)
		w[count++] = plat_window("secure device", "\"", p->secure_devices[i].name,
					 p->secure_devices[i].base, SZ_4K, &l->sdev_at[i]);
	if (p->gic.present) {
		w[count++] = plat_window("gic", "", "distributor", p->gic.dist_base,
					 p->gic.dist_size, &l->gic_dist_at);
		w[count++] = plat_window("gic", "",
					 p->gic.version == 2 ? "cpu-interface" : "redistributor",
					 p->gic.cpu_base, p->gic.cpu_size, &l->gic_cpu_at);
	}
	for (i = 0; i < count; i++) {
		for (j = 0; j < i; j++) {
			const struct plat_window *a = &w[i], *b = &w[j];

			/* Sizes are non-zero and ends below 2^48, so this cannot wrap. */
			if (a->base >= b->base + b->size || b->base >= a->base + a->size)
				continue;
			if (plat_after(b->at, a->at)) {
				a = &w[j];
				b = &w[i];
			}
			return cfg_error(a->at, l->err,
					 "%s %s%s%s [0x%08" PRIx64 ", 0x%08" PRIx64 ") overlaps "
					 "%s %s%s%s [0x%08" PRIx64 ", 0x%08" PRIx64 ") at line %u",
					 a->what, a->quote, a->name, a->quote, a->base,
					 a->base + a->size, b->what, b->quote, b->name, b->quote,
					 b->base, b->base + b->size, cfg_line(b->at));
		}
	}
	return true;
}

/* A secure device needs the GIC, and an SPI no UART or other device drives. */
static bool plat_check_secure_irqs(struct plat_load *l)
{
	const struct emu_platform *p = l->p;

	for (unsigned i = 0; i < p->secure_device_count; i++) {
		const struct emu_secure_device *d = &p->secure_devices[i];
		struct cfg_node irq;

		cfg_map_get(&l->sdev_at[i], "irq", &irq);
		if (!p->gic.present)
			return cfg_error(&l->sdev_at[i], l->err,
					 "secure device \"%s\" needs a gic for its interrupt",
					 d->name);
		for (unsigned j = 0; j < p->uart_count; j++) {
			if (p->uarts[j].irq == d->irq)
				return cfg_error(&irq, l->err, "SPI %" PRIu32 " is uart \"%s\"'s",
						 d->irq, p->uarts[j].name);
		}
		for (unsigned j = 0; j < i; j++) {
			if (p->secure_devices[j].irq == d->irq)
				return cfg_error(&irq, l->err,
						 "SPI %" PRIu32 " is secure device \"%s\"'s",
						 d->irq, p->secure_devices[j].name);
		}
	}
	return true;
}

/* Checks the map as a whole, once every value has been read. */
static bool plat_check_map(struct plat_load *l)
{
	const struct emu_platform *p = l->p;

	if (!plat_check_unique_names(l) || !plat_check_overlaps(l) || !plat_check_secure_irqs(l))
		return false;
	if (emu_platform_ns_ram(p) == NULL)
		return cfg_error(&l->memory, l->err,
				 "no non-secure ram region; the normal world needs one");
	if (p->dtb_addr_set) {
		const struct emu_region *r;

		/* Linux wants the blob on an 8-byte boundary (Linux
		 * Documentation/arch/arm64/booting.rst, "Setup the device tree"). */
		if (p->dtb_addr % 8 != 0)
			return cfg_error(&l->dtb_at, l->err, "0x%" PRIx64 " is not 8-byte aligned",
					 p->dtb_addr);
		r = emu_platform_find(p, p->dtb_addr, EMU_DTB_MAX_SIZE);
		if (r == NULL || r->kind != EMU_REGION_RAM || r->secure)
			return cfg_error(&l->dtb_at, l->err,
					 "[0x%" PRIx64 ", +%u KiB) is not inside a non-secure ram "
					 "region",
					 p->dtb_addr, EMU_DTB_MAX_SIZE / 1024);
	}
	return true;
}

/* The values a platform has before its file is read. */
static void plat_defaults(struct emu_platform *p)
{
	memset(p, 0, sizeof(*p));
	p->cntfrq_hz = PLAT_DEFAULT_CNTFRQ;
	p->cycles_per_insn = 1;
	p->mpidr = PLAT_DEFAULT_MPIDR;
	p->entry_el = PLAT_DEFAULT_ENTRY_EL;
	p->cpu_count = 1;
	plat_derive_mpidrs(p);
}

bool emu_platform_load(const char *path, struct emu_platform *out, struct diag *err)
{
	struct plat_load l = {.p = out, .err = err, .path = path};
	struct cfg_doc doc;
	bool ok;

	plat_defaults(out);
	if (!cfg_doc_load(path, &doc, err))
		return false;
	ok = cfg_doc_root(&doc, &l.root, err) &&
	     cfg_map_check_keys(&l.root, plat_root_keys, PLAT_COUNT(plat_root_keys), err) &&
	     plat_read_top(&l) && plat_read_memory(&l) && plat_read_uarts(&l) &&
	     plat_read_secure_devices(&l) && plat_read_gic(&l) && plat_read_cpus(&l) &&
	     plat_check_map(&l) && emu_costs_read(&l.root, &out->costs, err);
	cfg_doc_free(&doc);
	if (!ok)
		plat_defaults(out);
	return ok;
}

/* Appends a region to a built-in platform. */
static void plat_add_region(struct emu_platform *p, const char *name, enum emu_region_kind kind,
			    uint64_t base, uint64_t size, bool secure)
{
	struct emu_region *r = &p->regions[p->region_count++];

	snprintf(r->name, sizeof(r->name), "%s", name);
	r->kind = kind;
	r->base = base;
	r->size = size;
	r->secure = secure;
}

/*
 * QEMU's virt machine as guests see it (QEMU hw/arm/virt.c, base_memmap and a15irqmap): two
 * 64 MiB flash banks, the GICv2 at 0x08000000, a PL011 at 0x09000000 on SPI 1, secure RAM at
 * 0x0e000000 and RAM from 0x40000000. QEMU defaults to 128 MiB of RAM; we give 1 GiB.
 * platforms/virt.yaml describes the same platform and a test keeps the two equal.
 */
static void plat_virt(struct emu_platform *p)
{
	plat_defaults(p);
	snprintf(p->name, sizeof(p->name), "virt");
	plat_add_region(p, "flash0", EMU_REGION_FLASH, 0x00000000, 64 * SZ_1M, false);
	plat_add_region(p, "flash1", EMU_REGION_FLASH, 0x04000000, 64 * SZ_1M, false);
	plat_add_region(p, "secure-ram", EMU_REGION_RAM, 0x0e000000, 16 * SZ_1M, true);
	plat_add_region(p, "ram", EMU_REGION_RAM, 0x40000000, 1024 * SZ_1M, false);
	snprintf(p->uarts[0].name, sizeof(p->uarts[0].name), "uart0");
	p->uarts[0].base = 0x09000000;
	p->uarts[0].irq = 1;
	p->uarts[0].clock_hz = 24000000;
	p->uart_count = 1;
	p->gic = (struct emu_gic){
		.present = true,
		.version = 2,
		.dist_base = 0x08000000,
		.dist_size = SZ_64K,
		.cpu_base = 0x08010000,
		.cpu_size = SZ_64K,
	};
	/* Secure devices where QEMU's virt has nothing (docs/platform.md): past the secure GPIO
	 * page and below the virtio-mmio transports, on SPIs virt leaves free (10-15) below INTID
	 * 64, the virtual interrupt IDs Hafnium's default build serves. */
	p->secure_devices[0] = (struct emu_secure_device){.name = "secure-wdog",
							  .kind = EMU_SECURE_SP805,
							  .base = 0x09100000,
							  .irq = 14,
							  .clock_hz = 32768};
	p->secure_devices[1] = (struct emu_secure_device){.name = "secure-timer",
							  .kind = EMU_SECURE_SP805,
							  .base = 0x09101000,
							  .irq = 15,
							  .clock_hz = 1000000};
	p->secure_device_count = 2;
	p->cntfrq_hz = 62500000;
	p->cycles_per_insn = 1;
	p->mpidr = 0x80000000;
	p->entry_el = 1;
	plat_derive_mpidrs(p);
}

bool emu_platform_builtin(const char *name, struct emu_platform *out)
{
	if (strcmp(name, "virt") == 0) {
		plat_virt(out);
		return true;
	}
	return false;
}

const struct emu_region *emu_platform_ns_ram(const struct emu_platform *p)
{
	unsigned i;

	for (i = 0; i < p->region_count; i++) {
		if (p->regions[i].kind == EMU_REGION_RAM && !p->regions[i].secure)
			return &p->regions[i];
	}
	return NULL;
}

const struct emu_region *emu_platform_find(const struct emu_platform *p, uint64_t addr,
					   uint64_t size)
{
	unsigned i;

	if (size == 0)
		size = 1;
	for (i = 0; i < p->region_count; i++) {
		const struct emu_region *r = &p->regions[i];

		if (addr >= r->base && addr - r->base < r->size &&
		    size <= r->size - (addr - r->base))
			return r;
	}
	return NULL;
}

uint64_t emu_region_read(const struct emu_region *r, uint64_t offset, unsigned size)
{
	uint64_t value = 0;

	for (unsigned i = 0; i < size && i < 8; i++) {
		uint64_t at = offset + i;

		for (unsigned k = 0; k < r->read_count; k++) {
			const struct emu_fixed_read *f = &r->reads[k];

			if (at >= f->offset && at - f->offset < f->width)
				value |= ((f->value >> (8 * (at - f->offset))) & 0xffu) << (8 * i);
		}
	}
	return value;
}

const struct emu_region *emu_platform_device(const struct emu_platform *p, uint64_t address,
					     uint64_t size)
{
	for (unsigned i = 0; i < p->region_count; i++) {
		const struct emu_region *r = &p->regions[i];

		if (r->kind == EMU_REGION_RAZ_WI && address >= r->base &&
		    address - r->base <= r->size && r->size - (address - r->base) >= size)
			return r;
	}
	return NULL;
}
