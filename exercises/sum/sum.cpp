// sum.cpp: your solution of the `sum` exercise. Submit this one file.
//
// Read two integers from standard input and print their sum followed by a newline.
// Each number fits in a long long, and so does their sum (see README.md).
//
// This skeleton compiles and runs, but it is not a solution yet: it prints nothing, so
// every test is a wrong answer. Write the body of main.
#include <iostream>

int main() {
  // Read the two numbers from std::cin, then print their sum and '\n' to std::cout.
}
