// SPDX-License-Identifier: GPL-2.0-or-later
// The compiled part of {fmt} (what libfmt.so holds), built into every tool so that no tool links
// a shared C++ library: loading and relocating libstdc++/libfmt cost more CPU per run than all
// of df's own work (see procstat_tool() in CMakeLists.txt next to this file).
//
// FMT_STATIC_THOUSANDS_SEPARATOR keeps std::locale out: with it {fmt}'s locale hooks answer as
// the "C" locale does (no grouping, '.'), which is what every tool gets anyway since none sets a
// global C++ locale or uses the L format flag. Without it the locale hooks link all of
// libstdc++'s locale facets (~0.5 MiB of code) into every tool.
#define FMT_STATIC_THOUSANDS_SEPARATOR 0
#include <fmt/format-inl.h>

FMT_BEGIN_NAMESPACE
namespace detail {
// The explicit instantiations the library exports (as fmt's own src/format.cc makes them).
template auto dragonbox::to_decimal(float x) noexcept -> dragonbox::decimal_fp<float>;
template auto dragonbox::to_decimal(double x) noexcept -> dragonbox::decimal_fp<double>;
template auto thousands_sep_impl(locale_ref) -> thousands_sep_result<char>;
template auto decimal_point_impl(locale_ref) -> char;
template void buffer<char>::append(const char*, const char*);
template void vformat_to(buffer<char>&, string_view, basic_format_args<FMT_BUFFER_CONTEXT(char)>,
                         locale_ref);
}  // namespace detail
FMT_END_NAMESPACE
