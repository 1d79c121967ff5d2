/*
 * dimacs.h - the DIMACS minimum-cost flow format, in and out.
 *
 * Input lines: "c comment", "p min NODES ARCS" (once, before the rest),
 * "n ID SUPPLY" (at most once per node; absent nodes have supply 0) and
 * "a TAIL HEAD LOW CAP COST" (exactly ARCS of them). Node ids are 1-based in
 * the file and 0-based in struct mcf; arcs keep the file's order.
 * Output: "s COST" then one "f TAIL HEAD FLOW" line per arc with nonzero flow.
 */
#ifndef SY_DIMACS_H
#define SY_DIMACS_H

#include <stddef.h>
#include <stdio.h>

#include "optim/mcf.h"
#include "util/err.h"

/* The largest input read by dimacs_read. */
#define DIMACS_MAX_BYTES ((size_t)1 << 31)
/* The largest network a file may announce (docs/limits.md): the solver needs
 * about DIMACS_NODE_BYTES per node and DIMACS_ARC_BYTES per arc, so these
 * bound a run to about 1 GB for nodes; arcs are allocated only as the file's
 * arc lines are read. */
#define DIMACS_MAX_NODES 10000000
#define DIMACS_MAX_ARCS 100000000
#define DIMACS_NODE_BYTES 100
#define DIMACS_ARC_BYTES 72

/*
 * Parses len bytes of text (need not be NUL-terminated). name is the file
 * name used in messages. On success *out is a new network the caller frees
 * with mcf_free; on failure *out is NULL and e holds "NAME:LINE:COLUMN:
 * message" with code SY_EINPUT (SY_ELIMIT for sizes the solver cannot hold,
 * SY_ENOMEM).
 */
int dimacs_parse(const char *text, size_t len, const char *name, struct mcf **out, struct err *e);

/* Reads f to its end and parses it as dimacs_parse does; SY_EIO on a read error. */
int dimacs_read(FILE *f, const char *name, struct mcf **out, struct err *e);

/* Writes "f TAIL HEAD FLOW" (1-based ids) for each arc of a solved m with nonzero flow. */
int dimacs_write_flows(FILE *f, const struct mcf *m, struct err *e);

/* Writes "s COST" and then the flows of a solved m. SY_EIO on a write error. */
int dimacs_write_solution(FILE *f, const struct mcf *m, struct err *e);

#endif
