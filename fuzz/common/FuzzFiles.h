#pragma once
// Files for the targets whose code under test reads a path: one private folder per process (in /dev/shm when it
// exists, so an input costs no disk write), removed at exit.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

namespace cdfuzz {

[[noreturn]] inline void invariantBroken(const std::string& what) {
    std::cerr << "INVARIANT BROKEN: " << what << std::endl;
    std::abort();
}

class ScratchDir {
public:
    ScratchDir() {
        const std::string base = std::filesystem::is_directory("/dev/shm") ? "/dev/shm" : "/tmp";
        std::string templ = base + "/carddesk-fuzz-XXXXXX";
        if (!mkdtemp(templ.data()))
            invariantBroken("cannot make a scratch folder in " + base);
        m_path = templ;
    }
    ~ScratchDir() {
        std::error_code ec;
        std::filesystem::remove_all(m_path, ec);
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
    std::string file(const std::string& name) const { return m_path + "/" + name; }

private:
    std::string m_path;
};

inline void writeFile(const std::string& path, const std::uint8_t* data, std::size_t size) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    if (!out)
        invariantBroken("cannot write " + path);
}

inline std::vector<std::uint8_t> readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::vector<std::uint8_t>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

} // namespace cdfuzz
