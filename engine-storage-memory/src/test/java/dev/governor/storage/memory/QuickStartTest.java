package dev.governor.storage.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Keeps the README's quick start compiling, running and saying what it prints. */
class QuickStartTest {
  private static final Path SOURCE = Path.of("src/test/java/dev/governor/storage/memory/QuickStart.java");
  private static final Path README = Path.of("../README.md");

  @Test
  void run_seedCatalog_checkGrantsThenSecondConsumeIsDenied() {
    assertThat(QuickStart.run()).isEqualTo("true GRANTED DENIED");
  }

  @Test
  void readme_quickStartBlock_matchesTheCodeThatRuns() throws IOException {
    List<String> code = between(Files.readAllLines(SOURCE), "// quick-start:begin", "// quick-start:end");
    List<String> readme = between(Files.readAllLines(README), "<!-- quick-start:begin -->", "<!-- quick-start:end -->");
    // The README block is fenced as ```java ... ```; compare the code lines without the common indent.
    assertThat(strip(readme.subList(1, readme.size() - 1))).isEqualTo(strip(code));
    assertThat(code).hasSizeLessThanOrEqualTo(15);
  }

  private static List<String> between(List<String> lines, String begin, String end) {
    int from = -1;
    int to = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).trim().equals(begin)) {
        from = i + 1;
      } else if (lines.get(i).trim().equals(end)) {
        to = i;
      }
    }
    assertThat(from).as("marker %s", begin).isPositive();
    assertThat(to).as("marker %s", end).isGreaterThan(from);
    return lines.subList(from, to);
  }

  private static List<String> strip(List<String> lines) {
    int indent = Integer.MAX_VALUE;
    for (String l : lines) {
      if (!l.isBlank()) {
        indent = Math.min(indent, l.length() - l.stripLeading().length());
      }
    }
    List<String> out = new ArrayList<>();
    for (String l : lines) {
      out.add(l.isBlank() ? "" : l.substring(indent).stripTrailing());
    }
    return out;
  }
}
