// fuzz-deps: block findmnt pscols fsusage
// SPDX-License-Identifier: GPL-2.0-or-later
// Fuzz target: column-name lookups of lsblk, findmnt and ps on comma lists, shell variable names and df's name quoting.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "procstat/block/columns.hpp"
#include "procstat/findmnt/columns.hpp"
#include "procstat/fsusage/df_select.hpp"
#include "procstat/pscols/columns.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    using namespace procstat;
    std::string_view rest = text;
    while (true) {
        auto comma = rest.find(',');
        std::string_view name = rest.substr(0, comma);
        if (const auto* c = block::find_column(name)) {
            (void)block::shellvar_name(c->name);
        }
        if (auto c = findmnt::column_by_name(name)) (void)findmnt::column_info(*c);
        if (const auto* d = pscols::find_column(name)) {
            if (d->name == nullptr || d->header == nullptr) __builtin_trap();
        }
        if (comma == std::string_view::npos) break;
        rest.remove_prefix(comma + 1);
    }
    std::string v = block::shellvar_name(text);
    for (char c : v)
        if (!(c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
            __builtin_trap();  // a shell variable name only
    std::string q = fsusage::quote_shell(text);
    std::string l = fsusage::quote_locale(text);
    (void)q;
    (void)l;
    std::uint64_t n = 0;
    for (std::size_t i = 0; i < size && i < 8; ++i) n = (n << 8) | data[i];
    (void)block::human_size(n);
    return 0;
}
