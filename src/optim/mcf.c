/*
 * mcf.c - primal network simplex for minimum-cost flow (see mcf.h, docs/internals/mcf.md).
 *
 * A spanning tree rooted at an artificial node carries the basis: the tree is
 * stored as parent/pred/dir arrays plus a preorder thread (thread, rev_thread,
 * succ_num, last_succ) so that a pivot costs the length of its cycle plus the
 * size of the subtree that moves. Entering arcs are chosen by block search.
 */
#include "optim/mcf.h"

#include <stdlib.h>
#include <string.h>

/* Arc states: a non-tree arc sits at its lower (0) or upper (cap) bound. */
#define ST_UPPER (-1)
#define ST_TREE 0
#define ST_LOWER 1

/* dir[u]: +1 when pred[u] goes from u up to parent[u], -1 when it comes down. */
#define DIR_UP 1
#define DIR_DOWN (-1)

#define MIN_BLOCK 10

struct mcf {
    int32_t n;       /* real nodes; the root is node n */
    int32_t m;       /* real arcs; arc m + i is node i's artificial arc */
    int32_t arc_cap; /* allocated length of the per-arc input arrays */
    int32_t block_size;

    /* input, per arc in the order added */
    int32_t *in_src;
    int32_t *in_tgt;
    int64_t *in_cost;
    int64_t *in_lower;
    int64_t *in_upper;
    int64_t *supply; /* per node */

    /*
     * solver state, per arc position: arrays of length m + n. Input arc a sits
     * at position pos[a]; positions interleave the input order so that each
     * pricing block sees arcs from all over the network.
     */
    int32_t *pos;
    int32_t *src;
    int32_t *tgt;
    int64_t *cost;
    int64_t *cap;
    int64_t *flow;
    int8_t *state;
    int32_t solve_arcs; /* m + n when the arrays above were last sized */

    /* solver state, per node: arrays of length n + 1 */
    int64_t *pi;
    int32_t *parent;
    int32_t *pred;
    int8_t *dir;
    int32_t *thread;
    int32_t *rev_thread;
    int32_t *succ_num;
    int32_t *last_succ;
    /* scratch for the path that is re-rooted in a pivot */
    int32_t *path;
    int32_t *sv_rev;
    int32_t *sv_last;
    int32_t *sv_next;
    int32_t *sv_succ;
    int32_t *sv_pred;
    int8_t *sv_dir;
    int32_t solve_nodes; /* n + 1 when the arrays above were last sized */

    int solved;
    int64_t total_cost;
    struct mcf_stats stats;
};

struct mcf *mcf_new(int32_t n_nodes, int32_t n_arcs_hint)
{
    struct mcf *m;

    if (n_nodes < 0 || n_nodes > MCF_MAX_NODES)
        return NULL;
    if (n_arcs_hint < 16)
        n_arcs_hint = 16;
    if (n_arcs_hint > INT32_MAX - n_nodes - 1)
        n_arcs_hint = INT32_MAX - n_nodes - 1;
    m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->n = n_nodes;
    m->arc_cap = n_arcs_hint;
    m->in_src = malloc((size_t)n_arcs_hint * sizeof *m->in_src);
    m->in_tgt = malloc((size_t)n_arcs_hint * sizeof *m->in_tgt);
    m->in_cost = malloc((size_t)n_arcs_hint * sizeof *m->in_cost);
    m->in_lower = malloc((size_t)n_arcs_hint * sizeof *m->in_lower);
    m->in_upper = malloc((size_t)n_arcs_hint * sizeof *m->in_upper);
    m->supply = calloc((size_t)n_nodes + 1, sizeof *m->supply);
    if (!m->in_src || !m->in_tgt || !m->in_cost || !m->in_lower || !m->in_upper || !m->supply) {
        mcf_free(m);
        return NULL;
    }
    return m;
}

void mcf_free(struct mcf *m)
{
    if (!m)
        return;
    free(m->in_src);
    free(m->in_tgt);
    free(m->in_cost);
    free(m->in_lower);
    free(m->in_upper);
    free(m->supply);
    free(m->pos);
    free(m->src);
    free(m->tgt);
    free(m->cost);
    free(m->cap);
    free(m->flow);
    free(m->state);
    free(m->pi);
    free(m->parent);
    free(m->pred);
    free(m->dir);
    free(m->thread);
    free(m->rev_thread);
    free(m->succ_num);
    free(m->last_succ);
    free(m->path);
    free(m->sv_rev);
    free(m->sv_last);
    free(m->sv_next);
    free(m->sv_succ);
    free(m->sv_pred);
    free(m->sv_dir);
    free(m);
}

/* Resizes *p to n elements of size sz; leaves *p alone on failure. */
static int grow(void *p, size_t n, size_t sz)
{
    void *q = realloc(*(void **)p, n * sz);

    if (!q)
        return SY_ENOMEM;
    *(void **)p = q;
    return 0;
}

static int grow_arcs(struct mcf *m, int32_t want)
{
    size_t n = (size_t)want;

    if (grow(&m->in_src, n, sizeof *m->in_src) || grow(&m->in_tgt, n, sizeof *m->in_tgt) ||
        grow(&m->in_cost, n, sizeof *m->in_cost) || grow(&m->in_lower, n, sizeof *m->in_lower) ||
        grow(&m->in_upper, n, sizeof *m->in_upper))
        return SY_ENOMEM;
    m->arc_cap = want;
    return 0;
}

int32_t mcf_add_arc(struct mcf *m, int32_t from, int32_t to, int64_t lower, int64_t upper,
                    int64_t cost)
{
    int32_t a;

    if (from < 0 || from >= m->n || to < 0 || to >= m->n)
        return SY_EUSAGE;
    if (m->m >= INT32_MAX - m->n - 1)
        return SY_ELIMIT;
    if (m->m == m->arc_cap) {
        int32_t want =
            m->arc_cap > (INT32_MAX - m->n - 1) / 2 ? INT32_MAX - m->n - 1 : 2 * m->arc_cap;
        if (grow_arcs(m, want))
            return SY_ENOMEM;
    }
    a = m->m++;
    m->in_src[a] = from;
    m->in_tgt[a] = to;
    m->in_lower[a] = lower;
    m->in_upper[a] = upper;
    m->in_cost[a] = cost;
    m->solved = 0;
    return a;
}

int mcf_set_supply(struct mcf *m, int32_t node, int64_t supply)
{
    if (node < 0 || node >= m->n)
        return SY_EUSAGE;
    m->supply[node] = supply;
    m->solved = 0;
    return 0;
}

int32_t mcf_node_count(const struct mcf *m)
{
    return m->n;
}

int32_t mcf_arc_count(const struct mcf *m)
{
    return m->m;
}

int64_t mcf_supply(const struct mcf *m, int32_t node)
{
    return node >= 0 && node < m->n ? m->supply[node] : 0;
}

int32_t mcf_arc_from(const struct mcf *m, int32_t arc)
{
    return arc >= 0 && arc < m->m ? m->in_src[arc] : -1;
}

int32_t mcf_arc_to(const struct mcf *m, int32_t arc)
{
    return arc >= 0 && arc < m->m ? m->in_tgt[arc] : -1;
}

void mcf_set_block_size(struct mcf *m, int32_t block_size)
{
    m->block_size = block_size > 0 ? block_size : 0;
}

int64_t mcf_cost(const struct mcf *m)
{
    return m->solved ? m->total_cost : 0;
}

int64_t mcf_flow(const struct mcf *m, int32_t arc)
{
    if (!m->solved || arc < 0 || arc >= m->m)
        return 0;
    return m->flow[m->pos[arc]] + m->in_lower[arc];
}

int64_t mcf_potential(const struct mcf *m, int32_t node)
{
    if (!m->solved || node < 0 || node >= m->n)
        return 0;
    return m->pi[node];
}

void mcf_stats(const struct mcf *m, struct mcf_stats *s)
{
    *s = m->stats;
}

/* Sizes the solver arrays for the current n and m. */
static int alloc_solver(struct mcf *m)
{
    size_t na = (size_t)m->m + (size_t)m->n, nn = (size_t)m->n + 1;

    if (!m->cap || (int32_t)na != m->solve_arcs) {
        /* One spare element keeps the arrays non-NULL for an empty network. */
        if (grow(&m->cap, na + 1, sizeof *m->cap) || grow(&m->flow, na + 1, sizeof *m->flow) ||
            grow(&m->state, na + 1, sizeof *m->state) || grow(&m->pos, na + 1, sizeof *m->pos) ||
            grow(&m->src, na + 1, sizeof *m->src) || grow(&m->tgt, na + 1, sizeof *m->tgt) ||
            grow(&m->cost, na + 1, sizeof *m->cost))
            return SY_ENOMEM;
        m->solve_arcs = (int32_t)na;
    }
    if ((int32_t)nn != m->solve_nodes) {
        if (grow(&m->pi, nn, sizeof *m->pi) || grow(&m->parent, nn, sizeof *m->parent) ||
            grow(&m->pred, nn, sizeof *m->pred) || grow(&m->dir, nn, sizeof *m->dir) ||
            grow(&m->thread, nn, sizeof *m->thread) ||
            grow(&m->rev_thread, nn, sizeof *m->rev_thread) ||
            grow(&m->succ_num, nn, sizeof *m->succ_num) ||
            grow(&m->last_succ, nn, sizeof *m->last_succ) || grow(&m->path, nn, sizeof *m->path) ||
            grow(&m->sv_rev, nn, sizeof *m->sv_rev) || grow(&m->sv_last, nn, sizeof *m->sv_last) ||
            grow(&m->sv_next, nn, sizeof *m->sv_next) ||
            grow(&m->sv_succ, nn, sizeof *m->sv_succ) ||
            grow(&m->sv_pred, nn, sizeof *m->sv_pred) || grow(&m->sv_dir, nn, sizeof *m->sv_dir))
            return SY_ENOMEM;
        m->solve_nodes = (int32_t)nn;
    }
    return 0;
}

static int overflow(struct err *e, const char *what)
{
    return err_set(e, SY_EOVERFLOW,
                   "overflow: %s does not fit in 64-bit integers; scale costs or capacities down",
                   what);
}

static int64_t abs64(int64_t x)
{
    return x < 0 ? -x : x;
}

/*
 * Checks the data, removes lower bounds (flow' = flow - lower), bounds every
 * quantity the simplex will compute, and builds the all-artificial starting
 * tree. The balance of node i after the transform is kept in flow[m + i].
 */
static int prepare(struct mcf *m, int64_t *offset, struct err *e)
{
    const int32_t n = m->n, na = m->m, root = n;
    int64_t *bal, sum = 0, maxc = 0, capsum = 0, spos = 0, fbound, art, bound = 0, k = 0, t;
    int32_t a, i, p, j, stride;
    int rc;

    rc = alloc_solver(m);
    if (rc)
        return err_set(e, rc, "out of memory for a network of %d nodes and %d arcs", n, na);
    bal = m->flow + na;
    for (i = 0; i < n; i++) {
        if (m->supply[i] == INT64_MIN || __builtin_add_overflow(sum, m->supply[i], &sum))
            return overflow(e, "the sum of the supplies");
        bal[i] = m->supply[i];
    }
    if (sum != 0)
        return err_set(e, SY_EINFEASIBLE,
                       "infeasible: the supplies sum to %lld instead of 0 (total supply must "
                       "equal total demand)",
                       (long long)sum);
    /* Interleave: input arcs a, a+1, ... land a stride apart. */
    stride = n > 0 && na / n > 3 ? na / n : 3;
    for (a = 0, p = 0, j = 0; a < na; a++) {
        m->pos[a] = p;
        p += stride;
        if (p >= na)
            p = ++j;
    }
    for (a = 0; a < na; a++) {
        int64_t lo = m->in_lower[a], up = m->in_upper[a], c = m->in_cost[a], cap;
        int32_t u = m->in_src[a], v = m->in_tgt[a];

        if (lo == INT64_MIN || lo == MCF_INF)
            return err_set(e, SY_EUSAGE, "arc %d (%d->%d): the lower bound must be finite", a, u,
                           v);
        if (lo > up)
            return err_set(e, SY_EINFEASIBLE,
                           "infeasible: arc %d (%d->%d) has lower bound %lld above its upper "
                           "bound %lld",
                           a, u, v, (long long)lo, (long long)up);
        if (c == INT64_MIN)
            return overflow(e, "a cost of -2^63");
        if (up == MCF_INF) {
            cap = MCF_INF;
        } else {
            if (__builtin_sub_overflow(up, lo, &cap) || cap == MCF_INF)
                return overflow(e, "an arc's upper minus lower bound");
            if (__builtin_add_overflow(capsum, cap, &capsum))
                return overflow(e, "the sum of the finite capacities");
        }
        if (lo != 0) {
            if (__builtin_sub_overflow(bal[u], lo, &bal[u]) ||
                __builtin_add_overflow(bal[v], lo, &bal[v]) || __builtin_mul_overflow(lo, c, &t) ||
                __builtin_add_overflow(k, t, &k))
                return overflow(e, "the flow forced by the lower bounds");
        }
        p = m->pos[a];
        m->cap[p] = cap;
        m->src[p] = u;
        m->tgt[p] = v;
        m->cost[p] = c;
        if (abs64(c) > maxc)
            maxc = abs64(c);
    }
    for (i = 0; i < n; i++)
        if (bal[i] > 0 && __builtin_add_overflow(spos, bal[i], &spos))
            return overflow(e, "the sum of the supplies");
    /* No basic flow exceeds the total supply plus every finite capacity. */
    if (__builtin_add_overflow(spos, capsum, &fbound) || fbound == MCF_INF)
        return overflow(e, "the total supply plus the sum of the capacities");
    /* The artificial cost beats any path of real arcs; potentials stay within 2 * art. */
    if (__builtin_add_overflow(maxc, 1, &art) ||
        __builtin_mul_overflow(art, (int64_t)n + 1, &art) || __builtin_mul_overflow(art, 6, &t))
        return overflow(e, "the largest cost times the number of nodes");
    bound = abs64(k);
    for (a = 0; a < na; a++) {
        int64_t f = m->cap[a] < fbound ? m->cap[a] : fbound;

        if (__builtin_mul_overflow(abs64(m->cost[a]), f, &t) ||
            __builtin_add_overflow(bound, t, &bound))
            return overflow(e, "the sum of |cost| times capacity over the arcs");
    }
    if (k == INT64_MIN)
        return overflow(e, "the cost of the lower bounds");

    /* The starting tree: every node hangs from the root by its artificial arc. */
    memset(m->flow, 0, (size_t)na * sizeof *m->flow);
    memset(m->state, ST_LOWER, (size_t)na);
    m->pi[root] = 0;
    m->parent[root] = -1;
    m->pred[root] = -1;
    m->dir[root] = 0;
    m->succ_num[root] = n + 1;
    m->last_succ[root] = n > 0 ? n - 1 : root;
    m->thread[root] = n > 0 ? 0 : root;
    m->rev_thread[root] = n > 0 ? n - 1 : root;
    for (i = 0; i < n; i++) {
        a = na + i;
        m->cap[a] = MCF_INF;
        m->cost[a] = art;
        m->state[a] = ST_TREE;
        m->parent[i] = root;
        m->pred[i] = a;
        m->succ_num[i] = 1;
        m->last_succ[i] = i;
        m->thread[i] = i + 1 < n ? i + 1 : root;
        m->rev_thread[i] = i > 0 ? i - 1 : root;
        if (bal[i] >= 0) {
            /* flow[a] already holds bal[i] */
            m->src[a] = i;
            m->tgt[a] = root;
            m->dir[i] = DIR_UP;
            m->pi[i] = -art;
        } else {
            m->flow[a] = -bal[i];
            m->src[a] = root;
            m->tgt[a] = i;
            m->dir[i] = DIR_DOWN;
            m->pi[i] = art;
        }
    }
    *offset = k;
    return 0;
}

/*
 * Block search: prices arcs from where the last search stopped, one block at
 * a time, and returns the most negative reduced-cost arc of the first block
 * that has one, or -1 when no arc can improve the flow (optimality).
 */
static int32_t find_entering(const struct mcf *m, int32_t *next, int32_t block)
{
    const int32_t na = m->m + m->n;
    const int32_t *src = m->src, *tgt = m->tgt;
    const int64_t *cost = m->cost, *pi = m->pi;
    const int8_t *state = m->state;
    int64_t best = 0;
    int32_t in = -1, cnt = block, a, start = *next;

    for (a = start; a < na; a++) {
        int64_t rc = state[a] * (cost[a] + pi[src[a]] - pi[tgt[a]]);

        if (rc < best) {
            best = rc;
            in = a;
        }
        if (--cnt == 0) {
            if (in >= 0)
                goto found;
            cnt = block;
        }
    }
    for (a = 0; a < start; a++) {
        int64_t rc = state[a] * (cost[a] + pi[src[a]] - pi[tgt[a]]);

        if (rc < best) {
            best = rc;
            in = a;
        }
        if (--cnt == 0) {
            if (in >= 0)
                goto found;
            cnt = block;
        }
    }
    if (in >= 0)
        *next = start;
    return in;
found:
    *next = a + 1 >= na ? 0 : a + 1;
    return in;
}

/*
 * Replaces tree arc pred[u_out] by the entering arc `in`, which joins u_in (in
 * the subtree S of u_out) to v_in (outside it): S is cut out of the thread,
 * re-rooted at u_in by reversing the path u_in..u_out, and spliced back in as
 * the first child of v_in. Potentials in S shift so that `in` has zero
 * reduced cost.
 */
static void tree_update(struct mcf *m, int32_t in, int32_t u_in, int32_t v_in, int32_t u_out,
                        int32_t join)
{
    int32_t *parent = m->parent, *pred = m->pred, *thread = m->thread, *rev = m->rev_thread;
    int32_t *succ = m->succ_num, *last = m->last_succ;
    int8_t *dir = m->dir;
    int32_t k = 0, i, w, a, s_size, old_parent, before, after, s_last, tail, acc, cnt;
    int64_t sigma;

    /* Save the old links of the path u_in = path[0] .. path[k-1] = u_out. */
    for (w = u_in;; w = parent[w]) {
        m->path[k] = w;
        m->sv_rev[k] = rev[w];
        m->sv_last[k] = last[w];
        m->sv_next[k] = thread[last[w]];
        m->sv_succ[k] = succ[w];
        m->sv_pred[k] = pred[w];
        m->sv_dir[k] = dir[w];
        k++;
        if (w == u_out)
            break;
    }
    s_size = succ[u_out];
    old_parent = parent[u_out];
    before = rev[u_out];
    s_last = last[u_out];
    after = thread[s_last];

    /* Cut S out of the thread; its old ancestors lose it. */
    thread[before] = after;
    rev[after] = before;
    for (a = old_parent; a >= 0 && last[a] == s_last; a = parent[a])
        last[a] = before;
    for (a = old_parent; a != join; a = parent[a])
        succ[a] -= s_size;

    /*
     * Re-root S at u_in. The new preorder is u_in's old block, then for each
     * path node w_i its own part of its old block: [w_i .. before w_{i-1}]
     * and [after w_{i-1}'s block .. end of w_i's block].
     */
    tail = m->sv_last[0];
    for (i = 1; i < k; i++) {
        w = m->path[i];
        thread[tail] = w;
        rev[w] = tail;
        tail = m->sv_rev[i - 1];
        if (m->sv_last[i] != m->sv_last[i - 1]) {
            int32_t b = m->sv_next[i - 1];

            thread[tail] = b;
            rev[b] = tail;
            tail = m->sv_last[i];
        }
    }

    /* Splice S in as the first child of v_in. */
    a = thread[v_in];
    thread[v_in] = u_in;
    rev[u_in] = v_in;
    thread[tail] = a;
    rev[a] = tail;
    if (last[v_in] == v_in)
        for (a = v_in; a >= 0 && last[a] == v_in; a = parent[a])
            last[a] = tail;
    for (a = v_in; a != join; a = parent[a])
        succ[a] += s_size;

    /* Reverse the path. */
    acc = 0;
    for (i = k - 1; i >= 1; i--) {
        w = m->path[i];
        acc += m->sv_succ[i] - m->sv_succ[i - 1];
        succ[w] = acc;
        last[w] = tail;
        parent[w] = m->path[i - 1];
        pred[w] = m->sv_pred[i - 1];
        dir[w] = (int8_t)-m->sv_dir[i - 1];
    }
    succ[u_in] = s_size;
    last[u_in] = tail;
    parent[u_in] = v_in;
    pred[u_in] = in;
    dir[u_in] = m->src[in] == u_in ? DIR_UP : DIR_DOWN;

    /* Shift the potentials of S. */
    if (m->tgt[in] == u_in)
        sigma = m->pi[v_in] + m->cost[in] - m->pi[u_in];
    else
        sigma = m->pi[v_in] - m->cost[in] - m->pi[u_in];
    if (sigma != 0)
        for (w = u_in, cnt = s_size; cnt > 0; cnt--, w = thread[w])
            m->pi[w] += sigma;
}

/* Residual capacity of tree arc pred[u] in the direction u -> parent[u]. */
static inline int64_t res_up(const struct mcf *m, int32_t u)
{
    int32_t a = m->pred[u];

    if (m->dir[u] == DIR_UP)
        return m->cap[a] == MCF_INF ? MCF_INF : m->cap[a] - m->flow[a];
    return m->flow[a];
}

/* Residual capacity of tree arc pred[u] in the direction parent[u] -> u. */
static inline int64_t res_down(const struct mcf *m, int32_t u)
{
    int32_t a = m->pred[u];

    if (m->dir[u] == DIR_UP)
        return m->flow[a];
    return m->cap[a] == MCF_INF ? MCF_INF : m->cap[a] - m->flow[a];
}

static int simplex(struct mcf *m, struct err *e)
{
    const int32_t na = m->m + m->n;
    int32_t block = m->block_size, next = 0;
    int32_t *parent = m->parent, *succ = m->succ_num, *pred = m->pred;
    int64_t *flow = m->flow;

    if (block <= 0) {
        for (block = 1; (int64_t)block * block < na; block++)
            ;
        if (block < MIN_BLOCK)
            block = MIN_BLOCK;
    }
    if (block > na)
        block = na > 0 ? na : 1;
    m->stats.block_size = block;

    for (;;) {
        int32_t in = find_entering(m, &next, block), first, second, join, u, u_out = -1;
        int out_first = 0;
        int64_t delta;

        if (in < 0)
            return 0;
        if (m->state[in] == ST_LOWER) {
            first = m->src[in];
            second = m->tgt[in];
        } else {
            first = m->tgt[in];
            second = m->src[in];
        }
        for (u = first, join = second; u != join;) {
            if (succ[u] < succ[join])
                u = parent[u];
            else
                join = parent[join];
        }

        /*
         * Ratio test around the cycle first -> second -> join -> first. Ties
         * go to the last blocking arc met from the join in the cycle's
         * direction, which keeps the tree strongly feasible (no cycling).
         */
        delta = m->cap[in];
        for (u = first; u != join; u = parent[u]) {
            int64_t r = res_down(m, u);

            if (r < delta) {
                delta = r;
                u_out = u;
                out_first = 1;
            }
        }
        for (u = second; u != join; u = parent[u]) {
            int64_t r = res_up(m, u);

            if (r <= delta) {
                delta = r;
                u_out = u;
                out_first = 0;
            }
        }
        if (delta == MCF_INF)
            return err_set(e, SY_EUNBOUNDED,
                           "unbounded: a cycle of negative cost has no capacity limit");

        m->stats.pivots++;
        if (delta > 0) {
            flow[in] += m->state[in] * delta;
            for (u = first; u != join; u = parent[u])
                flow[pred[u]] -= m->dir[u] * delta;
            for (u = second; u != join; u = parent[u])
                flow[pred[u]] += m->dir[u] * delta;
        } else {
            m->stats.degenerate++;
        }

        if (u_out < 0) {
            m->state[in] = (int8_t)-m->state[in];
            continue;
        }
        if (out_first)
            m->state[pred[u_out]] = m->dir[u_out] == DIR_UP ? ST_LOWER : ST_UPPER;
        else
            m->state[pred[u_out]] = m->dir[u_out] == DIR_UP ? ST_UPPER : ST_LOWER;
        m->state[in] = ST_TREE;
        if (out_first)
            tree_update(m, in, first, second, u_out, join);
        else
            tree_update(m, in, second, first, u_out, join);
    }
}

int mcf_solve(struct mcf *m, struct err *e)
{
    int64_t offset = 0, total, t, unrouted = 0;
    int32_t a;
    int rc;

    m->solved = 0;
    m->total_cost = 0;
    memset(&m->stats, 0, sizeof m->stats);
    rc = prepare(m, &offset, e);
    if (rc)
        goto out;
    rc = simplex(m, e);
    if (rc)
        goto out;
    for (a = m->m; a < m->m + m->n; a++)
        if (__builtin_add_overflow(unrouted, m->flow[a], &unrouted))
            unrouted = INT64_MAX - 1; /* only reported, as a lower bound */
    if (unrouted > 0) {
        rc = err_set(e, SY_EINFEASIBLE,
                     "infeasible: %lld units of supply cannot reach the demands within the arc "
                     "capacities",
                     (long long)(unrouted / 2));
        goto out;
    }
    total = offset;
    for (a = 0; a < m->m; a++) {
        if (__builtin_mul_overflow(m->in_cost[a], m->flow[m->pos[a]], &t) ||
            __builtin_add_overflow(total, t, &total)) {
            rc = overflow(e, "the total cost");
            goto out;
        }
    }
    m->total_cost = total;
    m->solved = 1;
out:
    return rc;
}
