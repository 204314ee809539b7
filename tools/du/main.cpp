// SPDX-License-Identifier: GPL-2.0-or-later
// du: estimate file space usage, a drop-in for GNU coreutils 9.1 du (plus --json).
#include <sys/stat.h>

#include <cerrno>
#include <clocale>
#include <cstdio>
#include <cstring>
#include <string>

#include "messages.hpp"
#include "options.hpp"
#include "output.hpp"
#include "procstat/walk/du.hpp"
#include "toolcommon/stdout_check.hpp"

namespace {

using namespace procstat;

enum class ListRead { ok, cannot_open, read_error };

// Read the NUL-separated names of --files0-from (whole file; "-" is stdin).
ListRead read_files0(const std::string& from, std::string& data) {
    bool open_failed = false;
    int e = du::read_whole_file(from, data, open_failed);
    if (e && open_failed) {
        du::error(e, "cannot open " + du::quote_name(from) + " for reading");
        return ListRead::cannot_open;
    }
    if (e) {
        du::error(e, du::quote_name_if_needed(from) + ": read error");
        return ListRead::read_error;
    }
    return ListRead::ok;
}

}  // namespace

int main(int argc, char** argv) {
    int rc = 0;
    // As GNU du: the user's locale decides quoting, fnmatch and strftime names.
    std::setlocale(LC_ALL, "");
    du::set_program_name(argv[0]);
    auto parsed = du::parse_options(argc, argv, rc);
    if (!parsed) return tool::close_stdout(du::program_name(), rc);
    du::Options& opts = *parsed;

    // Threads: decided once from the device of the first operand (or ".").
    {
        struct stat st;
        const std::string& first = opts.files.empty() ? std::string(".") : opts.files.front();
        if (::stat(first.c_str(), &st) != 0 && ::stat(".", &st) != 0) st.st_dev = 0;
        opts.walk.threads = walk::default_threads(st.st_dev);
    }

    du::Printer printer(opts);
    walk::DuCounter counter(opts.walk, printer);
    bool ok = true;

    auto one = [&](const std::string& name, bool from_stdin_list, std::size_t number) {
        if (from_stdin_list && name == "-") {
            du::error(0, "when reading file names from stdin, no file name of " + du::quote_name(name) +
                             " allowed");
            ok = false;
            return;
        }
        if (name.empty()) {
            if (opts.files0_from)
                du::error(0, du::quote_name_if_needed(*opts.files0_from) + ":" + std::to_string(number) +
                                 ": invalid zero-length file name");
            else
                du::error(0, "invalid zero-length file name");
            ok = false;
            return;
        }
        if (!counter.add_argument(name)) ok = false;
    };

    if (opts.files0_from) {
        std::string data;
        ListRead r = read_files0(*opts.files0_from, data);
        if (r == ListRead::cannot_open) return tool::close_stdout(du::program_name(), 1);
        if (r == ListRead::ok) {
            bool from_stdin = *opts.files0_from == "-";
            std::size_t start = 0, number = 0;
            while (start < data.size()) {
                std::size_t end = data.find('\0', start);
                if (end == std::string::npos) end = data.size();
                one(data.substr(start, end - start), from_stdin, ++number);
                start = end + 1;
            }
        } else {
            ok = false;
        }
    } else {
        for (const auto& f : opts.files) one(f, false, 0);
    }

    if (opts.total) printer.total(counter.total());
    printer.finish();
    return tool::close_stdout(du::program_name(), ok ? 0 : 1);
}
