# Writes OUTPUT: a C++ file defining grader::kChaosRuntimeSourceText as the text of INPUT.
file(READ "${INPUT}" text)
file(WRITE "${OUTPUT}" "// Generated from ${INPUT}; do not edit.\nnamespace grader {\nextern const char kChaosRuntimeSourceText[] = R\"grader_chaos(${text})grader_chaos\";\n}\n")
