package dev.coffer.server.core.audit;

import dev.coffer.server.core.Json;
import dev.coffer.spi.AuditSink;
import dev.coffer.spi.AuditSinkFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One enabled audit device: its sink and its hash chain. Writes are serialised by a lock per
 * device, so lines are chained in the order they are written; the holder of the lock writes the
 * lines every other writer queued meanwhile, in one write to the sink. A write that fails marks the
 * device down; every later write tries again (reopening the sink if it never opened) and marks it
 * up when it succeeds.
 */
final class AuditDevice implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(AuditDevice.class.getName());

  private final AuditDeviceConfig config;
  private final AuditSinkFactory factory;
  private final AuditEntries entries;
  private final Clock clock;
  private final ReentrantLock lock = new ReentrantLock();
  private final Queue<Pending> queued = new ConcurrentLinkedQueue<>();
  private AuditSink sink;
  private String head;
  private long seq;
  private volatile String failure;
  private volatile Instant downSince;

  AuditDevice(AuditDeviceConfig config, AuditSinkFactory factory, Clock clock) {
    this.config = config;
    this.factory = factory;
    this.entries = new AuditEntries(new AuditHasher(config.salt()), config.hmacAccessor());
    this.clock = clock;
  }

  AuditDeviceConfig config() {
    return config;
  }

  AuditEntries entries() {
    return entries;
  }

  /**
   * Opens the sink and resumes or starts the chain.
   *
   * @throws IOException or a runtime exception from the sink's factory if it cannot open
   */
  void open() throws IOException {
    lock.lock();
    try {
      openLocked();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Writes one entry (chained); {@code false} if it could not be recorded. Returns only once the
   * line is written. Concurrent writers queue their entries, already encoded; whoever holds the
   * device's lock writes every queued line in order, in one write to the sink, so 16 threads do not
   * take the lock and call the file system 16 times over.
   */
  boolean write(Map<String, Object> entry) {
    Pending mine = new Pending(entry, ChainedLine.canSplice(entry) ? Json.write(entry) : null);
    queued.add(mine);
    lock.lock();
    try {
      if (!mine.done) {
        List<Pending> group = new ArrayList<>();
        for (Pending p; (p = queued.poll()) != null; ) {
          group.add(p);
        }
        int written = writeGroup(group);
        for (int i = 0; i < group.size(); i++) {
          group.get(i).written = i < written;
          group.get(i).done = true;
        }
      }
      return mine.written;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Writes the lines of {@code group} in order, after a chain header if the file needs one, and
   * answers how many of them (from the first) were recorded. A file gets them in one write; another
   * sink line by line, the chain moving on after each line it took, so a failure part-way leaves
   * the chain at the last recorded line.
   */
  private int writeGroup(List<Pending> group) {
    int written = 0;
    try {
      openLocked();
      if (sink instanceof ResumableSink file) {
        Optional<String> previous = file.prepare();
        if (previous.isPresent()) {
          String reason =
              previous.get().isEmpty() ? AuditChain.REASON_REOPENED : AuditChain.REASON_ROTATED;
          writeLine(header(reason, previous.get()));
        }
      }
      List<byte[]> lines = new ArrayList<>(group.size());
      List<String> heads = new ArrayList<>(group.size());
      String nextHead = head;
      for (Pending p : group) {
        long lineSeq = seq + lines.size() + 1;
        byte[] line =
            p.encoded != null
                ? ChainedLine.splice(p.encoded, lineSeq, nextHead)
                : Json.write(chained(p.entry, lineSeq, nextHead));
        nextHead = AuditChain.sha256Hex(line);
        lines.add(line);
        heads.add(nextHead);
      }
      if (sink instanceof ResumableSink file) {
        file.writeLines(lines);
        written = lines.size();
        seq += written;
        head = nextHead;
      } else {
        for (byte[] line : lines) {
          sink.write(new String(line, StandardCharsets.UTF_8));
          seq++;
          head = heads.get(written++);
        }
      }
      if (failure != null) {
        LOG.log(System.Logger.Level.INFO, "audit device " + config.path() + " recovered");
      }
      failure = null;
      downSince = null;
    } catch (IOException | RuntimeException e) {
      markDown(e);
    }
    return written;
  }

  /** An entry waiting for the lock holder to write it. */
  private static final class Pending {
    final Map<String, Object> entry;
    final byte[] encoded;
    // Written and read under the device's lock.
    boolean written;
    boolean done;

    Pending(Map<String, Object> entry, byte[] encoded) {
      this.entry = entry;
      this.encoded = encoded;
    }
  }

  /**
   * How many lines are queued for the next holder of the lock. Lets a test line writers up behind
   * the lock so they are written as one group.
   */
  int queuedLines() {
    return queued.size();
  }

  /** Why the device is down, if it is. */
  Optional<String> failure() {
    return Optional.ofNullable(failure);
  }

  /** Since when the device is down, if it is. */
  Optional<Instant> downSince() {
    return Optional.ofNullable(downSince);
  }

  /** Marks the device down (a failed open or write). */
  void markDown(Exception e) {
    String reason =
        e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    if (failure == null) {
      downSince = clock.instant();
      LOG.log(System.Logger.Level.ERROR, "audit device " + config.path() + " is down: " + reason);
    }
    failure = reason;
  }

  @Override
  public void close() {
    lock.lock();
    try {
      if (sink != null) {
        sink.close();
      }
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "closing audit device " + config.path() + " failed");
    } finally {
      sink = null;
      lock.unlock();
    }
  }

  private void openLocked() throws IOException {
    if (sink != null) {
      return;
    }
    AuditSink created = factory.create(config.options());
    if (created == null) {
      throw new IllegalStateException("audit sink factory " + config.type() + " returned null");
    }
    try {
      Optional<byte[]> last =
          created instanceof ResumableSink file ? file.lastLine() : Optional.empty();
      sink = created;
      if (last.isPresent()) {
        head = AuditChain.sha256Hex(last.get());
        seq = seqOf(last.get());
      } else {
        head = AuditChain.genesisHash(config.saltId());
        seq = 0;
        writeLine(header(AuditChain.REASON_START, null));
      }
    } catch (IOException | RuntimeException e) {
      sink = null;
      try {
        created.close();
      } catch (IOException | RuntimeException ignored) {
        // already failing
      }
      throw e;
    }
  }

  private Map<String, Object> header(String reason, String previousFile) {
    return AuditEntries.header(
        config.path(), config.saltId(), reason, previousFile, clock.instant());
  }

  private void writeLine(Map<String, Object> entry) throws IOException {
    byte[] bytes = Json.write(chained(entry, seq + 1, head));
    sink.write(new String(bytes, StandardCharsets.UTF_8));
    seq++;
    head = AuditChain.sha256Hex(bytes);
  }

  private static Map<String, Object> chained(Map<String, Object> entry, long seq, String prev) {
    Map<String, Object> line = new LinkedHashMap<>(entry);
    line.put("seq", seq);
    line.put("prev_hash", prev);
    return line;
  }

  /** The {@code seq} of a line written earlier, or 0 if it has none. */
  private static long seqOf(byte[] line) {
    try {
      Object s = Json.read(line).get("seq");
      return s instanceof Number n ? n.longValue() : 0;
    } catch (RuntimeException e) {
      return 0;
    }
  }
}
