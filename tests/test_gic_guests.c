/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The GIC model through whole guests: the GICv3 CPU interface's presence (ID_AA64PFR0_EL1.GIC,
 * ICC_SRE_EL1, an UNDEFINED ICC access on GICv2) and a polling driver that sends itself an SGI
 * and takes it with both EOImodes, on virt's GICv2 and on virt-gicv3. The expected console
 * lines are what the same guests print on QEMU 7.2 (-cpu cortex-a72): gic_sysreg on -M virt
 * and -M virt,gic-version=3 (where the GICv2 ICC access hangs the guest in its empty vector);
 * gic_sgi linked at 0x60000000 as the payload of the real TF-A (the oracle's tf-a-no-ffa build,
 * GICv2) and of TF-A with Hafnium (GICv3), whose secure firmware configures the GIC as the
 * model's reset state does.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "helpers.h"
#include "sim/sim.h"

/* Runs a guest at exception level el (0: the platform's) on platforms/<name>.yaml (NULL: the
 * built-in virt). */
/*
 * Runs guest on platforms/PLATFORM.yaml (NULL: virt) at el (0: the platform's), under the given
 * SPMC personality: the SPMC's boot configures the GIC as the real one does (Hafnium makes SGI 8
 * its non-secure schedule receiver interrupt).
 */
static void run_under(const char *guest, const char *platform, unsigned el, const char *spmc,
		      struct run_result *r)
{
	struct sim_config cfg = {.entry_el = el};
	struct spmc_config spmc_cfg;
	char rel[128];

	config_spmc(&cfg, spmc, &spmc_cfg);

	if (platform != NULL) {
		snprintf(rel, sizeof(rel), "platforms/%s.yaml", platform);
		cfg.platform_path = source_path(rel);
	}
	run_guest(guest, &cfg, r);
}

/* As the real TF-A leaves the GIC (its EL3 SPMC configures none of it), at level el. */
static void run_on_el(const char *guest, const char *platform, unsigned el, struct run_result *r)
{
	run_under(guest, platform, el, "tf-a", r);
}

/* As run_on_el at the platform's entry level. */
static void run_on(const char *guest, const char *platform, struct run_result *r)
{
	run_on_el(guest, platform, 0, r);
}

/* GICv3: the system-register interface is there and idle. */
Test(gic_guests, sysreg_interface_v3)
{
	struct run_result r;

	run_on("gic_sysreg.elf", "virt-gicv3", &r);
	cr_assert_eq(r.status, 0, "%s", r.notes);
	cr_expect_str_eq(r.console, "[host] pfr0.gic=1\n[host] sre=7\n[host] iar1=3ff\n");
	run_result_free(&r);
}

/* GICv2: no system-register interface: ICC_SRE_EL1 is an undefined instruction. */
Test(gic_guests, sysreg_undefined_v2)
{
	struct run_result r;

	run_on("gic_sysreg.elf", NULL, &r);
	cr_assert_eq(r.status, EMU_STATUS_FAULT, "%s", r.notes);
	cr_expect_str_eq(r.console, "[host] pfr0.gic=0\n");
	cr_expect_eq(r.stop.fault, EMU_FAULT_UNDEFINED);
	cr_expect_not_null(strstr(r.notes, "MRS of GIC register S3_0_C12_C12_5, which a GICv2 "
					   "does not have"),
			   "%s", r.notes);
	run_result_free(&r);
}

/* The lines both QEMU GICs print for the SGI rounds (after the set-up lines). */
#define SGI_ROUNDS                                                                                 \
	"[host] eoimode=0 hppir=1 rpr=ff\n"                                                        \
	"[host] iar=1 rpr=80 again=3ff active=2\n"                                                 \
	"[host] eoi: rpr=ff active=0\n"                                                            \
	"[host] eoimode=1 hppir=1 rpr=ff\n"                                                        \
	"[host] iar=1 rpr=80 again=3ff active=2\n"                                                 \
	"[host] eoi: rpr=ff active=2\n"                                                            \
	"[host] dir: active=0\n"

/* gic_sgi on virt-gicv3 under an SPMC personality: the SGIs the normal world finds enabled. */
static void sgi_rounds_v3(const char *spmc, const char *enabled)
{
	struct run_result r;
	char want[128];

	run_under("gic_sgi.elf", "virt-gicv3", 0, spmc, &r);
	cr_assert_eq(r.status, 0, "%s", r.notes);
	snprintf(want, sizeof(want), "[host] gic=v3\n[host] waker=0\n[host] pmr=f0 enabled=%s\n",
		 enabled);
	cr_assert(strncmp(r.console, want, strlen(want)) == 0, "%s", r.console);
	cr_expect_str_eq(r.console + strlen(want), SGI_ROUNDS);
	run_result_free(&r);
}

/*
 * GICv3: an SGI to self through ICC_SGI1R_EL1, acknowledged and completed in both EOImodes.
 * (Under Hafnium, GICR_ISENABLER0 reads 0x102: Hafnium makes SGI 8 non-secure and enables it.)
 */
Test(gic_guests, sgi_rounds_v3)
{
	sgi_rounds_v3("tf-a", "2");
}

/* Under Hafnium SGI 8, its schedule receiver interrupt, is non-secure and enabled: the normal
 * world sees GICR_ISENABLER0 = 0x102, as on the real Hafnium. */
Test(gic_guests, sgi_rounds_v3_hafnium)
{
	sgi_rounds_v3("hafnium", "102");
}

/* OP-TEE donates SGI 8 to the normal world disabled (gic_init_donate_sgi_to_ns): it is not
 * among the enabled SGIs until the normal world's driver enables it. */
Test(gic_guests, sgi_rounds_v3_optee)
{
	sgi_rounds_v3("optee", "2");
}

/*
 * GICv2: the same through GICD_SGIR and the GICC registers. SGIs are always enabled (as QEMU);
 * 8-15 are secure, so the normal world sees 0-7 only, as under the real TF-A.
 */
Test(gic_guests, sgi_rounds_v2)
{
	struct run_result r;

	run_on("gic_sgi.elf", NULL, &r);
	cr_assert_eq(r.status, 0, "%s", r.notes);
	cr_expect_str_eq(r.console, "[host] gic=v2\n[host] pmr=f0 enabled=ff\n" SGI_ROUNDS);
	run_result_free(&r);
}

/*
 * Identification registers as the normal world reads them. QEMU under TF-A (oracle builds
 * tf-a-no-ffa, GICv2, and hafnium-sel2-spmc-optee-sp, GICv3, one CPU each) prints
 * "gicd: ctlr=0 typer=408 iidr=43b", "pidr2=2b gicc_iidr=2043b" and
 * "gicd: ctlr=10 typer=37a0407 iidr=43b", "pidr2=3b gicr: typer=0:11 iidr=43b",
 * "icc: ctlr=8c00 sre=7". The model has no LPIs:
 * GICD_TYPER.LPIS (bit 17) and GICR_TYPER.PLPIS (bit 0) are clear.
 */
Test(gic_guests, identification_registers)
{
	struct run_result r;

	run_on("gic_ids.elf", NULL, &r);
	cr_assert_eq(r.status, 0, "%s", r.notes);
	cr_expect_str_eq(r.console, "[host] gicd: ctlr=0 typer=408 iidr=43b\n"
				    "[host] pidr2=2b gicc_iidr=2043b\n");
	run_result_free(&r);
	run_on("gic_ids.elf", "virt-gicv3", &r);
	cr_assert_eq(r.status, 0, "%s", r.notes);
	cr_expect_str_eq(r.console, "[host] gicd: ctlr=10 typer=3780407 iidr=43b\n"
				    "[host] pidr2=3b gicr: typer=0:10 iidr=43b\n"
				    "[host] icc: ctlr=8c00 sre=7\n");
	run_result_free(&r);
}

/*
 * SGIs delivered as IRQs into the guest's vectors: the PMR holds one back, two pending are
 * taken by priority, a higher one preempts a handler that unmasks IRQs and a lower one waits;
 * the running priority in each handler is its interrupt's (in the normal world's view). The
 * same lines on QEMU 7.2 (-M virt, -M virt,gic-version=3) and as the payload of the real TF-A
 * (GICv2) and TF-A with Hafnium (GICv3) at EL2.
 */
Test(gic_guests, sgi_irqs_priorities_preemption)
{
	static const char *const platforms[] = {NULL, "virt-gicv3"};
	static const char expect[] = "[host] masked:\n"
				     "[host] unmasked: 1@a0\n"
				     "[host] order: 3@80 2@c0\n"
				     "[host] preempt: 4@c0 5@40\n"
				     "[host] no preempt: 4@c0 6@d0\n"
				     "[host] gic_irq done\n";

	for (unsigned p = 0; p < 2; p++) {
		for (unsigned el = 1; el <= 2; el++) {
			struct run_result r;

			run_on_el("gic_irq.elf", platforms[p], el, &r);
			cr_assert_eq(r.status, 0, "%s EL%u: %s",
				     platforms[p] ? platforms[p] : "virt", el, r.notes);
			cr_expect_str_eq(r.console, expect, "%s EL%u",
					 platforms[p] ? platforms[p] : "virt", el);
			run_result_free(&r);
		}
	}
}
