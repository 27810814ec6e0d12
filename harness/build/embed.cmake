# Writes OUTPUT: a C++ file defining grader::SYMBOL (a char array) as the text of INPUT, so
# the grader carries the sources it compiles into test binaries and needs no files at run
# time.
file(READ "${INPUT}" text)
file(WRITE "${OUTPUT}" "// Generated from ${INPUT}; do not edit.\nnamespace grader {\nextern const char ${SYMBOL}[] = R\"grader_embedded(${text})grader_embedded\";\n}\n")
