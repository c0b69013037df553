/* SPDX-License-Identifier: BSD-3-Clause */
#include "abi/ffa.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

bool ffa_version_parse(const char *text, uint32_t *version)
{
	char *end;
	unsigned long major, minor;

	if (text == NULL || *text == '\0' || *text == '-')
		return false;
	errno = 0;
	major = strtoul(text, &end, 0);
	if (errno != 0)
		return false;
	if (*end == '\0') {
		/* A number: the encoded form (0x10002). */
		if (major > UINT32_MAX)
			return false;
		*version = (uint32_t)major;
		return true;
	}
	if (*end != '.' || (text[0] == '0' && (text[1] == 'x' || text[1] == 'X')))
		return false;
	text = end + 1;
	if (*text < '0' || *text > '9')
		return false;
	minor = strtoul(text, &end, 10);
	if (errno != 0 || *end != '\0' || major > 0x7fff || minor > 0xffff)
		return false;
	*version = ffa_version_make((uint16_t)major, (uint16_t)minor);
	return true;
}

const char *ffa_version_format(uint32_t version, char *buf, size_t size)
{
	if (!ffa_version_valid(version))
		snprintf(buf, size, "0x%08x", version);
	else
		snprintf(buf, size, "%u.%u", ffa_version_major(version),
			 ffa_version_minor(version));
	return buf;
}

/* Indexed by -code - 1: the list runs from -1 down without gaps. */
static const char *const ffa_error_names[] = {
#define FFA_ERROR_NAME(name, code) [-(code)-1] = #name,
	FFA_ERROR_LIST(FFA_ERROR_NAME)
#undef FFA_ERROR_NAME
};

#define FFA_ERROR_COUNT (sizeof(ffa_error_names) / sizeof(ffa_error_names[0]))

const char *ffa_error_name(int32_t code)
{
	if (code >= 0 || (uint32_t)-code > FFA_ERROR_COUNT)
		return NULL;
	return ffa_error_names[-code - 1];
}

bool ffa_error_parse(const char *name, int32_t *code)
{
	if (strncasecmp(name, "FFA_", 4) == 0)
		name += 4;
	for (size_t i = 0; i < FFA_ERROR_COUNT; i++) {
		if (strcasecmp(name, ffa_error_names[i]) == 0) {
			*code = -(int32_t)i - 1;
			return true;
		}
	}
	return false;
}

uint32_t ffa_props_for_version(uint32_t props, uint32_t version)
{
	/* FF-A v1.0 (DEN0077A) Table 8.25 defines bits 0-2 only; v1.2 adds the REQ2 bits 9-10. */
	if (version < FFA_VERSION_1_1)
		return props & (FFA_PROP_DIRECT_REQ_RECV | FFA_PROP_DIRECT_REQ_SEND |
				FFA_PROP_INDIRECT_MSG);
	if (version < FFA_VERSION_1_2)
		return props & ~(FFA_PROP_DIRECT_REQ2_RECV | FFA_PROP_DIRECT_REQ2_SEND);
	return props;
}
