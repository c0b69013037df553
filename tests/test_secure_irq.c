/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Secure devices and secure interrupts: the SP805 model's registers and firing times in virtual
 * time, the platform's secure-devices, the ownership checks of partitions' device regions, and
 * the whole path with partition binaries: the watchdog's owner (partitions/sp/sp_wdog.c) arms it
 * for the normal world (guests/wdog_client.c), its interrupts go through the GIC to EL3 and the
 * SPMC and run the owner, on both GIC versions, and the watchdog bites when nobody clears it.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "abi/uuid.h"
#include "emu/gic.h"
#include "emu/sp805.h"
#include "helpers.h"

#define NS_PER_S 1000000000ull

/* ---- The SP805 model ---- */

/* A device at 1 MHz (1000 ns a tick) on SPI 14 (INTID 46) of a virt GIC model. */
struct wd_fixture {
	struct emu_platform platform;
	struct emu_gic_state gic;
	struct emu_sp805 wd;
};

static struct wd_fixture *wd_setup(uint32_t clock_hz)
{
	struct wd_fixture *f = calloc(1, sizeof(*f));
	struct emu_secure_device desc = {.name = "wd",
					 .kind = EMU_SECURE_SP805,
					 .base = 0x09100000,
					 .irq = 14,
					 .clock_hz = clock_hz};
	struct diag err;

	cr_assert_not_null(f);
	cr_assert(emu_platform_builtin("virt", &f->platform));
	cr_assert(emu_gic_init(&f->gic, &f->platform, 1, NULL, &err), "%s", err.msg);
	emu_sp805_init(&f->wd, &desc, &f->gic, NULL, 0);
	return f;
}

static uint32_t rd(struct wd_fixture *f, uint32_t off, uint64_t ns)
{
	return emu_sp805_read(&f->wd, off, 4, ns);
}

static void wr(struct wd_fixture *f, uint32_t off, uint32_t v, uint64_t ns)
{
	emu_sp805_write(&f->wd, off, 4, v, ns);
}

static bool line(struct wd_fixture *f)
{
	return emu_gic_irq(&f->gic, 0, 46)->level;
}

/* Reset values (DDI 0270) and the ID registers (0x00141805, 0xb105f00d). */
Test(sp805, reset_and_ids)
{
	static const uint8_t ids[8] = {0x05, 0x18, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1};
	struct wd_fixture *f = wd_setup(1000000);

	cr_expect_eq(rd(f, EMU_SP805_LOAD, 0), 0xffffffffu);
	cr_expect_eq(rd(f, EMU_SP805_VALUE, 5000000), 0xffffffffu, "disabled: it does not count");
	cr_expect_eq(rd(f, EMU_SP805_CONTROL, 0), 0);
	cr_expect_eq(rd(f, EMU_SP805_RIS, 0), 0);
	cr_expect_eq(rd(f, EMU_SP805_MIS, 0), 0);
	cr_expect_eq(rd(f, EMU_SP805_LOCK, 0), 0, "unlocked after reset");
	for (unsigned i = 0; i < 8; i++)
		cr_expect_eq(rd(f, EMU_SP805_PERIPHID0 + 4 * i, 0), ids[i], "ID register %u", i);
	cr_expect_eq(rd(f, 0x800, 0), 0, "reserved");
	cr_expect_eq(emu_sp805_next_event(&f->wd), UINT64_MAX);
	free(f);
}

/* Counting: WdogLoad 9 at 500 ns counts from tick 0; zero (and the interrupt) at tick 9 =
 * 9000 ns exactly, not a nanosecond earlier; the counter reloads on the next tick. */
Test(sp805, fires_at_zero)
{
	struct wd_fixture *f = wd_setup(1000000);

	wr(f, EMU_SP805_LOAD, 9, 500);
	wr(f, EMU_SP805_CONTROL, EMU_SP805_INTEN, 500);
	cr_expect_eq(rd(f, EMU_SP805_VALUE, 3500), 6);
	cr_expect_eq(emu_sp805_next_event(&f->wd), 9000);
	emu_sp805_update(&f->wd, 8999);
	cr_expect_eq(rd(f, EMU_SP805_RIS, 8999), 0);
	cr_expect_not(line(f));
	emu_sp805_update(&f->wd, 9000);
	cr_expect_eq(rd(f, EMU_SP805_RIS, 9000), 1);
	cr_expect_eq(rd(f, EMU_SP805_MIS, 9000), 1);
	cr_expect(line(f), "WDOGINT drives SPI 14 (INTID 46)");
	cr_expect_eq(rd(f, EMU_SP805_VALUE, 9000), 0);
	cr_expect_eq(rd(f, EMU_SP805_VALUE, 10000), 9, "reloaded on the next tick");
	cr_expect_eq(f->wd.fires, 1);
	cr_expect_eq(f->wd.fire_ns[0], 9000);
	/* Without RESEN the zeros that follow change nothing while the interrupt stays set. */
	cr_expect_eq(emu_sp805_next_event(&f->wd), UINT64_MAX);
	emu_sp805_update(&f->wd, 100000);
	cr_expect_eq(f->wd.fires, 1);
	cr_expect_not(f->wd.reset);
	free(f);
}

/* WdogIntClr clears the interrupt and reloads the counter: the next zero is WdogLoad ticks on;
 * left alone, the zeros come every WdogLoad + 1 ticks. */
Test(sp805, intclr_reloads)
{
	struct wd_fixture *f = wd_setup(1000000);

	wr(f, EMU_SP805_LOAD, 9, 0);
	wr(f, EMU_SP805_CONTROL, EMU_SP805_INTEN, 0);
	emu_sp805_update(&f->wd, 9000);
	wr(f, EMU_SP805_INTCLR, 0x1234, 12000);
	cr_expect_eq(rd(f, EMU_SP805_RIS, 12000), 0);
	cr_expect_not(line(f));
	cr_expect_eq(emu_sp805_next_event(&f->wd), 21000);
	/* Cleared, then not: 21000, then a reload at tick 22 and a zero at tick 31. */
	emu_sp805_update(&f->wd, 21000);
	wr(f, EMU_SP805_INTCLR, 0, 21000);
	cr_expect_eq(emu_sp805_next_event(&f->wd), 30000);
	wr(f, EMU_SP805_LOAD, 4, 25500);
	cr_expect_eq(emu_sp805_next_event(&f->wd), 29000, "WdogLoad restarts the count");
	cr_expect_eq(rd(f, EMU_SP805_VALUE, 27000), 2);
	cr_expect_eq(f->wd.fires, 2);
	free(f);
}

/* RESEN: a zero that finds the interrupt still set asserts WDOGRES. */
Test(sp805, reset_on_second_zero)
{
	struct wd_fixture *f = wd_setup(1000000);

	wr(f, EMU_SP805_LOAD, 4, 0);
	wr(f, EMU_SP805_CONTROL, EMU_SP805_INTEN | EMU_SP805_RESEN, 0);
	emu_sp805_update(&f->wd, 4000);
	cr_expect_eq(f->wd.fires, 1);
	cr_expect_eq(emu_sp805_next_event(&f->wd), 9000, "reloaded at tick 5, zero at tick 9");
	emu_sp805_update(&f->wd, 8999);
	cr_expect_not(f->wd.reset);
	emu_sp805_update(&f->wd, 50000);
	cr_expect(f->wd.reset);
	cr_expect_eq(f->wd.reset_ns, 9000);
	cr_expect_eq(emu_sp805_next_event(&f->wd), UINT64_MAX);
	free(f);
}

/* WdogLock: only the key unlocks; locked, writes to the other registers are ignored. */
Test(sp805, lock)
{
	struct wd_fixture *f = wd_setup(1000000);

	wr(f, EMU_SP805_LOCK, 1, 0);
	cr_expect_eq(rd(f, EMU_SP805_LOCK, 0), 1);
	wr(f, EMU_SP805_LOAD, 5, 0);
	wr(f, EMU_SP805_CONTROL, EMU_SP805_INTEN, 0);
	cr_expect_eq(rd(f, EMU_SP805_LOAD, 0), 0xffffffffu);
	cr_expect_eq(rd(f, EMU_SP805_CONTROL, 0), 0);
	wr(f, EMU_SP805_LOCK, EMU_SP805_UNLOCK_KEY, 0);
	cr_expect_eq(rd(f, EMU_SP805_LOCK, 0), 0);
	wr(f, EMU_SP805_LOAD, 5, 0);
	wr(f, EMU_SP805_CONTROL, EMU_SP805_INTEN, 0);
	cr_expect_eq(rd(f, EMU_SP805_LOAD, 0), 5);
	/* Locked again: WdogIntClr is ignored too, the interrupt stays. */
	emu_sp805_update(&f->wd, 5000);
	wr(f, EMU_SP805_LOCK, 0, 5000);
	wr(f, EMU_SP805_INTCLR, 1, 6000);
	cr_expect_eq(rd(f, EMU_SP805_RIS, 6000), 1);
	free(f);
}

/* Clearing INTEN stops the counter where it is and drops WDOGINT (WdogMIS); setting it again
 * reloads the counter from WdogLoad. */
Test(sp805, inten_freezes_and_reloads)
{
	struct wd_fixture *f = wd_setup(1000000);

	wr(f, EMU_SP805_LOAD, 100, 0);
	wr(f, EMU_SP805_CONTROL, EMU_SP805_INTEN, 0);
	wr(f, EMU_SP805_CONTROL, 0, 30000);
	cr_expect_eq(rd(f, EMU_SP805_VALUE, 90000), 70);
	cr_expect_eq(emu_sp805_next_event(&f->wd), UINT64_MAX);
	wr(f, EMU_SP805_CONTROL, EMU_SP805_INTEN, 100000);
	cr_expect_eq(rd(f, EMU_SP805_VALUE, 100000), 100);
	emu_sp805_update(&f->wd, 200000);
	cr_expect(line(f));
	wr(f, EMU_SP805_CONTROL, 0, 200000);
	cr_expect_eq(rd(f, EMU_SP805_RIS, 200000), 1, "the raw interrupt stays");
	cr_expect_eq(rd(f, EMU_SP805_MIS, 200000), 0);
	cr_expect_not(line(f));
	free(f);
}

/* WdogLoad 0 interrupts at once (the zero is now). */
Test(sp805, load_zero)
{
	struct wd_fixture *f = wd_setup(1000000);

	wr(f, EMU_SP805_CONTROL, EMU_SP805_INTEN, 2000);
	wr(f, EMU_SP805_LOAD, 0, 2000);
	cr_expect_eq(rd(f, EMU_SP805_RIS, 2000), 1);
	cr_expect_eq(f->wd.fire_ns[0], 2000);
	free(f);
}

/* Integration test mode: WdogITOP drives WDOGINT while WdogITCR is set. */
Test(sp805, integration_test_mode)
{
	struct wd_fixture *f = wd_setup(1000000);

	wr(f, EMU_SP805_ITCR, 1, 0);
	cr_expect_eq(rd(f, EMU_SP805_ITCR, 0), 1);
	wr(f, EMU_SP805_ITOP, EMU_SP805_ITOP_WDOGINT, 0);
	cr_expect(line(f));
	wr(f, EMU_SP805_ITOP, 0, 0);
	cr_expect_not(line(f));
	wr(f, EMU_SP805_ITOP, EMU_SP805_ITOP_WDOGINT, 0);
	wr(f, EMU_SP805_ITCR, 0, 0);
	cr_expect_not(line(f), "back to normal mode: WdogMIS, clear");
	free(f);
}

/* The registers are 32 bits wide: other access sizes read as zero and write nothing. */
Test(sp805, access_size)
{
	struct wd_fixture *f = wd_setup(1000000);

	cr_expect_eq(emu_sp805_read(&f->wd, EMU_SP805_LOAD, 2, 0), 0);
	cr_expect_eq(emu_sp805_read(&f->wd, EMU_SP805_PERIPHID0, 1, 0), 0);
	emu_sp805_write(&f->wd, EMU_SP805_LOAD, 1, 7, 0);
	emu_sp805_write(&f->wd, EMU_SP805_LOAD, 8, 7, 0);
	cr_expect_eq(rd(f, EMU_SP805_LOAD, 0), 0xffffffffu);
	free(f);
}

/* At 32768 Hz a tick is 30517.578125 ns: a zero is at the first nanosecond its tick has
 * happened, ceil(tick * 10^9 / 32768). */
Test(sp805, slow_clock_rounding)
{
	struct wd_fixture *f = wd_setup(32768);

	wr(f, EMU_SP805_LOAD, 3, 0);
	wr(f, EMU_SP805_CONTROL, EMU_SP805_INTEN, 0);
	cr_expect_eq(emu_sp805_next_event(&f->wd), 91553, "3 ticks: 91552.734375 ns");
	emu_sp805_update(&f->wd, 91552);
	cr_expect_eq(f->wd.fires, 0);
	emu_sp805_update(&f->wd, 91553);
	cr_expect_eq(f->wd.fires, 1);
	free(f);
}

/* ---- Platforms ---- */

/* virt (built in and its files) and the FVP declare their secure devices. */
Test(secure_platform, shipped_files)
{
	static const char *const files[] = {"platforms/virt.yaml", "platforms/virt-gicv3.yaml"};
	struct emu_platform b, p;
	struct diag err;

	cr_assert(emu_platform_builtin("virt", &b));
	cr_assert_eq(b.secure_device_count, 2);
	cr_expect_str_eq(b.secure_devices[0].name, "secure-wdog");
	cr_expect_eq(b.secure_devices[0].base, 0x09100000);
	cr_expect_eq(b.secure_devices[0].irq, 14);
	cr_expect_eq(b.secure_devices[0].clock_hz, 32768);
	cr_expect_eq(b.secure_devices[1].base, 0x09101000);
	cr_expect_eq(b.secure_devices[1].irq, 15);
	cr_expect_eq(b.secure_devices[1].clock_hz, 1000000);
	for (unsigned f = 0; f < 2; f++) {
		cr_assert(emu_platform_load(source_path(files[f]), &p, &err), "%s", err.msg);
		cr_assert_eq(p.secure_device_count, b.secure_device_count, "%s", files[f]);
		for (unsigned i = 0; i < b.secure_device_count; i++) {
			cr_expect_str_eq(p.secure_devices[i].name, b.secure_devices[i].name);
			cr_expect_eq(p.secure_devices[i].kind, b.secure_devices[i].kind);
			cr_expect_eq(p.secure_devices[i].base, b.secure_devices[i].base);
			cr_expect_eq(p.secure_devices[i].irq, b.secure_devices[i].irq);
			cr_expect_eq(p.secure_devices[i].clock_hz, b.secure_devices[i].clock_hz);
		}
	}
	cr_assert(emu_platform_load(source_path("platforms/fvp-base.yaml"), &p, &err), "%s",
		  err.msg);
	cr_assert_eq(p.secure_device_count, 1);
	cr_expect_eq(p.secure_devices[0].base, 0x2a490000, "TF-A's SP805_TWDOG_BASE");
	cr_expect_eq(p.secure_devices[0].irq + 32, 56, "TF-A's FVP_IRQ_TZ_WDOG");
	cr_expect_eq(p.secure_devices[0].clock_hz, 32768);
}

/* Bad secure-devices entries: each refused at its line and column. */
Test(secure_platform, errors)
{
	static const char head[] =
		"name: p\nmemory:\n  - {name: ram, kind: ram, base: 0x40000000, size: 1M}\n"
		"uarts:\n  - {name: uart0, base: 0x09000000, irq: 1}\n";
	static const char gic[] = "gic: {version: 2, distributor: 0x08000000, cpu-interface: "
				  "0x08010000}\n";
	static const struct {
		const char *tail;
		bool with_gic;
		unsigned line, column;
		const char *msg;
	} cases[] = {
		{"secure-devices:\n  - {name: w, kind: sp804, base: 0x09100000, irq: 5, clock: "
		 "1}\n",
		 true, 8, 21, "unknown kind \"sp804\""},
		{"secure-devices:\n  - {name: w, kind: sp805, base: 0x09100000, irq: 1, clock: "
		 "1}\n",
		 true, 8, 51, "SPI 1 is uart \"uart0\"'s"},
		{"secure-devices:\n  - {name: w, kind: sp805, base: 0x09000000, irq: 5, clock: "
		 "1}\n",
		 true, 8, 5, "overlaps uart \"uart0\""},
		{"secure-devices:\n  - {name: w, kind: sp805, base: 0x09100000, irq: 5, clock: "
		 "0}\n",
		 true, 8, 61, "the clock must not be zero"},
		{"secure-devices:\n  - {name: w, kind: sp805, base: 0x09100000, irq: 5, clock: "
		 "1}\n",
		 false, 8, 5, "needs a gic"},
		{"secure-devices:\n  - {name: w, kind: sp805, base: 0x09100000, irq: 5, clock: 1}\n"
		 "  - {name: v, kind: sp805, base: 0x09101000, irq: 5, clock: 1}\n",
		 true, 9, 51, "SPI 5 is secure device \"w\"'s"},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char text[1024];
		struct emu_platform p;
		struct diag err;

		snprintf(text, sizeof(text), "%s%s%s", head, cases[i].with_gic ? gic : "",
			 cases[i].tail);
		cr_assert_not(emu_platform_load(write_temp(text, strlen(text)), &p, &err),
			      "case %zu", i);
		cr_expect_not_null(strstr(err.msg, cases[i].msg), "case %zu: %s", i, err.msg);
		cr_expect_eq(err.line, cases[i].line + (cases[i].with_gic ? 0 : -1), "case %zu: %u",
			     i, err.line);
		cr_expect_eq(err.column, cases[i].column, "case %zu: %u %s", i, err.column,
			     err.msg);
	}
}

/* ---- Ownership ---- */

/* Writes text to a new temporary .yaml file (a system file is known by its extension). */
static const char *write_yaml(const char *text)
{
	static char path[64];
	static unsigned n;
	FILE *f;

	snprintf(path, sizeof(path), "/tmp/ffa-sim-secirq-%d-%u.yaml", (int)getpid(), n++);
	f = fopen(path, "w");
	cr_assert_not_null(f);
	cr_assert_eq(fwrite(text, 1, strlen(text), f), strlen(text));
	fclose(f);
	return path;
}

/* A system whose partitions' device regions break an ownership rule: ffa-sim refuses it with
 * exit status 2 and the file, line and column of the offending region or interrupt. */
static void expect_refused(const char *partitions, const char *where_msg)
{
	char text[2048], want[1200];
	const char *path;
	struct run_result r;

	snprintf(text, sizeof(text),
		 "platform: virt\nspmc: {personality: hafnium, version: 1.2}\npartitions:\n%s",
		 partitions);
	path = write_yaml(text);
	run_cli(&r, "run", path, guest_path("hello.elf"), NULL);
	cr_expect_eq(r.status, 2, "%s", r.notes);
	snprintf(want, sizeof(want), "%s:%s", path, where_msg);
	cr_expect_not_null(strstr(r.notes, want), "want \"%s\" in:\n%s", want, r.notes);
	unlink(path);
	run_result_free(&r);
}

#define PART_A                                                                                     \
	"  - name: a\n    id: 0x8001\n    ffa-version: 1.2\n"                                      \
	"    uuid: 11111111-2222-4333-8444-000000000001\n    messaging-method: direct-req-recv\n"  \
	"    model: echo\n    device-regions:\n"
#define PART_B                                                                                     \
	"  - name: b\n    id: 0x8002\n    ffa-version: 1.2\n"                                      \
	"    uuid: 11111111-2222-4333-8444-000000000002\n    messaging-method: direct-req-recv\n"  \
	"    model: echo\n    device-regions:\n"

/* The watchdog claimed by two partitions. */
Test(secure_owner, device_twice)
{
	expect_refused(
		PART_A "      - {name: w, base-address: 0x09100000, pages-count: 1, "
		       "attributes: rw}\n" PART_B
		       "      - {name: w2, base-address: 0x09100000, pages-count: 1, "
		       "attributes: rw}\n",
		"19:9: partitions[1].device-regions[0]: device \"w2\" [0x09100000, 0x09101000) "
		"overlaps device \"w\" of partition \"a\"");
}

/* The same through the library's own manifests (no system file): the run's check names the
 * second claim where its manifest says it is. */
Test(secure_owner, device_twice_in_process)
{
	struct part_manifest *m = calloc(2, sizeof(*m));
	struct sim *sim = calloc(1, sizeof(*sim));
	struct sim_config cfg = {0};
	struct diag err;

	cr_assert(m != NULL && sim != NULL);
	for (unsigned i = 0; i < 2; i++) {
		snprintf(m[i].file, sizeof(m[i].file), "test:%c", 'a' + i);
		snprintf(m[i].name, sizeof(m[i].name), "%c", 'a' + i);
		m[i].id = (uint16_t)(0x8001 + i);
		m[i].ffa_version = 0x10002;
		m[i].messaging = FFA_PROP_DIRECT_REQ_RECV;
		snprintf(m[i].model, sizeof(m[i].model), "echo");
		snprintf(m[i].devices[0].name, sizeof(m[i].devices[0].name), "w");
		m[i].devices[0].base = 0x09100000;
		m[i].devices[0].pages = 1;
		m[i].devices[0].attributes = PART_ATTR_READ | PART_ATTR_WRITE;
		m[i].devices[0].at = (struct part_pos){7, 5};
		m[i].device_count = 1;
	}
	cfg.partitions = m;
	cfg.partition_count = 2;
	cfg.notes = stderr;
	cr_assert_not(sim_open(sim, &cfg, &err));
	cr_expect_str_eq(err.file, "test:b");
	cr_expect_eq(err.line, 7);
	cr_expect_eq(err.column, 5);
	cr_expect_str_eq(err.msg, "b: device-regions[0] \"w\": secure device \"secure-wdog\" at "
				  "0x9100000 already belongs to partition \"a\" (test:a:0)");
	sim_close(sim);
	free(sim);
	free(m);
}

/* A region over the watchdog that is more than its page. */
Test(secure_owner, device_not_one_page)
{
	expect_refused(PART_A "      - {name: w, base-address: 0x09100000, pages-count: 2, "
			      "attributes: rw}\n",
		       "11:9: a: device-regions[0] \"w\": secure device \"secure-wdog\" is one "
		       "page at 0x9100000; the region must be that page");
}

/* An interrupt that is not an SPI (a PPI), and one past the GIC's SPIs. */
Test(secure_owner, interrupt_not_spi)
{
	expect_refused(PART_A "      - {name: w, base-address: 0x09100000, pages-count: 1, "
			      "attributes: rw, interrupts: [46, 29]}\n",
		       "11:94: a: device-regions[0].interrupts[1]: interrupt 29 is not an SPI of "
		       "platform \"virt\" (32 to 287)");
	expect_refused(PART_A "      - {name: w, base-address: 0x09100000, pages-count: 1, "
			      "attributes: rw, interrupts: [300]}\n",
		       "11:90: a: device-regions[0].interrupts[0]: interrupt 300 is not an SPI");
}

/* ---- The whole path ---- */

static const char *sp_path(const char *name)
{
	static char path[EMU_PATH_MAX];

	snprintf(path, sizeof(path), "%s/partitions/sp/%s.elf", getenv("FFA_SIM_BUILD_ROOT"), name);
	return path;
}

/* A partition image at base with ID id, ns-interrupts-action signaled. */
static void sp_manifest(struct part_manifest *m, const char *name, uint16_t id, uint64_t base,
			const char *image)
{
	memset(m, 0, sizeof(*m));
	snprintf(m->file, sizeof(m->file), "test:%s", name);
	snprintf(m->name, sizeof(m->name), "%s", name);
	m->id = id;
	m->ffa_version = 0x10002;
	m->exec_ctx_count = 1;
	m->exception_level = PART_S_EL1;
	m->load_address = base;
	m->load_address_set = true;
	m->memory_size = 0x100000;
	m->messaging = FFA_PROP_DIRECT_REQ_RECV | FFA_PROP_DIRECT_REQ_SEND;
	m->ns_action = PART_NS_SIGNALED;
	snprintf(m->image, sizeof(m->image), "%s", image);
}

/* The watchdog's device region for m, with (or without) the watchdog's interrupt at priority
 * 0x80, secure, SPI (0xd80). */
static void wdog_device(struct part_manifest *m, bool with_interrupt)
{
	struct part_device *d = &m->devices[0];

	snprintf(d->name, sizeof(d->name), "watchdog");
	d->base = 0x09100000;
	d->pages = 1;
	d->attributes = PART_ATTR_READ | PART_ATTR_WRITE;
	if (with_interrupt) {
		d->interrupts[0] = 46;
		d->interrupt_attributes[0] = 0xd80;
		d->interrupt_count = 1;
	}
	m->device_count = 1;
}

/* The watchdog's owner at 0x8007 (0x0eb00000), sp_wdog. */
static void wdog_manifest(struct part_manifest *m, bool with_interrupt)
{
	sp_manifest(m, "wdog", 0x8007, 0x0eb00000, sp_path("sp_wdog"));
	m->messaging = FFA_PROP_DIRECT_REQ_RECV;
	wdog_device(m, with_interrupt);
}

/* What a run left: its output, and the watchdog's and the secure path's counts. */
struct wdog_run {
	struct run_result r;
	struct emu_sp805 wd;
	struct sim_secure secure;
	uint64_t host_fiqs; /* FIQs the guest's own vectors took (none may be) */
};

/* Runs guest on a platform (NULL: virt) with cpus normal-world CPUs (0: the platform's) under
 * an SPMC with partitions m[0 .. count - 1]. */
static void run_secure_cpus(const char *platform, const char *spmc, struct part_manifest *m,
			    unsigned count, const char *guest, unsigned cpus, struct wdog_run *out)
{
	struct sim *sim = calloc(1, sizeof(*sim));
	struct spmc_config scfg;
	struct sim_config cfg = {0};
	struct diag err;
	FILE *con, *notes;

	cr_assert(sim != NULL);
	memset(out, 0, sizeof(*out));
	cr_assert(spmc_config_parse(spmc, &scfg, &err), "%s", err.msg);
	con = open_memstream(&out->r.console, &out->r.console_len);
	notes = open_memstream(&out->r.notes, &out->r.notes_len);
	cfg.platform_path = platform != NULL ? source_path(platform) : NULL;
	cfg.spmc = &scfg;
	cfg.partitions = m;
	cfg.partition_count = count;
	cfg.guest_path = guest_path(guest);
	cfg.cpus = cpus;
	cfg.console_out = con;
	cfg.notes = notes;
	cr_assert(sim_open(sim, &cfg, &err), "%s", err.msg);
	out->r.status = sim_run(sim);
	out->wd = sim->secure.sp805s[0];
	out->secure = sim->secure;
	sim_close(sim);
	fclose(con);
	fclose(notes);
	free(sim);
}

static void run_secure(const char *platform, const char *spmc, struct part_manifest *m,
		       unsigned count, const char *guest, struct wdog_run *out)
{
	run_secure_cpus(platform, spmc, m, count, guest, 0, out);
}

static void run_wdog(const char *platform, const char *spmc, bool with_interrupt,
		     struct wdog_run *out)
{
	struct part_manifest *m = calloc(1, sizeof(*m));

	cr_assert(m != NULL);
	wdog_manifest(m, with_interrupt);
	run_secure(platform, spmc, m, 1, "wdog_client.elf", out);
	free(m);
}

/* The fire times the run recorded follow the device's clock: each at the first nanosecond of
 * its 32768 Hz tick, three ticks after the one before (the owner clears each at once, which
 * reloads WdogLoad 3). */
static void expect_fire_times(const struct emu_sp805 *wd, uint64_t first)
{
	uint64_t tick0 = (uint64_t)((unsigned __int128)first * 32768 / NS_PER_S);

	cr_expect_eq(wd->fire_ns[0], first, "first interrupt at %lu ns", wd->fire_ns[0]);
	for (unsigned k = 0; k < wd->fires && k < EMU_SP805_FIRE_LOG; k++) {
		uint64_t tick = tick0 + 3 * k;
		uint64_t want = (tick * NS_PER_S + 32767) / 32768;

		cr_expect_eq(wd->fire_ns[k], want, "interrupt %u at %lu ns, want %lu", k,
			     wd->fire_ns[k], want);
	}
}

/* The counts a run of the secure path ends with; queued, spurious and storm-masked: none. */
struct secure_counts {
	uint64_t fires;         /* the watchdog's zeros */
	uint64_t in_partitions; /* taken while a partition ran */
	uint64_t injected;      /* of them, into the owner that ran */
	uint64_t preempted;     /* of them, answered FFA_INTERRUPT to an owner in the call chain */
	uint64_t taken;         /* taken by EL3 from the normal world */
	uint64_t handled;       /* run by a waiting owner */
};

static void expect_counts(const struct wdog_run *w, struct secure_counts want)
{
	cr_expect_eq(w->wd.fires, want.fires, "fires %lu", w->wd.fires);
	cr_expect_eq(w->secure.in_partitions, want.in_partitions, "in partitions %lu",
		     w->secure.in_partitions);
	cr_expect_eq(w->secure.injected, want.injected, "injected %lu", w->secure.injected);
	cr_expect_eq(w->secure.preempted, want.preempted, "preempted %lu", w->secure.preempted);
	cr_expect_eq(w->secure.taken, want.taken, "taken %lu", w->secure.taken);
	cr_expect_eq(w->secure.handled, want.handled, "handled %lu", w->secure.handled);
	cr_expect_eq(w->secure.queued + w->secure.spurious + w->secure.storm_masks, 0);
}

static void expect_wdog_run(struct wdog_run *w)
{
	struct run_result *r = &w->r;

	cr_expect_eq(r->status, 3, "the watchdog bit: %s\n%s", r->console, r->notes);
	cr_expect_not_null(strstr(r->console, "[wdog] wdog: ready\n"), "%s", r->console);
	cr_expect_not_null(strstr(r->console, "[host] arm -> c4000070 value=3 lock=1 "
					      "periphid=141805 pcellid=b105f00d\n"),
			   "%s", r->console);
	cr_expect_not_null(strstr(r->console, "[host] hash=61456c64847c2350 t=37938\n"), "%s",
			   r->console);
	cr_expect_not_null(strstr(r->notes, "watchdog \"secure-wdog\": reset request (WDOGRES)"),
			   "%s", r->notes);
	cr_expect_not_null(strstr(r->notes, "secure interrupt 46 is still asserted"), "%s",
			   r->notes);
	/* Twelve cleared, and the last one, which the owner took but left set. */
	cr_expect_eq(w->secure.taken, 13, "%lu", w->secure.taken);
	cr_expect_eq(w->secure.handled, 13, "%lu", w->secure.handled);
	cr_expect_eq(w->secure.queued + w->secure.spurious, 0);
	cr_expect_eq(w->secure.storm_masks, 1);
	cr_expect(w->wd.reset);
}

/* GICv2 (virt): the watchdog fires while the normal world computes and while it waits on the
 * counter; its owner, waiting, handles each one (FFA_INTERRUPT w2 = 46, HF_INTERRUPT_GET 46,
 * WdogMIS 1) and the normal world never sees them; then the watchdog bites. */
Test(secure_irq, watchdog_gicv2)
{
	struct wdog_run w;

	run_wdog(NULL, "hafnium:1.2", true, &w);
	expect_wdog_run(&w);
	cr_expect_not_null(strstr(w.r.console, "[host] computed: handled=6 interrupts=6 "
					       "intid=46 mis=1 w2=46\n"),
			   "%s", w.r.console);
	cr_expect_not_null(strstr(w.r.console, "[host] waited: handled=12 interrupts=12 "
					       "intid=46 mis=1 w2=46\n"),
			   "%s", w.r.console);
	cr_expect_not_null(strstr(w.r.console, "[host] stop -> handled=12\n"), "%s", w.r.console);
	expect_fire_times(&w.wd, 91553);
	run_result_free(&w.r);
}

/* GICv3 (virt-gicv3): the same run, interrupt for interrupt, through secure group 1. */
Test(secure_irq, watchdog_gicv3)
{
	struct wdog_run w;

	run_wdog("platforms/virt-gicv3.yaml", "hafnium:1.2", true, &w);
	expect_wdog_run(&w);
	cr_expect_not_null(strstr(w.r.console, "[host] computed: handled=6 interrupts=6 "
					       "intid=46 mis=1 w2=46\n"),
			   "%s", w.r.console);
	cr_expect_not_null(strstr(w.r.console, "[host] stop -> handled=12\n"), "%s", w.r.console);
	expect_fire_times(&w.wd, 91553);
	run_result_free(&w.r);
}

/* Without the interrupt in its manifest the owner is never run for it: nothing is handled,
 * and the normal world computes the same hash, sooner by the time the owner's runs took. */
Test(secure_irq, normal_world_unchanged)
{
	struct wdog_run with, without;
	const char *a, *b;

	run_wdog(NULL, "hafnium:1.2", true, &with);
	run_wdog(NULL, "hafnium:1.2", false, &without);
	cr_expect_not_null(strstr(without.r.console, "[wdog] wdog: the watchdog's interrupt is "
						     "not mine\n"),
			   "%s", without.r.console);
	cr_expect_not_null(strstr(without.r.console, "[host] computed: handled=0 interrupts=0"),
			   "%s", without.r.console);
	cr_expect_eq(without.secure.taken, 0);
	a = strstr(with.r.console, "[host] hash=");
	b = strstr(without.r.console, "[host] hash=");
	cr_assert(a != NULL && b != NULL);
	/* The same hash; the time differs by the owner's runs, which take CPU 0's time. */
	cr_expect_eq(strcspn(a, " "), strcspn(b, " "));
	cr_expect_eq(strncmp(a, b, strcspn(a, " ")), 0, "%.60s vs %.60s", a, b);
	cr_expect_not_null(strstr(without.r.console, "[host] hash=61456c64847c2350 t=37731\n"),
			   "%s", without.r.console);
	run_result_free(&with.r);
	run_result_free(&without.r);
}

/* TF-A's EL3 SPMC and OP-TEE route none of the partition's interrupts (docs/ffa-support.md):
 * its HF_INTERRUPT_ENABLE is not a call they know, nothing reaches the owner, and the watchdog
 * bites at its second zero. */
Test(secure_irq, tf_a_not_routed)
{
	static const char *const spmcs[] = {"tf-a:1.2", "optee:1.2"};
	struct wdog_run w;

	for (unsigned i = 0; i < 2; i++) {
		run_wdog(NULL, spmcs[i], true, &w);
		cr_expect_eq(w.secure.configured, 0, "%s", spmcs[i]);
		cr_expect_eq(w.secure.taken + w.secure.in_partitions, 0, "%s", spmcs[i]);
		cr_expect_eq(w.r.status, 3, "%s: %s\n%s", spmcs[i], w.r.console, w.r.notes);
		cr_expect_not_null(strstr(w.r.notes, "reset request (WDOGRES)"), "%s", w.r.notes);
		run_result_free(&w.r);
	}
}

/* ---- Secure interrupts while a partition runs ---- */

#define LOOP_UUID "4b8d5e6f-7081-42a3-b4c5-d6e7f8091a2b"
#define RELAY_UUID "6a1f0e2d-3c4b-4a59-8877-665544332211"

/* A test partition (tests/guests/) with one service of UUID uuid. */
static void service_manifest(struct part_manifest *m, const char *name, uint16_t id, uint64_t base,
			     const char *elf, const char *uuid)
{
	sp_manifest(m, name, id, base, guest_path(elf));
	cr_assert_eq(ffa_uuid_parse(uuid, m->services[0].uuid), FFA_UUID_OK);
	m->services[0].messaging = m->messaging;
	m->service_count = 1;
}

/* The watchdog's owner with vectors (sp_wdloop, 0x8006) and, when other, the looping partition
 * with vectors (sp_vloop, 0x8005), under Hafnium, against tests/guests/secirq_client.c. */
static void run_while_running(const char *platform, bool other, struct wdog_run *out)
{
	struct part_manifest *m = calloc(2, sizeof(*m));

	cr_assert(m != NULL);
	sp_manifest(&m[0], "wdloop", 0x8006, 0x0ec00000, guest_path("sp_wdloop.elf"));
	wdog_device(&m[0], true);
	service_manifest(&m[1], "loop", 0x8005, 0x0e400000, "sp_vloop.elf", LOOP_UUID);
	run_secure(platform, "hafnium:1.2", m, other ? 2 : 1, "secirq_client.elf", out);
	cr_expect_eq(out->r.status, 0, "%s\n%s", out->r.console, out->r.notes);
	cr_expect_not_null(strstr(out->r.console, "[host] secirq_client done\n"), "%s\n%s",
			   out->r.console, out->r.notes);
	free(m);
}

/* The owner computes with the watchdog armed (WdogLoad 3, 32768 Hz): each of the six zeros in
 * its 0.6 ms stops it, the SPMC injects the virtual interrupt and the owner takes it in its
 * vectors (HF_INTERRUPT_GET 46), clearing the device; EL3 never sees one. The first fires at
 * 91553 ns and the handler reads the counter 47 ns later (tick 5725 at 62.5 MHz). */
static void expect_owner_runs(const char *platform)
{
	struct wdog_run w;

	run_while_running(platform, false, &w);
	cr_expect_not_null(strstr(w.r.console,
				  "[host] own: c4000070 rounds=100000 "
				  "hash=61456c64847c2350 handled=6 first=5725 last=46\n"),
			   "%s", w.r.console);
	cr_expect_eq(w.wd.fire_ns[0], 91553);
	/* None reached EL3. */
	expect_counts(&w, (struct secure_counts){.fires = 6, .in_partitions = 6, .injected = 6});
	run_result_free(&w.r);
}

/* Both GIC versions give the same run. */
static const char *const secure_platforms[] = {NULL, "platforms/virt-gicv3.yaml"};

Test(secure_running, owner_runs)
{
	for (unsigned i = 0; i < 2; i++)
		expect_owner_runs(secure_platforms[i]);
}

/* The other two cases, the same on both GIC versions:
 * - wait: the owner waits with the watchdog armed while the looping partition computes; each
 *   zero stops the loop, the owner runs with FFA_INTERRUPT (handled in its vectors; it runs
 *   with every interrupt masked, Hafnium's SPMC-scheduled mode, so the level its device still
 *   asserts until it clears it does not stop it again) and the loop goes on to the same hash,
 *   its vectors never entered (vectors=0);
 * - call: the owner's own request to the loop is answered FFA_INTERRUPT (w1 = w2 = 0) at each
 *   zero, the loop preempted; the owner takes the interrupt and resumes it with FFA_RUN. */
static void expect_other_runs(const char *platform)
{
	static const char *const lines[] = {
		"[host] own: c4000070 rounds=100000 hash=61456c64847c2350 handled=6 first=5725 "
		"last=46\n",
		"[host] wait: other c4000070 rounds=100000 hash=61456c64847c2350 vectors=0 "
		"t=94640\n",
		"[host] wait: owner handled=10 first=41965 last=46\n",
		"[host] call: c4000070 rounds=100000 hash=61456c64847c2350 handled=10 "
		"interrupts=10 first=0 t=151697\n",
	};
	struct wdog_run w;

	run_while_running(platform, true, &w);
	expect_all_in(w.r.console, lines, sizeof(lines) / sizeof(lines[0]));
	/* Taken in partitions: 6 (own), 10 (wait: the loop), 10 + 10 (call: the loop, then the
	 * owner once more, its device's level still asserted as it resumes); 6 + 10 of them
	 * injected into the owner. */
	expect_counts(&w, (struct secure_counts){.fires = 26,
						 .in_partitions = 36,
						 .injected = 16,
						 .preempted = 10,
						 .handled = 10});
	run_result_free(&w.r);
}

Test(secure_running, other_runs)
{
	for (unsigned i = 0; i < 2; i++)
		expect_other_runs(secure_platforms[i]);
}

/* ---- Owners further back in a call chain, and other-s-interrupts-action ---- */

/*
 * The watchdog's owner (sp_wdloop, 0x8006), the relay (sp_relay, 0x8004) and the looping
 * partition (sp_vloop, 0x8005, ns-interrupts-action queued and the other-s-interrupts-action
 * given), under Hafnium, against tests/guests/secirq_chain.c.
 */
static void run_chain(const char *platform, bool other_s_queued, struct wdog_run *out)
{
	struct part_manifest *m = calloc(3, sizeof(*m));

	cr_assert(m != NULL);
	sp_manifest(&m[0], "wdloop", 0x8006, 0x0ec00000, guest_path("sp_wdloop.elf"));
	wdog_device(&m[0], true);
	service_manifest(&m[1], "loop", 0x8005, 0x0e400000, "sp_vloop.elf", LOOP_UUID);
	m[1].ns_action = PART_NS_QUEUED;
	m[1].other_s_queued = other_s_queued;
	service_manifest(&m[2], "relay", 0x8004, 0x0ea00000, "sp_relay.elf", RELAY_UUID);
	run_secure(platform, "hafnium:1.2", m, 3, "secirq_chain.elf", out);
	cr_expect_eq(out->r.status, 0, "%s\n%s", out->r.console, out->r.notes);
	cr_expect_not_null(strstr(out->r.console, "[host] secirq_chain done\n"), "%s\n%s",
			   out->r.console, out->r.notes);
	free(m);
}

/*
 * An owner further back in the call chain (FF-A v1.2 (DEN0077A) §8.3.2, Hafnium's
 * ffa_interrupts_signal_secure_interrupt): the owner calls the relay, which calls the looping
 * partition, with the watchdog armed. Each zero preempts the looping partition; the owner's
 * request returns FFA_INTERRUPT (w1 = w2 = 0) while the relay stays blocked, never seeing one
 * (relay=0); the owner takes the interrupt in its vectors and resumes the chain with FFA_RUN of
 * the relay, and the relay's answer comes back as that FFA_RUN's. Nine zeros in the 0.6 ms, the
 * same hash. Then, with the looping partition's other-s-interrupts-action signaled, the owner
 * runs for each zero while the loop computes (as in secure_running.other_runs).
 */
static void expect_chain_signaled(const char *platform)
{
	static const char *const lines[] = {
		"[host] chain: c4000070 rounds=100000 hash=61456c64847c2350 handled=9 "
		"interrupts=9 first=0 relay=0 t=56822\n",
		"[host] other: c4000070 rounds=100000 hash=61456c64847c2350 t=113779\n",
		"[host] other: owner handled=10 first=61038 last=46\n",
	};
	struct wdog_run w;

	run_chain(platform, false, &w);
	expect_all_in(w.r.console, lines, sizeof(lines) / sizeof(lines[0]));
	/* chain: 9 preempting the loop, 9 injected into the owner as it resumes; other: 10 */
	expect_counts(&w, (struct secure_counts){.fires = 19,
						 .in_partitions = 28,
						 .injected = 9,
						 .preempted = 9,
						 .handled = 10});
	run_result_free(&w.r);
}

Test(secure_chain, owner_further_back)
{
	for (unsigned i = 0; i < 2; i++)
		expect_chain_signaled(secure_platforms[i]);
}

/*
 * other-s-interrupts-action queued on the looping partition (its ns-interrupts-action queued
 * too, as Hafnium requires): while it runs every interrupt is masked (Hafnium's priority mask,
 * ffa_interrupts_mask), so the watchdog's first zero waits in the GIC. In the chain it is taken
 * once the loop has answered, while the relay runs: the relay is preempted and the owner gets
 * one FFA_INTERRUPT. With the owner waiting it reaches EL3 once the normal world runs again
 * (taken=1), and the owner handles it then, 43 ns before the normal world reads the counter:
 * one interrupt instead of ten, the watchdog not cleared meanwhile.
 */
static void expect_chain_queued(const char *platform)
{
	static const char *const lines[] = {
		"[host] chain: c4000070 rounds=100000 hash=61456c64847c2350 handled=1 "
		"interrupts=1 first=0 relay=0 t=56515\n",
		"[host] other: c4000070 rounds=100000 hash=61456c64847c2350 t=113132\n",
		"[host] other: owner handled=1 first=113089 last=46\n",
	};
	struct wdog_run w;

	run_chain(platform, true, &w);
	expect_all_in(w.r.console, lines, sizeof(lines) / sizeof(lines[0]));
	/* chain: one, preempting the relay; other: one, through EL3 */
	expect_counts(&w, (struct secure_counts){.fires = 2,
						 .in_partitions = 2,
						 .injected = 1,
						 .preempted = 1,
						 .taken = 1,
						 .handled = 1});
	run_result_free(&w.r);
}

Test(secure_chain, other_s_queued)
{
	for (unsigned i = 0; i < 2; i++)
		expect_chain_queued(secure_platforms[i]);
}

/* ---- A secure interrupt routed to CPU 1 ---- */

/*
 * The watchdog's owner (sp_wdloop, one execution context) with the watchdog's interrupt
 * targeted at CPU 1 (interrupts-target MPIDR affinity 0x1, virt's CPU 1), two CPUs, against
 * tests/guests/secirq_cpu1.c, which works on CPU 1 while CPU 0 waits for it.
 */
static void run_cpu1(const char *platform, struct wdog_run *out)
{
	struct part_manifest *m = calloc(1, sizeof(*m));

	cr_assert(m != NULL);
	sp_manifest(m, "wdloop", 0x8006, 0x0ec00000, guest_path("sp_wdloop.elf"));
	wdog_device(m, true);
	m->devices[0].interrupt_targeted[0] = true;
	m->devices[0].interrupt_mpidr[0] = 0x1;
	run_secure_cpus(platform, "hafnium:1.2", m, 1, "secirq_cpu1.elf", 2, out);
	cr_expect_eq(out->r.status, 0, "%s\n%s", out->r.console, out->r.notes);
	free(m);
}

/*
 * The watchdog's interrupt routed to CPU 1 (GICD_IROUTER on a GICv3, GICD_ITARGETSR on a GICv2),
 * the watchdog counting on CPU 1's clock. While CPU 1 serves a request (own), each zero stops the
 * owner on CPU 1 and is injected into it, at the same ticks as on CPU 0 (first=5725, as in
 * secure_running.owner_runs); while CPU 1 computes in the normal world (ns), each goes to EL3
 * on CPU 1 and the owner, waiting, runs there. CPU 0 takes none. Each run gives the same output.
 */
static void expect_cpu1(const char *platform, const char *own, const char *ns)
{
	struct wdog_run w, again;

	run_cpu1(platform, &w);
	cr_expect_not_null(strstr(w.r.console, own), "want \"%s\" in:\n%s", own, w.r.console);
	cr_expect_not_null(strstr(w.r.console, ns), "want \"%s\" in:\n%s", ns, w.r.console);
	cr_expect_eq(w.secure.routed, 1);
	/* own: 6 injected into the owner on CPU 1; ns: 6 through EL3 on CPU 1 */
	expect_counts(
		&w,
		(struct secure_counts){
			.fires = 12, .in_partitions = 6, .injected = 6, .taken = 6, .handled = 6});
	cr_expect_eq(w.secure.taken_on[1], 12, "%lu", w.secure.taken_on[1]);
	cr_expect_eq(w.secure.taken_on[0], 0, "%lu", w.secure.taken_on[0]);
	run_cpu1(platform, &again);
	cr_expect_str_eq(again.r.console, w.r.console);
	run_result_free(&w.r);
	run_result_free(&again.r);
}

Test(secure_cpu1, routed_gicv2)
{
	expect_cpu1(NULL,
		    "[host1] own: c4000070 hash=61456c64847c2350 handled=6 first=5725 last=46 "
		    "t=39291\n",
		    "[host1] ns: hash=61456c64847c2350 handled=6 first=43872 last=46 t=77300\n");
}

Test(secure_cpu1, routed_gicv3)
{
	expect_cpu1("platforms/virt-gicv3.yaml",
		    "[host1] own: c4000070 hash=61456c64847c2350 handled=6 first=5725 last=46 "
		    "t=39307\n",
		    "[host1] ns: hash=61456c64847c2350 handled=6 first=43872 last=46 t=77316\n");
}

/* Without the target the same run leaves the interrupt on CPU 0, where the watchdog counts:
 * CPU 1's requests see none of it (own: handled=0), and CPU 0 takes them all. */
Test(secure_cpu1, untargeted_stays_on_cpu0)
{
	struct part_manifest *m = calloc(1, sizeof(*m));
	struct wdog_run w;

	cr_assert(m != NULL);
	sp_manifest(m, "wdloop", 0x8006, 0x0ec00000, guest_path("sp_wdloop.elf"));
	wdog_device(m, true);
	run_secure_cpus(NULL, "hafnium:1.2", m, 1, "secirq_cpu1.elf", 2, &w);
	cr_expect_eq(w.r.status, 0, "%s\n%s", w.r.console, w.r.notes);
	cr_expect_not_null(strstr(w.r.console, "[host1] own: c4000070 hash=61456c64847c2350 "
					       "handled=0 "),
			   "%s", w.r.console);
	cr_expect_eq(w.secure.routed, 0);
	cr_expect_eq(w.secure.taken_on[1], 0, "%lu", w.secure.taken_on[1]);
	cr_expect_gt(w.secure.taken_on[0], 0);
	run_result_free(&w.r);
	free(m);
}

/* A target that is none of the run's CPUs: refused with the target's file, line and column. */
Test(secure_owner, target_not_a_cpu)
{
	expect_refused(PART_A
		       "      - {name: w, base-address: 0x09100000, pages-count: 1, "
		       "attributes: rw, interrupts: [46], interrupts-target: [{id: 46, mpidr: "
		       "0x1}]}\n",
		       "11:115: a: device-regions[0].interrupts-target: interrupt 46 targets MPIDR "
		       "0x1, none of the run's CPUs (1, affinities 0x0 to 0x0)");
}
