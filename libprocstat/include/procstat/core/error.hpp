// SPDX-License-Identifier: GPL-2.0-or-later
// The one error model of libprocstat: vanished, denied, malformed, other.
#pragma once
#include <string>
#include <utility>

namespace procstat {

enum class Errc {
    ok,
    vanished,   // ENOENT/ESRCH: the process, device or file went away; callers skip silently
    denied,     // EACCES/EPERM: show what the reference tool shows (usually "-" or "?")
    malformed,  // the file was read but its contents do not parse
    other,      // any other errno
};

// Map an errno value to the error model.
Errc classify_errno(int err) noexcept;

// Outcome of a read: the class plus the errno that caused it (0 for ok/malformed).
struct Status {
    Errc code = Errc::ok;
    int err = 0;
    explicit operator bool() const noexcept { return code == Errc::ok; }
    static Status from_errno(int e) noexcept { return {classify_errno(e), e}; }
};

// Small Result<T>: a value or a Status. GCC 12 has no std::expected.
template <typename T>
class Result {
public:
    Result(T v) : value_(std::move(v)), ok_(true) {}
    Result(Status s) : status_(s), ok_(false) {}
    explicit operator bool() const noexcept { return ok_; }
    T& operator*() { return value_; }
    const T& operator*() const { return value_; }
    T* operator->() { return &value_; }
    const T* operator->() const { return &value_; }
    const Status& status() const noexcept { return status_; }

private:
    T value_{};
    Status status_{};
    bool ok_ = false;
};

}  // namespace procstat
