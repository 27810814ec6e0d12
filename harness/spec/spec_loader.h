// Reads specs/<exercise>/spec.yaml strictly.
//
// Unknown keys (with a did-you-mean), wrong types, bad units, out-of-range numbers and
// missing files all throw InputError("<file>:<line>:<column>: <what is wrong>").
#pragma once

#include <filesystem>
#include <vector>

#include "spec/spec.h"

namespace grader {

// REQUIRES: nothing; throws InputError on any problem with the file or what it names.
ExerciseSpec LoadSpec(const std::filesystem::path& spec_file);

}  // namespace grader
