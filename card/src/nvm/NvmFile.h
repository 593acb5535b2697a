#pragma once
// File access and page check values shared by the image file (Nvm.cpp), the journal (NvmJournal.cpp) and the check
// values (NvmCheck.cpp). Private to card/src/nvm.
#include <cstddef>
#include <cstdint>
#include <string>
#include <sys/types.h>

namespace cdos::card::nvm_detail {

std::string sysError(const std::string& what);
bool preadAll(int fd, std::uint8_t* p, std::size_t n, off_t off);
bool pwriteAll(int fd, const std::uint8_t* p, std::size_t n, off_t off);
// Opens and takes the image for this process only: two card processes on one image would corrupt it.
int openLocked(const std::string& path, int flags, mode_t mode = 0600);

// A user page's check value: CRC-32 of its page number (4 bytes, big-endian) and its content, so that a page
// copied to another place fails too.
std::uint32_t pageCheck(std::uint32_t page, const std::uint8_t* content, std::size_t pageSize);

} // namespace cdos::card::nvm_detail
