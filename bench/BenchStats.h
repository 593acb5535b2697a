#pragma once
// Order statistics the benchmark programs print.
#include <algorithm>
#include <vector>

namespace cdbench {

// p in [0, 1]; the sample at that rank (no interpolation). The vector must not be empty.
inline double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
}

inline double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

} // namespace cdbench
