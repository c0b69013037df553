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

/* Runs a guest on the platform file platforms/<name>.yaml (NULL: the built-in virt). */
static void run_on(const char *guest, const char *platform, struct run_result *r)
{
	struct sim_config cfg = {0};
	char rel[128];

	if (platform != NULL) {
		snprintf(rel, sizeof(rel), "platforms/%s.yaml", platform);
		cfg.platform_path = source_path(rel);
	}
	run_guest(guest, &cfg, r);
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

/*
 * GICv3: an SGI to self through ICC_SGI1R_EL1, acknowledged and completed in both EOImodes.
 * (Under Hafnium, GICR_ISENABLER0 reads 0x102: Hafnium makes SGI 8 non-secure and enables it.)
 */
Test(gic_guests, sgi_rounds_v3)
{
	struct run_result r;

	run_on("gic_sgi.elf", "virt-gicv3", &r);
	cr_assert_eq(r.status, 0, "%s", r.notes);
	cr_expect_str_eq(r.console,
			 "[host] gic=v3\n[host] waker=0\n[host] pmr=f0 enabled=2\n" SGI_ROUNDS);
	run_result_free(&r);
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
