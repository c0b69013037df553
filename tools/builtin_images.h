/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What the ffa-sim binary carries, as bin2c writes it (tools/meson.build): the demo guest, the
 * built-in system files and the example partition images that manifests name builtin:NAME.
 * Shared by the command and the dispatcher fuzzer, which links the same generated files.
 */
#ifndef TOOLS_BUILTIN_IMAGES_H
#define TOOLS_BUILTIN_IMAGES_H

#include <stddef.h>

#include "sim/sim.h"

#define BUILTIN_PARTITION_IMAGE_COUNT 9

extern const unsigned char ffa_sim_demo_guest[];
extern const size_t ffa_sim_demo_guest_size;
extern const unsigned char ffa_sim_default_system[];
extern const size_t ffa_sim_default_system_size;
extern const unsigned char ffa_sim_demo_system[];
extern const size_t ffa_sim_demo_system_size;

extern const unsigned char ffa_sim_image_sp_echo2[], ffa_sim_image_sp_forward[],
	ffa_sim_image_sp_logger[], ffa_sim_image_sp_memory[], ffa_sim_image_sp_memory_b[],
	ffa_sim_image_sp_indirect[], ffa_sim_image_sp_indirect_b[], ffa_sim_image_sp_loop[],
	ffa_sim_image_sp_notif[];
extern const size_t ffa_sim_image_sp_echo2_size, ffa_sim_image_sp_forward_size,
	ffa_sim_image_sp_logger_size, ffa_sim_image_sp_memory_size, ffa_sim_image_sp_memory_b_size,
	ffa_sim_image_sp_indirect_size, ffa_sim_image_sp_indirect_b_size,
	ffa_sim_image_sp_loop_size, ffa_sim_image_sp_notif_size;

/* The example partition images, by the names manifests use. */
static inline void builtin_partition_images(struct sim_builtin_image *images)
{
	images[0] = (struct sim_builtin_image){"sp_echo2", ffa_sim_image_sp_echo2,
					       ffa_sim_image_sp_echo2_size};
	images[1] = (struct sim_builtin_image){"sp_forward", ffa_sim_image_sp_forward,
					       ffa_sim_image_sp_forward_size};
	images[2] = (struct sim_builtin_image){"sp_logger", ffa_sim_image_sp_logger,
					       ffa_sim_image_sp_logger_size};
	images[3] = (struct sim_builtin_image){"sp_memory", ffa_sim_image_sp_memory,
					       ffa_sim_image_sp_memory_size};
	images[4] = (struct sim_builtin_image){"sp_memory_b", ffa_sim_image_sp_memory_b,
					       ffa_sim_image_sp_memory_b_size};
	images[5] = (struct sim_builtin_image){"sp_indirect", ffa_sim_image_sp_indirect,
					       ffa_sim_image_sp_indirect_size};
	images[6] = (struct sim_builtin_image){"sp_indirect_b", ffa_sim_image_sp_indirect_b,
					       ffa_sim_image_sp_indirect_b_size};
	images[7] = (struct sim_builtin_image){"sp_loop", ffa_sim_image_sp_loop,
					       ffa_sim_image_sp_loop_size};
	images[8] = (struct sim_builtin_image){"sp_notif", ffa_sim_image_sp_notif,
					       ffa_sim_image_sp_notif_size};
}

#endif
