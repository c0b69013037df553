/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The loaders of emu/loader.c: ELF64 images built here byte by byte with <elf.h>, a real test
 * guest, and raw binaries, loaded into memory laid out from a platform filled by hand (flash at
 * 0, secure RAM at 0x0e000000, non-secure RAM at 0x40000000).
 */
#include <criterion/criterion.h>

#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../emu/internal.h"
#include "emu/loader.h"
#include "helpers.h"
#include "sim/sim.h"

#define FLASH_BASE 0x0ull
#define FLASH_SIZE 0x1000000ull
#define SECURE_BASE 0x0e000000ull
#define SECURE_SIZE 0x1000000ull
#define RAM_BASE 0x40000000ull
#define RAM_SIZE 0x1000000ull
#define UNMAPPED 0x20000000ull

#define MAX_SEGS 4
#define ELF_BUF 4096

/* One program header of a test image; data points at filesz bytes (or NULL for zeros). */
struct seg {
	uint32_t type;
	uint64_t paddr;
	uint64_t filesz;
	uint64_t memsz;
	const void *data;
};

struct fixture {
	struct emu_platform platform;
	struct emu_memory mem;
	struct emu_image image;
	struct diag err;
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

/* A fresh platform and memory: flash, secure RAM and non-secure RAM, nothing loaded. */
static void setup(struct fixture *f)
{
	memset(f, 0, sizeof(*f));
	snprintf(f->platform.name, sizeof(f->platform.name), "loader-test");
	add_region(&f->platform, "flash", EMU_REGION_FLASH, FLASH_BASE, FLASH_SIZE, false);
	add_region(&f->platform, "secure-ram", EMU_REGION_RAM, SECURE_BASE, SECURE_SIZE, true);
	add_region(&f->platform, "ram", EMU_REGION_RAM, RAM_BASE, RAM_SIZE, false);
	f->platform.entry_el = 1;
	cr_assert(emu_memory_init(&f->mem, &f->platform, &f->err), "%s", f->err.msg);
	/* Poison the image so that the tests see what a failed load leaves. */
	memset(&f->image, 0xc5, sizeof(f->image));
}

static void teardown(struct fixture *f)
{
	emu_memory_fini(&f->mem);
}

/* The ELF header of a little-endian AArch64 executable with n program headers after it. */
static Elf64_Ehdr elf_header(unsigned n, uint64_t entry)
{
	Elf64_Ehdr eh;

	memset(&eh, 0, sizeof(eh));
	memcpy(eh.e_ident, ELFMAG, SELFMAG);
	eh.e_ident[EI_CLASS] = ELFCLASS64;
	eh.e_ident[EI_DATA] = ELFDATA2LSB;
	eh.e_ident[EI_VERSION] = EV_CURRENT;
	eh.e_type = ET_EXEC;
	eh.e_machine = EM_AARCH64;
	eh.e_version = EV_CURRENT;
	eh.e_entry = entry;
	eh.e_phoff = sizeof(Elf64_Ehdr);
	eh.e_ehsize = sizeof(Elf64_Ehdr);
	eh.e_phentsize = sizeof(Elf64_Phdr);
	eh.e_phnum = (uint16_t)n;
	return eh;
}

/*
 * Writes an image into buf: the header, n program headers, then each segment's file bytes in
 * order. Returns the file size.
 */
static size_t build_elf(uint8_t *buf, const Elf64_Ehdr *eh, const struct seg *segs, unsigned n)
{
	size_t off = sizeof(Elf64_Ehdr) + n * sizeof(Elf64_Phdr);

	cr_assert_leq(n, MAX_SEGS);
	memset(buf, 0, ELF_BUF);
	memcpy(buf, eh, sizeof(*eh));
	for (unsigned i = 0; i < n; i++) {
		Elf64_Phdr ph;

		memset(&ph, 0, sizeof(ph));
		ph.p_type = segs[i].type;
		ph.p_flags = PF_R | PF_W | PF_X;
		ph.p_offset = off;
		ph.p_vaddr = segs[i].paddr;
		ph.p_paddr = segs[i].paddr;
		ph.p_filesz = segs[i].filesz;
		ph.p_memsz = segs[i].memsz;
		ph.p_align = 8;
		memcpy(buf + sizeof(Elf64_Ehdr) + i * sizeof(Elf64_Phdr), &ph, sizeof(ph));
		cr_assert_leq(off + segs[i].filesz, ELF_BUF);
		if (segs[i].data != NULL)
			memcpy(buf + off, segs[i].data, segs[i].filesz);
		off += segs[i].filesz;
	}
	return off;
}

/* A one-segment image of 16 code bytes at paddr, entry at paddr. */
static size_t one_segment(uint8_t *buf, uint64_t paddr)
{
	static const uint8_t code[16] = {0x1f, 0x20, 0x03, 0xd5, 0x00, 0x00, 0x00, 0x14,
					 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08};
	struct seg s = {PT_LOAD, paddr, sizeof(code), sizeof(code), code};
	Elf64_Ehdr eh = elf_header(1, paddr);

	return build_elf(buf, &eh, &s, 1);
}

static bool load(struct fixture *f, const uint8_t *buf, size_t size, bool secure)
{
	return emu_load_elf_buf(&f->mem, buf, size, "test.elf", secure, &f->image, &f->err);
}

static void expect_error(const struct fixture *f, const char *msg)
{
	cr_assert_str_eq(f->err.file, "test.elf");
	cr_assert_str_eq(f->err.msg, msg);
}

/* A good image: file bytes land at p_paddr, entry and extent are reported. */
Test(loader, good_elf_lands_at_paddr)
{
	static const uint8_t code[] = {0xaa, 0xbb, 0xcc, 0xdd, 0x11, 0x22, 0x33, 0x44};
	static const uint8_t data[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
	struct seg segs[] = {
		{PT_LOAD, RAM_BASE + 0x1000, sizeof(code), sizeof(code), code},
		{PT_LOAD, RAM_BASE + 0x8000, sizeof(data), sizeof(data), data},
	};
	Elf64_Ehdr eh = elf_header(2, RAM_BASE + 0x1004);
	uint8_t buf[ELF_BUF];
	size_t size = build_elf(buf, &eh, segs, 2);
	struct fixture f;

	setup(&f);
	cr_assert(load(&f, buf, size, false), "%s", f.err.msg);
	cr_assert_arr_eq(emu_memory_ptr(&f.mem, RAM_BASE + 0x1000, sizeof(code), false), code,
			 sizeof(code));
	cr_assert_arr_eq(emu_memory_ptr(&f.mem, RAM_BASE + 0x8000, sizeof(data), false), data,
			 sizeof(data));
	cr_assert_eq(f.image.entry, RAM_BASE + 0x1004);
	cr_assert_eq(f.image.low, RAM_BASE + 0x1000);
	cr_assert_eq(f.image.high, RAM_BASE + 0x8000 + sizeof(data));
	cr_assert_eq(f.image.segments, 2);
	teardown(&f);
}

/* memsz > filesz: the rest of the segment (.bss) is zero-filled over what was there. */
Test(loader, bss_is_zero_filled_over_junk)
{
	static const uint8_t data[4] = {0x12, 0x34, 0x56, 0x78};
	struct seg s = {PT_LOAD, RAM_BASE + 0x2000, sizeof(data), 0x100, data};
	Elf64_Ehdr eh = elf_header(1, RAM_BASE + 0x2000);
	uint8_t buf[ELF_BUF], *ram;
	size_t size = build_elf(buf, &eh, &s, 1);
	struct fixture f;

	setup(&f);
	ram = emu_memory_ptr(&f.mem, RAM_BASE + 0x2000, 0x200, false);
	memset(ram, 0xee, 0x200);
	cr_assert(load(&f, buf, size, false), "%s", f.err.msg);
	cr_assert_arr_eq(ram, data, sizeof(data));
	for (unsigned i = sizeof(data); i < 0x100; i++)
		cr_assert_eq(ram[i], 0, "byte 0x%x of .bss", i);
	/* The byte after memsz is not part of the segment: untouched. */
	cr_assert_eq(ram[0x100], 0xee);
	cr_assert_eq(f.image.high, RAM_BASE + 0x2100);
	teardown(&f);
}

/* A segment in flash loads for the normal world. */
Test(loader, flash_segment_loads)
{
	uint8_t buf[ELF_BUF];
	size_t size = one_segment(buf, FLASH_BASE + 0x1000);
	struct fixture f;
	const uint8_t *flash;

	setup(&f);
	cr_assert(load(&f, buf, size, false), "%s", f.err.msg);
	flash = emu_memory_ptr(&f.mem, FLASH_BASE + 0x1000, 16, false);
	cr_assert_eq(flash[0], 0x1f);
	cr_assert_eq(flash[15], 0x08);
	cr_assert_eq(flash[16], 0, "flash after the segment is zero, as QEMU's unbacked pflash");
	cr_assert_eq(f.image.entry, FLASH_BASE + 0x1000);
	teardown(&f);
}

/* An ELF32 file is refused by class. */
Test(loader, elf32_refused)
{
	uint8_t buf[ELF_BUF];
	size_t size = one_segment(buf, RAM_BASE);
	struct fixture f;

	buf[EI_CLASS] = ELFCLASS32;
	setup(&f);
	cr_assert_not(load(&f, buf, size, false));
	expect_error(&f, "not a 64-bit ELF file (class 1); AArch64 images are ELF64");
	teardown(&f);
}

/* An x86-64 executable is refused by machine number. */
Test(loader, wrong_machine_refused)
{
	uint8_t buf[ELF_BUF];
	size_t size = one_segment(buf, RAM_BASE);
	Elf64_Ehdr *eh = (Elf64_Ehdr *)buf;
	struct fixture f;

	eh->e_machine = EM_X86_64;
	setup(&f);
	cr_assert_not(load(&f, buf, size, false));
	expect_error(&f, "ELF machine is 62, not AArch64 (183)");
	teardown(&f);
}

/* A big-endian file is refused. */
Test(loader, big_endian_refused)
{
	uint8_t buf[ELF_BUF];
	size_t size = one_segment(buf, RAM_BASE);
	struct fixture f;

	buf[EI_DATA] = ELFDATA2MSB;
	setup(&f);
	cr_assert_not(load(&f, buf, size, false));
	expect_error(&f, "big-endian ELF file; only little-endian AArch64 is supported");
	teardown(&f);
}

/* A shared object (ET_DYN) is not an executable. */
Test(loader, not_exec_refused)
{
	uint8_t buf[ELF_BUF];
	size_t size = one_segment(buf, RAM_BASE);
	Elf64_Ehdr *eh = (Elf64_Ehdr *)buf;
	struct fixture f;

	eh->e_type = ET_DYN;
	setup(&f);
	cr_assert_not(load(&f, buf, size, false));
	expect_error(&f, "ELF type 3 is not an executable (ET_EXEC)");
	teardown(&f);
}

/* A file without the ELF magic is refused before anything else is read. */
Test(loader, bad_magic_refused)
{
	uint8_t buf[ELF_BUF];
	size_t size = one_segment(buf, RAM_BASE);
	struct fixture f;

	buf[1] = 'X';
	setup(&f);
	cr_assert_not(load(&f, buf, size, false));
	expect_error(&f, "not an ELF file (bad magic)");
	cr_assert_not(emu_is_elf(buf, size));
	teardown(&f);
}

/* A file that ends inside the ELF header. */
Test(loader, truncated_header_refused)
{
	uint8_t buf[ELF_BUF];
	struct fixture f;

	one_segment(buf, RAM_BASE);
	setup(&f);
	cr_assert_not(load(&f, buf, 40, false));
	expect_error(&f, "truncated ELF header (40 bytes)");
	teardown(&f);
}

/* A file that ends inside the program header table. */
Test(loader, truncated_program_headers_refused)
{
	uint8_t buf[ELF_BUF];
	size_t cut = sizeof(Elf64_Ehdr) + 20;
	struct fixture f;

	one_segment(buf, RAM_BASE);
	setup(&f);
	cr_assert_not(load(&f, buf, cut, false));
	expect_error(&f, "truncated: program headers end past the file's 84 bytes");
	teardown(&f);
}

/* A segment whose file bytes run past the end of the file. */
Test(loader, segment_data_truncated)
{
	uint8_t buf[ELF_BUF];
	size_t size = one_segment(buf, RAM_BASE);
	struct fixture f;

	/* The 16 data bytes start at 0x78; cut the last 6. */
	setup(&f);
	cr_assert_not(load(&f, buf, size - 6, false));
	expect_error(&f, "truncated: segment 0 needs bytes 0x78-0x88, file has 0x82");
	teardown(&f);
}

/* A segment where the platform has no memory; the message names the range. */
Test(loader, segment_outside_ram)
{
	uint8_t buf[ELF_BUF];
	size_t size = one_segment(buf, UNMAPPED);
	struct fixture f;

	setup(&f);
	cr_assert_not(load(&f, buf, size, false));
	expect_error(&f,
		     "segment 0 at 0x20000000-0x20000010 is outside the platform's RAM and flash");
	teardown(&f);
}

/* A segment running off the end of RAM is refused, not clipped. */
Test(loader, segment_crossing_ram_end)
{
	uint8_t buf[ELF_BUF];
	size_t size = one_segment(buf, RAM_BASE + RAM_SIZE - 8);
	struct fixture f;

	setup(&f);
	cr_assert_not(load(&f, buf, size, false));
	expect_error(&f,
		     "segment 0 at 0x40fffff8-0x41000008 is outside the platform's RAM and flash");
	teardown(&f);
}

/* The normal world may not load into secure RAM. */
Test(loader, secure_ram_refused_for_normal_world)
{
	uint8_t buf[ELF_BUF];
	size_t size = one_segment(buf, SECURE_BASE + 0x1000);
	struct fixture f;

	setup(&f);
	cr_assert_not(load(&f, buf, size, false));
	expect_error(&f,
		     "segment 0 at 0xe001000-0xe001010 is outside the platform's RAM and flash");
	cr_assert_eq(*(uint8_t *)emu_memory_ptr(&f.mem, SECURE_BASE + 0x1000, 1, true), 0,
		     "nothing written to secure RAM");
	teardown(&f);
}

/* A partition (secure=true) loads into secure RAM. */
Test(loader, secure_ram_accepted_for_partition)
{
	uint8_t buf[ELF_BUF];
	size_t size = one_segment(buf, SECURE_BASE + 0x1000);
	struct fixture f;
	const uint8_t *p;

	setup(&f);
	cr_assert(load(&f, buf, size, true), "%s", f.err.msg);
	p = emu_memory_ptr(&f.mem, SECURE_BASE + 0x1000, 16, true);
	cr_assert_eq(p[0], 0x1f);
	cr_assert_eq(p[15], 0x08);
	cr_assert_eq(f.image.entry, SECURE_BASE + 0x1000);
	cr_assert_eq(f.image.low, SECURE_BASE + 0x1000);
	cr_assert_eq(f.image.high, SECURE_BASE + 0x1010);
	teardown(&f);
}

/* A partition may not load into non-secure RAM. */
Test(loader, ns_ram_refused_for_partition)
{
	uint8_t buf[ELF_BUF];
	size_t size = one_segment(buf, RAM_BASE);
	struct fixture f;

	setup(&f);
	cr_assert_not(load(&f, buf, size, true));
	expect_error(&f,
		     "segment 0 at 0x40000000-0x40000010 is outside the partition's secure RAM");
	teardown(&f);
}

/* Two segments sharing bytes: the message names both segment numbers. */
Test(loader, overlapping_segments_refused)
{
	struct seg segs[] = {
		{PT_LOAD, RAM_BASE, 0, 0x100, NULL},
		{PT_NOTE, 0, 0, 0, NULL},
		{PT_LOAD, RAM_BASE + 0x80, 0, 0x100, NULL},
	};
	Elf64_Ehdr eh = elf_header(3, RAM_BASE);
	uint8_t buf[ELF_BUF];
	size_t size = build_elf(buf, &eh, segs, 3);
	struct fixture f;

	setup(&f);
	cr_assert_not(load(&f, buf, size, false));
	expect_error(&f, "segments 0 and 2 overlap at 0x40000080");
	teardown(&f);
}

/* Adjacent segments (one ends where the next starts) do not overlap. */
Test(loader, adjacent_segments_accepted)
{
	struct seg segs[] = {
		{PT_LOAD, RAM_BASE, 0, 0x100, NULL},
		{PT_LOAD, RAM_BASE + 0x100, 0, 0x100, NULL},
	};
	Elf64_Ehdr eh = elf_header(2, RAM_BASE);
	uint8_t buf[ELF_BUF];
	size_t size = build_elf(buf, &eh, segs, 2);
	struct fixture f;

	setup(&f);
	cr_assert(load(&f, buf, size, false), "%s", f.err.msg);
	cr_assert_eq(f.image.low, RAM_BASE);
	cr_assert_eq(f.image.high, RAM_BASE + 0x200);
	cr_assert_eq(f.image.segments, 2);
	teardown(&f);
}

/* An image with program headers but no PT_LOAD has nothing to run. */
Test(loader, no_load_segment_refused)
{
	struct seg s = {PT_NOTE, RAM_BASE, 4, 4, "abc"};
	Elf64_Ehdr eh = elf_header(1, RAM_BASE);
	uint8_t buf[ELF_BUF];
	size_t size = build_elf(buf, &eh, &s, 1);
	struct fixture f;

	setup(&f);
	cr_assert_not(load(&f, buf, size, false));
	expect_error(&f, "no loadable segment (PT_LOAD)");
	teardown(&f);
}

/* An entry point outside every loaded segment is refused before anything is written. */
Test(loader, entry_outside_memory_refused)
{
	uint8_t buf[ELF_BUF];
	size_t size = one_segment(buf, RAM_BASE);
	Elf64_Ehdr *eh = (Elf64_Ehdr *)buf;
	struct fixture f;

	eh->e_entry = UNMAPPED;
	setup(&f);
	cr_assert_not(load(&f, buf, size, false));
	expect_error(&f, "entry point 0x20000000 is outside the loaded segments");
	teardown(&f);
}

/* A file segment larger than its memory size is malformed. */
Test(loader, filesz_above_memsz_refused)
{
	struct seg s = {PT_LOAD, RAM_BASE, 8, 4, "1234567"};
	Elf64_Ehdr eh = elf_header(1, RAM_BASE);
	uint8_t buf[ELF_BUF];
	size_t size = build_elf(buf, &eh, &s, 1);
	struct fixture f;

	setup(&f);
	cr_assert_not(load(&f, buf, size, false));
	expect_error(&f, "segment 0: file size exceeds memory size");
	teardown(&f);
}

/* emu_load_elf reads a file and names it in errors. */
Test(loader, elf_file_errors_name_the_path)
{
	uint8_t buf[ELF_BUF];
	size_t size = one_segment(buf, UNMAPPED);
	const char *path = write_temp(buf, size);
	struct fixture f;

	setup(&f);
	cr_assert_not(emu_load_elf(&f.mem, path, false, &f.image, &f.err));
	cr_assert_str_eq(f.err.file, path);
	cr_assert_not_null(strstr(f.err.msg, "0x20000000-0x20000010"), "%s", f.err.msg);
	remove(path);
	teardown(&f);
}

/* A real test guest loads: entry and extent as its program headers say, code in place. */
Test(loader, real_guest_loads)
{
	const char *path = guest_path("hello.elf");
	uint64_t low = UINT64_MAX, high = 0;
	unsigned nload = 0;
	const Elf64_Phdr *first = NULL;
	const Elf64_Ehdr *eh;
	uint8_t *file;
	size_t size;
	struct fixture f;

	setup(&f);
	cr_assert(emu_read_file(path, &file, &size, &f.err), "%s", f.err.msg);
	eh = (const Elf64_Ehdr *)file;
	for (unsigned i = 0; i < eh->e_phnum; i++) {
		const Elf64_Phdr *ph = (const Elf64_Phdr *)(file + eh->e_phoff) + i;

		if (ph->p_type != PT_LOAD || ph->p_memsz == 0)
			continue;
		if (first == NULL)
			first = ph;
		low = ph->p_paddr < low ? ph->p_paddr : low;
		high = ph->p_paddr + ph->p_memsz > high ? ph->p_paddr + ph->p_memsz : high;
		nload++;
	}
	cr_assert_not_null(first);
	cr_assert(emu_load_elf(&f.mem, path, false, &f.image, &f.err), "%s", f.err.msg);
	cr_assert_eq(f.image.entry, 0x40200000);
	cr_assert_eq(f.image.entry, eh->e_entry);
	cr_assert_eq(f.image.low, low);
	cr_assert_eq(f.image.high, high);
	cr_assert_eq(f.image.segments, nload);
	cr_assert_arr_eq(emu_memory_ptr(&f.mem, first->p_paddr, first->p_filesz, false),
			 file + first->p_offset, first->p_filesz);
	free(file);
	teardown(&f);
}

/* A raw binary lands at the given address, which is also its entry point. */
Test(loader, raw_binary_at_address)
{
	static const uint8_t raw[] = {0xde, 0xad, 0xbe, 0xef, 0x01, 0x02};
	const char *path = write_temp(raw, sizeof(raw));
	struct fixture f;

	setup(&f);
	cr_assert(emu_load_raw(&f.mem, path, RAM_BASE + 0x300000, false, &f.image, &f.err), "%s",
		  f.err.msg);
	cr_assert_arr_eq(emu_memory_ptr(&f.mem, RAM_BASE + 0x300000, sizeof(raw), false), raw,
			 sizeof(raw));
	cr_assert_eq(f.image.entry, RAM_BASE + 0x300000);
	cr_assert_eq(f.image.low, RAM_BASE + 0x300000);
	cr_assert_eq(f.image.high, RAM_BASE + 0x300000 + sizeof(raw));
	cr_assert_eq(f.image.segments, 1);
	remove(path);
	teardown(&f);
}

/* A raw image held in memory loads the same way, named in errors by the name it is given. */
Test(loader, raw_buffer_at_address)
{
	static const uint8_t raw[] = {0xde, 0xad, 0xbe, 0xef};
	struct fixture f;

	setup(&f);
	cr_assert(emu_load_raw_buf(&f.mem, raw, sizeof(raw), "builtin:x", RAM_BASE, false, &f.image,
				   &f.err),
		  "%s", f.err.msg);
	cr_assert_arr_eq(emu_memory_ptr(&f.mem, RAM_BASE, sizeof(raw), false), raw, sizeof(raw));
	cr_assert_eq(f.image.entry, RAM_BASE);
	cr_assert_not(emu_load_raw_buf(&f.mem, raw, sizeof(raw), "builtin:x", UNMAPPED, false,
				       &f.image, &f.err));
	cr_assert_str_eq(f.err.file, "builtin:x");
	cr_assert_not(
		emu_load_raw_buf(&f.mem, raw, 0, "builtin:x", RAM_BASE, false, &f.image, &f.err));
	cr_assert_str_eq(f.err.msg, "empty image");
	teardown(&f);
}

/* Guest bytes are read little-endian, whatever the host's byte order. */
Test(loader, little_endian_reads)
{
	static const uint8_t b[] = {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x88};
	uint8_t out[4];

	cr_expect_eq(emu_le16(b), 0x0201);
	cr_expect_eq(emu_le32(b), 0x04030201u);
	cr_expect_eq(emu_le64(b), 0x8807060504030201ull);
	emu_le32_store(out, 0xd69f03e0u); /* eret */
	cr_expect_eq(out[0], 0xe0);
	cr_expect_eq(out[1], 0x03);
	cr_expect_eq(out[2], 0x9f);
	cr_expect_eq(out[3], 0xd6);
}

/* A raw binary where there is no memory is refused with its size and address. */
Test(loader, raw_outside_ram_refused)
{
	static const uint8_t raw[] = {1, 2, 3, 4};
	const char *path = write_temp(raw, sizeof(raw));
	struct fixture f;

	setup(&f);
	cr_assert_not(emu_load_raw(&f.mem, path, UNMAPPED, false, &f.image, &f.err));
	cr_assert_str_eq(f.err.file, path);
	cr_assert_str_eq(f.err.msg,
			 "image of 4 bytes at 0x20000000 is outside the platform's RAM and flash");
	remove(path);
	teardown(&f);
}

/* An empty raw file is refused. */
Test(loader, raw_empty_refused)
{
	const char *path = write_temp("", 0);
	struct fixture f;

	setup(&f);
	cr_assert_not(emu_load_raw(&f.mem, path, RAM_BASE, false, &f.image, &f.err));
	cr_assert_str_eq(f.err.file, path);
	cr_assert_str_eq(f.err.msg, "empty image");
	remove(path);
	teardown(&f);
}

/* A missing file: the error has the path and the system's reason. */
Test(loader, missing_file)
{
	const char *path = "/tmp/ffa-sim-test-no-such-dir/guest.elf";
	struct fixture f;

	setup(&f);
	cr_assert_not(emu_load_elf(&f.mem, path, false, &f.image, &f.err));
	cr_assert_str_eq(f.err.file, path);
	cr_assert_str_eq(f.err.msg, "cannot open: No such file or directory");
	cr_assert_not(emu_load_raw(&f.mem, path, RAM_BASE, false, &f.image, &f.err));
	cr_assert_str_eq(f.err.file, path);
	cr_assert_str_eq(f.err.msg, "cannot open: No such file or directory");
	teardown(&f);
}

/* A file of exactly 1 GiB, the limit, is read whole (it was refused as "larger than 1 GiB");
 * one byte more is refused from its size, before reading. */
Test(loader, read_file_limit_1gib, .timeout = 120)
{
	char path[] = "/tmp/ffa-sim-1gib-XXXXXX";
	struct diag err = {0};
	uint8_t *data = NULL;
	size_t size = 0;
	int fd = mkstemp(path);

	cr_assert_geq(fd, 0);
	cr_assert_eq(ftruncate(fd, 1 << 30), 0); /* sparse: no disk used */
	close(fd);
	cr_assert(emu_read_file(path, &data, &size, &err), "%s", err.msg);
	cr_assert_eq(size, (size_t)1 << 30);
	free(data);
	cr_assert_eq(truncate(path, (1 << 30) + 1), 0);
	cr_assert_not(emu_read_file(path, &data, &size, &err));
	cr_assert_str_eq(err.msg, "file is larger than 1 GiB (1073741825 bytes)");
	unlink(path);
}

/* An arm64 Image of size bytes (at least 64) with the given header fields and a body pattern. */
static void arm64_image(uint8_t *buf, size_t size, uint64_t text_offset, uint64_t image_size,
			uint64_t flags)
{
	memset(buf, 0, size);
	for (size_t i = EMU_ARM64_HEADER_SIZE; i < size; i++)
		buf[i] = (uint8_t)(i * 7u);
	emu_le32_store(buf, 0x91005a4du); /* code0: "MZ" nop, as EFI-stub kernels start */
	for (unsigned i = 0; i < 8; i++) {
		buf[8 + i] = (uint8_t)(text_offset >> (8 * i));
		buf[16 + i] = (uint8_t)(image_size >> (8 * i));
		buf[24 + i] = (uint8_t)(flags >> (8 * i));
	}
	emu_le32_store(buf + EMU_ARM64_MAGIC_OFFSET, EMU_ARM64_MAGIC);
}

static bool load_image(struct fixture *f, const uint8_t *buf, size_t size, const uint64_t *at)
{
	return emu_load_arm64_image(&f->mem, buf, size, "Image", RAM_BASE, RAM_SIZE, at, &f->image,
				    &f->err);
}

/* An Image goes text_offset above the first 2 MiB boundary of RAM; .bss up to image_size is
 * zeroed; the entry is its first byte. */
Test(loader, arm64_image_placed_by_header)
{
	static uint8_t img[0x3000];
	struct fixture f;
	uint8_t *ram;

	setup(&f);
	arm64_image(img, sizeof(img), 0x80000, 0x5000, 0xa);
	cr_assert(emu_is_arm64_image(img, sizeof(img)));
	ram = emu_memory_ptr(&f.mem, RAM_BASE + 0x80000, 0x6000, false);
	memset(ram, 0xee, 0x6000);
	cr_assert(load_image(&f, img, sizeof(img), NULL), "%s", f.err.msg);
	cr_assert_eq(f.image.entry, RAM_BASE + 0x80000);
	cr_assert_eq(f.image.low, RAM_BASE + 0x80000);
	cr_assert_eq(f.image.high, RAM_BASE + 0x85000, "image_size, not the file, sets the end");
	cr_assert_arr_eq(ram, img, sizeof(img));
	for (unsigned i = sizeof(img); i < 0x5000; i++)
		cr_assert_eq(ram[i], 0, "byte 0x%x past the file", i);
	cr_assert_eq(ram[0x5000], 0xee, "nothing past image_size is touched");
	teardown(&f);
}

/* RAM that does not start on a 2 MiB boundary: the base rounds up first. */
Test(loader, arm64_image_rounds_base_up)
{
	static uint8_t img[0x1000];
	struct fixture f;

	setup(&f);
	arm64_image(img, sizeof(img), 0, 0x1000, 0);
	cr_assert(emu_load_arm64_image(&f.mem, img, sizeof(img), "Image", RAM_BASE + 0x1000,
				       RAM_SIZE - 0x1000, NULL, &f.image, &f.err),
		  "%s", f.err.msg);
	cr_assert_eq(f.image.entry, RAM_BASE + 0x200000);
	teardown(&f);
}

/* --load-addr: taken when it is text_offset above a 2 MiB boundary, refused otherwise. */
Test(loader, arm64_image_load_addr)
{
	static uint8_t img[0x1000];
	uint64_t at = RAM_BASE + 0x400000;
	struct fixture f;

	setup(&f);
	arm64_image(img, sizeof(img), 0, 0x1000, 0);
	cr_assert(load_image(&f, img, sizeof(img), &at), "%s", f.err.msg);
	cr_assert_eq(f.image.entry, at);
	at = RAM_BASE + 0x401000;
	cr_assert_not(load_image(&f, img, sizeof(img), &at));
	cr_assert_str_eq(f.err.file, "Image");
	cr_assert(strstr(f.err.msg, "text_offset (0x0) bytes above a 2 MiB-aligned") != NULL, "%s",
		  f.err.msg);
	teardown(&f);
}

/* Bad headers name the field: big-endian flags, text_offset, image_size. */
Test(loader, arm64_image_bad_headers)
{
	static uint8_t img[0x1000];
	struct fixture f;

	setup(&f);
	arm64_image(img, sizeof(img), 0, 0x1000, 1);
	cr_assert_not(load_image(&f, img, sizeof(img), NULL));
	cr_assert(strstr(f.err.msg, "flags 0x1: bit 0 says a big-endian kernel") != NULL, "%s",
		  f.err.msg);
	arm64_image(img, sizeof(img), 0x200000, 0x1000, 0);
	cr_assert_not(load_image(&f, img, sizeof(img), NULL));
	cr_assert(strstr(f.err.msg, "text_offset 0x200000") != NULL, "%s", f.err.msg);
	arm64_image(img, sizeof(img), 0x80010, 0x1000, 0);
	cr_assert_not(load_image(&f, img, sizeof(img), NULL));
	cr_assert(strstr(f.err.msg, "text_offset 0x80010") != NULL, "%s", f.err.msg);
	arm64_image(img, sizeof(img), 0, 0x800, 0);
	cr_assert_not(load_image(&f, img, sizeof(img), NULL));
	cr_assert(strstr(f.err.msg, "image_size 0x800 is smaller than the file") != NULL, "%s",
		  f.err.msg);
	arm64_image(img, sizeof(img), 0, RAM_SIZE + 0x1000, 0);
	cr_assert_not(load_image(&f, img, sizeof(img), NULL));
	cr_assert(strstr(f.err.msg, "does not fit in non-secure RAM") != NULL, "%s", f.err.msg);
	cr_assert_str_eq(f.err.file, "Image");
	img[EMU_ARM64_MAGIC_OFFSET] ^= 1;
	cr_assert_not(emu_is_arm64_image(img, sizeof(img)));
	cr_assert_not(load_image(&f, img, sizeof(img), NULL));
	cr_assert(strstr(f.err.msg, "no \"ARM\\x64\" magic at offset 56") != NULL, "%s", f.err.msg);
	cr_assert_not(emu_is_arm64_image(img, 63));
	teardown(&f);
}

/* image_size 0 (kernels before 3.17): the file's own size is all that is reserved. */
Test(loader, arm64_image_size_zero_uses_file)
{
	static uint8_t img[0x1800];
	struct fixture f;

	setup(&f);
	arm64_image(img, sizeof(img), 0x80000, 0, 0);
	cr_assert(load_image(&f, img, sizeof(img), NULL), "%s", f.err.msg);
	cr_assert_eq(f.image.high, RAM_BASE + 0x80000 + sizeof(img));
	teardown(&f);
}

/* A vmlinux: segments at kernel virtual addresses (as p_paddr too), the first starting with
 * the Image header: placed as the Image, each segment at its offset from the first. */
Test(loader, arm64_vmlinux_placed_as_image)
{
	static uint8_t text[0x100], data[0x40];
	const uint64_t kva = 0xffff800080000000ull;
	struct seg segs[] = {
		{PT_LOAD, kva, sizeof(text), sizeof(text), text},
		{PT_LOAD, kva + 0x2000, sizeof(data), 0x1000, data},
	};
	Elf64_Ehdr eh = elf_header(2, kva);
	uint8_t buf[ELF_BUF];
	size_t size;
	struct fixture f;

	arm64_image(text, sizeof(text), 0, 0x3000, 0xa);
	memset(data, 0x5a, sizeof(data));
	size = build_elf(buf, &eh, segs, 2);
	setup(&f);
	cr_assert(emu_elf_is_arm64_kernel(buf, size, RAM_BASE, RAM_SIZE));
	cr_assert(emu_load_arm64_elf(&f.mem, buf, size, "vmlinux", RAM_BASE, RAM_SIZE, NULL,
				     &f.image, &f.err),
		  "%s", f.err.msg);
	cr_assert_eq(f.image.entry, RAM_BASE);
	cr_assert_eq(f.image.high, RAM_BASE + 0x3000);
	cr_assert_arr_eq(emu_memory_ptr(&f.mem, RAM_BASE, sizeof(text), false), text, sizeof(text));
	cr_assert_arr_eq(emu_memory_ptr(&f.mem, RAM_BASE + 0x2000, sizeof(data), false), data,
			 sizeof(data));
	/* An ELF whose segments are in RAM loads at its physical addresses, as before. */
	segs[0].paddr = RAM_BASE + 0x10000;
	segs[1].paddr = RAM_BASE + 0x12000;
	eh = elf_header(2, RAM_BASE + 0x10000);
	size = build_elf(buf, &eh, segs, 2);
	cr_assert_not(emu_elf_is_arm64_kernel(buf, size, RAM_BASE, RAM_SIZE));
	teardown(&f);
}

/* The initrd goes page-aligned past the image and the device tree's 64 KiB slot; one that does
 * not fit in RAM (or in what the hypervisor proxy leaves) is refused, naming the file. */
Test(loader, initrd_placement)
{
	struct emu_image image = {
		.low = RAM_BASE + 0x200000, .high = RAM_BASE + 0x234567, .segments = 1};
	struct fixture f;
	uint64_t at;

	setup(&f);
	cr_assert(sim_boot_place_initrd(&f.platform, &image, false, "rd", 0x1000, &at, &f.err),
		  "%s", f.err.msg);
	cr_assert_eq(at, RAM_BASE + 0x250000);
	cr_assert(sim_boot_place_initrd(&f.platform, NULL, false, "rd", 0x1000, &at, &f.err));
	cr_assert_eq(at, RAM_BASE + 0x10000);
	cr_assert(sim_boot_place_initrd(&f.platform, NULL, false, "rd", RAM_SIZE - 0x10000, &at,
					&f.err));
	cr_assert_not(sim_boot_place_initrd(&f.platform, NULL, true, "rd", RAM_SIZE - 0x10000, &at,
					    &f.err));
	cr_assert_not(
		sim_boot_place_initrd(&f.platform, &image, false, "rd", RAM_SIZE, &at, &f.err));
	cr_assert_str_eq(f.err.file, "rd");
	cr_assert(strstr(f.err.msg, "does not fit in non-secure RAM") != NULL, "%s", f.err.msg);
	teardown(&f);
}
