package dev.adkstore.postgres.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The workers' queue: two bounded lanes, reads and writes, taken in turn while both hold work. A
 * read therefore waits for at most one write, however many writes are queued, and a flood of reads
 * cannot starve writes either. Each lane holds at most {@code capacity} tasks; a full lane refuses
 * ({@link #offer} returns false) and the executor reports the call as overloaded.
 *
 * <p>Thread-safe.
 */
final class WorkQueue extends java.util.AbstractQueue<Runnable> implements BlockingQueue<Runnable> {
  /** A task that reads only; every other task counts as a write. */
  interface Read extends Runnable {}

  private final int capacity;
  private final ArrayDeque<Runnable> reads = new ArrayDeque<>();
  private final ArrayDeque<Runnable> writes = new ArrayDeque<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notEmpty = lock.newCondition();
  private final Condition notFull = lock.newCondition();
  private boolean readNext = true;

  WorkQueue(int capacity) {
    this.capacity = capacity;
  }

  @Override
  public boolean offer(Runnable task) {
    lock.lock();
    try {
      ArrayDeque<Runnable> lane = laneOf(task);
      if (lane.size() >= capacity) {
        return false;
      }
      lane.addLast(task);
      notEmpty.signal();
      return true;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean offer(Runnable task, long timeout, TimeUnit unit) throws InterruptedException {
    long nanos = unit.toNanos(timeout);
    lock.lockInterruptibly();
    try {
      while (laneOf(task).size() >= capacity) {
        if (nanos <= 0) {
          return false;
        }
        nanos = notFull.awaitNanos(nanos);
      }
      laneOf(task).addLast(task);
      notEmpty.signal();
      return true;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void put(Runnable task) throws InterruptedException {
    offer(task, Long.MAX_VALUE, TimeUnit.NANOSECONDS);
  }

  @Override
  public Runnable poll() {
    lock.lock();
    try {
      return next();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Runnable take() throws InterruptedException {
    lock.lockInterruptibly();
    try {
      Runnable task;
      while ((task = next()) == null) {
        notEmpty.await();
      }
      return task;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Runnable poll(long timeout, TimeUnit unit) throws InterruptedException {
    long nanos = unit.toNanos(timeout);
    lock.lockInterruptibly();
    try {
      Runnable task;
      while ((task = next()) == null) {
        if (nanos <= 0) {
          return null;
        }
        nanos = notEmpty.awaitNanos(nanos);
      }
      return task;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Runnable peek() {
    lock.lock();
    try {
      boolean read = readNext ? !reads.isEmpty() : writes.isEmpty();
      return read ? reads.peekFirst() : writes.peekFirst();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean remove(Object task) {
    lock.lock();
    try {
      boolean removed = reads.remove(task) || writes.remove(task);
      if (removed) {
        notFull.signalAll();
      }
      return removed;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public int size() {
    lock.lock();
    try {
      return reads.size() + writes.size();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public int remainingCapacity() {
    lock.lock();
    try {
      return 2 * capacity - reads.size() - writes.size();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public int drainTo(Collection<? super Runnable> sink) {
    return drainTo(sink, Integer.MAX_VALUE);
  }

  @Override
  public int drainTo(Collection<? super Runnable> sink, int maxElements) {
    lock.lock();
    try {
      int drained = 0;
      Runnable task;
      while (drained < maxElements && (task = next()) != null) {
        sink.add(task);
        drained++;
      }
      return drained;
    } finally {
      lock.unlock();
    }
  }

  /** A snapshot: the executor only reads it (to count or to find tasks to remove). */
  @Override
  public Iterator<Runnable> iterator() {
    lock.lock();
    try {
      List<Runnable> all = new ArrayList<>(reads);
      all.addAll(writes);
      return all.iterator();
    } finally {
      lock.unlock();
    }
  }

  private ArrayDeque<Runnable> laneOf(Runnable task) {
    return task instanceof Read ? reads : writes;
  }

  // Caller holds the lock.
  private Runnable next() {
    boolean read = readNext ? !reads.isEmpty() : writes.isEmpty();
    Runnable task = read ? reads.pollFirst() : writes.pollFirst();
    if (task != null) {
      readNext = !read;
      notFull.signalAll();
    }
    return task;
  }
}
