/* SPDX-License-Identifier: BSD-3-Clause */
/* FFA_ID_GET and FFA_SPM_ID_GET (FF-A v1.2 (DEN0077A) §13.9, §13.10). */
#include "spmc/internal.h"

struct ffa_value spmc_id_get(struct spmc *spmc, struct spmc_endpoint *caller,
			     const struct ffa_value *args)
{
	(void)spmc;
	(void)args;
	return ffa_success_value(caller->id);
}

struct ffa_value spmc_spm_id_get(struct spmc *spmc, struct spmc_endpoint *caller,
				 const struct ffa_value *args)
{
	(void)caller;
	(void)args;
	return ffa_success_value(spmc->cfg.id);
}
