package dev.custos.core.frost;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One FROST participant played by {@code interop/frost/peer.mjs} (@noble/curves
 * {@code schnorr_FROST}) in its own node process, spoken to line by line (see the protocol at the
 * top of peer.mjs). A reply starting with {@code err} becomes an {@link IllegalStateException}
 * carrying noble's message.
 */
final class NoblePeer implements AutoCloseable {
  static final HexFormat HEX = HexFormat.of();

  private final Process process;
  private final Writer in;
  private final BufferedReader out;

  NoblePeer(Path script) throws IOException {
    process = new ProcessBuilder("node", script.toString())
        .directory(script.getParent().toFile())
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  /** Sends one request; returns the reply's tokens after {@code ok}. */
  List<String> call(String command, Object... args) throws IOException {
    StringBuilder line = new StringBuilder(command);
    for (Object a : args) {
      line.append(' ').append(a instanceof byte[] b ? HEX.formatHex(b) : a.toString());
    }
    in.write(line.append('\n').toString());
    in.flush();
    String reply = out.readLine();
    if (reply == null) {
      throw new IOException("noble peer exited during " + command);
    }
    List<String> tokens = Arrays.asList(reply.split(" "));
    if (!tokens.getFirst().equals("ok")) {
      throw new IllegalStateException("noble refused " + command + ": " + reply);
    }
    return tokens.subList(1, tokens.size());
  }

  @Override
  public void close() throws IOException, InterruptedException {
    in.close();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroy();
    }
  }
}
