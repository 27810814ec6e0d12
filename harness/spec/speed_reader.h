// Reading a test's `speed` mapping (docs/spec-reference.md, "Speed tests").
#pragma once

#include <filesystem>
#include <string>

#include "spec/spec.h"
#include "spec/yaml_reader.h"

namespace grader {

// `spec_dir` resolves `reference`; `context` names the test in messages ("test 'speedup'").
SpeedSpec ReadSpeed(const YamlValue& value, const std::filesystem::path& spec_dir,
                    const std::string& context);

}  // namespace grader
