// Makes the compiler build a type whose name doubles at each of 40 levels.
#include <utility>
template <int N, class T>
struct Bomb {
  using type = typename Bomb<N - 1, std::pair<T, T>>::type;
};
template <class T>
struct Bomb<0, T> {
  using type = T;
};
int main() {
  typename Bomb<40, int>::type value{};
  (void)value;
}
