// lemon_driver.cc - times LEMON's NetworkSimplex (block search) on one DIMACS file.
//
// Usage: lemon_driver FILE.min [REPS]. Prints "COST MS": MS is the median CPU
// time of NetworkSimplex::run() alone over REPS runs; reading is not timed.
// Part of bench/mcf/run; needs liblemon-dev (scripts/install-deps --bench).
#include <algorithm>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <vector>

#include <lemon/dimacs.h>
#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

using namespace lemon;

int main(int argc, char **argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: lemon_driver FILE.min [REPS]\n");
        return 1;
    }
    int reps = argc > 2 ? std::atoi(argv[2]) : 1;
    std::ifstream in(argv[1]);
    if (!in) {
        std::perror(argv[1]);
        return 1;
    }
    typedef SmartDigraph G;
    G g;
    G::ArcMap<long long> lower(g), cap(g), cost(g);
    G::NodeMap<long long> supply(g);
    readDimacsMin(in, g, lower, cap, cost, supply);
    std::vector<double> t;
    long long total = 0;
    for (int r = 0; r < reps; r++) {
        NetworkSimplex<G, long long, long long> ns(g);
        ns.lowerMap(lower).upperMap(cap).costMap(cost).supplyMap(supply);
        timespec t0, t1;
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
        NetworkSimplex<G, long long, long long>::ProblemType pt = ns.run();
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1);
        if (pt != NetworkSimplex<G, long long, long long>::OPTIMAL) {
            std::printf("%s\n", pt == NetworkSimplex<G, long long, long long>::INFEASIBLE
                                    ? "infeasible"
                                    : "unbounded");
            return 2;
        }
        total = ns.totalCost();
        t.push_back((t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6);
    }
    std::sort(t.begin(), t.end());
    std::printf("%lld %.2f\n", total, t[t.size() / 2]);
    return 0;
}
