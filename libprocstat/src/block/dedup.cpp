// SPDX-License-Identifier: GPL-2.0-or-later
// lsblk -E: de-duplication of the device graph by the value of one column.
#include <sys/sysmacros.h>

#include <algorithm>
#include <functional>

#include "procstat/block/columns.hpp"

namespace procstat::block {

// compat: util-linux lsblk_devtree_deduplicate_devices(): devices in device-number order;
// each one whose key differs from the previous pattern's (and from its whole disk's) cuts
// every other device with that key out of the roots and out of its parents' children. The
// cut devices stay patterns themselves, so a later one can cut an earlier one.
void deduplicate(DevTree& tree, DeviceData& data, Col key) {
    const std::size_t n = tree.devices.size();
    std::vector<std::optional<std::string>> keys(n);
    std::vector<char> seen(n, 0);
    std::function<void(int, int)> set = [&](int d, int p) {
        auto c = data.get(tree.devices[d], p >= 0 ? &tree.devices[p] : nullptr, key);
        keys[d] = c.text;
        if (seen[d]) return;  // a cycle in a broken sysfs tree
        seen[d] = 1;
        for (int ch : tree.devices[d].children) set(ch, d);
        seen[d] = 0;
    };
    for (int r : tree.roots) set(r, -1);
    std::vector<int> order;
    for (const auto& [name, idx] : tree.by_name) order.push_back(idx);
    std::sort(order.begin(), order.end());  // creation order, then stable by device number
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        const auto& da = tree.devices[a];
        const auto& db = tree.devices[b];
        return ::makedev(da.maj, da.min) < ::makedev(db.maj, db.min);
    });
    auto same_as_disk = [&](int d) {
        int wd = tree.devices[d].wholedisk;
        return wd >= 0 && keys[wd] && *keys[wd] == *keys[d];
    };
    auto equal = [&](int d, int pat) {
        return d != pat && keys[d] && *keys[d] == *keys[pat] && !same_as_disk(d);
    };
    std::vector<char> active(n, 0);
    std::function<void(int, int)> dedup_deps = [&](int d, int pat) {
        if (active[d]) return;
        active[d] = 1;
        for (int ch : std::vector<int>(tree.devices[d].children)) {
            if (equal(ch, pat)) {
                auto& c = tree.devices[d].children;
                c.erase(std::remove(c.begin(), c.end(), ch), c.end());
                auto& p = tree.devices[ch].parents;
                p.erase(std::remove(p.begin(), p.end(), d), p.end());
            } else {
                dedup_deps(ch, pat);
            }
        }
        active[d] = 0;
    };
    std::optional<std::string> last;
    for (int pat : order) {
        if (!keys[pat] || same_as_disk(pat)) continue;
        if (last && *last == *keys[pat]) continue;
        for (int r : std::vector<int>(tree.roots)) {
            if (equal(r, pat))
                tree.roots.erase(std::remove(tree.roots.begin(), tree.roots.end(), r),
                                  tree.roots.end());
            else
                dedup_deps(r, pat);
        }
        last = keys[pat];
    }
}

}  // namespace procstat::block
