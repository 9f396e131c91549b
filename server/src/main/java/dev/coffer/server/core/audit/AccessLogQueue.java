package dev.coffer.server.core.audit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A bounded queue of access-log records with one background writer that stores them in batches.
 * Requests {@link #offer} without ever blocking: a full queue drops the record and counts it. The
 * writer takes up to a batch at a time and hands it to the store, then lets the next batch gather
 * for {@link #LINGER_NANOS} (unless a full batch is already waiting): so one commit carries many
 * records, and a request does not wake the writer (a futex call) unless a batch is full.
 *
 * <p>{@link #flush()} stores, on the calling thread, everything queued before the call (including a
 * batch the writer is storing at that moment), so a reader sees its own requests. {@link #stop()}
 * ends the writer and flushes what is left.
 *
 * @param <T> what a record is
 */
final class AccessLogQueue<T> {
  private static final System.Logger LOG = System.getLogger(AccessLogQueue.class.getName());
  private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

  /** How long the writer lets records gather after a batch that was not full. */
  static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private static final long DROP_WARNING_EVERY_NANOS = Duration.ofSeconds(30).toNanos();

  private final BlockingQueue<T> queue;
  private final int batchSize;
  private final Consumer<List<T>> store;

  /** Held while a batch moves from the queue to storage, so a flush waits for it. */
  private final ReentrantLock storing = new ReentrantLock();

  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong lastDropWarning =
      new AtomicLong(System.nanoTime() - DROP_WARNING_EVERY_NANOS);
  private final AtomicLong droppedSinceWarning = new AtomicLong();
  private volatile Predicate<Runnable> guard;
  private volatile Thread writer;
  private volatile boolean running;

  /**
   * @param capacity how many records may wait
   * @param batchSize at most this many records per call of {@code store}
   * @param store stores one batch durably (one storage transaction)
   */
  AccessLogQueue(int capacity, int batchSize, Consumer<List<T>> store) {
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.batchSize = batchSize;
    this.store = store;
  }

  /** Queues a record, or drops and counts it if the queue is full. Never blocks. */
  void offer(T record) {
    if (!queue.offer(record)) {
      dropped.incrementAndGet();
      warnOfDrops();
      return;
    }
    if (queue.size() >= batchSize) {
      Thread w = writer;
      if (w != null) {
        LockSupport.unpark(w);
      }
    }
  }

  /**
   * Starts the background writer; does nothing if it runs.
   *
   * @param guard runs each batch of the writer and answers whether it ran (the core runs it under
   *     its shared lock, only while unsealed); a batch that did not run stays queued
   */
  synchronized void start(Predicate<Runnable> guard) {
    if (writer != null) {
      return;
    }
    this.guard = guard;
    running = true;
    Thread t = new Thread(this::run, "coffer-access-log");
    t.setDaemon(true);
    writer = t;
    t.start();
  }

  /** Ends the background writer and stores everything still queued. */
  synchronized void stop() {
    Thread t = writer;
    if (t != null) {
      running = false;
      LockSupport.unpark(t);
      boolean interrupted = false;
      while (t.isAlive()) {
        try {
          t.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      writer = null;
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    flush();
  }

  /** Stores everything queued before this call, on the calling thread. */
  void flush() {
    storing.lock();
    try {
      int left = queue.size();
      while (left > 0 && storeOneBatch(Math.min(left, batchSize)) > 0) {
        left -= batchSize;
      }
    } finally {
      storing.unlock();
    }
  }

  /** Records dropped because the queue was full, since start-up. */
  long dropped() {
    return dropped.get();
  }

  /** Records lost because storing their batch failed, since start-up. */
  long failed() {
    return failed.get();
  }

  /** Records waiting to be stored. */
  int queued() {
    return queue.size();
  }

  private void run() {
    while (running) {
      if (queue.size() < batchSize) {
        // Lets records gather (or waits for the first): a record waits at most this long.
        LockSupport.parkNanos(this, LINGER_NANOS);
      }
      if (queue.isEmpty()) {
        continue;
      }
      boolean ran =
          guard.test(
              () -> {
                storing.lock();
                try {
                  storeOneBatch(batchSize);
                } finally {
                  storing.unlock();
                }
              });
      if (!ran) {
        LockSupport.parkNanos(this, IDLE_PARK_NANOS);
      }
    }
  }

  /**
   * Moves up to {@code max} records to storage; returns how many. Caller holds {@link #storing}.
   */
  private int storeOneBatch(int max) {
    List<T> batch = new ArrayList<>(Math.min(max, queue.size()));
    queue.drainTo(batch, max);
    if (batch.isEmpty()) {
      return 0;
    }
    try {
      store.accept(batch);
    } catch (RuntimeException e) {
      failed.addAndGet(batch.size());
      LOG.log(
          System.Logger.Level.ERROR,
          batch.size() + " access log records not stored: " + e.getMessage());
    }
    return batch.size();
  }

  private void warnOfDrops() {
    droppedSinceWarning.incrementAndGet();
    long now = System.nanoTime();
    long last = lastDropWarning.get();
    if (now - last >= DROP_WARNING_EVERY_NANOS && lastDropWarning.compareAndSet(last, now)) {
      LOG.log(
          System.Logger.Level.WARNING,
          "access log queue full: "
              + droppedSinceWarning.getAndSet(0)
              + " records dropped since the last warning (the audit devices still have them)");
    }
  }
}
