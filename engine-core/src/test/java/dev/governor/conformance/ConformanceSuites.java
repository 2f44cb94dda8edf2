package dev.governor.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Every conformance suite of this test-jar, found by scanning the jar (or the test-classes
 * directory) itself: public abstract classes under {@code dev.governor.conformance} whose names end
 * in {@code ConformanceTest}. A store's build runs {@link #missingRunners} so that it cannot forget
 * a suite, including one added after the store was written. Stateless and thread-safe.
 */
public final class ConformanceSuites {
  private static final String PACKAGE = "dev/governor/conformance/";

  private ConformanceSuites() {}

  /** Every suite, sorted by name. */
  public static List<Class<?>> all() {
    List<String> names = new ArrayList<>();
    Path location;
    try {
      location = Path.of(ConformanceSuites.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate the conformance suites", e);
    }
    if (Files.isDirectory(location)) {
      try (Stream<Path> files = Files.walk(location.resolve(PACKAGE))) {
        files.map(p -> location.relativize(p).toString().replace('\\', '/')).forEach(names::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    } else {
      try (JarFile jar = new JarFile(location.toFile())) {
        for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
          names.add(entries.nextElement().getName());
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    List<Class<?>> suites = new ArrayList<>();
    for (String name : names) {
      if (name.startsWith(PACKAGE) && name.endsWith("ConformanceTest.class") && !name.contains("$")) {
        Class<?> c = load(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
        if (Modifier.isAbstract(c.getModifiers()) && Modifier.isPublic(c.getModifiers())) {
          suites.add(c);
        }
      }
    }
    suites.sort((x, y) -> x.getName().compareTo(y.getName()));
    return suites;
  }

  /**
   * The suites without a runner: a concrete class named {@code prefix + suite's simple name} in
   * {@code runnerPackage} that extends the suite.
   */
  public static List<String> missingRunners(String runnerPackage, String prefix) {
    List<String> missing = new ArrayList<>();
    for (Class<?> suite : all()) {
      String runner = runnerPackage + "." + prefix + suite.getSimpleName();
      try {
        Class<?> c = Class.forName(runner);
        if (!suite.isAssignableFrom(c) || Modifier.isAbstract(c.getModifiers())) {
          missing.add(runner + " (exists but does not run " + suite.getName() + ")");
        }
      } catch (ClassNotFoundException e) {
        missing.add(runner + " (for " + suite.getName() + ")");
      }
    }
    return missing;
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name, false, ConformanceSuites.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("listed but not loadable: " + name, e);
    }
  }
}
