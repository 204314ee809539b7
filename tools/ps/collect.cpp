// SPDX-License-Identifier: GPL-2.0-or-later
// Reading the selected processes of a listing, in PID order, on several threads when many.
#include "collect.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <thread>

#include "procstat/core/parse_util.hpp"
#include "procstat/proc/reader.hpp"

namespace procstat::ps {

namespace {

constexpr std::size_t min_per_thread = 512;  // below this a thread does not pay for itself
constexpr unsigned max_threads = 4;

// Read PIDS[begin, end) into SLOTS at the same indexes; KEPT[i] says whether slot i holds a
// selected process.
void read_slice(const Root& root, const std::vector<int>& pids, std::size_t begin, std::size_t end,
                std::uint32_t needs, const Options& o, const Self& me, std::vector<proc::Process>& slots,
                std::vector<char>& kept) {
    proc::ProcReader reader(root);
    for (std::size_t i = begin; i < end; ++i) {
        proc::Process& p = slots[i];
        kept[i] = reader.read(pids[i], -1, needs, p) && want(o, me, p);
        if (!kept[i]) p = proc::Process{};  // release what a dropped process read (cmdline, environ)
    }
}

}  // namespace

unsigned read_threads(std::size_t n) {
    if (const char* env = std::getenv("PROCSTAT_PS_THREADS")) {
        auto v = parse::to_u64(env);
        if (v && *v >= 1) return static_cast<unsigned>(std::min<std::uint64_t>(*v, 64));
    }
    long cpus = ::sysconf(_SC_NPROCESSORS_ONLN);
    unsigned by_size = static_cast<unsigned>(n / min_per_thread);
    unsigned t = std::min({by_size, cpus > 0 ? static_cast<unsigned>(cpus) : 1U, max_threads});
    return std::max(t, 1U);
}

std::vector<proc::Process> read_selected(const Root& root, const std::vector<int>& pids, std::uint32_t needs,
                                         const Options& o, const Self& me) {
    const std::size_t n = pids.size();
    std::vector<proc::Process> slots(n);
    std::vector<char> kept(n, 0);
    const unsigned nthreads = std::min<std::size_t>(read_threads(n), std::max<std::size_t>(n, 1));
    std::vector<std::thread> workers;
    workers.reserve(nthreads);
    for (unsigned t = 1; t < nthreads; ++t) {
        std::size_t b = n * t / nthreads, e = n * (t + 1) / nthreads;
        workers.emplace_back([&, b, e] { read_slice(root, pids, b, e, needs, o, me, slots, kept); });
    }
    read_slice(root, pids, 0, n / nthreads, needs, o, me, slots, kept);
    for (auto& w : workers) w.join();
    // Compact in place: the kept records move down over the dropped ones, order unchanged.
    std::size_t out = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (!kept[i]) continue;
        if (out != i) slots[out] = std::move(slots[i]);
        ++out;
    }
    slots.resize(out);
    return slots;
}

}  // namespace procstat::ps
