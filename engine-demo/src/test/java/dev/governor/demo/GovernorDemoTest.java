package dev.governor.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GovernorDemoTest {
  @Test
  void run_smallWorkload_printsSeedTotalsDenialsTreesAndTiming() throws InterruptedException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream progress = new ByteArrayOutputStream();

    DemoReport report = GovernorDemo.run(new DemoOptions(3, 5_000, 4, false),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(progress, true, StandardCharsets.UTF_8));

    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(text).startsWith("Governor demo · seed 3 (replay with --seed 3) · 5 owners · 5,000 requests · 4 threads\n"
            + "Provisioned 5 entity types, 2 capabilities, 60 entities and 41 budgets; generated the owners' request "
            + "streams\n")
        .contains(ReportRenderer.render(report))
        .containsPattern("\nWorkload: 5,000 requests on 4 threads in [0-9.]+ s \\([0-9,]+ requests/s\\); whole demo");
    for (OwnerPlan plan : SeedCatalog.owners()) {
      assertThat(text).contains("Governance tree · " + plan.ownerId() + " · " + plan.title());
    }
    assertThat(progress.toString(StandardCharsets.UTF_8)).startsWith("\r").contains("5,000 / 5,000 requests")
        .endsWith(System.lineSeparator());
  }

  @Test
  void line_counts_showsDoneGrantedDeniedAndThroughput() {
    Progress progress = new Progress(2_000);
    progress.recordGranted();
    progress.recordGranted();
    progress.recordDenied();
    progress.recordIngest();

    assertThat(ProgressMeter.line(progress, 2_000_000_000L))
        .isEqualTo("  4 / 2,000 requests · 2 granted · 1 denied · 2 requests/s");
  }
}
