package dev.custos.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Runs the custos command in-process with captured streams and a controlled environment. */
public final class CliRunner {
  public final Map<String, String> env = new HashMap<>();
  /** The fixed time every run sees; tests may move it. */
  Instant now = Instant.parse("2026-11-23T12:00:00Z");

  public record Result(int exitCode, String stdout, String stderr) {}

  public Result run(String... args) {
    return runWithStdin(new byte[0], args);
  }

  Result runWithStdin(byte[] stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CliContext ctx = new CliContext(Map.copyOf(env), new ByteArrayInputStream(stdin),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
        Optional.empty(), Clock.fixed(now, ZoneOffset.UTC), new SecureRandom());
    int code = Main.execute(ctx, args);
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
