package dev.custos.ldk.harness;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Whether ldk-java's JNI library (liblightningjni, shipped inside the ldk-java jar for Linux
 * x86-64 and macOS) loads in this JVM. Tests that drive LDK call {@link #assumeLoaded()}: on a
 * platform without the library they are skipped with a message saying why, everywhere else a
 * load failure cannot hide because the assumption only looks at the class initializer.
 */
public final class LdkNative {
  private static final String FAILURE = probe();

  private LdkNative() {}

  /** Skips the calling test, with the loader's reason, when the native library did not load. */
  public static void assumeLoaded() {
    assumeTrue(FAILURE == null, () -> "SKIPPED: ldk-java native library did not load on "
        + System.getProperty("os.name") + "/" + System.getProperty("os.arch") + ": " + FAILURE);
  }

  private static String probe() {
    try {
      Class.forName("org.ldk.impl.bindings", true, LdkNative.class.getClassLoader());
      return null;
    } catch (ClassNotFoundException | LinkageError e) {
      return e.getClass().getSimpleName() + " " + e.getMessage();
    }
  }
}
