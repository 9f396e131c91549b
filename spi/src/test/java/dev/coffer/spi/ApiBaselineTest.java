package dev.coffer.spi;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Keeps the SPI compatible with plugins already built against it: every line of the committed
 * baseline ({@code src/test/resources/api-baseline.txt}) must still be part of the compiled SPI.
 * Additions are allowed, except a new abstract method in an existing type, which would break every
 * plugin implementing it (give it a default instead).
 *
 * <p>To change the SPI deliberately (a new {@link SpiVersion#MAJOR}, or an {@link Experimental}
 * part), regenerate the baseline and commit it with the change:
 *
 * <pre>
 * ./mvnw -B -o -q -pl spi test -Dtest=ApiBaselineTest -Dcoffer.api.regenerate=true
 * </pre>
 */
class ApiBaselineTest {
  static final Path BASELINE = Path.of("src/test/resources/api-baseline.txt");
  private static final String HOW_TO_REGENERATE =
      "If this change is deliberate (a new SpiVersion.MAJOR, or a change to an @Experimental"
          + " part), regenerate the baseline and commit it with the change:\n"
          + "  ./mvnw -B -o -q -pl spi test -Dtest=ApiBaselineTest -Dcoffer.api.regenerate=true";

  @Test
  void everyPartOfTheBaselineIsStillThereAndNoAbstractMethodWasAdded() throws IOException {
    TreeSet<String> current = ApiSurface.current();
    if (Boolean.getBoolean("coffer.api.regenerate")) {
      Files.write(BASELINE, header(current), UTF_8);
    }
    TreeSet<String> baseline = read(BASELINE);

    List<String> problems = new ArrayList<>();
    for (String line : baseline) {
      if (!current.contains(line)) {
        problems.add("removed or changed: " + line);
      }
    }
    Set<String> knownTypes = new TreeSet<>();
    baseline.forEach(l -> knownTypes.add(typeOf(l)));
    for (String line : current) {
      if (!baseline.contains(line)
          && knownTypes.contains(typeOf(line))
          && line.contains(" | method ")
          && line.contains(" abstract ")) {
        problems.add("new abstract method (breaks implementations; add a default): " + line);
      }
    }
    assertThat(problems)
        .as("The SPI changed incompatibly with %s.\n%s", BASELINE, HOW_TO_REGENERATE)
        .isEmpty();
  }

  @Test
  void theBaselineCoversEveryPublicTypeOfTheSpi() throws IOException {
    Set<String> baselineTypes = new TreeSet<>();
    read(BASELINE).forEach(l -> baselineTypes.add(typeOf(l)));
    assertThat(baselineTypes).contains("dev.coffer.spi.Plugin", "dev.coffer.spi.PathSpec$Builder");
  }

  private static String typeOf(String line) {
    return line.substring(0, line.indexOf(" | "));
  }

  private static TreeSet<String> read(Path file) throws IOException {
    TreeSet<String> lines = new TreeSet<>();
    for (String line : Files.readAllLines(file, UTF_8)) {
      if (!line.isBlank() && !line.startsWith("#")) {
        lines.add(line);
      }
    }
    return lines;
  }

  private static List<String> header(TreeSet<String> lines) {
    List<String> out = new ArrayList<>();
    out.add(
        "# The public API of coffer-spi that plugins compile against. Checked by ApiBaselineTest:");
    out.add("# lines may be added, never removed or changed within one SpiVersion.MAJOR.");
    out.add("# Regenerate deliberately with:");
    out.add("#   ./mvnw -B -o -q -pl spi test -Dtest=ApiBaselineTest -Dcoffer.api.regenerate=true");
    out.addAll(lines);
    return out;
  }
}
