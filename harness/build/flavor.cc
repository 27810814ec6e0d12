#include "build/flavor.h"

namespace grader {

std::string_view FlavorName(Flavor flavor) {
  switch (flavor) {
    case Flavor::kTsan: return "tsan";
    case Flavor::kAsan: return "asan";
    case Flavor::kRelease: return "release";
  }
  return "release";
}

std::optional<Flavor> ParseFlavor(std::string_view name) {
  for (Flavor f : {Flavor::kTsan, Flavor::kAsan, Flavor::kRelease}) {
    if (FlavorName(f) == name) return f;
  }
  return std::nullopt;
}

std::vector<std::string> FlavorFlags(Flavor flavor) {
  // Frame pointers keep sanitizer and gdb stacks complete at -O1/-O2.
  switch (flavor) {
    case Flavor::kTsan:
      return {"-O1", "-g", "-fno-omit-frame-pointer", "-fsanitize=thread", "-pthread"};
    case Flavor::kAsan:
      return {"-O1", "-g", "-fno-omit-frame-pointer", "-fsanitize=address,undefined",
              "-fno-sanitize-recover=undefined", "-pthread"};
    case Flavor::kRelease:
      return {"-O2", "-g", "-fno-omit-frame-pointer", "-pthread"};
  }
  return {};
}

}  // namespace grader
