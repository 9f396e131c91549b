package dev.coffer.bench.load;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises the {@code jdk.ExecutionSample} events of a JFR recording: the methods where samples
 * land (self time), and the Coffer methods the samples pass through (inclusive time). Usage: {@code
 * JfrHotMethods <recording.jfr> [top]}.
 */
public final class JfrHotMethods {
  private JfrHotMethods() {}

  public static void main(String[] args) throws IOException {
    int top = args.length > 1 ? Integer.parseInt(args[1]) : 25;
    Map<String, Integer> self = new HashMap<>();
    Map<String, Integer> inclusive = new HashMap<>();
    int samples = 0;
    for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
      if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
        continue;
      }
      RecordedStackTrace stack = e.getStackTrace();
      if (stack == null || stack.getFrames().isEmpty()) {
        continue;
      }
      samples++;
      List<RecordedFrame> frames = stack.getFrames();
      self.merge(name(frames.get(0)), 1, Integer::sum);
      java.util.Set<String> seen = new java.util.HashSet<>();
      for (RecordedFrame f : frames) {
        String n = name(f);
        if (n.startsWith("dev.coffer.") && seen.add(n)) {
          inclusive.merge(n, 1, Integer::sum);
        }
      }
    }
    System.out.println("execution samples: " + samples);
    print("self (top frame)", self, samples, top);
    print("inclusive, dev.coffer methods", inclusive, samples, top);
  }

  private static String name(RecordedFrame f) {
    return f.getMethod().getType().getName() + "." + f.getMethod().getName();
  }

  private static void print(String title, Map<String, Integer> counts, int total, int top) {
    System.out.println();
    System.out.println("| " + title + " | samples | share |");
    System.out.println("|---|---:|---:|");
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(top)
        .forEach(
            en ->
                System.out.printf(
                    "| `%s` | %d | %.1f%% |%n",
                    en.getKey(), en.getValue(), 100.0 * en.getValue() / Math.max(1, total)));
  }
}
