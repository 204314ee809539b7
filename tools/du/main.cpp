// SPDX-License-Identifier: GPL-2.0-or-later
// du: estimate file space usage, a drop-in for GNU coreutils 9.1 du (plus --json).
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <clocale>
#include <cstdio>
#include <cstring>
#include <string>

#include "filter.hpp"
#include "messages.hpp"
#include "options.hpp"
#include "output.hpp"
#include "procstat/walk/du.hpp"
#include "toolcommon/stdout_check.hpp"

namespace {

using namespace procstat;

enum class ListRead { ok, cannot_open, read_error };

// Call EACH for every NUL-terminated name of the --files0-from file FROM ("-" is stdin) as
// soon as it has been read, so an endless or slow list is processed as it comes (GNU reads
// it the same way). A last name without the NUL counts too.
template <typename Each>
ListRead for_each_files0(const std::string& from, Each each) {
    int fd = from == "-" ? STDIN_FILENO : ::open(from.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        du::error(errno, "cannot open " + du::quote_name(from) + " for reading");
        return ListRead::cannot_open;
    }
    std::string pending;
    char chunk[65536];
    ListRead result = ListRead::ok;
    for (;;) {
        ssize_t n = ::read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            du::error(errno, du::quote_name_if_needed(from) + ": read error");
            result = ListRead::read_error;
            break;
        }
        if (n == 0) break;
        pending.append(chunk, static_cast<std::size_t>(n));
        std::size_t start = 0, end;
        while ((end = pending.find('\0', start)) != std::string::npos) {
            each(pending.substr(start, end - start));
            start = end + 1;
        }
        pending.erase(0, start);
    }
    if (result == ListRead::ok && !pending.empty()) each(pending);
    if (fd != STDIN_FILENO) ::close(fd);
    return result;
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
    du::RowTests tests;
    if (!du::compile_tests(opts, tests)) return tool::close_stdout(du::program_name(), 1);

    // Threads: decided once from the device of the first operand (or ".").
    {
        struct stat st;
        const std::string first = opts.files.empty() ? std::string(".") : opts.files.front();
        if (::stat(first.c_str(), &st) != 0 && ::stat(".", &st) != 0) st.st_dev = 0;
        opts.walk.threads = walk::default_threads(st.st_dev);
    }

    du::Printer printer(opts, &tests);
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
        bool from_stdin = *opts.files0_from == "-";
        std::size_t number = 0;
        ListRead r = for_each_files0(*opts.files0_from,
                                     [&](const std::string& name) { one(name, from_stdin, ++number); });
        if (r == ListRead::cannot_open) return tool::close_stdout(du::program_name(), 1);
        if (r == ListRead::read_error) ok = false;
    } else {
        for (const auto& f : opts.files) one(f, false, 0);
    }

    if (opts.total) printer.total(counter.total());
    printer.finish();
    // A failed check decides the status (3), as in df and free.
    int status = !printer.check_passed() ? 3 : ok ? 0 : 1;
    return tool::close_stdout(du::program_name(), status);
}
