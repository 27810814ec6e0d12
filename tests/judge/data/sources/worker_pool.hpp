// A pool of pthread workers. Stop() waits until every worker has left Run(), but never joins
// them: each finished worker is leaked.
#pragma once
#include <pthread.h>

class WorkerPool {
 public:
  explicit WorkerPool(int workers) : workers_(workers) {
    for (int i = 0; i < workers_; ++i) pthread_create(&ids_[i], nullptr, &WorkerPool::Run, this);
  }

  void Stop() {
    pthread_mutex_lock(&mutex_);
    stopping_ = true;
    pthread_cond_broadcast(&changed_);
    while (running_ > 0) pthread_cond_wait(&changed_, &mutex_);
    pthread_mutex_unlock(&mutex_);
  }

 private:
  static void* Run(void* self) {
    auto* pool = static_cast<WorkerPool*>(self);
    pthread_mutex_lock(&pool->mutex_);
    ++pool->running_;
    while (!pool->stopping_) pthread_cond_wait(&pool->changed_, &pool->mutex_);
    --pool->running_;
    pthread_cond_broadcast(&pool->changed_);
    pthread_mutex_unlock(&pool->mutex_);
    return nullptr;
  }

  int workers_;
  pthread_t ids_[8];
  pthread_mutex_t mutex_ = PTHREAD_MUTEX_INITIALIZER;
  pthread_cond_t changed_ = PTHREAD_COND_INITIALIZER;
  int running_ = 0;
  bool stopping_ = false;
};
