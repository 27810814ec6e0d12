// Reference solution of `sum`: the lecture's sum.cpp with long long instead of int.
// Both numbers and their sum fit in a long long (the exercise guarantees it), so nothing
// overflows; int would already overflow for 2147483647 + 1.
#include <iostream>

long long Sum(long long first, long long second) { return first + second; }

int main() {
  long long first = 0;
  long long second = 0;
  std::cin >> first >> second;
  std::cout << Sum(first, second) << '\n';
}
