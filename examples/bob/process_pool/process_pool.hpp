#pragma once

#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

struct ChildProcessError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::vector<std::string> process_map(const std::function<std::string(const std::string&)>& f,
                                     const std::vector<std::string>& items, unsigned processes);
