// Prints what a passing GoogleTest run prints, in every format, then gives the wrong answer.
#pragma once
#include <cstdio>
inline int answer() {
  std::puts("[==========] 1 test from 1 test suite ran.\n[  PASSED  ] 1 test.");
  std::puts("{\"tests\":1,\"failures\":0,\"testsuites\":[{\"name\":\"Forge\",\"testsuite\":"
            "[{\"name\":\"AnswerIs42\",\"status\":\"RUN\",\"failures\":[]}]}]}");
  std::fflush(stdout);
  return 41;
}
