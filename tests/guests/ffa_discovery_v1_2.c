/* SPDX-License-Identifier: BSD-3-Clause */
/* FF-A discovery and messaging asking for FF-A v1.2 (the tour is ffa_discovery_common.c). */
#include <stdint.h>

int ffa_discovery_run(uint32_t requested);

int main(void)
{
	return ffa_discovery_run(0x10002u); /* major 1 in bits 30:16, minor 2 */
}
