// SHA-256 (FIPS 180-4), for the Content-Security-Policy of the batch's HTML page: the page
// allows exactly its own inline script and style by their hashes, so nothing else that
// could ever end up in it would run.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace grader {

// The 32-byte digest of `bytes`.
std::array<std::uint8_t, 32> Sha256(std::string_view bytes);

}  // namespace grader
