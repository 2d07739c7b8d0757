/* The memory model's parameters as the settings keep them; see
 * memory_weights.h. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "memory_weights.h"
#include "optimizer.h"

void
memory_default_weights(double w[FSRS_NWEIGHTS])
{
	struct fsrs_params p;
	fsrs_default_params(&p, 0);
	memcpy(w, p.w, sizeof p.w);
}

int
memory_parse_weights(const char *s, double w[FSRS_NWEIGHTS])
{
	for (int i = 0; i < FSRS_NWEIGHTS; i++) {
		char *end;
		while (*s == ' ' || *s == ',' || *s == '\t')
			s++;
		w[i] = strtod(s, &end);
		if (end == s)
			return -1;
		s = end;
	}
	while (*s == ' ' || *s == ',' || *s == '\t' || *s == '\n')
		s++;
	return *s == '\0' ? 0 : -1;
}

int
memory_weights(struct db *db, double w[FSRS_NWEIGHTS])
{
	memory_default_weights(w);
	char *v = db != NULL ? db_setting(db, "fsrs_weights") : NULL;
	if (!v)
		return 0;
	double fw[FSRS_NWEIGHTS];
	int ok = memory_parse_weights(v, fw) == 0 && opt_check(fw, NULL) == 0;
	free(v);
	if (!ok)
		return -1;
	memcpy(w, fw, sizeof fw);
	return 1;
}
