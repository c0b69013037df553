/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The YAML side of `ffa-sim import-manifest`: writes the partition read from a device tree
 * (struct imp_manifest) as the simulator's manifest (docs/manifest.md), flags as lists of names,
 * region attributes as letters, and what the simulator does not model as comments.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "abi/ffa.h"
#include "abi/uuid.h"
#include "import_internal.h"

#define IMP_DEFAULT_ID 0x8001u

static const struct imp_name imp_vm_messages[] = {
	{PART_VM_CREATED, "created"},
	{PART_VM_DESTROYED, "destroyed"},
};

/* The binding's bits 0-2, and Hafnium's CPU_ON in bit 3. */
static const struct imp_name imp_pm_messages[] = {
	{PART_PM_CPU_OFF, "cpu-off"},
	{PART_PM_CPU_SUSPEND, "cpu-suspend"},
	{PART_PM_CPU_SUSPEND_RESUME, "cpu-suspend-resume"},
	{PART_PM_CPU_ON, "cpu-on"},
};

/* A YAML double-quoted scalar (the text is printable ASCII: imp_string checked it). */
static void imp_quoted(FILE *out, const char *s)
{
	fputc('"', out);
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			fputc('\\', out);
		fputc(*s, out);
	}
	fputc('"', out);
}

/* Flags as a YAML list of their names: [direct-req-recv, direct-req-send]. */
static void imp_flag_list(FILE *out, const char *key, const struct imp_name *names, size_t count,
			  uint32_t bits)
{
	const char *sep = "";

	fprintf(out, "%s: [", key);
	for (size_t i = 0; i < count; i++) {
		if (bits & names[i].bit) {
			fprintf(out, "%s%s", sep, names[i].name);
			sep = ", ";
		}
	}
	fputs("]\n", out);
}

/* Region attributes as the YAML's letters (rw, rx, r-ns), or a number without R/W/X. */
static void imp_attributes(FILE *out, uint32_t a)
{
	if ((a & 7u) == 0) {
		fprintf(out, "attributes: 0x%x\n", a);
		return;
	}
	fprintf(out, "attributes: %s%s%s%s\n", (a & PART_ATTR_READ) ? "r" : "",
		(a & PART_ATTR_WRITE) ? "w" : "", (a & PART_ATTR_EXEC) ? "x" : "",
		(a & PART_ATTR_NS) ? "-ns" : "");
}

/* "  - name: NAME", with the region's description as a comment: the YAML has no key for it. */
static void imp_region_head(FILE *out, const char *name, const char *description)
{
	fprintf(out, "  - name: %s", name);
	if (description[0] != '\0' && strcmp(description, name) != 0) {
		fputs("  # ", out);
		imp_quoted(out, description);
	}
	fputc('\n', out);
}

static void imp_write_services(const struct imp_manifest *m, FILE *out)
{
	char text[FFA_UUID_TEXT_SIZE];

	if (m->service_count == 1) {
		fprintf(out, "uuid: %s\n",
			ffa_uuid_format(m->services[0].uuid, text, sizeof(text)));
		imp_flag_list(out, "messaging-method", part_import_methods, IMP_METHOD_COUNT,
			      m->services[0].messaging);
		return;
	}
	/* One value for all UUIDs: the partition's, which its services inherit. */
	if (!m->per_service_messaging)
		imp_flag_list(out, "messaging-method", part_import_methods, IMP_METHOD_COUNT,
			      m->services[0].messaging);
	fputs("services:\n", out);
	for (unsigned i = 0; i < m->service_count; i++) {
		fprintf(out, "  - uuid: %s\n",
			ffa_uuid_format(m->services[i].uuid, text, sizeof(text)));
		if (m->per_service_messaging)
			imp_flag_list(out, "    messaging-method", part_import_methods,
				      IMP_METHOD_COUNT, m->services[i].messaging);
	}
}

/*
 * How far load-address moves: by a non-zero entrypoint-offset given with load-address. In
 * Hafnium's partition package the manifest and the image follow a header, load-address is the
 * package's address and entrypoint-offset where the image (entered at its start) lies in it
 * (parse_ffa_manifest: entry = load-address + entrypoint-offset). The simulator loads the image
 * itself at load-address, so that becomes the image's start.
 */
static uint64_t imp_load_shift(const struct imp_manifest *m)
{
	return m->has[IMP_LOAD] && m->has[IMP_ENTRY] ? m->num[IMP_ENTRY] : 0;
}

/* One change made to match Hafnium: a note to the caller, a comment in the YAML. */
__attribute__((format(printf, 3, 4))) static void imp_changed(const struct imp *im, FILE *out,
							      const char *fmt, ...)
{
	char text[320];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	fprintf(out, "# %s\n", text);
	if (im->changes != NULL)
		fprintf(im->changes, "ffa-sim: note: import-manifest: %s: %s\n", im->file, text);
}

/*
 * The partition's ID. Hafnium does not read `id` from a partition manifest: it numbers the
 * partitions of its own manifest 0x8001, 0x8002 ... in order, and manifests written for it say
 * `id = <1>` for the first. An ID without bit 15 (the secure bit) is taken as that number.
 */
static void imp_write_id(const struct imp *im, FILE *out)
{
	const struct imp_manifest *m = &im->m;
	uint64_t id = m->num[IMP_ID];

	if (!m->has[IMP_ID]) {
		fprintf(out,
			"id: 0x%04x  # not in the device tree (Hafnium numbers partitions "
			"itself): make it unique\n",
			IMP_DEFAULT_ID);
		return;
	}
	if ((id & FFA_ID_SECURE_BIT) != 0) {
		fprintf(out, "id: 0x%04x\n", (unsigned)id);
		return;
	}
	if (id == 0)
		id = IMP_DEFAULT_ID & ~FFA_ID_SECURE_BIT;
	imp_changed(im, out,
		    "id = <%llu> became 0x%04x: Hafnium numbers partitions 0x8001, 0x8002 ... in "
		    "the order of its own manifest (this one as number %llu)",
		    (unsigned long long)m->num[IMP_ID], (unsigned)(id | FFA_ID_SECURE_BIT),
		    (unsigned long long)id);
	fprintf(out, "id: 0x%04x\n", (unsigned)(id | FFA_ID_SECURE_BIT));
}

/* load-address and entrypoint-offset, as Hafnium lays out the partition package. */
static void imp_write_load(const struct imp *im, FILE *out)
{
	const struct imp_manifest *m = &im->m;
	uint64_t shift = imp_load_shift(m);

	if (shift != 0) {
		imp_changed(im, out,
			    "load-address = <0x%llx> with entrypoint-offset = <0x%llx> (an offset "
			    "inside the partition package) became load-address 0x%llx, the image's "
			    "start and entry; load-relative regions moved with it",
			    (unsigned long long)m->num[IMP_LOAD], (unsigned long long)shift,
			    (unsigned long long)(m->num[IMP_LOAD] + shift));
		fprintf(out, "load-address: 0x%08llx\n",
			(unsigned long long)(m->num[IMP_LOAD] + shift));
		return;
	}
	if (m->has[IMP_LOAD])
		fprintf(out, "load-address: 0x%08llx\n", (unsigned long long)m->num[IMP_LOAD]);
	if (m->has[IMP_ENTRY])
		fprintf(out, "entrypoint-offset: 0x%llx\n", (unsigned long long)m->num[IMP_ENTRY]);
}

/*
 * A memory region's address. A load-relative one keeps its place when load-address moved: its
 * offset shrinks by the shift, or, for one before the new load-address, it becomes absolute.
 */
static void imp_write_region_address(const struct imp_manifest *m, const struct imp_region *r,
				     FILE *out)
{
	uint64_t shift = imp_load_shift(m);

	if (!r->relative)
		fprintf(out, "    base-address: 0x%08llx\n", (unsigned long long)r->address);
	else if (r->address >= shift)
		fprintf(out, "    load-address-relative-offset: 0x%08llx\n",
			(unsigned long long)(r->address - shift));
	else
		fprintf(out, "    base-address: 0x%08llx\n",
			(unsigned long long)(m->num[IMP_LOAD] + r->address));
}

static void imp_write_regions(const struct imp_manifest *m, FILE *out)
{
	if (m->region_count > 0)
		fputs("memory-regions:\n", out);
	for (unsigned i = 0; i < m->region_count; i++) {
		const struct imp_region *r = &m->regions[i];

		imp_region_head(out, r->name, r->description);
		imp_write_region_address(m, r, out);
		fprintf(out, "    pages-count: %u\n    ", r->pages);
		imp_attributes(out, r->attributes);
	}
	if (m->device_count > 0)
		fputs("device-regions:\n", out);
	for (unsigned i = 0; i < m->device_count; i++) {
		const struct imp_device *d = &m->devices[i];

		imp_region_head(out, d->name, d->description);
		fprintf(out, "    base-address: 0x%08llx\n", (unsigned long long)d->base);
		fprintf(out, "    pages-count: %u\n    ", d->pages);
		imp_attributes(out, d->attributes);
		if (d->interrupt_count > 0)
			fputs("    interrupts:\n", out);
		for (unsigned j = 0; j < d->interrupt_count; j++)
			fprintf(out, "      - {id: %u, attributes: 0x%x}\n", d->interrupts[j].id,
				d->interrupts[j].attributes);
		if (d->target_count > 0)
			fputs("    interrupts-target:\n", out);
		for (unsigned j = 0; j < d->target_count; j++)
			fprintf(out, "      - {id: %u, mpidr: 0x%llx}\n", d->targets[j].id,
				(unsigned long long)d->targets[j].mpidr);
	}
	if (m->has_rxtx)
		fprintf(out, "rx-tx-buffer: {rx-buffer: %s, tx-buffer: %s}\n",
			m->regions[m->rx].name, m->regions[m->tx].name);
}

void part_import_write_yaml(const struct imp *im, const char *name, const char *image, FILE *out)
{
	static const char *const els[] = {"EL1", "S-EL0", "S-EL1"};
	static const char *const granules[] = {"4K", "16K", "64K"};
	static const char *const actions[] = {"queued", "managed-exit", "signaled"};
	const struct imp_manifest *m = &im->m;

	fprintf(out, "# Imported from %s (%s).\n", im->file, m->binding);
	fprintf(out, "name: %s\n", name);
	if (m->has_description) {
		fputs("description: ", out);
		imp_quoted(out, m->description);
		fputc('\n', out);
	}
	imp_write_id(im, out);
	fprintf(out, "ffa-version: %u.%u\n", ffa_version_major(m->ffa_version),
		ffa_version_minor(m->ffa_version));
	imp_write_services(m, out);
	fprintf(out, "execution-ctx-count: %llu\n", (unsigned long long)m->num[IMP_CTX]);
	fprintf(out, "exception-level: %s\n", els[m->num[IMP_EL]]);
	fprintf(out, "execution-state: %s\n", m->num[IMP_STATE] == 0 ? "aarch64" : "aarch32");
	imp_write_load(im, out);
	/* The number, with the name as a comment: the parser reads names starting with a
	 * digit as numbers. */
	if (m->has[IMP_GRANULE])
		fprintf(out, "xlat-granule: %llu  # %s\n", (unsigned long long)m->num[IMP_GRANULE],
			granules[m->num[IMP_GRANULE]]);
	if (m->has[IMP_BOOT])
		fprintf(out, "boot-order: %llu\n", (unsigned long long)m->num[IMP_BOOT]);
	if (m->has[IMP_NS_ACTION])
		fprintf(out, "ns-interrupts-action: %s\n", actions[m->num[IMP_NS_ACTION]]);
	if (m->has[IMP_OTHER_S])
		fprintf(out, "other-s-interrupts-action: %s\n",
			m->num[IMP_OTHER_S] == 0 ? "queued" : "signaled");
	if (m->has[IMP_VM])
		imp_flag_list(out, "vm-availability-messages", imp_vm_messages,
			      IMP_COUNT(imp_vm_messages), (uint32_t)m->num[IMP_VM]);
	if (m->has[IMP_PM])
		imp_flag_list(out, "power-management-messages", imp_pm_messages,
			      IMP_COUNT(imp_pm_messages), (uint32_t)m->num[IMP_PM]);
	if (m->notification_support)
		fputs("notification-support: true\n", out);
	if (m->has[IMP_GP])
		fprintf(out, "gp-register-num: %llu\n", (unsigned long long)m->num[IMP_GP]);
	imp_write_regions(m, out);
	if (image != NULL) {
		fputs("image: ", out);
		imp_quoted(out, image);
		fputc('\n', out);
	} else {
		fputs("# A device tree does not say what runs the partition: add `image: "
		      "PATH` (its\n# ELF or raw binary, loaded at load-address) or a built-in "
		      "`model: echo`.\n",
		      out);
	}
	if (im->notes_len > 0) {
		fputs("# Not imported (the simulator does not model them):\n", out);
		fwrite(im->notes_buf, 1, im->notes_len, out);
	}
}
